# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import binascii
import re

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools.image import base64_to_image

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.repair_offer_line import DECISIONS
from ..models.repair_offer_line_media import IMAGE_SIZES

ERROR_KEY = "workshop_offer_error"
# an offer or line id as our forms write it: ASCII digits, in PostgreSQL's range
ID_PATTERN = re.compile(r"[0-9]{1,9}\Z", re.ASCII)
# user agents of the robots that fetch a link to show its preview in a chat or
# a search engine: their visit is not the customer's
LINK_PREVIEW_ROBOTS = (
    "facebookexternalhit",
    "facebot",
    "whatsapp",
    "slackbot",
    "telegrambot",
    "twitterbot",
    "linkedinbot",
    "discordbot",
    "googlebot",
    "bingbot",
    "skypeuripreview",
    "applebot",
    "viber",
    "skype",
    "pinterest",
    "redditbot",
    "embedly",
    "yandex",
)
OFFER_ROUTE = "/my/repair_offers/<record_id:offer_id>"


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

    @staticmethod
    def _use_link_lang(lang):
        """Render in the language the link carries (the customer's, see
        ``repair.offer.get_portal_url``) when it is one of the database's,
        and keep it for the next pages like a language chosen on the site."""
        code = lang and request.env["ir.http"].get_nearest_lang(lang)
        if not code or code == request.env.lang:
            return
        request.lang = request.env["res.lang"]._get_data(code=code)
        request.update_context(lang=code)
        request.future_response.set_cookie("frontend_lang", code)

    # the language comes from the link (``lang``), not from a URL prefix the
    # browser's language would redirect to (``multilang=False``)
    @http.route(OFFER_ROUTE, type="http", auth="public", website=True, multilang=False)
    def portal_repair_offer(
        self, offer_id, access_token=None, message=None, lang=None, **kw
    ):
        self._use_link_lang(lang)
        try:
            offer_sudo = self._offer_check_access(offer_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        report_type = kw.get("report_type")
        if report_type == "pdf" and offer_sudo.state in ("confirmed", "closed", "done"):
            return self._show_report(
                model=offer_sudo,
                report_type=report_type,
                report_ref="workshop_offer.action_report_repair_offer_accepted",
                download=kw.get("download") == "true",
            )
        # "viewed" is posted by the page once a person sees it (route below)
        preview = bool(kw.get("preview")) and not request.env.user.share
        values = {
            "offer": offer_sudo,
            "access_token": access_token,
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
        f"{OFFER_ROUTE}/viewed",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_repair_offer_viewed(self, offer_id, access_token=None, **kw):
        """Posted (CSRF token included) by the page once it is displayed: the
        customer saw it. Not a preview, not a colleague, not a robot."""
        offer_sudo, refusal = self._offer_check_access_or_4xx(offer_id, access_token)
        if refusal:
            return refusal
        if not (request.env.user._is_internal() or self._is_link_preview_robot()):
            offer_sudo._mark_viewed()
        return request.make_json_response({"state": offer_sudo.state})

    @http.route(
        f"{OFFER_ROUTE}/media/<record_id:media_id>/<string:size>",
        type="http",
        auth="public",
        methods=["GET"],
    )
    def portal_repair_offer_media(
        self, offer_id, media_id, size, access_token=None, **kw
    ):
        """A photo (``size``: 128 ... 1920) or a video (``video``) of an
        intervention of this offer, through the offer's token only; the
        version in the URL (``unique``) lets the browser keep it."""
        offer_sudo, refusal = self._offer_check_access_or_4xx(offer_id, access_token)
        if refusal:
            return refusal
        # sudo: the token opened this offer, and the media is checked to be
        # one of its lines' below
        media = request.env["repair.offer.line.media"].sudo().browse(media_id).exists()
        if not media or media.offer_id != offer_sudo:
            return self._refusal(404, _("This photo is not part of your offer."))
        binary = request.env["ir.binary"]
        if media.media_type == "video" and size == "video":
            stream = binary._get_stream_from(
                media, "video", mimetype=media.video_mimetype
            )
        elif media.media_type == "image" and size in IMAGE_SIZES:
            stream = binary._get_image_stream_from(media, f"image_{size}")
        else:
            return self._refusal(404, _("This photo is not part of your offer."))
        # private (the token is in the URL): kept by the browser, not by proxies
        stream.public = False
        return stream.get_response(immutable=bool(kw.get("unique")))

    @staticmethod
    def _is_link_preview_robot():
        agent = (request.httprequest.user_agent.string or "").lower()
        return any(robot in agent for robot in LINK_PREVIEW_ROBOTS)

    def _offer_check_access_or_4xx(self, offer_id, access_token):
        """``(offer_sudo, None)``, or ``(None, response)``: 404 for an offer
        that is not there, 403 for a token that does not open it."""
        try:
            return self._offer_check_access(offer_id, access_token), None
        except MissingError:
            return None, self._refusal(404, _("This offer is no longer available."))
        except AccessError:
            return None, self._refusal(403, _("This link is not valid for this offer."))

    @staticmethod
    def _refusal(status, message):
        """A short plain-text answer: the client error and why."""
        return request.make_response(
            message,
            headers=[("Content-Type", "text/plain; charset=utf-8")],
            status=status,
        )

    @http.route(
        f"{OFFER_ROUTE}/confirm",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_repair_offer_confirm(self, offer_id, access_token=None, **post):
        offer_sudo, refusal = self._offer_check_access_or_4xx(offer_id, access_token)
        if refusal:
            return refusal
        url = offer_sudo.get_portal_url()
        invalid = self._invalid_form_field(offer_sudo, post) or self._invalid_signature(
            offer_sudo, post
        )
        if invalid:
            return self._refusal(400, invalid)
        try:
            decisions = self._parse_decisions(offer_sudo, post)
            conditions = self._parse_conditions(offer_sudo, post)
            done = offer_sudo._confirm_decisions(
                decisions, conditions, proof=self._acceptance_proof(offer_sudo, post)
            )
        except UserError as error:
            # the reason travels in the customer's session, not in the URL, so
            # that nobody can make the page display a text of their own
            request.session[ERROR_KEY] = error.args[0]
            return request.redirect(f"{url}&message=error")
        message = "confirmed" if done else "already_confirmed"
        return request.redirect(f"{url}&message={message}")

    def _invalid_form_field(self, offer_sudo, post):
        """Why the form was not written by our page, or None: unknown or
        crafted field names, a file or a list where a text is expected, a line
        of another offer."""
        lines = set(offer_sudo.line_ids.ids)
        fine = set(offer_sudo.line_ids.ids) - set(offer_sudo.line_ids._to_decide().ids)
        # the answers each line offers (no "later" for urgent work)
        offered = {line.id: line._decisions_offered() for line in offer_sudo.line_ids}
        known = {key for key, _label in DECISIONS}
        for key, value in post.items():
            if not isinstance(value, str):
                return _("The form sent is not valid: %(field)s.", field=key[:40])
            prefix, _sep, record_id = key.partition("_")
            if prefix not in ("decision", "condition"):
                continue
            if not ID_PATTERN.match(record_id):
                return _("The form sent is not valid: %(field)s.", field=key[:40])
            if prefix == "decision" and int(record_id) not in lines:
                return _("This intervention is not part of your offer.")
            if prefix == "decision" and int(record_id) in fine:
                return _("This item was checked and is fine: it needs no answer.")
            if (
                prefix == "decision"
                and value in known
                and value not in offered[int(record_id)]
            ):
                return _("This answer is not possible for this intervention.")
        return None

    @staticmethod
    def _invalid_signature(offer_sudo, post):
        """Why the signature is refused, or None: where the company asks for
        a signature, the form must carry one, an image as Odoo's portal
        signature widget draws it (base64, without its data URL prefix).
        Checked here whatever the page's JavaScript did."""
        if not offer_sudo.signature_required:
            return None
        signature = post.get("signature") or ""
        if not signature.strip():
            return _("Please sign to confirm your answers.")
        try:
            base64.b64decode(signature, validate=True)
            base64_to_image(signature)
        except (binascii.Error, ValueError, UserError):
            return _("The signature sent is not a valid image: please sign again.")
        return None

    def _acceptance_proof(self, offer_sudo, post):
        """Who confirmed, from where, with what (as sale's quotation portal
        keeps it): the typed name is required, and the signature where the
        company asks for one."""
        name = " ".join(post.get("accepted_by_name", "").split())[:128]
        if not name:
            raise UserError(_("Please type your name to confirm your answers."))
        proof = {
            "accepted_by_name": name,
            "accepted_ip": request.httprequest.remote_addr,
            "accepted_user_agent": (request.httprequest.user_agent.string or "")[:512],
        }
        if offer_sudo.signature_required:
            proof["signature"] = post["signature"]
        return proof

    def _parse_decisions(self, offer_sudo, post):
        """``{line: decision}`` from the ``decision_<line id>`` fields
        (checked by ``_invalid_form_field``); an unknown answer is refused."""
        lines_by_id = {line.id: line for line in offer_sudo.line_ids}
        valid = {key for key, _label in DECISIONS}
        decisions = {}
        for key, value in post.items():
            prefix, _sep, line_id = key.partition("_")
            if prefix != "decision":
                continue
            if value not in valid:
                raise UserError(_("Please choose a valid answer for each line."))
            decisions[lines_by_id[int(line_id)]] = value
        return decisions

    def _parse_conditions(self, offer_sudo, post):
        """The conditions of the offer's company ticked by the customer."""
        return offer_sudo._conditions().filtered(
            lambda condition: post.get(f"condition_{condition.id}")
        )
