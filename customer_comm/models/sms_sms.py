# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import timedelta

from odoo import api, fields, models

from ..tools.sms_gateway import FAILED, RETRY, SENT, send_sms

_logger = logging.getLogger(__name__)

# minutes to wait before the next attempt, then the SMS stays in error
RETRY_DELAYS = (5, 15, 60, 240)


class SmsSms(models.Model):
    """SMS through the company's HTTP gateway when it is chosen instead of
    Odoo IAP: same queue, same states, same notifications (the history rests
    on the chatter message, Odoo deletes sent SMS rows)."""

    _inherit = "sms.sms"

    gateway_message_id = fields.Char(
        readonly=True, copy=False, help="The id the gateway gave to this SMS."
    )
    gateway_attempts = fields.Integer(readonly=True, copy=False)
    gateway_next_try = fields.Datetime(readonly=True, copy=False, index=True)
    gateway_error = fields.Char(readonly=True, copy=False)

    def _gateway_config(self):
        company = self.env.company.sudo()
        if company.sms_provider != "http":
            return None
        return {
            "url": company.sms_gateway_url or "",
            "account": company.sms_gateway_account or "",
            "token": company.sms_gateway_token or "",
            "sender": company.sms_gateway_sender or "",
            "timeout": company.sms_gateway_timeout or 10,
        }

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        config = self._gateway_config()
        if config is None:
            return super()._send(
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )
        now = fields.Datetime.now()
        for sms in self.sudo():
            if sms.gateway_message_id:
                # accepted by the gateway before: never sent twice
                sms._gateway_done(sms.gateway_message_id, unlink_sent)
                continue
            result = send_sms(config, sms.number, sms.body, sms.uuid)
            _logger.info("SMS %s via the HTTP gateway: %s", sms.id, result.outcome)
            if result.outcome == SENT:
                sms._gateway_done(result.message_id, unlink_sent)
                continue
            attempts = sms.gateway_attempts + 1
            retry = result.outcome == RETRY and attempts <= len(RETRY_DELAYS)
            sms.write(
                {
                    "gateway_attempts": attempts,
                    "gateway_error": result.reason,
                    "gateway_next_try": now
                    + timedelta(minutes=RETRY_DELAYS[attempts - 1])
                    if retry
                    else False,
                    "to_delete": unlink_failed and result.outcome == FAILED,
                    "state": "error",
                    "failure_type": result.failure_type,
                }
            )
            sms.sms_tracker_id._action_update_from_sms_state(
                "error", failure_type=result.failure_type, failure_reason=result.reason
            )
        self.mail_message_id._notify_message_notification_update()

    def _gateway_done(self, message_id, unlink_sent):
        self.write(
            {
                "gateway_message_id": message_id,
                "gateway_error": False,
                "gateway_next_try": False,
                "to_delete": unlink_sent,
            }
        )
        self._update_sms_state_and_trackers("pending")

    @api.model
    def _cron_retry_gateway(self):
        """Put back in the queue the SMS whose gateway attempt failed and whose
        next try has come, then send them."""
        due = self.search(
            [
                ("state", "=", "error"),
                ("gateway_next_try", "!=", False),
                ("gateway_next_try", "<=", fields.Datetime.now()),
                ("to_delete", "=", False),
            ]
        )
        due.write({"state": "outgoing", "gateway_next_try": False})
        due.send(unlink_failed=False, unlink_sent=True, auto_commit=True)
        return len(due)
