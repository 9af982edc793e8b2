# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An SMS campaign to 10,000 customers chosen by interests, against Odoo's
plain mass SMS to the same customers.

In one transaction (rolled back at the end): 10,000 customers with a mobile,
a consenting mobile contact point and an interest. Then, timed and
query-counted:

* ours: the campaign wizard (interests, consent, opt-outs) creates the mailing,
  then Odoo's mass SMS queues it (``action_send_sms``: one ``sms.sms`` per
  recipient, not sent);
* Odoo's: a mass SMS mailing on the same interest domain, queued the same way.

Also queues 2,000 recipients to show the query count per 1,000 recipients
does not grow with the audience. Target: under 30 s for 10,000.

Run: ``python bench/bench_campaign.py --config build/odoo.conf --db <db>``
(``make bench`` does it on a throw-away database).
"""

import time

from benchlib import odoo_env, parse_args, queries

RECIPIENTS = 10_000
SMALL = 2_000
TARGET_SECONDS = 30


def create_customers(env, count, interest, tag):
    partners = env["res.partner"].create(
        [
            {
                "name": f"{tag} customer {i}",
                "mobile": f"+39347{tag}{i:06d}",
                "interest_group_ids": [(4, interest.id)],
            }
            for i in range(count)
        ]
    )
    env["customer.contact.point"].create(
        [
            {
                "partner_id": partner.id,
                "kind": "mobile",
                "value": partner.mobile,
                "marketing_consent": True,
            }
            for partner in partners
        ]
    )
    return partners


def queue(env, mailing):
    env.flush_all()
    start_q, start_t = queries(), time.perf_counter()
    mailing.action_send_sms()
    env.flush_all()
    elapsed = time.perf_counter() - start_t
    count = env["sms.sms"].search_count([("mailing_id", "=", mailing.id)])
    return elapsed, queries() - start_q, count


def ours(env, interest, body):
    start_q, start_t = queries(), time.perf_counter()
    campaign = env["customer.comm.campaign"].create(
        {
            "name": "Winter check-up",
            "channel": "sms",
            "interest_ids": [(4, interest.id)],
        }
    )
    mailing = env["mailing.mailing"].browse(campaign.action_create_mailing()["res_id"])
    mailing.body_plaintext = body
    setup_t, setup_q = time.perf_counter() - start_t, queries() - start_q
    elapsed, count_q, count = queue(env, mailing)
    return elapsed + setup_t, count_q + setup_q, count


def odoo_plain(env, interest, body):
    start_q, start_t = queries(), time.perf_counter()
    mailing = env["mailing.mailing"].create(
        {
            "subject": "Winter check-up",
            "mailing_type": "sms",
            "mailing_model_id": env["ir.model"]._get_id("res.partner"),
            "mailing_domain": repr([("interest_group_ids", "in", interest.ids)]),
            "body_plaintext": body,
        }
    )
    setup_t, setup_q = time.perf_counter() - start_t, queries() - start_q
    elapsed, count_q, count = queue(env, mailing)
    return elapsed + setup_t, count_q + setup_q, count


def line(title, result, size):
    seconds, count_q, count = result
    print(
        f"{title}: {count} SMS queued in {seconds:.1f} s, {count_q} queries "
        f"({count_q * 1000 / max(count, 1):.1f} per 1,000 recipients)",
        flush=True,
    )
    if count != size:
        raise SystemExit(f"{title}: expected {size} SMS, got {count}")


def main():
    args = parse_args(__doc__.splitlines()[0])
    body = "Winter check-up: 20% off until Friday. Reply STOP to opt out."
    with odoo_env(args) as env:
        big = env["res.partner.interest.group"].create({"name": "Bench big"})
        small = env["res.partner.interest.group"].create({"name": "Bench small"})
        start = time.perf_counter()
        create_customers(env, RECIPIENTS, big, "1")
        create_customers(env, SMALL, small, "2")
        env.flush_all()
        took = time.perf_counter() - start
        print(f"data: {RECIPIENTS + SMALL} customers in {took:.0f} s", flush=True)
        # Odoo's first: any warm-up favours ours
        plain_big = odoo_plain(env, big, body)
        line("Odoo's mass SMS, 10,000 by interest", plain_big, RECIPIENTS)
        ours_big = ours(env, big, body)
        line("ours, the same 10,000", ours_big, RECIPIENTS)
        line("ours, 2,000 by interest", ours(env, small, body), SMALL)
        ratio = ours_big[0] / plain_big[0]
        verdict = "OK" if ours_big[0] < TARGET_SECONDS else "ABOVE TARGET"
        print(
            f"10,000 queued in {ours_big[0]:.1f} s (target < {TARGET_SECONDS} s: "
            f"{verdict}); time ratio ours/Odoo {ratio:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
