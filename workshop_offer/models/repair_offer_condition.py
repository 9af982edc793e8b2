# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class RepairOfferCondition(models.Model):
    """A condition of the company the customer accepts on the offer page
    (terms of the workshop, storage of replaced parts, data processing...)."""

    _name = "repair.offer.condition"
    _description = "Repair Offer Condition"
    _order = "sequence, id"

    name = fields.Char(string="Title", required=True, translate=True)
    text = fields.Text(
        string="Condition",
        required=True,
        translate=True,
        help="Shown on the offer page.",
    )
    required = fields.Boolean(
        default=True, help="The customer cannot confirm without accepting it."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Leave empty to show it for every company.",
    )
