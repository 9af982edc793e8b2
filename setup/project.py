#!/usr/bin/env python3
# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set up, run and test the project's Odoo addons.

Used by the Makefile (``make run``, ``make test``, ``make install-check``).
Only the standard library is imported here, so that the script can explain
what is missing before anything is installed. Odoo itself is never located
by path: it must be importable by this Python, like for any addon repository.
"""

import argparse
import fcntl
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DATA_DIR = BUILD / "data"
LOG_DIR = BUILD / "logs"
CONF = BUILD / "odoo.conf"
PY = sys.executable

DEMO_DB = os.environ.get("DEMO_DB", "ccs_demo")
# The template's attachments (web assets) live in this checkout's data_dir, so
# each checkout has its own template database.
TEST_TEMPLATE = os.environ.get(
    "TEST_TEMPLATE",
    "ccs_test_template_" + hashlib.sha256(str(DATA_DIR).encode()).hexdigest()[:8],
)
LANGS = "it_IT,fr_FR"

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<msg>.*)$"
)
SUMMARY = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) tests"
)
# WARNING lines raised by Odoo or OCA code we do not own, known to be harmless.
# Each entry: (logger regex, message regex). Keep this list short and explained.
ALLOWED_WARNINGS = [
    # Odoo warns when the test HTTP server logs a 4xx/5xx that a test provokes
    # on purpose (token matrix, CSRF); the test asserts on the answer itself.
    (r"^odoo\.http$", r"^(Sorry, you are not allowed|Session expired|.*CSRF)"),
    (r"^werkzeug$", r'.*" (400|403|404|405|429) '),
    # Odoo core: a warning emitted when a test deliberately triggers an access
    # error; assertions are in the test.
    (r"^odoo\.addons\.base\.models\.ir_rule$", r"^Access Denied by record rules"),
    (r"^odoo\.models$", r"^Access Denied by ACLs"),
    # Odoo's mail gateway warns about the e-mail it rejects on purpose in tests.
    (r"^odoo\.addons\.mail\.models\.mail_thread$", r"^Routing mail"),
    # Odoo's own runner: the summary line is logged at WARNING level when a
    # run has no test (we fail on that ourselves, with a clear message).
    (r"^odoo\.tests\.result$", r"^0 failed, 0 error\(s\) of 0 tests"),
]


def say(msg):
    print(f"[project] {msg}", flush=True)


def die(msg, code=2):
    print(f"[project] ERROR: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


def run(cmd, check=True, **kwargs):
    return subprocess.run(cmd, check=check, **kwargs)


# --------------------------------------------------------------------- odoo
def check_odoo():
    code = (
        "import sys, odoo.release as r;"
        "sys.stdout.write('.'.join(map(str, r.version_info[:2])))"
    )
    res = run([PY, "-c", code], check=False, capture_output=True, text=True)
    if res.returncode != 0:
        die(
            f"Odoo 18.0 is not importable by {PY}: install Odoo 18.0 Community "
            "into this Python (pip install -e <odoo-18.0-source> "
            "--config-settings editable_mode=compat) and run this again.",
            code=3,
        )
    if res.stdout.strip() != "18.0":
        die(f"Odoo {res.stdout.strip()} found; these addons need Odoo 18.0.", code=3)


def odoo_addons_paths():
    """Every folder holding Odoo addons for the importable Odoo and OCA wheels."""
    code = (
        "import json, os, odoo, odoo.addons;"
        "root = os.path.dirname(os.path.abspath(odoo.__file__));"
        "paths = [os.path.join(root, 'addons'), os.path.join(root, '..', 'addons')]"
        " + list(odoo.addons.__path__);"
        "print(json.dumps([os.path.realpath(p) for p in paths]))"
    )
    res = run([PY, "-c", code], capture_output=True, text=True)
    paths = []
    for path in json.loads(res.stdout):
        is_new = os.path.isdir(path) and path not in paths and Path(path) != ROOT
        if is_new and any(Path(path).glob("*/__manifest__.py")):
            paths.append(path)
    return paths


def own_addons():
    return sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))


def read_manifest(path):
    import ast

    return ast.literal_eval(Path(path).read_text())


def external_dependencies():
    """Modules our addons depend on (recursively declared ones are Odoo's job)."""
    ours = set(own_addons())
    deps = set()
    for name in ours:
        deps.update(read_manifest(ROOT / name / "__manifest__.py")["depends"])
    return sorted(deps - ours)


def write_config():
    BUILD.mkdir(exist_ok=True)
    LOG_DIR.mkdir(exist_ok=True)
    (BUILD / "tmp").mkdir(exist_ok=True)
    (BUILD / "screenshots").mkdir(exist_ok=True)
    paths = [str(ROOT)] + odoo_addons_paths()
    CONF.write_text(
        "[options]\n"
        f"addons_path = {','.join(paths)}\n"
        f"data_dir = {DATA_DIR}\n"
        f"screenshots = {BUILD / 'screenshots'}\n"
        "http_interface = 127.0.0.1\n"
        "without_demo = False\n"
        "list_db = False\n"
        "max_cron_threads = 1\n"
    )
    return CONF


# --------------------------------------------------------------- postgresql
def pg_ready():
    return subprocess.run(["pg_isready", "-q"], check=False).returncode == 0


def start_postgres():
    if pg_ready():
        return
    say("PostgreSQL is not running: starting it")
    if shutil.which("pg_lsclusters") and shutil.which("pg_ctlcluster"):
        out = run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            version, cluster, _port, status = line.split()[:4]
            if status != "online":
                run(["pg_ctlcluster", version, cluster, "start"], check=False)
    elif shutil.which("service"):
        run(["service", "postgresql", "start"], check=False)
    for _attempt in range(30):
        if pg_ready():
            return
        time.sleep(1)
    die("PostgreSQL could not be started; start it and run this again.")


def ensure_role():
    user = os.environ.get("PGUSER") or os.environ.get("USER") or "root"
    if user == "postgres":
        die("Odoo refuses to run as the 'postgres' user: run as another OS user.")
    res = run(
        ["psql", "-d", "postgres", "-tAc", "select 1"],
        check=False,
        capture_output=True,
        text=True,
    )
    if res.returncode == 0:
        return
    if "does not exist" not in res.stderr or "role" not in res.stderr:
        die(f"cannot connect to PostgreSQL: {res.stderr.strip()}")
    say(f"creating the PostgreSQL role {user!r}")
    create = ["createuser", "--superuser", user]
    if os.geteuid() == 0:
        create = ["runuser", "-u", "postgres", "--"] + create
    elif shutil.which("sudo"):
        create = ["sudo", "-u", "postgres"] + create
    run(create)


def psql(sql, db="postgres"):
    res = run(
        ["psql", "-d", db, "-v", "ON_ERROR_STOP=1", "-tAc", sql],
        capture_output=True,
        text=True,
    )
    return res.stdout.strip()


def db_exists(name):
    return psql(f"select count(*) from pg_database where datname = '{name}'") == "1"


def drop_db(name):
    if db_exists(name):
        psql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
        psql(
            "select pg_terminate_backend(pid) from pg_stat_activity "
            f"where datname = '{name}'"
        )
        run(["dropdb", "--if-exists", name])
    shutil.rmtree(DATA_DIR / "filestore" / name, ignore_errors=True)


# ------------------------------------------------------------ requirements
def requirements_stamp():
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes())
    digest.update(PY.encode())
    return digest.hexdigest()


def install_requirements():
    stamp_file = BUILD / "requirements.stamp"
    stamp = requirements_stamp()
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    say("installing the Python requirements (requirements.txt)")
    res = run(
        [PY, "-m", "pip", "install", "-q", "-r", str(ROOT / "requirements.txt")],
        check=False,
    )
    if res.returncode != 0:
        die("pip could not install requirements.txt (see above).")
    BUILD.mkdir(exist_ok=True)
    stamp_file.write_text(stamp)


def ensure_system_packages(packages):
    """Install Debian packages whose command is missing: {command: package}."""
    missing = sorted({pkg for cmd, pkg in packages.items() if not shutil.which(cmd)})
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        die(f"please install these system packages: {', '.join(missing)}")
    say(f"installing system packages: {', '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", *missing], env=env)


# PDF reports (privacy consent form, repair report) need wkhtmltopdf; the tours
# need a Chromium that Odoo's test driver finds on PATH.
RUN_PACKAGES = {"wkhtmltopdf": "wkhtmltopdf"}
TEST_PACKAGES = {"wkhtmltopdf": "wkhtmltopdf", "chromium": "chromium"}


def prepare(packages):
    check_odoo()
    ensure_system_packages(packages)
    start_postgres()
    ensure_role()
    install_requirements()
    return write_config()


# --------------------------------------------------------------------- odoo
def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_cmd(db, *args):
    return [PY, "-m", "odoo", "-c", str(CONF), "-d", db, *args]


def run_odoo(db, args, log_name, env=None):
    """Run Odoo (stop-after-init) with a full log file; return (rc, log path)."""
    log = LOG_DIR / f"{log_name}.log"
    cmd = odoo_cmd(
        db,
        "--stop-after-init",
        f"--http-port={free_port()}",
        f"--logfile={log}",
        "--log-level=info",
        *args,
    )
    if log.exists():
        log.unlink()
    rc = run(cmd, check=False, env=env).returncode
    return rc, log


def parse_log(log):
    """Return (problems, summaries, skipped, tests_ran_lines)."""
    problems, summaries, skipped = [], [], []
    current = None
    for line in log.read_text(errors="replace").splitlines():
        match = LOG_LINE.match(line)
        if not match:
            if current is not None and len(current) < 40:
                current.append(line)
            continue
        current = None
        level, logger, msg = match["level"], match["logger"], match["msg"]
        summary = SUMMARY.search(msg)
        if logger == "odoo.tests.result" and summary:
            summaries.append(summary)
        if level == "INFO" and re.match(r"skipped \S+ : ", msg):
            skipped.append(line)
        if level in ("ERROR", "CRITICAL") or (
            level == "WARNING" and not warning_allowed(logger, msg)
        ):
            current = [line]
            problems.append(current)
    return problems, summaries, skipped


def warning_allowed(logger, msg):
    return any(
        re.search(lre, logger) and re.search(mre, msg) for lre, mre in ALLOWED_WARNINGS
    )


def check_log(log, rc, expect_tests):
    problems, summaries, skipped = parse_log(log)
    failed = []
    for problem in problems:
        print("\n".join(problem), file=sys.stderr)
    if rc != 0:
        failed.append(f"Odoo exited with code {rc}")
    if problems:
        failed.append(f"{len(problems)} ERROR/WARNING line(s) in {log}")
    if skipped:
        print("\n".join(skipped), file=sys.stderr)
        failed.append(f"{len(skipped)} test(s) skipped (a skipped test proves nothing)")
    total = 0
    if expect_tests:
        if not summaries:
            failed.append("no test summary in the log: did the tests run?")
        for summary in summaries:
            say(f"Odoo test runner: {summary.group(0)}")
            total += int(summary["total"])
            if int(summary["failed"]) or int(summary["errors"]):
                failed.append(summary.group(0))
        if summaries and total == 0:
            failed.append("Odoo's test runner ran 0 tests")
    return failed, total


# ----------------------------------------------------------------- template
def template_stamp(deps):
    code = (
        "import json, importlib.metadata as m;"
        "print(json.dumps(sorted(f\"{d.metadata['Name']}=={d.version}\" "
        "for d in m.distributions() if d.metadata['Name'] and "
        "d.metadata['Name'].lower().startswith('odoo'))))"
    )
    dists = run([PY, "-c", code], capture_output=True, text=True).stdout
    digest = hashlib.sha256(
        json.dumps([deps, dists, LANGS, "demo", 3]).encode()
    ).hexdigest()[:16]
    return f"ccs-template {digest}"


def ensure_template():
    """The test template: our addons' external dependencies, demo data, assets."""
    deps = external_dependencies()
    stamp = template_stamp(deps)
    if db_exists(TEST_TEMPLATE):
        current = psql(
            "select shobj_description(oid, 'pg_database') from pg_database "
            f"where datname = '{TEST_TEMPLATE}'"
        )
        filestore = DATA_DIR / "filestore" / TEST_TEMPLATE
        if current == stamp and filestore.is_dir():
            return
        say("the dependencies changed: rebuilding the test template database")
        drop_db(TEST_TEMPLATE)
    say(f"building the test template database with {', '.join(deps)}")
    started = time.time()
    rc, log = run_odoo(TEST_TEMPLATE, ["-i", ",".join(deps)], "template")
    failed, _total = check_log(log, rc, expect_tests=False)
    if failed:
        drop_db(TEST_TEMPLATE)
        die("building the template failed: " + "; ".join(failed))
    odoo_task(TEST_TEMPLATE, "load-languages")
    odoo_task(TEST_TEMPLATE, "pregenerate-assets")
    psql(f"COMMENT ON DATABASE \"{TEST_TEMPLATE}\" IS '{stamp}'")
    psql(f'ALTER DATABASE "{TEST_TEMPLATE}" WITH ALLOW_CONNECTIONS false')
    say(f"template ready in {time.time() - started:.0f} s")


def odoo_task(db, task):
    """Run one of setup/odoo_tasks.py's tasks on ``db``."""
    log = LOG_DIR / f"task-{task}-{db}.log"
    res = run(
        [PY, str(ROOT / "setup" / "odoo_tasks.py"), str(CONF), db, task, str(log)],
        check=False,
    )
    if res.returncode != 0:
        die(f"the task {task} failed on {db} (see {log})")


def clone_template(name):
    drop_db(name)
    run(["createdb", "-T", TEST_TEMPLATE, name])
    source = DATA_DIR / "filestore" / TEST_TEMPLATE
    if source.exists():
        shutil.copytree(source, DATA_DIR / "filestore" / name)


class TemplateLock:
    def __enter__(self):
        BUILD.mkdir(exist_ok=True)
        self.handle = open(BUILD / "template.lock", "w")
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


# ------------------------------------------------------------------ commands
def cmd_test(args):
    prepare(TEST_PACKAGES)
    addons = args.addons.split(",") if args.addons else own_addons()
    db = args.db or f"ccs_test_{os.getpid()}"
    with TemplateLock():
        ensure_template()
        clone_template(db)
    env = dict(os.environ, TMPDIR=str(BUILD / "tmp"))
    failures = []
    started = time.time()
    try:
        say(f"installing {', '.join(addons)} on {db} and running their tests")
        tags = ",".join(f"/{a}" for a in addons)
        rc, log = run_odoo(
            db, ["-i", ",".join(addons), f"--test-tags={tags}"], "test-odoo", env=env
        )
        failed, total = check_log(log, rc, expect_tests=True)
        failures += [f"Odoo runner: {f}" for f in failed]
        say(f"Odoo runner done in {time.time() - started:.0f} s (log: {log})")
        if not args.addons:
            pytest_failures, passed = run_pytest(db, env)
            failures += pytest_failures
            total += passed
    finally:
        if not args.keep:
            drop_db(db)
    if not failures and not args.addons and not args.no_install_check:
        failures += install_check()
    if failures:
        for failure in failures:
            say(f"FAILED: {failure}")
        sys.exit(1)
    say("every test passed; Odoo's runner and pytest-odoo together:")
    print(f"{total} passed, 0 failed", flush=True)


def run_pytest(db, env):
    started = time.time()
    tests = ROOT / "tests"
    if not any(tests.glob("test_*.py")):
        return ["no cross-addon test in tests/"]
    # pytest-odoo imports odoo.tests before it reads its options, and Odoo logs
    # an ERROR when its test framework is imported outside test mode. Odoo's
    # configuration is first read at import time from ODOO_RC: there, a test
    # tag (matching no test) turns test mode on; pytest-odoo's own
    # --odoo-config replaces that configuration before anything runs.
    import_conf = BUILD / "odoo-import.conf"
    import_conf.write_text("[options]\ntest_tags = /__import_only__\n")
    env = dict(env, ODOO_RC=str(import_conf))
    cmd = [
        PY,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        "-rfEs",
        f"--odoo-database={db}",
        f"--odoo-config={CONF}",
        "--odoo-http",
        "--odoo-log-level=warn",
        str(tests),
    ]
    passed, problems = 0, 0
    with subprocess.Popen(
        cmd,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        for line in proc.stdout:
            print(line, end="", flush=True)
            match = re.search(r"(\d+) passed", line)
            if match and " in " in line:
                passed = int(match.group(1))
            logged = LOG_LINE.match(line.rstrip("\n"))
            if logged and (
                logged["level"] in ("ERROR", "CRITICAL")
                or logged["level"] == "WARNING"
                and not warning_allowed(logged["logger"], logged["msg"])
            ):
                problems += 1
    say(f"pytest-odoo done in {time.time() - started:.0f} s")
    failures = []
    if problems:
        failures.append(f"pytest-odoo: {problems} ERROR/WARNING line(s) logged")
    if proc.returncode == 5:
        failures.append("pytest-odoo collected no test")
    elif proc.returncode != 0:
        failures.append(f"pytest-odoo exited with code {proc.returncode}")
    return failures, passed


def cmd_install_check(args):
    prepare(RUN_PACKAGES)
    failures = install_check()
    if failures:
        for failure in failures:
            say(f"FAILED: {failure}")
        sys.exit(1)


def install_check():
    """Install each addon alone, then all together, on fresh empty databases."""
    addons = own_addons()
    sets = [[a] for a in addons] + [addons]
    failures = []
    for addon_set in sets:
        db = f"ccs_install_{'_'.join(a.split('_')[-1] for a in addon_set)}"
        drop_db(db)
        say(f"installing {', '.join(addon_set)} on an empty database (with demo data)")
        started = time.time()
        rc, log = run_odoo(db, ["-i", ",".join(addon_set)], f"install-{db}")
        failed, _total = check_log(log, rc, expect_tests=False)
        failures += [f"{'+'.join(addon_set)}: {f}" for f in failed]
        say(f"  done in {time.time() - started:.0f} s")
        drop_db(db)
    if not failures:
        say("each addon installs alone, and all together, without warnings")
    return failures


def cmd_run(args):
    prepare(RUN_PACKAGES)
    addons = own_addons()
    db = args.db or DEMO_DB
    new = not db_exists(db)
    if new:
        say(f"creating the demo database {db} with {', '.join(addons)} and demo data")
        action = ["-i", ",".join(addons)]
    else:
        say(f"updating {', '.join(addons)} in the demo database {db}")
        action = ["-u", ",".join(addons)]
    rc, log = run_odoo(db, action, f"run-{db}")
    failed, _total = check_log(log, rc, expect_tests=False)
    if rc != 0:
        die(f"the demo database could not be prepared ({'; '.join(failed)})")
    if new:
        odoo_task(db, "load-languages")
    for failure in failed:
        say(f"warning: {failure}")
    port = args.port
    say(f"Odoo is starting on http://localhost:{port} (login admin / password admin)")
    os.execv(
        PY,
        odoo_cmd(
            db,
            f"--http-port={port}",
            f"--db-filter=^{re.escape(db)}$",
        ),
    )


def cmd_bench(args):
    """Run bench/bench_*.py on a clone of the template with our addons."""
    prepare(TEST_PACKAGES)
    db = args.db or "ccs_bench"
    with TemplateLock():
        ensure_template()
        clone_template(db)
    scripts = sorted((ROOT / "bench").glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if args.only in s.name]
    failures = []
    try:
        rc, log = run_odoo(db, ["-i", ",".join(own_addons())], "bench-install")
        failed, _total = check_log(log, rc, expect_tests=False)
        if failed:
            die("installing the addons for the benchmarks failed: " + "; ".join(failed))
        for script in scripts:
            say(f"benchmark {script.name}")
            res = run(
                [PY, str(script), "--config", str(CONF), "--db", db],
                check=False,
                cwd=ROOT,
            )
            if res.returncode != 0:
                failures.append(f"{script.name} exited with code {res.returncode}")
    finally:
        if not args.keep:
            drop_db(db)
    if failures:
        die("; ".join(failures), code=1)


def cmd_i18n(args):
    """Export each addon's .pot and merge it into it.po / fr.po."""
    prepare(RUN_PACKAGES)
    db = "ccs_i18n"
    with TemplateLock():
        ensure_template()
        clone_template(db)
    try:
        rc, log = run_odoo(db, ["-i", ",".join(own_addons())], "i18n-install")
        failed, _total = check_log(log, rc, expect_tests=False)
        if failed:
            die("installing the addons failed: " + "; ".join(failed))
        odoo_task(db, "export-pots")
        say("i18n/<addon>.pot written, merged into it.po and fr.po")
    finally:
        drop_db(db)


def cmd_clean(args):
    """Drop this checkout's test template database."""
    start_postgres()
    drop_db(TEST_TEMPLATE)


def cmd_prepare(args):
    prepare(TEST_PACKAGES)
    say(f"configuration written to {CONF}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare", help="PostgreSQL, requirements and odoo.conf")
    run_p = sub.add_parser("run", help="demo database, then serve Odoo")
    run_p.add_argument("--db")
    run_p.add_argument("--port", type=int, default=8069)
    test_p = sub.add_parser("test", help="run every test on a clone of the template")
    test_p.add_argument("--db", help="name of the throw-away test database")
    test_p.add_argument("--addons", help="only these addons (comma separated)")
    test_p.add_argument("--keep", action="store_true", help="keep the test database")
    test_p.add_argument(
        "--no-install-check",
        action="store_true",
        help="skip installing each addon alone on an empty database",
    )
    sub.add_parser("install-check", help="install each addon alone on an empty db")
    sub.add_parser("i18n", help="export .pot files and merge them into it/fr .po")
    sub.add_parser("clean", help="drop this checkout's test template database")
    bench_p = sub.add_parser("bench", help="run the benchmarks of bench/")
    bench_p.add_argument("--db", help="name of the throw-away benchmark database")
    bench_p.add_argument("--only", help="only the scripts whose name contains this")
    bench_p.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    {
        "prepare": cmd_prepare,
        "run": cmd_run,
        "test": cmd_test,
        "install-check": cmd_install_check,
        "bench": cmd_bench,
        "i18n": cmd_i18n,
        "clean": cmd_clean,
    }[args.command](args)


if __name__ == "__main__":
    main()
