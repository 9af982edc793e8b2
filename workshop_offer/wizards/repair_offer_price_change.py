# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class RepairOfferPriceChange(models.TransientModel):
    """Changing a price the customer has already seen: asked to confirm, then
    the answer is reset and an updated link is sent."""

    _name = "repair.offer.price.change"
    _description = "Change the Price of an Offered Intervention"

    line_id = fields.Many2one(
        comodel_name="repair.offer.line", required=True, ondelete="cascade"
    )
    offer_id = fields.Many2one(related="line_id.offer_id")
    currency_id = fields.Many2one(related="line_id.currency_id")
    old_price = fields.Monetary(related="line_id.price", string="Current price")
    new_price = fields.Monetary(required=True)
    recipient_address = fields.Char(related="offer_id.recipient_address")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        line = self.env["repair.offer.line"].browse(values.get("line_id"))
        if line and "new_price" in fields_list:
            values["new_price"] = line.price
        return values

    def action_confirm(self):
        self.ensure_one()
        self.offer_id._change_prices({self.line_id: self.new_price})
        return {"type": "ir.actions.act_window_close"}
