# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's offer page against Odoo's own quotation page.

Creates (and commits, then deletes at the end) a customer with a repair offer
of 30 interventions, another of 10, and a quotation of 30 lines; starts a real
Odoo HTTP server (threaded, ``--workers 0``) on 127.0.0.1 and requests, with
the customers' access tokens and no login:

* ``/my/repair_offers/<id>`` (ours) and ``/my/orders/<id>`` (Odoo's sale
  portal), sequentially, then with 20 concurrent clients;
* the SQL query count of each page, read from the server's own request log
  (Odoo appends the query count of a request to its werkzeug log line), for
  the 10- and the 30-line offer: it must not grow with the number of lines.

Prints p50 / p95 per page and the ratios (target <= 1.0). Run:
``python bench/bench_offer_portal.py --config build/odoo.conf --db <db>``
(``make bench`` does it on a throw-away database).
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from benchlib import odoo_env, parse_args

LINES = 30
SEQUENTIAL = 60
CONCURRENT_CLIENTS = 20
CONCURRENT_REQUESTS = 300
TARGET = 1.0
REQUEST_LOG = re.compile(
    r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - (?P<queries>\d+) '
)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def create_data(args):
    """Commit the pages' records; return their URLs and ids (for clean-up)."""
    with odoo_env(args) as env:
        partner = env["res.partner"].create(
            {"name": "Bench Customer", "email": "bench@example.com"}
        )
        product = env["product.product"].create(
            {"name": "Bench part", "type": "consu", "list_price": 12.5}
        )
        offers = env["repair.offer"]
        for count in (10, LINES):
            repair = env["repair.order"].create(
                {"partner_id": partner.id, "product_id": product.id}
            )
            offer = env["repair.offer"].create(
                {
                    "repair_id": repair.id,
                    "note": "Bench note",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "name": f"Intervention {i}",
                                "product_id": product.id,
                                "mechanic_note": f"Note {i}",
                                "customer_explanation": f"Explanation {i}",
                                "line_kind": "initial" if i % 3 else "optional",
                            },
                        )
                        for i in range(count)
                    ],
                }
            )
            offer.action_send()
            offers |= offer
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "name": f"Line {i}"})
                    for i in range(LINES)
                ],
            }
        )
        order._portal_ensure_token()
        order.state = "sent"
        urls = {
            "offer10": offers[0].get_portal_url(),
            "offer30": offers[1].get_portal_url(),
            "order30": order.get_portal_url(),
        }
        ids = {
            "partner": partner.id,
            "repairs": offers.repair_id.ids,
            "order": order.id,
            "product": product.id,
        }
        env.cr.commit()
        return urls, ids


def delete_data(args, ids):
    with odoo_env(args) as env:
        order = env["sale.order"].browse(ids["order"])
        order.state = "cancel"
        order.unlink()
        env["repair.order"].browse(ids["repairs"]).unlink()
        env["product.product"].browse(ids["product"]).unlink()
        env["res.partner"].browse(ids["partner"]).unlink()
        env.cr.commit()


def start_server(args, port, logfile):
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        "server",
        "-c",
        args.config,
        "-d",
        args.db,
        f"--db-filter=^{re.escape(args.db)}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=info",
        f"--logfile={logfile}",
    ]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/web/login", timeout=5).ok:
                return server
        except requests.RequestException:
            pass
        if server.poll() is not None:
            raise SystemExit(f"the Odoo server stopped, see {logfile}")
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"the Odoo server did not answer, see {logfile}")


def fetch(session, url, expected):
    start = time.perf_counter()
    response = session.get(url, timeout=60)
    elapsed = time.perf_counter() - start
    if response.status_code != 200 or expected not in response.text:
        raise SystemExit(f"{url} answered {response.status_code} without {expected!r}")
    return elapsed


def percentiles(times):
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered), p95


def sequential(base, url, expected):
    session = requests.Session()
    for _warm in range(3):
        fetch(session, base + url, expected)
    return [fetch(session, base + url, expected) for _run in range(SEQUENTIAL)]


def concurrent(base, url, expected):
    sessions = [requests.Session() for _client in range(CONCURRENT_CLIENTS)]
    start = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENT_CLIENTS) as pool:
        times = list(
            pool.map(
                lambda i: fetch(sessions[i % CONCURRENT_CLIENTS], base + url, expected),
                range(CONCURRENT_REQUESTS),
            )
        )
    return times, CONCURRENT_REQUESTS / (time.perf_counter() - start)


def queries_per_page(logfile, urls):
    """The query count of the last logged GET of each page."""
    path_of = {name: url.split("?")[0] for name, url in urls.items()}
    counts = {}
    with open(logfile, encoding="utf-8") as log:
        for line in log:
            match = REQUEST_LOG.search(line)
            if not match or match["status"] != "200":
                continue
            for name, path in path_of.items():
                if match["path"].split("?")[0] == path:
                    counts[name] = int(match["queries"])
    return counts


def line(title, ours, theirs, target=TARGET):
    (p50_o, p95_o), (p50_t, p95_t) = percentiles(ours), percentiles(theirs)
    ratio = p50_o / p50_t
    verdict = "OK" if ratio <= target else f"ABOVE TARGET {target}"
    print(
        f"{title}: offer p50 {p50_o * 1000:.1f} ms p95 {p95_o * 1000:.1f} ms; "
        f"quotation p50 {p50_t * 1000:.1f} ms p95 {p95_t * 1000:.1f} ms; "
        f"ratio (p50) {ratio:.2f} {verdict}",
        flush=True,
    )


def main():
    args = parse_args(__doc__.splitlines()[0])
    urls, ids = create_data(args)
    port = _free_port()
    logfile = os.path.join(tempfile.mkdtemp(prefix="bench_offer_"), "server.log")
    server = start_server(args, port, logfile)
    base = f"http://127.0.0.1:{port}"
    try:
        print(
            f"server: threaded (--workers 0) on 127.0.0.1, {LINES} lines per page, "
            f"{SEQUENTIAL} sequential requests, {CONCURRENT_CLIENTS} clients x "
            f"{CONCURRENT_REQUESTS} requests",
            flush=True,
        )
        seq_offer = sequential(base, urls["offer30"], "Intervention 29")
        seq_order = sequential(base, urls["order30"], "Line 29")
        sequential(base, urls["offer10"], "Intervention 9")
        line("sequential", seq_offer, seq_order)
        counts = queries_per_page(logfile, urls)
        con_offer, rate_offer = concurrent(base, urls["offer30"], "Intervention 29")
        con_order, rate_order = concurrent(base, urls["order30"], "Line 29")
        line(f"{CONCURRENT_CLIENTS} concurrent clients", con_offer, con_order)
        print(
            f"throughput: offer {rate_offer:.1f} req/s, "
            f"quotation {rate_order:.1f} req/s",
            flush=True,
        )
        grows = counts.get("offer30") != counts.get("offer10")
        print(
            f"SQL queries per request: offer with 10 lines {counts.get('offer10')}, "
            f"with 30 lines {counts.get('offer30')} (grows with lines: "
            f"{'yes' if grows else 'no'}); quotation with 30 lines "
            f"{counts.get('order30')}",
            flush=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        delete_data(args, ids)


if __name__ == "__main__":
    main()
