# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class RepairOfferPriceChange(models.TransientModel):
    """Changing an intervention the customer already has (price, quantity,
    part, taxes, wording, or removing it): asked to confirm, then its answer
    is reset and an updated link is sent."""

    _name = "repair.offer.price.change"
    _description = "Change an Offered Intervention"

    line_id = fields.Many2one(
        comodel_name="repair.offer.line", required=True, ondelete="cascade"
    )
    offer_id = fields.Many2one(related="line_id.offer_id")
    company_id = fields.Many2one(related="line_id.company_id")
    currency_id = fields.Many2one(related="line_id.currency_id")
    old_price = fields.Monetary(related="line_id.price", string="Current price")
    new_price = fields.Monetary(required=True)
    new_quantity = fields.Float(digits="Product Unit of Measure")
    new_name = fields.Char(string="Intervention")
    new_customer_explanation = fields.Text(string="Explanation for the customer")
    new_product_id = fields.Many2one(comodel_name="product.product", string="Part")
    new_tax_ids = fields.Many2many(
        comodel_name="account.tax",
        string="Taxes",
        domain="[('type_tax_use', '=', 'sale'), "
        "('company_id', 'parent_of', company_id)]",
    )
    remove = fields.Boolean(
        string="Remove the intervention",
        help="The intervention is taken off the offer the customer sees.",
    )
    recipient_address = fields.Char(related="offer_id.recipient_address")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        line = self.env["repair.offer.line"].browse(values.get("line_id"))
        if line:
            defaults = {
                "new_price": line.price,
                "new_quantity": line.quantity,
                "new_name": line.name,
                "new_customer_explanation": line.customer_explanation,
                "new_product_id": line.product_id.id,
                "new_tax_ids": [fields.Command.set(line.tax_ids.ids)],
            }
            values.update(
                {key: value for key, value in defaults.items() if key in fields_list}
            )
        return values

    def _line_values(self):
        return {
            "price": self.new_price,
            "quantity": self.new_quantity,
            "name": self.new_name or self.line_id.name,
            "customer_explanation": self.new_customer_explanation or False,
            "product_id": self.new_product_id.id,
            "tax_ids": [fields.Command.set(self.new_tax_ids.ids)],
        }

    def action_confirm_changes(self):
        """Apply the change through the offer's confirmation flow."""
        self.ensure_one()
        if self.remove:
            self.offer_id._apply_changes(removed=self.line_id)
        else:
            self.offer_id._apply_changes({self.line_id: self._line_values()})
        return {"type": "ir.actions.act_window_close"}
