# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SMS through the Twilio gateway queue: SMS per second and SQL queries per
SMS, with the exactly-once protocol (lock, mark "sending", commit, POST,
write the outcome, commit) for every SMS.

A local Twilio (``customer_comm/tests/twilio_server.py``, without its
contract check, which the tests do) answers each request after 50 ms, then
after 0 ms for comparison. Each run queues its SMS (a chatter message, a
notification, a tracker each, as Odoo's ``_message_sms`` makes them), then
empties the queue:

* sequentially: one runner, as one cron worker does;
* concurrently: ``--workers`` runners (threads, each with its own database
  cursor and its own keep-alive HTTP session) taking SMS from the same queue,
  as several cron workers do in ``--workers`` mode (``FOR UPDATE SKIP
  LOCKED``: no SMS is taken twice, which the gateway's count proves).

``--count`` (10,000 by default) SMS go through each concurrent run; the
sequential runs send ``--sequential-count`` (1,000 by default: their rate is
per SMS, and 10,000 SMS at 50 ms one after the other take more than eight
minutes). Everything the benchmark committed is deleted at the end.

Run: ``python bench/bench_sms_gateway.py --config build/odoo.conf --db <db>``
(``make bench`` does it on a throw-away database).
"""

import argparse
import importlib.util
import threading
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.modules.registry import Registry

SERVER = Path(__file__).parent.parent / "customer_comm/tests/twilio_server.py"
ACCOUNT = "AC" + "be" * 16
TOKEN = "bench-token"


def load_server_module():
    spec = importlib.util.spec_from_file_location("twilio_server", SERVER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument("--db", required=True, help="database with our addons")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--sequential-count", type=int, default=1_000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.05)
    return parser.parse_args()


def queue_sms(registry, count, tag):
    """``count`` SMS in the queue, committed; returns the partner holding
    them (deleted at the end, with its messages)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        partner = env["res.partner"].create(
            {"name": f"Bench SMS {tag}", "mobile": "+393470000000"}
        )
        messages = env["mail.message"].create(
            [
                {
                    "model": "res.partner",
                    "res_id": partner.id,
                    "body": f"Bench {tag} {i}",
                    "message_type": "sms",
                    "record_company_id": env.company.id,
                }
                for i in range(count)
            ]
        )
        sms = env["sms.sms"].create(
            [
                {
                    "number": "+393470000000",
                    "body": f"Bench {tag} {i}",
                    "partner_id": partner.id,
                    "mail_message_id": message.id,
                }
                for i, message in enumerate(messages)
            ]
        )
        env["mail.notification"].create(
            [
                {
                    "mail_message_id": s.mail_message_id.id,
                    "res_partner_id": partner.id,
                    "notification_type": "sms",
                    "sms_number": s.number,
                    "sms_id_int": s.id,
                    "sms_tracker_ids": [Command.create({"sms_uuid": s.uuid})],
                    "is_read": True,
                    "notification_status": "ready",
                }
                for s in sms
            ]
        )
    return partner.id


def run_queue(registry, errors):
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["sms.sms"]._gateway_run_queue(commit=True)
    except Exception as error:  # noqa: BLE001  (reported, then the run fails)
        errors.append(error)


def measure(registry, server, count, workers, tag):
    partner_id = queue_sms(registry, count, tag)
    server.reset()
    errors = []
    threads = [
        threading.Thread(target=run_queue, args=(registry, errors))
        for _worker in range(workers)
    ]
    start_q, start_t = odoo.sql_db.sql_counter, time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start_t
    queries = odoo.sql_db.sql_counter - start_q
    received = [m["body"] for m in server.received(ACCOUNT)]
    if errors or len(received) != count or len(set(received)) != count:
        raise SystemExit(
            f"{tag}: {len(received)} received for {count} queued "
            f"({len(set(received))} distinct); errors: {errors}"
        )
    cleanup(registry, partner_id)
    return count / elapsed, queries / count


def cleanup(registry, partner_id):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        messages = env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", partner_id)]
        )
        env["sms.sms"].search([("mail_message_id", "in", messages.ids)]).unlink()
        messages.unlink()
        env["res.partner"].browse(partner_id).unlink()


def configure(registry, url):
    """Point the main company at the local gateway; returns what to restore."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        names = ["sms_provider", "sms_gateway_url", "sms_gateway_account"]
        names += ["sms_gateway_token", "sms_gateway_sender", "sms_gateway_timeout"]
        before = company.read(names)[0]
        company.write(
            {
                "sms_provider": "http",
                "sms_gateway_url": url,
                "sms_gateway_account": ACCOUNT,
                "sms_gateway_token": TOKEN,
                "sms_gateway_sender": "+390511234567",
                "sms_gateway_timeout": 10,
            }
        )
        return company.id, {k: v for k, v in before.items() if k != "id"}


def restore(registry, company_id, values):
    with registry.cursor() as cr:
        api.Environment(cr, SUPERUSER_ID, {})["res.company"].browse(company_id).write(
            values
        )


def main():
    args = parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.db, "--log-level=warn"]
    )
    registry = Registry(args.db)
    server = load_server_module().TwilioServer(validate=False).start()
    server.add_account(ACCOUNT, TOKEN)
    company_id, previous = configure(registry, server.url)
    try:
        results = {}
        for latency in (args.latency, 0.0):
            server.delay = latency
            for label, workers, count in (
                ("sequential", 1, args.sequential_count),
                (f"{args.workers} workers", args.workers, args.count),
            ):
                tag = f"{label} {latency * 1000:.0f}ms"
                results[latency, label] = measure(registry, server, count, workers, tag)
                rate, per_sms = results[latency, label]
                print(
                    f"SMS gateway, {label}, {count} SMS, gateway answering after "
                    f"{latency * 1000:.0f} ms: {rate:.0f} SMS/s, "
                    f"{per_sms:.1f} queries per SMS",
                    flush=True,
                )
        for label in ("sequential", f"{args.workers} workers"):
            slow, fast = results[args.latency, label], results[0.0, label]
            print(
                f"SMS gateway, {label}: {slow[0]:.0f} SMS/s at "
                f"{args.latency * 1000:.0f} ms against {fast[0]:.0f} SMS/s at "
                f"0 ms ({slow[0] / fast[0]:.2f}); {slow[1]:.1f} against "
                f"{fast[1]:.1f} queries per SMS",
                flush=True,
            )
    finally:
        restore(registry, company_id, previous)
        server.stop()


if __name__ == "__main__":
    main()
