# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class RepairOffer(models.Model):
    """What the workshop proposes to the customer for a repair order: the
    interventions, each decided by the customer on a tokenised portal page."""

    _name = "repair.offer"
    _description = "Repair Offer"
    _inherit = ["portal.mixin", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(related="repair_id.name", string="Repair order")
    repair_id = fields.Many2one(
        comodel_name="repair.order",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="repair_id.partner_id", store=True, string="Customer"
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Text(
        string="Note for the customer",
        help="Shown to the customer when they open the offer.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("sent", "Sent, not viewed"),
            ("viewed", "Viewed"),
            ("confirmed", "Confirmed by customer"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        comodel_name="repair.offer.line",
        inverse_name="offer_id",
        string="Interventions",
    )
    date_sent = fields.Datetime(readonly=True, copy=False)
    date_viewed = fields.Datetime(readonly=True, copy=False)
    date_confirmed = fields.Datetime(readonly=True, copy=False)
    amount_accepted = fields.Monetary(
        compute="_compute_amounts", string="Accepted total"
    )
    amount_proposed = fields.Monetary(
        compute="_compute_amounts", string="Proposed total"
    )

    @api.depends("line_ids.price", "line_ids.decision")
    def _compute_amounts(self):
        for offer in self:
            offer.amount_proposed = sum(offer.line_ids.mapped("price"))
            offer.amount_accepted = sum(
                offer.line_ids.filtered(lambda line: line.decision == "fix").mapped(
                    "price"
                )
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for offer in self:
            offer.access_url = f"/my/repair_offers/{offer.id}"
        return result

    def action_send(self):
        """Mark the offer sent and log the customer's link in the chatter."""
        for offer in self:
            if offer.state in ("confirmed", "cancelled"):
                raise UserError(
                    _(
                        "The offer for %(repair)s is %(state)s: it cannot be sent.",
                        repair=offer.repair_id.name,
                        state=dict(
                            offer._fields["state"]._description_selection(offer.env)
                        )[offer.state],
                    )
                )
            if not offer.line_ids:
                raise UserError(
                    _("Add at least one intervention before sending the offer.")
                )
            offer._portal_ensure_token()
            offer.write({"state": "sent", "date_sent": fields.Datetime.now()})
            offer.repair_id.message_post(
                body=_(
                    "Offer sent to %(customer)s: %(url)s",
                    customer=offer.partner_id.display_name,
                    url=offer.get_base_url() + offer.get_portal_url(),
                )
            )
        return True

    def action_preview(self):
        """Open, read-only, exactly what the customer sees now."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            "url": self.get_portal_url(query_string="&preview=1"),
        }

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def _mark_viewed(self):
        """First opening of the link by the customer (not a preview)."""
        to_mark = self.filtered(lambda offer: offer.state == "sent")
        to_mark.write({"state": "viewed", "date_viewed": fields.Datetime.now()})
        for offer in to_mark:
            offer.repair_id.message_post(body=_("The customer opened the offer."))

    def _confirm_decisions(self, decisions):
        """Record the customer's answers ``{line: decision}`` and confirm, once.

        Returns False when the offer was already confirmed (nothing changes)."""
        self.ensure_one()
        # lock the offer row: of two simultaneous confirmations, one waits and
        # then sees the offer confirmed
        self.env.cr.execute(
            "SELECT id FROM repair_offer WHERE id = %s FOR UPDATE", [self.id]
        )
        self.invalidate_recordset(["state"])
        if self.state == "confirmed":
            return False
        if self.state not in ("sent", "viewed"):
            raise UserError(_("This offer can no longer be answered."))
        if set(decisions) != set(self.line_ids):
            raise UserError(_("Please decide every intervention before confirming."))
        for line, decision in decisions.items():
            line.decision = decision
        self.write({"state": "confirmed", "date_confirmed": fields.Datetime.now()})
        self.repair_id.message_post(
            body=_(
                "The customer confirmed the offer: %(accepted)s of %(proposed)s "
                "accepted.",
                accepted=self.amount_accepted,
                proposed=self.amount_proposed,
            )
        )
        return True
