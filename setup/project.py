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
# click-odoo-contrib's template cache: databases named <prefix>-<date>-<hash>,
# shared by every checkout of this machine (their attachments are stored in
# the database, not in a checkout's filestore).
TEMPLATE_PREFIX = os.environ.get("TEMPLATE_PREFIX", "ccstest")
LANGS = "it_IT,fr_FR"
CHECKLOG_CONF = ROOT / "setup" / "checklog-odoo.cfg"
# Installed in the test databases only, beside our dependencies: modules our
# addons must work with without depending on them (l10n_it_edi shares its
# l10n_it_codice_fiscale with customer_comm's fiscal code).
TEST_ONLY_MODULES = ["l10n_it_edi"]

# Odoo's runner logs each skipped test at INFO level, which checklog-odoo does
# not look at; a skipped test (a tour without Chromium) proves nothing.
SKIPPED = re.compile(r"^\S+ \S+ \d+ INFO \S+ \S+: skipped \S+ : ")
SUMMARY = re.compile(
    r"odoo\.tests\.result: (?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) "
    r"of (?P<total>\d+) tests"
)


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


def external_dependencies():
    """The modules our addons depend on, besides each other (manifestoo)."""
    res = run(
        [PY, "-m", "manifestoo", "--select-addons-dir", str(ROOT)]
        + ["--no-addons-path-from-import-odoo", "list-depends", "--separator=,"],
        capture_output=True,
        text=True,
    )
    return res.stdout.strip().split(",")


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


def db_exists(name):
    sql = f"select 1 from pg_database where datname = '{name}'"
    res = run(["psql", "-d", "postgres", "-tAc", sql], capture_output=True, text=True)
    return res.stdout.strip() == "1"


def drop_db(name):
    """Drop a database of ours and its filestore (connections closed first)."""
    if db_exists(name):
        run(["dropdb", "--force", name])
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
# need a Chromium that Odoo's test driver finds on PATH; click-odoo-makepot
# merges the .pot files into the .po files with gettext's msgmerge.
RUN_PACKAGES = {"wkhtmltopdf": "wkhtmltopdf"}
TEST_PACKAGES = {"wkhtmltopdf": "wkhtmltopdf", "chromium": "chromium"}
# OCA helpdesk extensions our users install beside customer_request: not
# dependencies of our addons, installed with them in each test run (so that
# their own at_install tests run too) and tested with ours
TEST_EXTRA_MODULES = ["helpdesk_mgmt_stage_validation", "helpdesk_type"]
I18N_PACKAGES = {"wkhtmltopdf": "wkhtmltopdf", "msgmerge": "gettext"}


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
    """Run Odoo (stop-after-init) with a full log file; return (rc, log path).

    In test mode Odoo serves HTTP even with --no-http: each run gets a port."""
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


def odoo_task(task, log_name, *args):
    """Run one of setup/odoo_tasks.py's click-odoo commands; die if it fails."""
    log = LOG_DIR / f"{log_name}.log"
    cmd = [PY, str(ROOT / "setup" / "odoo_tasks.py"), task, "-c", str(CONF)]
    res = run([*cmd, f"--logfile={log}", *args], check=False)
    if res.returncode != 0:
        die(f"{task} failed (see {log})")


# ---------------------------------------------------------------- log check
def checklog(log, allow_empty=False):
    """checklog-odoo: no ERROR/CRITICAL record, no WARNING outside our list.

    Its report (the records it ignored too) is printed only on failure."""
    cmd = [PY, "-m", "checklog_odoo", "-c", str(CHECKLOG_CONF), str(log)]
    if allow_empty:
        cmd.append("--no-err-if-empty")
    res = run(cmd, check=False, capture_output=True, text=True)
    if res.returncode != 0:
        print(res.stdout + res.stderr, file=sys.stderr, flush=True)
    return res.returncode == 0


def check_log(log, rc, expect_tests):
    """What went wrong in an Odoo run: its exit code (Odoo's runner exits 0
    after an ERROR, with no test, or with skipped tests), checklog-odoo (the
    ERROR lines, the "0 tests" WARNING, unexpected warnings), then the skipped
    tests, logged at INFO level where checklog-odoo does not look."""
    failed = []
    if rc != 0:
        failed.append(f"Odoo exited with code {rc}")
    if not checklog(log):
        failed.append(f"ERROR/WARNING record(s) in {log} (above)")
    lines = log.read_text(errors="replace").splitlines()
    skipped = [line for line in lines if SKIPPED.match(line)]
    if skipped:
        print("\n".join(skipped), file=sys.stderr)
        failed.append(f"{len(skipped)} test(s) skipped (a skipped test proves nothing)")
    total = 0
    if expect_tests:
        summaries = [m for m in map(SUMMARY.search, lines) if m]
        if not summaries:
            failed.append("no test summary in the log: did the tests run?")
        for summary in summaries:
            say(f"Odoo test runner: {summary.group(0).split(': ', 1)[1]}")
            total += int(summary["total"])
    return failed, total


# ------------------------------------------------------------ test database
def create_test_db(db, extra_modules=()):
    """``db``: a copy of the cached template (our addons' dependencies, and
    ``extra_modules``, with demo data, Italian, French and the web assets),
    built when missing."""
    drop_db(db)
    modules = external_dependencies() + list(extra_modules)
    odoo_task(
        "test-db",
        f"test-db-{db}",
        f"--new-database={db}",
        f"--modules={','.join(modules)}",
        f"--languages={LANGS}",
        f"--cache-prefix={TEMPLATE_PREFIX}",
        f"--checklog-config={CHECKLOG_CONF}",
    )


# ------------------------------------------------------------------ commands
def cmd_test(args):
    prepare(TEST_PACKAGES)
    addons = args.addons.split(",") if args.addons else own_addons()
    db = args.db or f"ccs_test_{os.getpid()}"
    started = time.time()
    create_test_db(db, extra_modules=TEST_ONLY_MODULES)
    say(f"{db} ready in {time.time() - started:.0f} s")
    env = dict(os.environ, TMPDIR=str(BUILD / "tmp"))
    failures = []
    started = time.time()
    try:
        if not args.addons:
            addons = addons + TEST_EXTRA_MODULES
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
        return ["no cross-addon test in tests/"], 0
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
    log = LOG_DIR / "test-pytest.log"
    passed = skipped = 0
    with (
        log.open("w") as out,
        subprocess.Popen(
            cmd,
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as proc,
    ):
        for line in proc.stdout:
            print(line, end="", flush=True)
            out.write(line)
            if re.search(r"\d+ \w+.* in [\d.]+s", line):  # the closing line
                passed, skipped = (pytest_count(line, w) for w in ("passed", "skipped"))
    say(f"pytest-odoo done in {time.time() - started:.0f} s")
    failures = []
    if not checklog(log, allow_empty=True):
        failures.append(f"pytest-odoo: ERROR/WARNING record(s) in {log} (above)")
    if skipped:
        failures.append(f"pytest-odoo: {skipped} test(s) skipped")
    if proc.returncode == 5:
        failures.append("pytest-odoo collected no test")
    elif proc.returncode != 0:
        failures.append(f"pytest-odoo exited with code {proc.returncode}")
    return failures, passed


def pytest_count(line, word):
    found = re.search(rf"(\d+) {word}", line)
    return int(found.group(1)) if found else 0


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
        # one name per run: checkouts of the same machine test at the same time
        db = (
            f"ccs_install_{'_'.join(a.split('_')[-1] for a in addon_set)}_{os.getpid()}"
        )
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


def prepare_demo_db(db):
    """The demo database: created with our addons, their demo data, Italian
    and French, or brought up to date when it exists."""
    addons = own_addons()
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
        odoo_task("load-languages", f"languages-{db}", "-d", db, f"--languages={LANGS}")
    for failure in failed:
        say(f"warning: {failure}")


def cmd_run(args):
    prepare(RUN_PACKAGES)
    db = args.db or DEMO_DB
    prepare_demo_db(db)
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
    """Run bench/bench_*.py on a copy of the template with our addons."""
    prepare(TEST_PACKAGES)
    db = args.db or f"ccs_bench_{os.getpid()}"
    create_test_db(db)
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
    """click-odoo-makepot: each addon's .pot exported and merged into it.po /
    fr.po by msgmerge (new terms untranslated, not fuzzy; obsolete ones gone)."""
    prepare(I18N_PACKAGES)
    db = f"ccs_i18n_{os.getpid()}"
    # the modules of the test databases too: the terms exported are those
    # tests/test_translations.py finds (l10n_it_edi's label of the fiscal code)
    create_test_db(db, extra_modules=TEST_ONLY_MODULES)
    try:
        rc, log = run_odoo(db, ["-i", ",".join(own_addons())], "i18n-install")
        failed, _total = check_log(log, rc, expect_tests=False)
        if failed:
            die("installing the addons failed: " + "; ".join(failed))
        log = LOG_DIR / "i18n-makepot.log"
        res = run(
            [PY, "-m", "click_odoo_contrib.makepot", "-c", str(CONF), "-d", db]
            + [f"--logfile={log}", f"--addons-dir={ROOT}"]
            + [f"--modules={','.join(own_addons())}", "--msgmerge"]
            + ["--no-fuzzy-matching", "--purge-old-translations"],
            check=False,
            env=dict(os.environ, VERSION_CONTROL="off"),  # no .po~ backup files
        )
        if res.returncode != 0 or not checklog(log, allow_empty=True):
            die(f"click-odoo-makepot failed (see {log})")
        say("i18n/<addon>.pot written, merged into it.po and fr.po")
    finally:
        drop_db(db)


def cmd_clean(args):
    """Empty the template cache (click-odoo-initdb's, shared by the checkouts)."""
    check_odoo()
    start_postgres()
    write_config()
    run(
        [PY, "-m", "click_odoo_contrib.initdb", "-c", str(CONF)]
        + [f"--cache-prefix={TEMPLATE_PREFIX}", "--cache-max-size=0"]
    )


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
    test_p = sub.add_parser("test", help="run every test on a copy of the template")
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
    sub.add_parser("clean", help="empty the test template cache")
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
