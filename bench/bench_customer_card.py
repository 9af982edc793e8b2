# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer card (the partner form with our smart buttons) against Odoo's.

With a busy customer (a company with 5 contacts) among 1,000 customers sharing
20,000 meetings, 20,000 attachments, 3,000 repair orders, their repair offers
and customer requests (created in the same transaction, rolled back at the
end), time and count the SQL queries of opening the customer's form as Odoo
18's web client does it (``web_read`` with the form view's field
specification), first with the server's caches (access rights, record rules,
groups) cleared before each opening, then warm as on a server that has
already shown the card; then of opening it for 80 customers in a row:

* ours: the form with every field of the installed view (our smart buttons,
  properties, contact points, warnings included);
* Odoo's: Odoo's own customer form (sales, invoiced, meetings, tickets...
  buttons), i.e. the same form with our addons' views switched off (in the
  rolled-back transaction), on the same data.

Run: ``python bench/bench_customer_card.py --config build/dev.conf --db <db>``
(``make bench`` does it on a throw-away database). Target ratio: <= 1.2.
"""

import statistics

from benchlib import measure, odoo_env, parse_args, queries, report
from lxml import etree

CUSTOMERS = 1_000
MEETINGS = 20_000
ATTACHMENTS = 20_000
REPAIRS = 3_000
REQUESTS = 3_000
ROWS = 80
TARGET = 1.2
# each figure is the median of this many runs at least, ours and Odoo's
# alternately, so that the load of the machine weighs on both alike
REPEAT = 11
OUR_ADDONS = {"customer_comm", "customer_request", "workshop_offer"}


def form_spec(env, model, node=None):
    """The ``web_read`` specification of the form view, as the web client
    builds it: the fields of the view (those of x2many sub-views nested),
    relational ones with their display name."""
    if node is None:
        views = env[model].get_views([(False, "form")])
        node = etree.fromstring(views["views"]["form"]["arch"])
    fields = env[model]._fields
    spec = {}
    level = node.xpath("count(ancestor-or-self::field)")
    for field_node in node.xpath(f".//field[count(ancestor::field) = {level}]"):
        name = field_node.get("name")
        field = fields.get(name)
        if field is None:
            continue
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            sub = form_spec(env, field.comodel_name, field_node)
            spec[name] = {"fields": sub or {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def odoo_form_spec(env):
    """The ``web_read`` specification of Odoo's own partner form: our
    addons' views of the partner switched off while it is built (the view
    cache is cleared by the views' write)."""
    view_ids = (
        env["ir.model.data"]
        .search([("module", "in", sorted(OUR_ADDONS)), ("model", "=", "ir.ui.view")])
        .mapped("res_id")
    )
    views = (
        env["ir.ui.view"]
        .browse(view_ids)
        .filtered(lambda view: view.model == "res.partner" and view.active)
    )
    views.active = False
    try:
        return form_spec(env, "res.partner")
    finally:
        views.active = True


def compare(env, ours, theirs, repeat, warm=False):
    """``measure`` of ``ours`` and of ``theirs``, run alternately."""
    results = ([], [])
    for _run in range(max(repeat, REPEAT)):
        for func, runs in zip((ours, theirs), results, strict=True):
            runs.append(measure(env, func, 1, warm=warm))
    return [
        (
            statistics.median(time for time, _count in runs),
            max(count for _time, count in runs),
        )
        for runs in results
    ]


def create_data(env):
    Partner = env["res.partner"]
    customers = Partner.create(
        [{"name": f"Cliente card {index}"} for index in range(CUSTOMERS)]
    )
    company = Partner.create({"name": "Officina Card S.r.l.", "is_company": True})
    contacts = Partner.create(
        [{"name": f"Referente {index}", "parent_id": company.id} for index in range(5)]
    )
    busy = company | contacts
    everyone = customers | busy
    user_partner = env.user.partner_id
    env["calendar.event"].with_context(no_mail_to_attendees=True).create(
        [
            {
                "name": f"Appuntamento {index}",
                "start": f"2026-{index % 12 + 1:02d}-{index % 28 + 1:02d} 09:00:00",
                "stop": f"2026-{index % 12 + 1:02d}-{index % 28 + 1:02d} 10:00:00",
                "partner_ids": [
                    (6, 0, [everyone[index % len(everyone)].id, user_partner.id])
                ],
            }
            for index in range(MEETINGS)
        ]
    )
    env["ir.attachment"].create(
        [
            {
                "name": f"documento-{index}.txt",
                "raw": b"bench",
                "res_model": "res.partner",
                "res_id": everyone[index % len(everyone)].id,
            }
            for index in range(ATTACHMENTS)
        ]
    )
    product = env["product.product"].create({"name": "Bench part", "type": "consu"})
    repairs = env["repair.order"].create(
        [
            {
                "partner_id": everyone[index % len(everyone)].id,
                "product_id": product.id,
            }
            for index in range(REPAIRS)
        ]
    )
    env["repair.offer"].create(
        [{"repair_id": repair.id} for repair in repairs[: REPAIRS // 3]]
    )
    env["customer.request"].create(
        [
            {"partner_id": everyone[index % len(everyone)].id, "title": f"R {index}"}
            for index in range(REQUESTS)
        ]
    )
    env.flush_all()
    # the statistics a real database has (autovacuum) on every table filled
    # above, the meetings' attendees too: without them PostgreSQL plans the
    # meetings' counts (ours and Odoo's) as on empty tables
    for table in (
        "res_partner",
        "calendar_event",
        "calendar_event_res_partner_rel",
        "calendar_attendee",
        "ir_attachment",
        "repair_order",
        "repair_offer",
        "customer_request",
    ):
        env.cr.execute(f"ANALYZE {table}")  # noqa: S608 (fixed table names)
    return company, customers[:ROWS]


def main():
    args = parse_args(__doc__.splitlines()[0])
    context = {
        "tracking_disable": True,
        "mail_create_nolog": True,
        "mail_create_nosubscribe": True,
        "mail_notrack": True,
    }
    with odoo_env(args, context=context) as env:
        company, rows = create_data(env)
        admin_env = env(user=env.ref("base.user_admin"))
        Partner = admin_env["res.partner"]
        ours = form_spec(admin_env, "res.partner")
        theirs = odoo_form_spec(admin_env)
        print(
            f"customer form: {len(ours)} fields (ours) vs {len(theirs)} (Odoo's); "
            f"{CUSTOMERS} customers, {MEETINGS} meetings, {ATTACHMENTS} attachments, "
            f"{REPAIRS} repairs, {REQUESTS} requests",
            flush=True,
        )
        busy = Partner.browse(company.id)
        ratios = [
            report(
                "Open the busy company's card (server caches cleared)",
                *compare(
                    admin_env,
                    lambda: busy.web_read(ours),
                    lambda: busy.web_read(theirs),
                    args.repeat,
                ),
                TARGET,
            ),
            report(
                "Open the busy company's card (server caches warm)",
                *compare(
                    admin_env,
                    lambda: busy.web_read(ours),
                    lambda: busy.web_read(theirs),
                    args.repeat,
                    warm=True,
                ),
                TARGET,
            ),
        ]
        cards = Partner.browse(rows.ids)

        def open_each(spec):
            for partner in cards:
                partner.web_read(spec)

        ratios.append(
            report(
                f"Open {ROWS} customers' cards one after the other",
                *compare(
                    admin_env,
                    lambda: open_each(ours),
                    lambda: open_each(theirs),
                    args.repeat,
                ),
                TARGET,
            )
        )
        print(f"worst ratio {max(ratios):.2f} (target <= {TARGET})", flush=True)
        # where the difference comes from: each field our addons add, read
        # alone on a cold cache (the record's own row read included)
        costs = []
        for name, spec in ours.items():
            if name in theirs:
                continue
            admin_env.invalidate_all()
            start = queries()
            busy.web_read({name: spec})
            costs.append((queries() - start, name))
        costs.sort(reverse=True)
        listed = ", ".join(f"{name} {count}" for count, name in costs)
        print(f"queries of each added field read alone (cold cache): {listed}")


if __name__ == "__main__":
    main()
