# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer card: counts and one-click actions of everything about the
customer (smart buttons of the partner form)."""

from odoo import _, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    card_repair_count = fields.Integer(
        string="Repairs", compute="_compute_card_repair_count"
    )
    card_show_repairs = fields.Boolean(compute="_compute_card_repair_count")
    card_overdue_invoice_count = fields.Integer(
        string="Overdue invoices", compute="_compute_card_overdue_invoice_count"
    )
    card_show_overdue_invoices = fields.Boolean(
        compute="_compute_card_overdue_invoice_count"
    )
    card_upcoming_meeting_count = fields.Integer(
        string="Upcoming meetings", compute="_compute_card_meeting_counts"
    )
    card_past_meeting_count = fields.Integer(
        string="Past meetings", compute="_compute_card_meeting_counts"
    )
    card_show_meetings = fields.Boolean(compute="_compute_card_meeting_counts")
    card_document_count = fields.Integer(
        string="Documents",
        compute="_compute_card_document_count",
        help="The files attached to the customer and its contacts: uploaded "
        "on the card or sent and received in their conversation.",
    )

    def _card_readable(self, model):
        """Whether ``model`` is installed and readable by the user: its card
        button is shown only then."""
        return model in self.env and self.env[model].has_access("read")

    def _card_partner_and_contacts(self):
        """These partners and their contacts (archived ones too), with their
        parent read."""
        return self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )

    def _card_count(self, model, domain, partner_field="partner_id"):
        """``{partner: count}`` of the ``model`` records linked to each
        partner or its contacts, or ``None`` (see ``_card_counts``)."""
        counts = self._card_counts(model, [domain], partner_field)
        return counts and counts[0]

    def _card_counts(self, model, domains, partner_field="partner_id"):
        """One ``{partner: count}`` per domain of ``domains``: the ``model``
        records linked to each partner or its contacts (as Odoo counts sales
        orders) through ``partner_field`` (a many2one, a many2many such as the
        attendees of a meeting, or the ``res_id`` of an attachment), or
        ``None`` when the model is not installed or not readable by the user.
        A record linked to several contacts of a customer counts once for
        that customer. The customers' contacts are looked up once for all
        the domains."""
        if not self._card_readable(model):
            return None
        if not self.ids:
            return [dict.fromkeys(self, 0) for _domain in domains]
        partners = self._card_partner_and_contacts()
        # {partner id: ids of the partners of self it belongs to}; the walk up
        # stays among the partners just read (no query for their parents)
        own_ids = set(self.ids)
        read_ids = set(partners.ids)
        owners = {}
        for partner in partners:
            owners[partner.id] = found = []
            walk = partner
            while walk and walk.id in read_ids:
                if walk.id in own_ids:
                    found.append(walk.id)
                walk = walk.parent_id
        Model = self.env[model]
        many2many = Model._fields[partner_field].type == "many2many"
        result = []
        for domain in domains:
            counts = dict.fromkeys(self, 0)
            search_domain = [(partner_field, "in", partners.ids), *domain]
            if many2many:
                record_ids = {partner_id: set() for partner_id in own_ids}
                for partner, ids in Model._read_group(
                    search_domain, groupby=[partner_field], aggregates=["id:array_agg"]
                ):
                    for owner_id in owners.get(partner.id, ()):
                        record_ids[owner_id].update(ids)
                for owner_id, ids in record_ids.items():
                    counts[self.browse(owner_id)] = len(ids)
            else:
                for key, count in Model._read_group(
                    search_domain, groupby=[partner_field], aggregates=["__count"]
                ):
                    partner_id = key.id if isinstance(key, models.BaseModel) else key
                    for owner_id in owners.get(partner_id, ()):
                        counts[self.browse(owner_id)] += count
            result.append(counts)
        return result

    def _compute_card_repair_count(self):
        counts = self._card_count("repair.order", [])
        for partner in self:
            partner.card_show_repairs = counts is not None
            partner.card_repair_count = (counts or {}).get(partner, 0)

    def _card_overdue_invoice_domain(self):
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("invoice_date_due", "<", fields.Date.context_today(self)),
        ]

    def _compute_card_overdue_invoice_count(self):
        counts = self._card_count("account.move", self._card_overdue_invoice_domain())
        for partner in self:
            partner.card_show_overdue_invoices = counts is not None
            partner.card_overdue_invoice_count = (counts or {}).get(partner, 0)

    def _card_action(self, xmlid, domain, context, partner_field="partner_id"):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(partner_field, "child_of", self.id), *domain]
        action["context"] = context
        return action

    def _card_meeting_domain(self, upcoming, now=None):
        now = now or fields.Datetime.now()
        return [("start", ">=" if upcoming else "<", now)]

    def _compute_card_meeting_counts(self):
        now = fields.Datetime.now()
        upcoming, past = self._card_counts(
            "calendar.event",
            [
                self._card_meeting_domain(is_upcoming, now)
                for is_upcoming in (True, False)
            ],
            partner_field="partner_ids",
        ) or (None, None)
        for partner in self:
            partner.card_show_meetings = upcoming is not None
            partner.card_upcoming_meeting_count = (upcoming or {}).get(partner, 0)
            partner.card_past_meeting_count = (past or {}).get(partner, 0)

    def _card_document_domain(self):
        return [("res_model", "=", "res.partner")]

    def _compute_card_document_count(self):
        counts = self._card_count(
            "ir.attachment", self._card_document_domain(), partner_field="res_id"
        )
        for partner in self:
            partner.card_document_count = (counts or {}).get(partner, 0)

    def action_view_card_repairs(self):
        return self._card_action(
            "repair.action_repair_order_tree",
            [],
            {"default_partner_id": self.id},
        )

    def action_view_card_overdue_invoices(self):
        return self._card_action(
            "account.action_move_out_invoice_type",
            self._card_overdue_invoice_domain(),
            {"default_move_type": "out_invoice", "default_partner_id": self.id},
        )

    def _action_view_card_meetings(self, upcoming):
        self.ensure_one()
        action = self._card_action(
            "calendar.action_calendar_event",
            self._card_meeting_domain(upcoming),
            {"default_partner_ids": [self.id, self.env.user.partner_id.id]},
            partner_field="partner_ids",
        )
        action.pop("path", None)
        action["name"] = _("Upcoming meetings") if upcoming else _("Past meetings")
        action["view_mode"] = "list,calendar,form"
        action["views"] = [(False, "list"), (False, "calendar"), (False, "form")]
        return action

    def action_view_card_upcoming_meetings(self):
        return self._action_view_card_meetings(upcoming=True)

    def action_view_card_past_meetings(self):
        return self._action_view_card_meetings(upcoming=False)

    def action_view_card_documents(self):
        """The customer's files, where more can be uploaded."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Documents of %(customer)s", customer=self.display_name),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "views": [
                (self.env.ref("customer_comm.ir_attachment_view_kanban").id, "kanban"),
                (self.env.ref("customer_comm.ir_attachment_view_list").id, "list"),
                (self.env.ref("customer_comm.ir_attachment_view_form").id, "form"),
            ],
            "domain": [
                ("res_id", "in", self._card_partner_and_contacts().ids),
                *self._card_document_domain(),
            ],
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_type": "binary",
            },
        }

    def _customer_comm_overdue_invoices(self):
        """The overdue customer invoices of the customer and its contacts,
        oldest due first: an empty list when invoicing is not installed or
        not readable by the user."""
        self.ensure_one()
        if not self._card_readable("account.move"):
            return []
        return self.env["account.move"].search(
            [("partner_id", "child_of", self.id), *self._card_overdue_invoice_domain()],
            order="invoice_date_due, id",
        )

    def _customer_comm_overdue_totals(self):
        """``[(currency, amount due)]`` of the overdue invoices, one line per
        currency."""
        totals = {}
        for invoice in self._customer_comm_overdue_invoices():
            currency = invoice.currency_id
            totals[currency] = totals.get(currency, 0.0) + invoice.amount_residual
        return list(totals.items())

    def action_customer_comm_remind_payment(self):
        """The composer, as an e-mail with the payment reminder applied."""
        self.ensure_one()
        if not self._customer_comm_overdue_invoices():
            raise UserError(
                _(
                    "%(customer)s has no overdue invoice to remind.",
                    customer=self.display_name,
                )
            )
        return self.env["customer.comm.composer"]._open_for(
            self,
            mail_template=self.env.ref("customer_comm.mail_template_payment_reminder"),
        )
