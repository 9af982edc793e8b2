# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The approver's page: the interventions of an offer above the approval
amount of the customer's company, approved or refused by its designated
contact through their own token (never the driver's)."""

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import consteq

from ..models.repair_offer_approval import APPROVALS
from .portal import ID_PATTERN, OFFER_ROUTE, WorkshopOfferPortal

APPROVAL_ROUTE = f"{OFFER_ROUTE}/approval"


class WorkshopOfferApprovalPortal(WorkshopOfferPortal):
    def _approval_check_access(self, offer_id, approval_token):
        """The single gate of the approval routes: the approver's token of
        that offer, nothing else (not the driver's token, not a login)."""
        offer_sudo = request.env["repair.offer"].sudo().browse(offer_id).exists()
        if (
            not offer_sudo
            or offer_sudo.state in ("draft", "cancelled")
            or not offer_sudo.company_id.repair_offer_enabled
            or not offer_sudo.approver_id
        ):
            raise MissingError(_("This offer is no longer available."))
        token = offer_sudo.approval_token
        if not (approval_token and token and consteq(token, approval_token)):
            raise AccessError(_("This link is not valid for this offer."))
        return offer_sudo

    def _approval_check_access_or_4xx(self, offer_id, approval_token):
        try:
            return self._approval_check_access(offer_id, approval_token), None
        except MissingError:
            return None, self._refusal(404, _("This offer is no longer available."))
        except AccessError:
            return None, self._refusal(403, _("This link is not valid for this offer."))

    @http.route(APPROVAL_ROUTE, type="http", auth="public", website=True)
    def portal_repair_offer_approval(
        self, offer_id, approval_token=None, message=None, **kw
    ):
        offer_sudo, refusal = self._approval_check_access_or_4xx(
            offer_id, approval_token
        )
        if refusal:
            return refusal
        values = {
            "offer": offer_sudo,
            "approval_token": approval_token,
            "lines": offer_sudo._lines_awaiting_approval(),
            "message": message,
        }
        return request.render("workshop_offer.portal_repair_offer_approval", values)

    @http.route(
        f"{APPROVAL_ROUTE}/answer",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_repair_offer_approve(self, offer_id, approval_token=None, **post):
        offer_sudo, refusal = self._approval_check_access_or_4xx(
            offer_id, approval_token
        )
        if refusal:
            return refusal
        approvals = self._parse_approvals(offer_sudo, post)
        if isinstance(approvals, str):
            return self._refusal(400, approvals)
        try:
            offer_sudo._record_approvals(approvals, offer_sudo.approver_id)
        except UserError as error:
            return self._refusal(400, error.args[0])
        return request.redirect(
            f"{APPROVAL_ROUTE.replace('<record_id:offer_id>', str(offer_sudo.id))}"
            f"?approval_token={approval_token}&message=done"
        )

    def _parse_approvals(self, offer_sudo, post):
        """``{line: approval}`` from the ``approval_<line id>`` fields, or
        why the form is not valid."""
        lines = {line.id: line for line in offer_sudo._lines_awaiting_approval()}
        valid = {key for key, _label in APPROVALS}
        approvals = {}
        for key, value in post.items():
            if key == "csrf_token":
                continue
            prefix, _sep, line_id = key.partition("_")
            if (
                prefix != "approval"
                or not isinstance(value, str)
                or not ID_PATTERN.match(line_id)
                or value not in valid
            ):
                return _("The form sent is not valid: %(field)s.", field=key[:40])
            if int(line_id) not in lines:
                return _("This intervention does not await your approval.")
            approvals[lines[int(line_id)]] = value
        if not approvals:
            return _("Please approve or refuse at least one intervention.")
        return approvals
