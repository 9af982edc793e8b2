# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, formatLang

DECISIONS = [
    ("fix", "Fix it"),
    ("no_fix", "Don't fix"),
    ("contact", "Contact me"),
    ("later", "Later"),
]
# not done now, kept on the item as deferred work (proposed again, reminded)
DEFERRING_DECISIONS = ("no_fix", "later")
# "later" is offered for work that can wait (to plan soon, or without a
# severity), never for urgent work: the mechanic judged it cannot wait, so the
# customer either has it fixed or refuses it knowingly ("don't fix", still kept
# on the item); "checked, fine" items ask no answer at all
LATER_SEVERITIES = ("soon", False)

# how urgent an intervention is, as the mechanic judged it at the inspection;
# "fine" items were checked and need no work (shown to build trust)
SEVERITIES = [
    ("urgent", "Urgent"),
    ("soon", "Soon"),
    ("fine", "Checked, fine"),
]

# the advisor's authorisation that matches each answer of the customer
AUTHORISATION_FOR_DECISION = {
    "fix": "authorised",
    "no_fix": "refused",
    "later": "refused",
}

# the customer has the link
SENT_STATES = ("sent", "viewed", "confirmed")

# what the customer sees or pays: once the offer is sent, changed only by the
# confirmation flow (repair.offer._apply_changes)
CUSTOMER_FIELDS = (
    "name",
    "customer_explanation",
    "product_id",
    "quantity",
    "price",
    "tax_ids",
    "line_kind",
    "severity",
)
# the customer's own answers: written by the portal route only
ANSWER_FIELDS = {"decision"}


class RepairOfferLine(models.Model):
    """One intervention of an offer: required by the diagnosis (initial) or
    recommended (optional), with the customer's decision and the advisor's
    authorisation. Linked to the repair order's line it comes from."""

    _name = "repair.offer.line"
    _description = "Repair Offer Intervention"
    _order = "offer_id, line_kind, sequence, id"
    _check_company_auto = True

    offer_id = fields.Many2one(
        comodel_name="repair.offer", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="offer_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    line_kind = fields.Selection(
        selection=[("initial", "Initial"), ("optional", "Optional")],
        string="Kind",
        required=True,
        default="initial",
        help="Initial: required by the diagnosis. Optional: recommended.",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Part",
        check_company=True,
        help="The part of an optional intervention: it is added to the repair "
        "order when the intervention is authorised.",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    name = fields.Char(
        string="Intervention",
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    severity = fields.Selection(
        selection=SEVERITIES,
        help="Urgent: to fix now. Soon: to plan. Checked, fine: inspected, no work "
        "needed.",
    )
    mechanic_note = fields.Text(
        help="The mechanic's internal note: never shown to the customer.",
    )
    customer_explanation = fields.Text(
        help="What the customer reads about this intervention on the offer page.",
    )
    move_id = fields.Many2one(
        comodel_name="stock.move",
        string="Repair line",
        index="btree_not_null",
        ondelete="set null",
        help="The line of the repair order this intervention comes from.",
    )
    currency_id = fields.Many2one(related="offer_id.currency_id")
    price = fields.Monetary(
        compute="_compute_price",
        store=True,
        readonly=False,
        precompute=True,
        help="Price of the intervention, with or without taxes as the company's "
        "taxes say (like product prices).",
    )
    tax_ids = fields.Many2many(
        comodel_name="account.tax",
        string="Taxes",
        compute="_compute_tax_ids",
        store=True,
        readonly=False,
        check_company=True,
        domain=[("type_tax_use", "=", "sale")],
    )
    price_subtotal = fields.Monetary(
        compute="_compute_amounts", string="Untaxed amount", store=True
    )
    price_total = fields.Monetary(
        compute="_compute_amounts", string="Amount with taxes", store=True
    )
    price_shown = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        help="The price as the company shows it: with or without taxes.",
    )
    decision = fields.Selection(selection=DECISIONS, copy=False)
    authorisation = fields.Selection(
        selection=[("authorised", "Authorised"), ("refused", "Refused")],
        copy=False,
        help="The advisor's go-ahead for this intervention.",
    )
    lot_id = fields.Many2one(related="offer_id.lot_id", store=True, string="Item")
    deferred_work_id = fields.Many2one(
        comodel_name="repair.deferred.work",
        string="Deferred work",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The work the customer put off at an earlier visit that this "
        "intervention proposes again.",
    )
    media_ids = fields.One2many(
        comodel_name="repair.offer.line.media",
        inverse_name="line_id",
        string="Photos and videos",
        help="Shown to the customer on the offer page, without the place they "
        "were taken.",
    )
    offer_state = fields.Selection(related="offer_id.state")
    answered_by_phone = fields.Boolean(
        compute="_compute_answered_by_phone",
        help="The answer was given by phone and recorded by a colleague.",
    )

    _sql_constraints = [
        (
            "quantity_not_negative",
            "CHECK(quantity >= 0)",
            "The quantity of an intervention cannot be negative.",
        ),
        (
            "price_not_negative",
            "CHECK(price >= 0)",
            "The price of an intervention cannot be negative.",
        ),
    ]

    @api.constrains("quantity", "price")
    def _check_not_negative(self):
        for line in self:
            if line.quantity < 0 or line.currency_id.compare_amounts(line.price, 0) < 0:
                raise ValidationError(
                    _(
                        "%(line)s: quantities and prices cannot be negative.",
                        line=line.name,
                    )
                )

    @api.depends("decision", "offer_id.answer_recorded_by_id")
    def _compute_answered_by_phone(self):
        for line in self:
            line.answered_by_phone = bool(
                line.decision and line.offer_id.answer_recorded_by_id
            )

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id and not line.name:
                line.name = line.product_id.display_name

    @api.depends("product_id", "quantity")
    def _compute_price(self):
        for line in self:
            if line.product_id:
                line.price = line._repair_unit_price() * line.quantity

    def _repair_unit_price(self):
        """The unit price of the part as the repair's quotation has it, or
        as the pricelist of the repair's customer gives it."""
        self.ensure_one()
        sale_line = self.move_id.sale_line_id
        if sale_line and sale_line.product_id == self.product_id:
            return sale_line.price_unit
        repair = self.offer_id.repair_id
        pricelist = (
            repair.sale_order_id.pricelist_id
            or repair.partner_id.property_product_pricelist
        )
        if pricelist:
            return pricelist._get_product_price(
                self.product_id, self.quantity or 1.0, uom=self.product_id.uom_id
            )
        return self.product_id.lst_price

    @api.depends("product_id", "company_id")
    def _compute_tax_ids(self):
        for line in self:
            company = line.company_id or self.env.company
            if line.product_id:
                line.tax_ids = line.product_id.taxes_id.filtered_domain(
                    self.env["account.tax"]._check_company_domain(company)
                )
            elif not line.tax_ids:
                line.tax_ids = company.account_sale_tax_id

    @api.depends("price", "tax_ids", "currency_id", "offer_id.company_id")
    def _compute_amounts(self):
        for line in self:
            taxes = line.tax_ids.compute_all(
                line.price,
                currency=line.currency_id or None,
                quantity=1.0,
                product=line.product_id or None,
            )
            line.price_subtotal = taxes["total_excluded"]
            line.price_total = taxes["total_included"]
            included = line.offer_id.company_id.account_price_include
            line.price_shown = (
                line.price_total if included == "tax_included" else line.price_subtotal
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_answer_fields(vals)
        lines = super().create(vals_list)
        lines.offer_id._check_not_closed()
        if not self.env.su:
            lines._check_not_sent("added")
        return lines

    def write(self, vals):
        self.offer_id._check_not_closed()
        if not self.env.su:
            self._check_answer_fields(vals)
            self._lines_changed_by(vals)._check_not_sent("changed")
        result = super().write(vals)
        if "mechanic_note" in vals or "price" in vals:
            self._update_repair_lines()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        self.offer_id._check_not_closed()
        if not self.env.su:
            self._check_not_sent("removed")
        self._release_deferred_work()

    @api.model
    def _check_answer_fields(self, vals):
        if ANSWER_FIELDS & set(vals):
            raise AccessError(
                _(
                    "The customer's answer is given on the offer page; to note "
                    "an answer given by phone, use 'Record the customer's answer'."
                )
            )

    def _check_not_sent(self, action):
        """Refuse ``action`` (added, changed, removed) on the lines of an
        offer the customer has: the confirmation flow does it."""
        sent = self.filtered(lambda line: line.offer_id.state in SENT_STATES)
        if not sent:
            return
        repair, line = sent[0].offer_id.repair_id.name, sent[0].name
        if action == "added":
            message = _(
                "The customer already has the offer for %(repair)s: use 'Add an "
                "intervention' on the offer: you confirm it and the customer "
                "receives an updated link.",
                repair=repair,
            )
        elif action == "removed":
            message = _(
                "The customer already has the offer for %(repair)s: %(line)s cannot "
                "be removed directly. Use 'Change' on the intervention: you confirm "
                "the removal and the customer receives an updated link.",
                repair=repair,
                line=line,
            )
        else:
            message = _(
                "The customer already has the offer for %(repair)s: %(line)s cannot "
                "be changed directly. Use 'Change' on the intervention: you confirm "
                "the change, the customer's answer is reset and they receive an "
                "updated link.",
                repair=repair,
                line=line,
            )
        raise UserError(message)

    def _lines_changed_by(self, vals):
        """The lines whose customer-facing values ``vals`` would change."""
        names = [name for name in CUSTOMER_FIELDS if name in vals]
        if not names:
            return self.browse()
        return self.filtered(lambda line: line._describe_changes(vals))

    def _describe_changes(self, vals):
        """``["Price: 40.00 € → 55.00 €", ...]``: what ``vals`` changes of
        what the customer sees or pays."""
        self.ensure_one()
        changes = []
        for name in CUSTOMER_FIELDS:
            if name not in vals:
                continue
            field = self._fields[name]
            old = self[name]
            new = field.convert_to_record(
                field.convert_to_cache(vals[name], self), self
            )
            if field.type in ("float", "monetary"):
                digits = 2 if field.type == "monetary" else 6
                if not float_compare(old, new, precision_digits=digits):
                    continue
            elif old == new:
                continue
            changes.append(
                self.env._(
                    "%(field)s: %(old)s → %(new)s",
                    field=field._description_string(self.env),
                    old=self._format_value(name, old),
                    new=self._format_value(name, new),
                )
            )
        return changes

    def _format_value(self, name, value):
        field = self._fields[name]
        if field.type == "monetary":
            return self.offer_id._format_amount(value)
        if field.type == "float":
            return formatLang(self.env, value, digits=3).rstrip("0").rstrip(".,")
        if field.type in ("many2one", "many2many"):
            return ", ".join(value.mapped("display_name")) or "-"
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "-")
        return value or "-"

    def _to_decide(self):
        """The interventions the customer answers: "checked, fine" items are
        shown to build trust and ask no decision."""
        return self.filtered(lambda line: line.severity != "fine")

    def _decisions_offered(self):
        """The answers the customer may give to this intervention: none for
        a "checked, fine" item, no "later" for urgent work."""
        self.ensure_one()
        if self.severity == "fine":
            return ()
        return tuple(
            key
            for key, _label in DECISIONS
            if key != "later" or self.severity in LATER_SEVERITIES
        )

    def action_authorise(self):
        self._set_authorisation("authorised")

    def action_refuse(self):
        self._set_authorisation("refused")

    def action_open_media(self):
        """The photos and videos of the intervention: taken with the phone's
        camera in the workshop, shown to the customer on the offer page."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Photos and videos of %(line)s", line=self.name),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("workshop_offer.repair_offer_line_view_form").id, "form")
            ],
            "target": "new",
        }

    def action_change_price(self):
        """Open the confirmation of a change the customer will see."""
        self.ensure_one()
        self.offer_id._check_not_closed()
        return {
            "type": "ir.actions.act_window",
            "name": _("Change the intervention"),
            "res_model": "repair.offer.change",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_line_id": self.id,
                "default_offer_id": self.offer_id.id,
            },
        }

    def _update_repair_lines(self):
        """Notes and prices reviewed on the offer flow back to the repair
        order: the note becomes the repair line's description, the price the
        price of its quotation line while the quotation can still change."""
        for line in self.filtered("move_id"):
            move = line.move_id
            if (move.description_picking or "") != (line.mechanic_note or ""):
                move.description_picking = line.mechanic_note
            sale_line = move.sale_line_id
            if sale_line and sale_line.order_id.state in ("draft", "sent"):
                qty = sale_line.product_uom_qty or 1.0
                sale_line.price_unit = line.price / qty

    def _set_authorisation(self, authorisation):
        self.offer_id._check_not_closed()
        self.write({"authorisation": authorisation})
        if authorisation == "authorised":
            self._add_to_repair_order()

    def _apply_answer_to_repair(self):
        """What is accepted is what is repaired: a refused intervention's part
        is no longer to consume (its quotation line follows, so it is not
        invoiced), an accepted one is (back) on the repair order."""
        for line in self:
            repair = line.offer_id.repair_id
            move = line.move_id
            if repair.state in ("done", "cancel") or move.state in ("done", "cancel"):
                continue
            if line.decision in DEFERRING_DECISIONS and move:
                move.sudo().product_uom_qty = 0.0
            elif line.decision == "fix" and move and not move.product_uom_qty:
                move.sudo().product_uom_qty = line.quantity
            elif line.decision == "fix" and not move:
                line.sudo()._add_to_repair_order()

    def _release_deferred_work(self):
        """Deferred work proposed in these lines, which no longer propose
        it (removed, offer cancelled), is pending again."""
        self.deferred_work_id.filtered(
            lambda work: work.state == "proposed"
        ).sudo().write({"state": "pending", "proposed_line_id": False})

    def _update_deferred_work(self):
        """After the customer's confirmed answers: what they put off on an
        item is kept as deferred work; deferred work proposed again is done
        when accepted, pending again (with the new date) when put off again."""
        today = fields.Date.context_today(self)
        to_create = []
        for line in self:
            work = line.deferred_work_id.sudo()
            if work and line.decision == "fix":
                work.write({"state": "done"})
            elif work and line.decision in DEFERRING_DECISIONS:
                work.write(
                    {
                        "state": "pending",
                        "date_deferred": today,
                        "reminder_sent_on": False,
                        "offer_line_id": line.id,
                        "proposed_line_id": False,
                    }
                )
            elif work:
                work.write({"state": "pending", "proposed_line_id": False})
            elif (
                line.decision in DEFERRING_DECISIONS
                and line.offer_id.lot_id
                and line.severity != "fine"
            ):
                to_create.append(line._prepare_deferred_work_values(today))
        self.env["repair.deferred.work"].sudo().create(to_create)

    def _prepare_deferred_work_values(self, date):
        self.ensure_one()
        offer = self.offer_id
        return {
            "name": self.name,
            "lot_id": offer.lot_id.id,
            "partner_id": offer.partner_id.id,
            "company_id": offer.company_id.id,
            "offer_line_id": self.id,
            "product_id": self.product_id.id,
            "quantity": self.quantity,
            "price": self.price,
            "severity": self.severity,
            "customer_explanation": self.customer_explanation,
            "date_deferred": date,
        }

    def _add_to_repair_order(self):
        """An authorised intervention with a part and no repair line yet gets
        one, so the part is planned with the repair."""
        todo = self.filtered(lambda line: line.product_id and not line.move_id)
        for line in todo:
            repair = line.offer_id.repair_id
            if repair.state in ("done", "cancel"):
                continue
            line.move_id = self.env["stock.move"].create(
                {
                    "repair_id": repair.id,
                    "repair_line_type": "add",
                    "product_id": line.product_id.id,
                    "product_uom_qty": line.quantity,
                    "product_uom": line.product_id.uom_id.id,
                    "description_picking": line.mechanic_note or False,
                    "company_id": repair.company_id.id,
                }
            )
