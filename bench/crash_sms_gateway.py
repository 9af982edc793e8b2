# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Crash test of the SMS gateway queue (not part of ``make test``: it kills
a server).

1. Queues ``--count`` SMS (1,000 by default) for a local Twilio that counts
   what it receives (``customer_comm/tests/twilio_server.py``, answering
   after ``--latency`` seconds so the queue takes a while);
2. starts Odoo in multi-process mode (``--workers=2 --max-cron-threads=2``:
   the SMS queue cron and ours run at the same time in two cron workers,
   taking SMS from the same queue) and triggers the crons;
3. when about a third has arrived, kills the whole server with SIGKILL;
4. starts it again and lets the queue finish (SMS left "sending" by the
   crash are looked up at the gateway after the grace period, set to a few
   seconds here);
5. prints the counts: the gateway must have received each SMS exactly once.

Run: ``python bench/crash_sms_gateway.py --config build/odoo.conf --db <db>``
on a database with our addons (for example the one ``make bench --keep``
leaves). Exits 1 when an SMS was lost or received twice.
"""

import argparse
import collections
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import bench_sms_gateway as bench

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

GRACE_SECONDS = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--count", type=int, default=1_000)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--timeout", type=int, default=600)
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, log):
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        "-c",
        args.config,
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        "--workers=2",
        "--max-cron-threads=2",
        f"--http-port={free_port()}",
        f"--gevent-port={free_port()}",
        "--http-interface=127.0.0.1",
        f"--logfile={log}",
        "--log-level=info",
    ]
    # its own process group: SIGKILL reaches the master and its workers;
    # its output beside its log (the longpolling process it starts with
    # ``python -m odoo`` cannot start: not needed here)
    with open(f"{log}.out", "w") as out:
        return subprocess.Popen(
            cmd, start_new_session=True, stdout=out, stderr=subprocess.STDOUT
        )


def trigger_crons(registry):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        for xmlid in (
            "sms.ir_cron_sms_scheduler_action",
            "customer_comm.ir_cron_sms_gateway_retry",
        ):
            env.ref(xmlid)._trigger()


def states(registry, partner_id):
    with registry.cursor() as cr:
        cr.execute(
            """SELECT COALESCE(s.gateway_state, s.state), count(*)
                 FROM sms_sms s JOIN mail_message m ON m.id = s.mail_message_id
                WHERE m.model = 'res.partner' AND m.res_id = %s
             GROUP BY 1""",
            [partner_id],
        )
        return dict(cr.fetchall())


def set_grace(registry, seconds):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        param = env["ir.config_parameter"]
        before = param.get_param("customer_comm.sms_gateway_grace")
        param.set_param("customer_comm.sms_gateway_grace", seconds)
        return before


def wait(predicate, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def main():
    args = parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.db, "--log-level=warn"]
    )
    registry = Registry(args.db)
    logs = Path(args.config).parent / "log"
    logs.mkdir(exist_ok=True)
    server = bench.load_server_module().TwilioServer(validate=False, delay=args.latency)
    server.start()
    server.add_account(bench.ACCOUNT, bench.TOKEN)
    company_id, previous = bench.configure(registry, server.url)
    grace = set_grace(registry, GRACE_SECONDS)
    partner_id = bench.queue_sms(registry, args.count, "crash")
    odoo_proc = None
    try:
        odoo_proc = start_server(args, logs / "crash-1.log")
        trigger_crons(registry)
        if not wait(lambda: len(server.received()) >= args.count // 3, args.timeout):
            raise SystemExit("the queue did not start: see the server's log")
        os.killpg(odoo_proc.pid, signal.SIGKILL)
        odoo_proc.wait()
        at_kill = len(server.received())
        print(f"killed (SIGKILL) after {at_kill} SMS received by the gateway")
        print(f"states at the kill: {states(registry, partner_id)}")
        odoo_proc = start_server(args, logs / "crash-2.log")

        def finished():
            left = states(registry, partner_id)
            if left.get("outgoing") or left.get("sending"):
                trigger_crons(registry)
                time.sleep(1)
                return False
            return True

        if not wait(finished, args.timeout, step=1):
            print(f"the queue did not finish: {states(registry, partner_id)}")
        os.killpg(odoo_proc.pid, signal.SIGTERM)
        odoo_proc.wait(timeout=60)
        odoo_proc = None
        bodies = collections.Counter(m["body"] for m in server.received(bench.ACCOUNT))
        twice = sum(1 for n in bodies.values() if n > 1)
        print(f"states at the end: {states(registry, partner_id)}")
        lookups = sum(1 for r in server.requests if r["method"] == "GET")
        print(
            f"queued {args.count}, received by the gateway {sum(bodies.values())} "
            f"({len(bodies)} distinct SMS), received twice {twice}, "
            f"lost {args.count - len(bodies)}; lookups after the crash {lookups}"
        )
        ok = twice == 0 and len(bodies) == args.count == sum(bodies.values())
        print("each SMS received exactly once" if ok else "FAILED: not exactly once")
        return 0 if ok else 1
    finally:
        if odoo_proc:
            os.killpg(odoo_proc.pid, signal.SIGKILL)
        bench.cleanup(registry, partner_id)
        bench.restore(registry, company_id, previous)
        set_grace(registry, grace or False)
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
