# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The offer page with photos against Odoo's own quotation page.

Creates (and commits, then deletes at the end) an offer of 30 interventions
with 60 photos (two per line; urgent, soon, plain and "checked, fine" lines),
an offer of 3 interventions with 6 photos, and a quotation of 30 lines with
60 images attached to it; starts a real Odoo HTTP server (threaded,
``--workers 0``) on 127.0.0.1 and requests, with access tokens and no login:

* the offer page (thumbnails included in the HTML, loaded lazily by the
  browser) and ``/my/orders/<id>`` (Odoo's quotation page, 30 lines),
  sequentially (one request of each in turn, so that both pages see the same
  load of a shared machine) then with 20 concurrent clients: target ratio
  <= 0.8;
* the 60 thumbnails of the offer through its token gate
  (``/my/repair_offers/<id>/media/<id>/256``) against 60 images of the same
  size served by Odoo's own token-gated route (``/web/image/<attachment>/
  256x256?access_token=``): Odoo's quotation page shows no product image per
  line, so the comparable path is Odoo's serving of a token-protected image;
* the SQL query count of the page with 3 lines / 6 photos and with 30 lines /
  60 photos, read from the server's request log: it must not grow.

Run: ``python bench/bench_offer_photos.py --config build/odoo.conf --db <db>``
(``make bench`` does it on a throw-away database).
"""

import base64
import io
import os
import tempfile
import time

import requests
from bench_offer_portal import (
    SEQUENTIAL,
    _free_port,
    concurrent,
    fetch,
    line,
    percentiles,
    queries_per_page,
    sequential,
    start_server,
)
from benchlib import odoo_env, parse_args
from PIL import Image, ImageDraw

LINES = 30
PHOTOS_PER_LINE = 2
THUMBNAIL_ROUNDS = 5
TARGET = 0.8
SEVERITIES = ["urgent", "soon", False, False, "fine"]


def photo(index):
    """A 1280x960 JPEG, different for each index (like a phone's photo)."""
    image = Image.new("RGB", (1280, 960), (40 + index * 3 % 200, 90, 140))
    draw = ImageDraw.Draw(image)
    for step in range(12):
        draw.ellipse(
            (step * 90, (index * 37 + step * 50) % 700, step * 90 + 200, 900),
            outline=(255, 255 - step * 10, 30),
            width=8,
        )
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85)
    return base64.b64encode(output.getvalue())


def create_offer(env, partner, product, count):
    repair = env["repair.order"].create(
        {"partner_id": partner.id, "product_id": product.id}
    )
    offer = env["repair.offer"].create(
        {
            "repair_id": repair.id,
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Intervention {i}",
                        "product_id": product.id,
                        "customer_explanation": f"Explanation {i}",
                        "line_kind": "initial" if i % 3 else "optional",
                        "severity": SEVERITIES[i % len(SEVERITIES)],
                    },
                )
                for i in range(count)
            ],
        }
    )
    env["repair.offer.line.media"].create(
        [
            {"line_id": offer_line.id, "sequence": n, "image_1920": photo(i * 2 + n)}
            for i, offer_line in enumerate(offer.line_ids)
            for n in range(PHOTOS_PER_LINE)
        ]
    )
    offer.action_send()
    return offer


def create_data(args):
    """Commit the pages' records; return their URLs and ids (for clean-up)."""
    with odoo_env(args) as env:
        partner = env["res.partner"].create(
            {"name": "Bench Photo Customer", "email": "photos@example.com"}
        )
        product = env["product.product"].create(
            {"name": "Bench photo part", "type": "consu", "list_price": 12.5}
        )
        small = create_offer(env, partner, product, 3)
        big = create_offer(env, partner, product, LINES)
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
        attachments = env["ir.attachment"].create(
            [
                {
                    "name": f"photo{i}.jpg",
                    "datas": photo(i),
                    "res_model": "sale.order",
                    "res_id": order.id,
                }
                for i in range(LINES * PHOTOS_PER_LINE)
            ]
        )
        attachments.generate_access_token()
        token = big.access_token
        urls = {
            "offer3": small.get_portal_url(),
            "offer30": big.get_portal_url(),
            "order30": order.get_portal_url(),
        }
        thumbnails = {
            "ours": [
                media._portal_url("256", token) for media in big.line_ids.media_ids
            ],
            "odoo": [
                f"/web/image/{attachment.id}/256x256?access_token="
                f"{attachment.access_token}"
                for attachment in attachments
            ],
        }
        ids = {
            "partner": partner.id,
            "repairs": (small | big).repair_id.ids,
            "order": order.id,
            "product": product.id,
            "attachments": attachments.ids,
        }
        env.cr.commit()
        return urls, thumbnails, ids


def delete_data(args, ids):
    with odoo_env(args) as env:
        env["ir.attachment"].browse(ids["attachments"]).unlink()
        order = env["sale.order"].browse(ids["order"])
        order.state = "cancel"
        order.unlink()
        repairs = env["repair.order"].browse(ids["repairs"])
        env["repair.offer.line.media"].search(
            [("offer_id.repair_id", "in", repairs.ids)]
        ).unlink()
        repairs.unlink()
        env["product.product"].browse(ids["product"]).unlink()
        env["res.partner"].browse(ids["partner"]).unlink()
        env.cr.commit()


def interleaved(base, ours, theirs):
    """Sequential requests alternating between the two pages, so that both
    see the same load of a shared machine: (our times, their times)."""
    session = requests.Session()
    times = ([], [])
    for _run in range(SEQUENTIAL):
        for index, (url, expected) in enumerate((ours, theirs)):
            times[index].append(fetch(session, base + url, expected))
    return times


def fetch_images(base, urls):
    """Per image (s): each URL of ``urls`` fetched THUMBNAIL_ROUNDS times
    by a browser without a cache (no If-None-Match)."""
    session = requests.Session()
    for url in urls:  # warm-up
        session.get(base + url, timeout=60).raise_for_status()
    times = []
    for _round in range(THUMBNAIL_ROUNDS):
        for url in urls:
            start = time.perf_counter()
            response = session.get(base + url, timeout=60)
            times.append(time.perf_counter() - start)
            if response.status_code != 200 or not response.headers[
                "Content-Type"
            ].startswith("image/"):
                raise SystemExit(f"{url} answered {response.status_code}")
    return times


def main():
    args = parse_args(__doc__.splitlines()[0])
    urls, thumbnails, ids = create_data(args)
    port = _free_port()
    logfile = os.path.join(tempfile.mkdtemp(prefix="bench_photos_"), "server.log")
    server = start_server(args, port, logfile)
    base = f"http://127.0.0.1:{port}"
    last = f"Intervention {LINES - 1}"
    try:
        print(
            f"server: threaded (--workers 0) on 127.0.0.1, offer of {LINES} lines "
            f"with {LINES * PHOTOS_PER_LINE} photos against a quotation of "
            f"{LINES} lines; target ratio <= {TARGET}",
            flush=True,
        )
        sequential(base, urls["offer30"], last)  # warm-up
        sequential(base, urls["order30"], "Line 29")
        sequential(base, urls["offer3"], "Intervention 2")
        seq_offer, seq_order = interleaved(
            base, (urls["offer30"], last), (urls["order30"], "Line 29")
        )
        line("page, sequential (interleaved)", seq_offer, seq_order, TARGET)
        # the query counts: both offers in turn in one session, the last
        # request of each read from the server's log
        session = requests.Session()
        for _turn in range(3):
            fetch(session, base + urls["offer3"], "Intervention 2")
            fetch(session, base + urls["offer30"], last)
        counts = queries_per_page(logfile, urls)
        con_offer, _rate = concurrent(base, urls["offer30"], last)
        con_order, _rate = concurrent(base, urls["order30"], "Line 29")
        line("page, 20 concurrent clients", con_offer, con_order, TARGET)
        ours = fetch_images(base, thumbnails["ours"])
        odoo = fetch_images(base, thumbnails["odoo"])
        (p50_o, _p95), (p50_t, _p95t) = percentiles(ours), percentiles(odoo)
        print(
            f"60 thumbnails (256 px), per image: offer's token gate p50 "
            f"{p50_o * 1000:.1f} ms, Odoo's /web/image with an access token p50 "
            f"{p50_t * 1000:.1f} ms; ratio {p50_o / p50_t:.2f}",
            flush=True,
        )
        grows = counts.get("offer30") != counts.get("offer3")
        print(
            f"SQL queries per page: 3 lines / 6 photos {counts.get('offer3')}, "
            f"30 lines / 60 photos {counts.get('offer30')} (grows: "
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
