# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The approval limit of company customers: the interventions of an offer
above the amount set on the company need the approval of its designated
contact (the fleet manager) before they are authorised; the driver decides
the rest. The approver answers on their own page, with their own token."""

import uuid

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.customer_comm.tools.channel import EMAIL, SMS

# (imported first: the offer lines this module extends are defined there)
from .repair_offer_line import SENT_STATES

APPROVALS = [("approved", "Approved"), ("refused", "Refused")]
# written by the approver's page only
APPROVAL_FIELDS = {"approval", "approved_by_id", "approval_date"}


class RepairOffer(models.Model):
    _inherit = "repair.offer"

    approver_id = fields.Many2one(
        comodel_name="res.partner",
        compute="_compute_approver",
        store=True,
        help="The contact of the customer's company who approves the "
        "interventions above its approval amount.",
    )
    approval_amount = fields.Monetary(
        compute="_compute_approver",
        store=True,
        help="Interventions whose total is above this amount need the "
        "approver's approval.",
    )
    approval_token = fields.Char(copy=False, groups="base.group_system", readonly=True)
    lines_awaiting_approval = fields.Integer(compute="_compute_lines_awaiting_approval")

    @api.depends(
        "partner_id.commercial_partner_id.repair_approver_id",
        "partner_id.commercial_partner_id.repair_approval_amount",
    )
    def _compute_approver(self):
        for offer in self:
            company = offer.partner_id.commercial_partner_id
            offer.approver_id = company.repair_approver_id
            offer.approval_amount = (
                company.repair_approval_amount if company.repair_approver_id else 0.0
            )

    @api.depends("line_ids.needs_approval", "line_ids.approval", "line_ids.decision")
    def _compute_lines_awaiting_approval(self):
        for offer in self:
            offer.lines_awaiting_approval = len(offer._lines_awaiting_approval())

    def _confirm_decisions(self, decisions, *args, **kwargs):
        done = super()._confirm_decisions(decisions, *args, **kwargs)
        if done:
            self._request_approval()
        return done

    def _lines_to_authorise(self):
        return (
            super()
            ._lines_to_authorise()
            .filtered(lambda line: not line._awaits_approval())
        )

    def _lines_awaiting_approval(self):
        """What the driver wants fixed and the approver has not answered."""
        return self.line_ids.filtered(
            lambda line: line._awaits_approval() and not line.approval
        )

    def _approval_url(self):
        self.ensure_one()
        offer = self.sudo()
        if not offer.approval_token:
            offer.approval_token = str(uuid.uuid4())
        return (
            f"{self.get_base_url()}/my/repair_offers/{self.id}/approval"
            f"?approval_token={offer.approval_token}"
        )

    def action_request_approval(self):
        """Send the approver the link to their page (again)."""
        self.check_access("write")
        for offer in self:
            if not offer._lines_awaiting_approval():
                raise UserError(_("No intervention of this offer awaits approval."))
            offer._request_approval()
        return True

    def _request_approval(self):
        """Send the approver the link of their page, through the
        customer_comm path (kept in the customer's history), in the
        approver's language: by SMS when SMS is their preferred channel and
        they have a mobile, else by e-mail; without either, the advisor is
        told on the repair order."""
        self.ensure_one()
        lines = self._lines_awaiting_approval()
        if not lines:
            return
        approver = self.approver_id
        number = (
            approver.preferred_channel == SMS and approver._customer_comm_sms_number()
        )
        if not (number or approver.email):
            self.repair_id.message_post(
                body=_(
                    "%(count)s intervention(s) await the approval of %(approver)s, "
                    "who has no e-mail address: send them the approval link.",
                    count=len(lines),
                    approver=approver.display_name or "-",
                )
            )
            return
        offer = self.with_context(lang=approver._customer_comm_lang())
        text = offer._approval_request_text(lines)
        subject = offer.env._("Approval needed: %(repair)s", repair=self.repair_id.name)
        if number:
            offer._customer_comm_post(
                self.partner_id,
                SMS,
                f"{text} {self._approval_url()}",
                subject=subject,
                recipient=approver,
                address=number,
                put_in_queue=True,
            )
            self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()
            return
        offer._customer_comm_post(
            self.partner_id,
            EMAIL,
            Markup("<p>%s</p><p><a href='%s'>%s</a></p>")
            % (text, self._approval_url(), offer.env._("Approve or refuse")),
            subject=subject,
            recipient=approver,
            address=approver.email,
            author_id=self.company_id.partner_id.id,
            email_from=self.company_id.email_formatted or False,
        )

    def _approval_request_text(self, lines):
        """What the approver is asked, in the language of ``self``'s
        environment."""
        self.ensure_one()
        return self.env._(
            "%(driver)s asked to fix %(count)s intervention(s) on %(repair)s "
            "above your approval amount of %(amount)s.",
            driver=(self.recipient_partner_id or self.partner_id).name,
            count=len(lines),
            repair=self.repair_id.name,
            amount=self._format_amount(self.approval_amount),
        )

    def _record_approvals(self, approvals, approver):
        """The approver's answers ``{line: "approved" | "refused"}``, called
        as superuser by the approval route after its token check. Approved
        lines the driver wants fixed are authorised; refused ones are not
        done."""
        self.ensure_one()
        if self.state not in SENT_STATES:
            raise UserError(_("This offer can no longer be answered."))
        lines = self.env["repair.offer.line"].concat(*approvals)
        if lines - self._lines_awaiting_approval():
            raise UserError(_("This intervention does not await your approval."))
        now = fields.Datetime.now()
        for line, approval in approvals.items():
            line.write(
                {
                    "approval": approval,
                    "approved_by_id": approver.id,
                    "approval_date": now,
                }
            )
        approved = self.env["repair.offer.line"].concat(
            *(line for line, approval in approvals.items() if approval == "approved")
        )
        refused = self.env["repair.offer.line"].concat(*approvals) - approved
        approved._set_authorisation("authorised")
        refused._set_authorisation("refused")
        refused._withdraw_from_repair()
        self.repair_id.message_post(
            body=_(
                "%(approver)s approved %(approved)s and refused %(refused)s "
                "intervention(s).",
                approver=approver.display_name,
                approved=len(approved),
                refused=len(refused),
            )
        )
        return True


class RepairOfferLine(models.Model):
    _inherit = "repair.offer.line"

    needs_approval = fields.Boolean(
        compute="_compute_needs_approval",
        store=True,
        help="Above the approval amount of the customer's company: authorised "
        "only once its approver approves it.",
    )
    approval = fields.Selection(
        selection=APPROVALS,
        copy=False,
        readonly=True,
        groups="stock.group_stock_user",
    )
    approved_by_id = fields.Many2one(
        comodel_name="res.partner",
        string="Approved by",
        copy=False,
        readonly=True,
        groups="stock.group_stock_user",
    )
    approval_date = fields.Datetime(
        copy=False, readonly=True, groups="stock.group_stock_user"
    )

    @api.depends("price_total", "offer_id.approver_id", "offer_id.approval_amount")
    def _compute_needs_approval(self):
        for line in self:
            offer = line.offer_id
            line.needs_approval = bool(
                offer.approver_id
                and line.currency_id.compare_amounts(
                    line.price_total, offer.approval_amount
                )
                > 0
            )

    @api.constrains("authorisation", "approval")
    def _check_approved_before_authorised(self):
        """Whoever asks, through any path: above the approval amount, an
        intervention is authorised only once the approver approved it.
        Checked when the authorisation is given, not when a company's limit
        changes: what was authorised before the limit stays authorised."""
        for line in self.sudo():
            if (
                line.needs_approval
                and line.authorisation == "authorised"
                and line.approval != "approved"
            ):
                raise ValidationError(
                    _(
                        "%(line)s is above the approval amount of %(company)s: it "
                        "can be authorised only once %(approver)s approves it.",
                        line=line.name,
                        company=line.offer_id.partner_id.commercial_partner_id.name,
                        approver=line.offer_id.approver_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_approval_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_approval_fields(vals)
        if "decision" in vals:
            # a new answer of the driver asks the approver again
            vals = dict(vals, approval=False, approved_by_id=False, approval_date=False)
        return super().write(vals)

    @api.model
    def _check_approval_fields(self, vals):
        if APPROVAL_FIELDS & set(vals):
            raise AccessError(
                _("Only the approver of the customer's company approves on their page.")
            )

    def _awaits_approval(self):
        """The driver wants it fixed, above the limit, not approved."""
        self.ensure_one()
        return (
            self.needs_approval
            and self.decision == "fix"
            and self.sudo().approval != "approved"
        )

    def _portal_approval_notice(self):
        """What the driver's page says of the approval of this intervention
        (False: nothing): above the amount, who approves it before the
        driver answers; then awaiting, approved or refused by whom. The
        approver's name only, never their contact details."""
        self.ensure_one()
        line = self.sudo()
        offer = line.offer_id
        if not line.needs_approval or line.severity == "fine":
            return False
        if line.approval == "approved":
            return self.env._(
                "Approved by %(approver)s on %(date)s.",
                approver=line.approved_by_id.name,
                date=format_date(self.env, line.approval_date),
            )
        if line.approval == "refused":
            return self.env._(
                "Refused by %(approver)s.", approver=line.approved_by_id.name
            )
        if line.decision == "fix":
            return self.env._(
                "Awaiting the approval of %(approver)s.",
                approver=offer.approver_id.name,
            )
        if not line.decision:
            return self.env._(
                "Above %(amount)s: %(approver)s approves it.",
                amount=offer._format_amount(offer.approval_amount),
                approver=offer.approver_id.name,
            )
        return False

    def _apply_answer_to_repair(self):
        """What awaits the approver is not planned yet."""
        lines = self.filtered(lambda line: not line._awaits_approval())
        return super(RepairOfferLine, lines)._apply_answer_to_repair()

    def _withdraw_from_repair(self):
        """A part the approver refused is not consumed nor invoiced."""
        for line in self.filtered("move_id"):
            if line.move_id.state not in ("done", "cancel"):
                line.move_id.sudo().product_uom_qty = 0.0
