# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, fields, models
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    _inherit = "repair.order"

    offer_ids = fields.One2many(
        comodel_name="repair.offer", inverse_name="repair_id", string="Offers"
    )
    offer_count = fields.Integer(compute="_compute_offer_count")

    def _compute_offer_count(self):
        counts = dict(
            self.env["repair.offer"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        for repair in self:
            repair.offer_count = counts.get(repair, 0)

    def _prepare_offer_values(self):
        """An offer with one initial intervention per part to add."""
        self.ensure_one()
        parts = self.move_ids.filtered(lambda move: move.repair_line_type == "add")
        return {
            "repair_id": self.id,
            "line_ids": [
                fields.Command.create(
                    {
                        "name": move.product_id.display_name,
                        "move_id": move.id,
                        "price": move.product_id.lst_price * move.product_uom_qty,
                        "line_kind": "initial",
                    }
                )
                for move in parts
            ],
        }

    def action_create_offer(self):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(_("Set the customer of the repair order first."))
        offer = self.env["repair.offer"].create(self._prepare_offer_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.offer",
            "res_id": offer.id,
            "view_mode": "form",
        }

    def action_view_offers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "workshop_offer.repair_offer_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action
