# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

DECISIONS = [
    ("fix", "Fix it"),
    ("no_fix", "Don't fix"),
    ("contact", "Contact me"),
]


class RepairOfferLine(models.Model):
    """One intervention of an offer: required by the diagnosis (initial) or
    recommended (optional), with the customer's decision."""

    _name = "repair.offer.line"
    _description = "Repair Offer Intervention"
    _order = "offer_id, line_kind, sequence, id"

    offer_id = fields.Many2one(
        comodel_name="repair.offer", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    line_kind = fields.Selection(
        selection=[("initial", "Initial"), ("optional", "Optional")],
        string="Kind",
        required=True,
        default="initial",
    )
    name = fields.Char(string="Intervention", required=True)
    mechanic_note = fields.Text()
    move_id = fields.Many2one(
        comodel_name="stock.move",
        string="Repair line",
        ondelete="set null",
        help="The part of the repair order this intervention comes from.",
    )
    currency_id = fields.Many2one(related="offer_id.currency_id")
    price = fields.Monetary()
    decision = fields.Selection(selection=DECISIONS, copy=False)
