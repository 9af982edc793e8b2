# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .repair_offer import OFFER_STATES


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "customer.comm.mixin"]

    offer_ids = fields.One2many(
        comodel_name="repair.offer", inverse_name="repair_id", string="Offers"
    )
    offer_count = fields.Integer(compute="_compute_offer")
    offer_id = fields.Many2one(
        comodel_name="repair.offer",
        string="Current offer",
        compute="_compute_offer",
        help="The latest offer that is not cancelled.",
    )
    offer_state = fields.Selection(
        selection=OFFER_STATES,
        string="Offer status",
        compute="_compute_offer",
    )
    offer_lines_to_authorise = fields.Integer(compute="_compute_offer")
    repair_offer_enabled = fields.Boolean(related="company_id.repair_offer_enabled")

    @api.depends("offer_ids.state")
    def _compute_offer(self):
        counts = dict(
            self.env["repair.offer"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        latest = dict(
            self.env["repair.offer"]._read_group(
                [("repair_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["repair_id"],
                ["id:max"],
            )
        )
        # one recordset, so that the offers' fields are read for all at once
        offers = {
            offer.id: offer
            for offer in self.env["repair.offer"].browse(list(latest.values()))
        }
        for repair in self:
            offer = offers.get(latest.get(repair), self.env["repair.offer"])
            repair.offer_count = counts.get(repair, 0)
            repair.offer_id = offer
            repair.offer_state = offer.state
            repair.offer_lines_to_authorise = offer.lines_to_authorise

    def action_create_offer(self):
        offer = self._get_or_create_offer()
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.offer",
            "res_id": offer.id,
            "view_mode": "form",
        }

    def action_send_offer(self):
        """ "Send offer" from the repair order: prepare the offer if needed and
        open the sending screen (also used to send it again)."""
        return self._get_or_create_offer().action_open_send_wizard()

    def action_preview_offer(self):
        self.ensure_one()
        return self.offer_id.action_preview()

    def action_authorise_offer_answers(self):
        self.offer_id.action_authorise_answers()
        return True

    def action_view_offers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "workshop_offer.repair_offer_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        if len(self.offer_ids) == 1:
            action.update(
                view_mode="form", views=[(False, "form")], res_id=self.offer_ids.id
            )
        return action

    def action_repair_done(self):
        result = super().action_repair_done()
        self.offer_ids._mark_repaired()
        return result

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
                        "product_id": move.product_id.id,
                        "quantity": move.product_uom_qty,
                        "mechanic_note": move.description_picking or False,
                        "move_id": move.id,
                        "line_kind": "initial",
                    }
                )
                for move in parts
            ],
        }

    def _get_or_create_offer(self):
        self.ensure_one()
        self.company_id._check_repair_offer_enabled()
        if not self.partner_id:
            raise UserError(_("Set the customer of the repair order first."))
        return self.offer_id or self.env["repair.offer"].create(
            self._prepare_offer_values()
        )
