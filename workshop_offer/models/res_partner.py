# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer card's repair buttons (see customer_comm's
``res_partner_card``)."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.customer_comm.models.res_partner_card import CardCount


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

    # the customer's vehicles and items: lots with an owner (stock users
    # read lots)
    card_item_count = fields.Integer(
        string="Vehicles",
        compute="_compute_card_counts",
        groups="stock.group_stock_user",
    )

    # the approval limit of a company customer (see repair_offer_approval)
    repair_approval_amount = fields.Float(
        string="Repair approval above",
        digits="Product Price",
        help="Interventions of a repair offer above this total need the approval "
        "of the approver; the driver decides the others.",
    )
    repair_approver_id = fields.Many2one(
        comodel_name="res.partner",
        string="Repair approver",
        domain="[('parent_id', '=', id)]",
        help="The contact of this company who approves the interventions above "
        "the amount (e.g. the fleet manager).",
    )

    @api.constrains("repair_approver_id")
    def _check_repair_approver(self):
        for partner in self.filtered("repair_approver_id"):
            if partner.repair_approver_id.commercial_partner_id != partner:
                raise ValidationError(
                    _(
                        "The repair approver of %(company)s must be one of its "
                        "contacts.",
                        company=partner.display_name,
                    )
                )

    def _card_count_specs(self):
        specs = super()._card_count_specs()
        for fname, model, partner_field in (
            ("card_repair_count", "repair.order", "partner_id"),
            ("card_repair_offer_count", "repair.offer", "partner_id"),
            ("card_item_count", "stock.lot", "owner_id"),
        ):
            if self._card_counted(fname):
                specs[fname] = CardCount(self.env[model], [], partner_field)
        return specs

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

    def action_view_card_items(self):
        return self._card_action(
            "workshop_offer.stock_lot_item_action",
            [],
            {"default_owner_id": self.id},
            partner_field="owner_id",
        )
