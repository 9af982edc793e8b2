# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.repair_offer_line import SEVERITIES

# the wizard's values start as the intervention's, then the user edits them
_EDITABLE = {"store": True, "readonly": False, "precompute": True}


class RepairOfferChange(models.TransientModel):
    """A change the customer will see on an offer they already have: an
    intervention changed (price, quantity, part, taxes, wording), removed, or
    added. Asked to confirm, then the answers of the changed lines are reset
    and an updated link is sent (``repair.offer._apply_changes``)."""

    _name = "repair.offer.change"
    _description = "Change an Offer the Customer Has"

    offer_id = fields.Many2one(
        comodel_name="repair.offer",
        required=True,
        ondelete="cascade",
        compute="_compute_offer_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    line_id = fields.Many2one(
        comodel_name="repair.offer.line",
        string="Intervention",
        ondelete="cascade",
        domain="[('offer_id', '=', offer_id)]",
        help="Empty: a new intervention is added to the offer.",
    )
    company_id = fields.Many2one(related="offer_id.company_id")
    currency_id = fields.Many2one(related="offer_id.currency_id")
    old_price = fields.Monetary(related="line_id.price", string="Current price")
    # what the intervention becomes: the current values to start with
    new_price = fields.Monetary(
        string="Price", compute="_compute_new_values", **_EDITABLE
    )
    new_quantity = fields.Float(
        string="Quantity",
        digits="Product Unit of Measure",
        compute="_compute_new_values",
        **_EDITABLE,
    )
    new_name = fields.Char(
        string="Intervention name", compute="_compute_new_values", **_EDITABLE
    )
    new_customer_explanation = fields.Text(
        string="Explanation for the customer",
        compute="_compute_new_values",
        **_EDITABLE,
    )
    new_product_id = fields.Many2one(
        comodel_name="product.product",
        string="Part",
        compute="_compute_new_values",
        **_EDITABLE,
    )
    new_tax_ids = fields.Many2many(
        comodel_name="account.tax",
        string="Taxes",
        domain="[('type_tax_use', '=', 'sale'), "
        "('company_id', 'parent_of', company_id)]",
        compute="_compute_new_values",
        **_EDITABLE,
    )
    new_line_kind = fields.Selection(
        selection=[("initial", "Initial"), ("optional", "Optional")],
        string="Kind",
        compute="_compute_new_values",
        **_EDITABLE,
    )
    new_severity = fields.Selection(
        selection=SEVERITIES,
        string="Severity",
        compute="_compute_new_values",
        **_EDITABLE,
    )
    remove = fields.Boolean(
        string="Remove the intervention",
        help="The intervention is taken off the offer the customer sees.",
    )
    recipient_address = fields.Char(related="offer_id.recipient_address")

    @api.depends("line_id")
    def _compute_offer_id(self):
        for change in self.filtered("line_id"):
            change.offer_id = change.line_id.offer_id

    @api.depends("line_id", "offer_id")
    def _compute_new_values(self):
        for change in self:
            line = change.line_id
            company = change.offer_id.company_id or self.env.company
            change.new_price = line.price
            change.new_quantity = line.quantity if line else 1.0
            change.new_name = line.name
            change.new_customer_explanation = line.customer_explanation
            change.new_product_id = line.product_id
            change.new_tax_ids = line.tax_ids if line else company.account_sale_tax_id
            change.new_line_kind = line.line_kind or "initial"
            change.new_severity = line.severity

    @api.onchange("new_product_id", "new_quantity")
    def _onchange_new_part(self):
        """A new intervention's name, price and taxes, as a line of the offer
        would take them from the part (the repair's quotation or pricelist)."""
        if self.line_id or not self.new_product_id:
            return
        line = self.env["repair.offer.line"].new(
            {
                "offer_id": self.offer_id.id,
                "product_id": self.new_product_id.id,
                "quantity": self.new_quantity,
            }
        )
        self.new_name = self.new_name or line.name
        self.new_price = line.price
        self.new_tax_ids = line.tax_ids

    def _line_values(self):
        return {
            "line_kind": self.new_line_kind,
            "severity": self.new_severity or False,
            "price": self.new_price,
            "quantity": self.new_quantity,
            "name": self.new_name
            or self.line_id.name
            or self.new_product_id.display_name,
            "customer_explanation": self.new_customer_explanation or False,
            "product_id": self.new_product_id.id,
            "tax_ids": [fields.Command.set(self.new_tax_ids.ids)],
        }

    def action_confirm_changes(self):
        """Apply the change through the offer's confirmation flow."""
        self.ensure_one()
        if not self.line_id:
            values = self._line_values()
            if not values["name"]:
                raise UserError(_("Give the new intervention a name or a part."))
            self.offer_id._apply_changes(added=[values])
        elif self.remove:
            self.offer_id._apply_changes(removed=self.line_id)
        else:
            self.offer_id._apply_changes({self.line_id: self._line_values()})
        return {"type": "ir.actions.act_window_close"}
