# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.repair_offer_line import DECISIONS

ERROR_KEY = "workshop_offer_error"


class WorkshopOfferPortal(CustomerPortal):
    def _offer_check_access(self, offer_id, access_token):
        """The single gate of every offer route: the customer's token (or
        portal access rights), then a sudo record of that offer only."""
        offer_sudo = self._document_check_access(
            "repair.offer", offer_id, access_token=access_token
        )
        if (
            offer_sudo.state in ("draft", "cancelled")
            or not offer_sudo.company_id.repair_offer_enabled
        ):
            raise MissingError(_("This offer is no longer available."))
        return offer_sudo

    @http.route(
        "/my/repair_offers/<int:offer_id>", type="http", auth="public", website=True
    )
    def portal_repair_offer(self, offer_id, access_token=None, message=None, **kw):
        try:
            offer_sudo = self._offer_check_access(offer_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        preview = bool(kw.get("preview")) and not request.env.user.share
        if not preview:
            offer_sudo._mark_viewed()
        values = {
            "offer": offer_sudo,
            "access_token": access_token,
            "decisions": DECISIONS,
            "preview": preview,
            "message": message,
            "error": request.session.pop(ERROR_KEY, None)
            if message == "error"
            else None,
            "conditions": offer_sudo._conditions(),
            "page_name": "repair_offer",
        }
        return request.render("workshop_offer.portal_repair_offer_page", values)

    @http.route(
        "/my/repair_offers/<int:offer_id>/confirm",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_repair_offer_confirm(self, offer_id, access_token=None, **post):
        try:
            offer_sudo = self._offer_check_access(offer_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        url = offer_sudo.get_portal_url()
        try:
            decisions = self._parse_decisions(offer_sudo, post)
            conditions = self._parse_conditions(offer_sudo, post)
            done = offer_sudo._confirm_decisions(decisions, conditions)
        except UserError as error:
            # the reason travels in the customer's session, not in the URL, so
            # that nobody can make the page display a text of their own
            request.session[ERROR_KEY] = error.args[0]
            return request.redirect(f"{url}&message=error")
        message = "confirmed" if done else "already_confirmed"
        return request.redirect(f"{url}&message={message}")

    def _parse_decisions(self, offer_sudo, post):
        """``{line: decision}`` from ``decision_<line id>`` fields; a line of
        another offer or an unknown decision is refused."""
        lines_by_id = {line.id: line for line in offer_sudo.line_ids}
        valid = {key for key, _label in DECISIONS}
        decisions = {}
        for key, value in post.items():
            if not key.startswith("decision_"):
                continue
            line_id = key.removeprefix("decision_")
            if not line_id.isdigit() or int(line_id) not in lines_by_id:
                raise UserError(_("This intervention is not part of your offer."))
            if value not in valid:
                raise UserError(_("Please choose a valid answer for each line."))
            decisions[lines_by_id[int(line_id)]] = value
        return decisions

    def _parse_conditions(self, offer_sudo, post):
        """The conditions of the offer's company ticked by the customer."""
        return offer_sudo._conditions().filtered(
            lambda condition: post.get(f"condition_{condition.id}")
        )
