# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

DECISIONS = [
    ("fix", "Fix it"),
    ("no_fix", "Don't fix"),
    ("contact", "Contact me"),
]

# the advisor's authorisation that matches each answer of the customer
AUTHORISATION_FOR_DECISION = {"fix": "authorised", "no_fix": "refused"}


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
    mechanic_note = fields.Text()
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

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id and not line.name:
                line.name = line.product_id.display_name

    @api.depends("product_id", "quantity")
    def _compute_price(self):
        for line in self:
            if line.product_id:
                line.price = line.product_id.lst_price * line.quantity

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
        lines = super().create(vals_list)
        lines.offer_id._check_not_closed()
        return lines

    def write(self, vals):
        if "price" in vals and not self.env.context.get("offer_price_change_confirmed"):
            seen = self.filtered(
                lambda line: (
                    line.offer_id.state in ("viewed", "confirmed")
                    and line.currency_id.compare_amounts(line.price, vals["price"])
                )
            )
            if seen:
                raise UserError(
                    _(
                        "The customer has already opened this offer: change the price "
                        "of %(line)s with the 'Change price' button, which sends "
                        "them an updated link.",
                        line=seen[0].name,
                    )
                )
        if {"price", "name", "line_kind", "product_id"} & set(vals):
            self.offer_id._check_not_closed()
        result = super().write(vals)
        if "mechanic_note" in vals or "price" in vals:
            self._update_repair_lines()
        return result

    def action_authorise(self):
        self._set_authorisation("authorised")

    def action_refuse(self):
        self._set_authorisation("refused")

    def action_change_price(self):
        """Open the confirmation of a price change the customer will see."""
        self.ensure_one()
        self.offer_id._check_not_closed()
        return {
            "type": "ir.actions.act_window",
            "name": _("Change price"),
            "res_model": "repair.offer.price.change",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
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
