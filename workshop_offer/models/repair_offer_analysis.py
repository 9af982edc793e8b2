# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The figures of Repairs > Reporting > Offer analysis, stored on the offers
and their lines so that pivot and graph views group them in the database:
acceptance rate by intervention and by advisor, time to answer, value
accepted against value proposed."""

from odoo import api, fields, models


class RepairOffer(models.Model):
    _inherit = "repair.offer"

    advisor_id = fields.Many2one(
        comodel_name="res.users",
        compute="_compute_advisor_id",
        store=True,
        index="btree_not_null",
        help="The repair's responsible, else who sent the offer.",
    )
    answer_hours = fields.Float(
        string="Hours to answer",
        compute="_compute_answer_hours",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="From the last sending of the link to the confirmation.",
    )

    @api.depends("repair_id.user_id", "sent_by_id")
    def _compute_advisor_id(self):
        for offer in self:
            offer.advisor_id = offer.repair_id.user_id or offer.sent_by_id

    @api.depends("date_sent", "date_confirmed")
    def _compute_answer_hours(self):
        for offer in self:
            if offer.date_sent and offer.date_confirmed:
                delta = offer.date_confirmed - offer.date_sent
                offer.answer_hours = max(delta.total_seconds(), 0.0) / 3600.0
            else:
                offer.answer_hours = 0.0


class RepairOfferLine(models.Model):
    _inherit = "repair.offer.line"

    advisor_id = fields.Many2one(related="offer_id.advisor_id", store=True)
    date_sent = fields.Datetime(related="offer_id.date_sent", store=True)
    acceptance_rate = fields.Float(
        string="Acceptance rate (%)",
        compute="_compute_acceptance",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="100 for an intervention the customer accepted, 0 for one they "
        "did not: averaged, the share accepted.",
    )
    amount_accepted = fields.Monetary(
        string="Value accepted",
        compute="_compute_acceptance",
        store=True,
        help="The amount with taxes of an accepted intervention.",
    )

    @api.depends("decision", "price_total")
    def _compute_acceptance(self):
        for line in self:
            accepted = line.decision == "fix"
            line.acceptance_rate = 100.0 if accepted else 0.0
            line.amount_accepted = line.price_total if accepted else 0.0
