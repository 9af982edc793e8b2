# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer card: counts and one-click actions of everything about the
customer (smart buttons of the partner form).

Every count of the card is a field computed by ``_compute_card_counts``:
Odoo computes the fields sharing a compute method together, so opening the
card looks the customer's contacts up once for all the counts, whichever
addon adds them. An addon adds a count with such a field (with the groups
of who may read what it counts) and its query in ``_card_counts``; it
depends on the app it counts."""

from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError

# who may read the invoices: Odoo's groups of its own "Invoiced" button
INVOICE_READERS = "account.group_account_invoice,account.group_account_readonly"


class ResPartner(models.Model):
    _inherit = "res.partner"

    card_overdue_invoice_count = fields.Integer(
        string="Overdue invoices",
        compute="_compute_card_counts",
        groups=INVOICE_READERS,
    )
    card_document_count = fields.Integer(
        string="Documents",
        compute="_compute_card_counts",
        groups="base.group_user",
        help="The files attached to the customer and its contacts: uploaded "
        "on the card or sent and received in their conversation.",
    )

    # ----------------------------------------------------------------- counts
    def _compute_card_counts(self):
        """All the counts of the card in one go: the customers' contacts
        are looked up once for all of them."""
        owners = self._card_owners()
        counts = self._card_counts(owners) if owners else {}
        for fname in self._card_count_fields():
            fname_counts = counts.get(fname, {})
            for partner in self:
                partner[fname] = fname_counts.get(partner._origin.id, 0)

    def _card_count_fields(self):
        return [
            fname
            for fname, field in self._fields.items()
            if field.compute == "_compute_card_counts"
        ]

    def _card_counted(self, fname):
        """Whether the user may read the count ``fname`` (the groups of its
        field): it is computed only then."""
        return self._fields[fname].is_accessible(self.env)

    def _card_counts(self, owners):
        """``{field name: {partner id: count}}``: the counts of the card the
        user may read, for the partners of ``owners`` (``_card_owners``).
        Addons add theirs."""
        counts = {}
        if self._card_counted("card_overdue_invoice_count"):
            counts["card_overdue_invoice_count"] = self._card_count(
                self.env["account.move"],
                self._card_overdue_invoice_domain(),
                "partner_id",
                owners,
            )
        if self._card_counted("card_document_count"):
            # An attachment is readable by whoever may read the record it is
            # attached to (ir.attachment's own access check): the partners
            # of owners are those the user may read, so the count is the
            # user's without repeating that check.
            counts["card_document_count"] = self._card_count(
                self.env["ir.attachment"].sudo(),
                self._card_document_domain(),
                "res_id",
                owners,
            )
        return counts

    def _card_count(self, Model, domain, partner_field, owners):
        """``{partner id: count}`` of the ``Model`` records matching
        ``domain`` linked to each partner of ``owners`` or its contacts
        through ``partner_field`` (a many2one, a many2many such as the
        attendees of a meeting, or the ``res_id`` of an attachment): one
        grouped query. A record linked to several contacts of a customer
        counts once for that customer."""
        domain = [(partner_field, "in", list(owners)), *domain]
        if Model._fields[partner_field].type == "many2many":
            record_ids = defaultdict(set)
            for partner, ids in Model._read_group(
                domain, groupby=[partner_field], aggregates=["id:array_agg"]
            ):
                # the other attendees of a meeting have their group too
                for owner_id in owners.get(partner.id, ()):
                    record_ids[owner_id].update(ids)
            return {owner_id: len(ids) for owner_id, ids in record_ids.items()}
        counts = defaultdict(int)
        for partner, count in Model._read_group(
            domain, groupby=[partner_field], aggregates=["__count"]
        ):
            partner_id = (
                partner.id if isinstance(partner, models.BaseModel) else partner
            )
            for owner_id in owners.get(partner_id, ()):
                counts[owner_id] += count
        return counts

    def _card_partner_and_contacts(self):
        """These partners and their contacts (archived ones too), with their
        parent read."""
        return self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )

    def _card_owners(self):
        """``{partner id: ids of the partners of self it belongs to}``, for
        these partners and their contacts: a contact's records count for its
        company too, as Odoo counts a company's sales orders."""
        if not self.ids:
            return {}
        partners = self._card_partner_and_contacts()
        # the walk up stays among the partners just read (no query for
        # their parents)
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
        return owners

    def _card_action(self, xmlid, domain, context, partner_field="partner_id"):
        """The window action ``xmlid`` on the records of the customer and its
        contacts matching ``domain``."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(partner_field, "child_of", self.id), *domain]
        action["context"] = context
        return action

    # --------------------------------------------------------------- invoices
    def _card_overdue_invoice_domain(self):
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("invoice_date_due", "<", fields.Date.context_today(self)),
        ]

    def action_view_card_overdue_invoices(self):
        return self._card_action(
            "account.action_move_out_invoice_type",
            self._card_overdue_invoice_domain(),
            {"default_move_type": "out_invoice", "default_partner_id": self.id},
        )

    def _customer_comm_overdue_invoices(self):
        """The overdue customer invoices of the customer and its contacts,
        oldest due first; none for a user who may not read invoices (the
        payment reminder template lists them)."""
        self.ensure_one()
        Move = self.env["account.move"]
        if not Move.has_access("read"):
            return Move
        return Move.search(
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

    # -------------------------------------------------------------- documents
    def _card_document_domain(self):
        return [("res_model", "=", "res.partner")]

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
