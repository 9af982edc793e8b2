# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer card's repair buttons (see customer_comm's
``res_partner_card``)."""

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # repair orders and their offers are the inventory users' (their ACLs)
    card_repair_count = fields.Integer(
        string="Repairs",
        compute="_compute_card_counts",
        groups="stock.group_stock_user",
    )
    card_repair_offer_count = fields.Integer(
        string="Repair offers",
        compute="_compute_card_counts",
        groups="stock.group_stock_user",
    )

    def _card_counts(self, owners):
        counts = super()._card_counts(owners)
        for fname, model in (
            ("card_repair_count", "repair.order"),
            ("card_repair_offer_count", "repair.offer"),
        ):
            if self._card_counted(fname):
                counts[fname] = self._card_count(
                    self.env[model], [], "partner_id", owners
                )
        return counts

    def action_view_card_repairs(self):
        return self._card_action(
            "repair.action_repair_order_tree",
            [],
            {"default_partner_id": self.id},
        )

    def action_view_card_repair_offers(self):
        return self._card_action(
            "workshop_offer.repair_offer_action",
            [],
            {"create": False},
        )
