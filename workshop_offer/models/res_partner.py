# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    card_repair_offer_count = fields.Integer(
        string="Repair offers", compute="_compute_card_repair_offer_count"
    )
    card_show_repair_offers = fields.Boolean(compute="_compute_card_repair_offer_count")

    def _compute_card_repair_offer_count(self):
        """The offers of the customer and its contacts, with the customer
        card's batched count (one grouped query for all the partners)."""
        counts = self._card_count("repair.offer", [])
        for partner in self:
            partner.card_show_repair_offers = counts is not None
            partner.card_repair_offer_count = (counts or {}).get(partner, 0)

    def action_view_card_repair_offers(self):
        return self._card_action(
            "workshop_offer.repair_offer_action",
            [],
            {"create": False},
        )
