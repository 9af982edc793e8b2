# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from ..tools.sms_gateway import BOUNCES, DELIVERY_FAILURES

# Twilio's message statuses, by how far the message went: a status never
# replaces one further on (callbacks may arrive out of order)
PROCESSING = ("accepted", "scheduled", "queued", "sending")
FINAL = ("delivered", "undelivered", "failed")
RANK = {**dict.fromkeys(PROCESSING, 1), "sent": 2, **dict.fromkeys(FINAL, 3)}
# -> Odoo's SMS states (the notification shows them in the chatter)
SMS_STATE_OF_STATUS = {
    **dict.fromkeys(PROCESSING, "process"),
    "sent": "pending",
    "delivered": "sent",
}

APPLIED, STALE, UNKNOWN = "applied", "stale", "unknown"


class SmsTracker(models.Model):
    """The tracker outlives its SMS (Odoo deletes sent SMS): it keeps the
    gateway's id and last status, so the delivery receipts reach the
    customer's notification, the chatter and the history."""

    _inherit = "sms.tracker"

    gateway_message_id = fields.Char(readonly=True, index="btree_not_null")
    gateway_status = fields.Char(readonly=True)

    def _gateway_apply_status(self, message_id, status, error_code=0):
        """Record that the gateway's message ``message_id`` reached
        ``status``; returns APPLIED, or STALE for a status that is not newer
        than the one known, or UNKNOWN for another message's id."""
        self.ensure_one()
        if status not in RANK:
            return STALE
        if self.gateway_message_id and self.gateway_message_id != message_id:
            return UNKNOWN
        if self.gateway_status in RANK and RANK[status] <= RANK[self.gateway_status]:
            if not self.gateway_message_id:
                self.gateway_message_id = message_id
            return STALE
        self.write({"gateway_message_id": message_id, "gateway_status": status})
        if status in SMS_STATE_OF_STATUS:
            self._action_update_from_sms_state(SMS_STATE_OF_STATUS[status])
        else:
            self._gateway_not_delivered(error_code)
        return APPLIED

    def _gateway_not_delivered(self, error_code):
        failure_type = DELIVERY_FAILURES.get(error_code, "sms_not_delivered")
        if error_code:
            reason = self.env._(
                "The gateway could not deliver it (error %(code)s).", code=error_code
            )
        else:
            reason = self.env._("The gateway could not deliver it.")
        if failure_type in BOUNCES:
            self._update_sms_notifications(
                "bounce", failure_type=failure_type, failure_reason=reason
            )
            self._update_sms_traces(
                "bounce", failure_type=failure_type, failure_reason=reason
            )
        else:
            self._action_update_from_sms_state(
                "error", failure_type=failure_type, failure_reason=reason
            )
