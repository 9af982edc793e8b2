# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .repair_offer_line import DECISIONS, SENT_STATES

# what the customer sees or pays of a repair line that is in an offer
OFFERED_MOVE_FIELDS = ("product_id", "product_uom_qty", "product_uom")


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

    def write(self, vals):
        if not self.env.su:
            self._offered_moves_changed_by(vals)._check_not_offered()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_offered(self):
        if not self.env.su:
            self._offered_moves()._check_not_offered()

    def _offered_moves(self):
        """The repair lines in an offer the customer has or that is closed."""
        return self.filtered(
            lambda move: any(
                line.offer_id.state in SENT_STATES + ("closed",)
                for line in move.offer_line_ids
            )
        )

    def _offered_moves_changed_by(self, vals):
        names = [name for name in OFFERED_MOVE_FIELDS if name in vals]
        if not names:
            return self.browse()
        changed = self.browse()
        for move in self._offered_moves():
            if (
                ("product_id" in vals and vals["product_id"] != move.product_id.id)
                or (
                    "product_uom" in vals and vals["product_uom"] != move.product_uom.id
                )
                or (
                    "product_uom_qty" in vals
                    and float_compare(
                        vals["product_uom_qty"],
                        move.product_uom_qty,
                        precision_rounding=move.product_uom.rounding or 0.01,
                    )
                )
            ):
                changed |= move
        return changed

    def _check_not_offered(self):
        if self:
            raise UserError(
                _(
                    "%(part)s is in the offer sent to the customer of %(repair)s: "
                    "change it on the offer ('Change' on the intervention), which "
                    "asks you to confirm and sends the customer an updated link.",
                    part=self[0].product_id.display_name,
                    repair=self[0].repair_id.name,
                )
            )

    def _current_offer_lines(self):
        """The lines of the offers that are not cancelled."""
        return self.offer_line_ids.filtered(
            lambda line: line.offer_id.state != "cancelled"
        )

    def action_offer_authorise(self):
        self._current_offer_lines().action_authorise()

    def action_offer_refuse(self):
        self._current_offer_lines().action_refuse()
