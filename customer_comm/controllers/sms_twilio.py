# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Twilio's webhooks: the delivery receipts of the SMS we sent, and the SMS
our customers send. Each request must carry Twilio's signature made with the
auth token of the company in its URL; anything else is refused."""

import logging

from odoo import http
from odoo.http import request

from ..models.sms_tracker import APPLIED, STALE
from ..tools.sms_gateway import check_signature, parse_callback

_logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


class TwilioWebhook(http.Controller):
    @http.route(
        "/customer_comm/sms/twilio/status/<int:company_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def twilio_status(self, company_id, sms=None, **_params):
        """A status callback: ``sms`` (in the URL we gave Twilio) is the uuid
        of the SMS, the form carries the message's id and status."""
        callback = self._signed_callback(company_id)
        if callback is None:
            return self._answer(403)
        # the request is Twilio's, for this company: its trackers are updated
        # as superuser (they are technical records nobody else writes)
        tracker = (
            request.env["sms.tracker"].sudo().search([("sms_uuid", "=", sms or "")])
            if sms
            else request.env["sms.tracker"]
        )
        if not tracker:
            tracker = (
                request.env["sms.tracker"]
                .sudo()
                .search([("gateway_message_id", "=", callback.message_id)], limit=1)
            )
        if not tracker:
            _logger.info("SMS status for an unknown message refused")
            return self._answer(404)
        result = tracker._gateway_apply_status(
            callback.message_id, callback.status, callback.error_code
        )
        if result == APPLIED:
            return self._answer(200)
        _logger.info("SMS status %s refused: %s", callback.status, result)
        return self._answer(409 if result == STALE else 404)

    @http.route(
        "/customer_comm/sms/twilio/inbound/<int:company_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def twilio_inbound(self, company_id, **_params):
        """An SMS a customer sent to one of the company's numbers."""
        callback = self._signed_callback(company_id)
        if callback is None:
            return self._answer(403)
        company = request.env["res.company"].sudo().browse(company_id)
        # signed by Twilio for this company: kept as superuser (the customer
        # writing has no user)
        request.env["res.partner"].sudo()._customer_comm_receive_sms(
            company, callback.number_from, callback.body
        )
        return self._answer(200)

    def _signed_callback(self, company_id):
        """The posted callback when it is signed with the company's token and
        comes from its account, else None."""
        company = request.env["res.company"].sudo().browse(company_id).exists()
        config = company._sms_gateway() if company else None
        form = request.httprequest.form
        signature = request.httprequest.headers.get("X-Twilio-Signature", "")
        if not (config and config.auth_token):
            _logger.warning("Twilio webhook for a company without gateway refused")
            return None
        if not check_signature(config.auth_token, self._urls(), form, signature):
            _logger.warning("Twilio webhook with a missing or forged signature refused")
            return None
        callback = parse_callback(form)
        if callback is None or callback.account_sid != config.account_sid:
            _logger.warning("Twilio webhook for another account refused")
            return None
        return callback

    @staticmethod
    def _urls():
        """The URL as received, and as built on the database's base URL
        (the one given to Twilio) when a proxy rewrote it."""
        httprequest = request.httprequest
        path = httprequest.full_path.rstrip("?")
        base_url = request.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return {httprequest.url, f"{(base_url or '').rstrip('/')}{path}"}

    @staticmethod
    def _answer(status):
        return request.make_response(
            EMPTY_TWIML, headers=[("Content-Type", "text/xml")], status=status
        )
