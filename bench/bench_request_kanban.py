# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The request board and list against helpdesk_mgmt's ticket board and list.

With 10,000 customer requests and 10,000 helpdesk tickets created in the same
transaction (rolled back at the end), time and count the SQL queries of:

* the Kanban's load, as Odoo 18's web client does it: ``web_read_group`` on the
  stages, ``read_progress_bar``, then ``web_search_read`` (40 cards) of each
  unfolded column;
* the list's first page: ``web_search_read`` of 80 rows with the list fields.

Run: ``python bench/bench_request_kanban.py --config build/dev.conf --db <db>``
(``make bench`` does it on a throw-away database). Target ratio: <= 1.0.
"""

import random

from benchlib import measure, odoo_env, parse_args, report

RECORDS = 10_000
CARDS_PER_COLUMN = 40
LIST_LIMIT = 80
TARGET = 1.0


def _m2o():
    return {"fields": {"display_name": {}}}


# the fields each view asks for (see the views' arch): relational fields with
# their display name, as the web client's specification does
REQUEST_KANBAN_FIELDS = {
    "name": {},
    "title": {},
    "partner_id": _m2o(),
    "request_type": {},
    "priority": {},
    "activity_ids": {},
    "activity_state": {},
    "user_id": _m2o(),
    "color": {},
    "closed": {},
}
REQUEST_LIST_FIELDS = {
    "name": {},
    "title": {},
    "partner_id": _m2o(),
    "request_type": {},
    "channel": {},
    "user_id": _m2o(),
    "stage_id": _m2o(),
    "priority": {},
    "date_received": {},
    "date_closed": {},
    "closed": {},
}
TICKET_KANBAN_FIELDS = {
    "number": {},
    "active": {},
    "name": {},
    "partner_name": {},
    "user_id": _m2o(),
    "user_ids": {"fields": {"display_name": {}}},
    "team_id": _m2o(),
    "sequence": {},
    "color": {},
    "stage_id": _m2o(),
    "priority": {},
    "assigned_date": {},
    "category_id": _m2o(),
    "partner_id": _m2o(),
    "tag_ids": {"fields": {"display_name": {}, "color": {}}},
    "activity_ids": {},
    "activity_state": {},
    "kanban_state": {},
}
TICKET_LIST_FIELDS = {
    "priority": {},
    "sequence": {},
    "number": {},
    "name": {},
    "partner_id": _m2o(),
    "partner_name": {},
    "user_id": _m2o(),
    "category_id": _m2o(),
    "unattended": {},
    "closed": {},
    "stage_id": _m2o(),
    "team_id": _m2o(),
    "activity_ids": {},
}


def create_data(env):
    rng = random.Random(18)
    partners = env["res.partner"].create(
        [{"name": f"Cliente bench {index}"} for index in range(200)]
    )
    users = env["res.users"].search([("share", "=", False)], limit=5)
    stages = env["helpdesk.ticket.stage"].search([("team_ids", "=", False)])
    open_stages = stages.filtered(lambda stage: not stage.closed)
    types = ["commercial", "support", "reminder", "meeting", "other"]
    requests = []
    tickets = []
    for index in range(RECORDS):
        partner = partners[index % len(partners)]
        user = users[index % len(users)]
        stage = stages[index % len(stages)]
        priority = str(rng.randint(0, 3))
        requests.append(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "stage_id": stage.id,
                "request_type": types[index % len(types)],
                "priority": priority,
                "title": f"Richiesta {index}",
                "description": "<p>Bench</p>",
            }
        )
        tickets.append(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "stage_id": stage.id,
                "priority": priority,
                "name": f"Ticket {index}",
                "description": "<p>Bench</p>",
            }
        )
    created = env["customer.request"].create(requests)
    # as many closed requests as tickets in a closed stage, closed the one
    # way a request is closed (its Close action)
    created.filtered(lambda request: request.stage_id.closed).action_close()
    env["helpdesk.ticket"].create(tickets)
    env.flush_all()
    env.cr.execute("ANALYZE customer_request")
    env.cr.execute("ANALYZE helpdesk_ticket")
    return open_stages


def load_kanban(Model, domain, fields, progress_bar):
    groups = Model.web_read_group(domain, [], ["stage_id"], lazy=True)["groups"]
    Model.read_progress_bar(domain, "stage_id", progress_bar)
    for group in groups:
        if group.get("__fold"):
            continue
        Model.web_search_read(group["__domain"], fields, limit=CARDS_PER_COLUMN)


def load_list(Model, domain, fields):
    Model.web_search_read(domain, fields, limit=LIST_LIMIT)


def main():
    args = parse_args(__doc__.splitlines()[0])
    context = {
        "tracking_disable": True,
        "mail_create_nolog": True,
        "mail_create_nosubscribe": True,
        "mail_notrack": True,
    }
    with odoo_env(args, context=context) as env:
        create_data(env)
        # the web client runs as a back-office user, record rules included
        admin_env = env(user=env.ref("base.user_admin"))
        Request = admin_env["customer.request"]
        Ticket = admin_env["helpdesk.ticket"]
        print(f"{RECORDS} customer requests vs {RECORDS} helpdesk tickets", flush=True)
        ratios = [
            report(
                "Kanban (grouped read + first cards)",
                measure(
                    admin_env,
                    lambda: load_kanban(
                        Request,
                        [("closed", "=", False)],
                        REQUEST_KANBAN_FIELDS,
                        {
                            "field": "priority",
                            "colors": {
                                "3": "danger",
                                "2": "warning",
                                "1": "info",
                                "0": "muted",
                            },
                        },
                    ),
                    args.repeat,
                ),
                measure(
                    admin_env,
                    lambda: load_kanban(
                        Ticket,
                        [("stage_id.closed", "=", False)],
                        TICKET_KANBAN_FIELDS,
                        {
                            "field": "activity_state",
                            "colors": {
                                "planned": "success",
                                "today": "warning",
                                "overdue": "danger",
                            },
                        },
                    ),
                    args.repeat,
                ),
                target=TARGET,
            ),
            report(
                "List (first page, 80 rows)",
                measure(
                    admin_env,
                    lambda: load_list(Request, [], REQUEST_LIST_FIELDS),
                    args.repeat,
                ),
                measure(
                    admin_env,
                    lambda: load_list(Ticket, [], TICKET_LIST_FIELDS),
                    args.repeat,
                ),
                target=TARGET,
            ),
        ]
        print(
            "ratios: " + ", ".join(f"{ratio:.2f}" for ratio in ratios),
            flush=True,
        )


if __name__ == "__main__":
    main()
