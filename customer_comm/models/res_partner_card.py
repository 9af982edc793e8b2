# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer card: counts and one-click actions of everything about the
customer (smart buttons of the partner form).

Every count of the card is a field computed by ``_compute_card_counts``:
Odoo computes the fields sharing a compute method together, so opening the
card looks the customer's contacts up once for all the counts, whichever
addon adds them, and counts them all in one query. An addon adds a count
with such a field (with the groups of who may read what it counts) and its
``CardCount`` in ``_card_count_specs``; it depends on the app it counts."""

from collections import defaultdict
from typing import NamedTuple

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# who may read the invoices: Odoo's groups of its own "Invoiced" button
INVOICE_READERS = "account.group_account_invoice,account.group_account_readonly"


class CardCount(NamedTuple):
    """A count of the card: the records of ``model`` matching ``domain``
    linked to the customer through ``partner_field`` (a many2one, or the
    ``res_id`` of an attachment), read with the user's rights. With
    ``contacts``, a contact's records count for its company too (as Odoo
    counts a company's sales orders); without, the customer's own only."""

    model: models.BaseModel
    domain: list
    partner_field: str = "partner_id"
    contacts: bool = True


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
    # the customer's own history (a contact's messages are on its card)
    customer_comm_log_count = fields.Integer(
        compute="_compute_card_counts",
        groups="customer_comm.group_customer_comm_user",
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

    def _card_count_specs(self):
        """``{field name: CardCount}``: the counts of the card that are
        grouped counts. Addons add theirs, for the fields the user may read
        (``_card_counted``)."""
        specs = {}
        if self._card_counted("card_overdue_invoice_count"):
            specs["card_overdue_invoice_count"] = CardCount(
                self.env["account.move"], self._card_overdue_invoice_domain()
            )
        if self._card_counted("card_document_count"):
            # An attachment is readable by whoever may read the record it is
            # attached to (ir.attachment's own access check): the partners
            # of owners are those the user may read, so the count is the
            # user's without repeating that check.
            specs["card_document_count"] = CardCount(
                self.env["ir.attachment"].sudo(),
                self._card_document_domain(),
                "res_id",
            )
        if self._card_counted("customer_comm_log_count"):
            specs["customer_comm_log_count"] = CardCount(
                self.env["customer.comm.log"], [], contacts=False
            )
        return specs

    def _card_counts(self, owners):
        """``{field name: {partner id: count}}``: the counts of the card the
        user may read, for the partners of ``owners`` (``_card_owners``).
        Addons add those that are not grouped counts (the meetings)."""
        return self._card_grouped_counts(self._card_count_specs(), owners)

    def _card_grouped_counts(self, specs, owners):
        """The ``CardCount`` of ``specs`` counted in one query: each count is
        its model's own search (record rules and archived records as for
        any search of the user), grouped by partner."""
        own_ids = set(self.ids)
        selects = []
        for index, (_fname, spec) in enumerate(specs.items()):
            Model = spec.model
            partner_ids = list(owners) if spec.contacts else self.ids
            query = Model._search(
                [(spec.partner_field, "in", partner_ids), *spec.domain]
            )
            if query.is_empty():
                continue
            column = Model._field_to_sql(Model._table, spec.partner_field, query)
            query.groupby = column
            selects.append(query.select(SQL("%s", index), column, SQL("COUNT(*)")))
        counts = {fname: defaultdict(int) for fname in specs}
        if not selects:
            return counts
        statement = SQL(" UNION ALL ").join(SQL("(%s)", select) for select in selects)
        fnames, specs_list = list(specs), list(specs.values())
        for index, partner_id, count in self.env.execute_query(statement):
            if specs_list[index].contacts:
                targets = owners.get(partner_id, ())
            else:
                targets = (partner_id,) if partner_id in own_ids else ()
            for owner_id in targets:
                counts[fnames[index]][owner_id] += count
        return counts

    def _card_partner_and_contacts(self):
        """These partners and their contacts at any depth (archived ones
        too) that the user may read, with their parent read: what
        ``child_of`` finds, in one query instead of one per level."""
        tree = SQL(
            """(WITH RECURSIVE tree(id) AS (
                    SELECT id FROM %(table)s WHERE id IN %(ids)s
                    UNION
                    SELECT child.id FROM %(table)s child
                      JOIN tree ON child.parent_id = tree.id
                ) SELECT id FROM tree)""",
            table=SQL.identifier(self._table),
            ids=tuple(self.ids),
            to_flush=self._fields["parent_id"],
        )
        return self.with_context(active_test=False).search_fetch(
            [("id", "in", tree)], ["parent_id"], order="id"
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
