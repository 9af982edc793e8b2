# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..models.repair_offer_line import DECISIONS


class RepairOfferAnswer(models.TransientModel):
    """The customer gave their answer by phone or at the counter: a repair
    user records it, and the offer keeps who recorded it, who told it and
    when, shown apart from an answer the customer gave on the page."""

    _name = "repair.offer.answer"
    _description = "Record the Customer's Answer"

    offer_id = fields.Many2one(
        comodel_name="repair.offer", required=True, ondelete="cascade"
    )
    told_by = fields.Char(
        string="Who told it",
        required=True,
        help="The person who gave the answer (the customer or their contact).",
    )
    date_told = fields.Datetime(
        string="When", required=True, default=fields.Datetime.now
    )
    line_ids = fields.One2many(
        comodel_name="repair.offer.answer.line", inverse_name="answer_id"
    )
    condition_ids = fields.Many2many(
        comodel_name="repair.offer.condition",
        string="Conditions read to the customer",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        offer = self.env["repair.offer"].browse(values.get("offer_id"))
        if offer:
            values.setdefault("told_by", offer.partner_id.name)
            values["line_ids"] = [
                fields.Command.create({"line_id": line.id, "decision": line.decision})
                for line in offer.line_ids._to_decide()
            ]
            values["condition_ids"] = [
                fields.Command.set(offer._required_conditions().ids)
            ]
        return values

    def action_record_answer(self):
        self.ensure_one()
        if not self.env.user.has_group("stock.group_stock_user"):
            raise AccessError(_("Only repair users record a customer's answer."))
        self.offer_id.check_access("write")
        decisions = {
            answer.line_id: answer.decision
            for answer in self.line_ids
            if answer.decision and answer.line_id.offer_id == self.offer_id
        }
        self.offer_id.sudo()._confirm_decisions(
            decisions,
            self.condition_ids,
            recorded_by=self.env.user,
            told_by=self.told_by,
            date_told=self.date_told,
        )
        return {"type": "ir.actions.act_window_close"}


class RepairOfferAnswerLine(models.TransientModel):
    _name = "repair.offer.answer.line"
    _description = "Customer's Answer to an Intervention"

    answer_id = fields.Many2one(
        comodel_name="repair.offer.answer",
        string="Recorded answer",
        required=True,
        ondelete="cascade",
    )
    line_id = fields.Many2one(
        comodel_name="repair.offer.line", required=True, ondelete="cascade"
    )
    name = fields.Char(related="line_id.name")
    line_kind = fields.Selection(related="line_id.line_kind")
    currency_id = fields.Many2one(related="line_id.currency_id")
    price_shown = fields.Monetary(related="line_id.price_shown", string="Price")
    decision = fields.Selection(selection=DECISIONS, string="Answer")
