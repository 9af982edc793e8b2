# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from .repair_offer_line import DECISIONS


class StockMove(models.Model):
    """A repair order line shows the customer's answer to the intervention
    made of it and the advisor's authorisation."""

    _inherit = "stock.move"

    offer_line_ids = fields.One2many(
        comodel_name="repair.offer.line", inverse_name="move_id"
    )
    offer_decision = fields.Selection(
        selection=DECISIONS,
        string="Customer answer",
        compute="_compute_offer_answer",
    )
    offer_authorisation = fields.Selection(
        selection=[("authorised", "Authorised"), ("refused", "Refused")],
        string="Authorisation",
        compute="_compute_offer_answer",
    )

    @api.depends(
        "offer_line_ids.decision",
        "offer_line_ids.authorisation",
        "offer_line_ids.offer_id.state",
    )
    def _compute_offer_answer(self):
        for move in self:
            lines = move._current_offer_lines().sorted("id")
            move.offer_decision = lines[-1:].decision
            move.offer_authorisation = lines[-1:].authorisation

    def _current_offer_lines(self):
        """The lines of the offers that are not cancelled."""
        return self.offer_line_ids.filtered(
            lambda line: line.offer_id.state != "cancelled"
        )

    def action_offer_authorise(self):
        self._current_offer_lines().action_authorise()

    def action_offer_refuse(self):
        self._current_offer_lines().action_refuse()
