# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, new_test_user, tagged

from ..tools.sms_gateway import signature_of
from .common import GatewayCase
from .twilio_server import new_sid

WEBHOOK_LOGGER = "odoo.addons.customer_comm.controllers.sms_twilio"


@tagged("post_install", "-at_install")
class TestTwilioWebhooks(GatewayCase, HttpCase):
    """Twilio's delivery receipts and incoming messages, through Odoo's HTTP
    stack, signed as Twilio signs them; unsigned, forged and stale requests
    change nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_gateway()
        cls.writer = new_test_user(
            cls.env,
            login="sms_writer",
            groups="customer_comm.group_customer_comm_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Sara Neri", "mobile": "+39 347 123 4567"}
        )
        cls.company = cls.env.company

    def setUp(self):
        super().setUp()
        self.gateway.reset()

    def _post(self, path, form, signature=True, token=None):
        url = f"{self.base_url()}{path}"
        headers = {}
        if signature is True:
            headers["X-Twilio-Signature"] = signature_of(token or self.TOKEN, url, form)
        elif signature:
            headers["X-Twilio-Signature"] = signature
        return self.url_open(url, data=form, headers=headers)

    # delivery receipts

    def _sent_sms(self):
        """An SMS the writer sent, taken by the gateway: its tracker."""
        log = self.customer.with_user(self.writer)._customer_comm_post(
            self.customer, "sms", "Your bike is ready"
        )
        self._run_queue()
        tracker = (
            self.env["sms.tracker"]
            .sudo()
            .search([("mail_notification_id", "=", log.notification_id.id)])
        )
        return log, tracker

    def _status(self, tracker, status, sid=None, signature=True, **extra):
        form = {
            "AccountSid": self.ACCOUNT,
            "MessageSid": sid or tracker.gateway_message_id,
            "MessageStatus": status,
            "To": "+393471234567",
            **extra,
        }
        path = (
            f"/customer_comm/sms/twilio/status/{self.company.id}?sms={tracker.sms_uuid}"
        )
        return self._post(path, form, signature)

    def test_delivery_receipts_reach_the_history(self):
        log, tracker = self._sent_sms()
        self.assertEqual(log.state, "queued")
        response = self._status(tracker, "sent")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "text/xml")
        self.assertEqual(log.state, "sent")
        self.assertEqual(self._status(tracker, "delivered").status_code, 200)
        self.assertEqual(log.state, "delivered")
        self.assertEqual(log.notification_id.notification_status, "sent")

    def test_undelivered_is_a_failure_with_its_reason(self):
        log, tracker = self._sent_sms()
        self._status(tracker, "undelivered", ErrorCode="30003")
        self.assertEqual(log.state, "failed")
        notification = log.notification_id
        self.assertEqual(
            (notification.notification_status, notification.failure_type),
            ("bounce", "sms_invalid_destination"),
        )
        self.assertIn("30003", log.failure_reason)

    def test_failed_is_an_exception(self):
        log, tracker = self._sent_sms()
        self._status(tracker, "failed", ErrorCode="30008")
        self.assertEqual(
            (log.notification_id.notification_status, log.state),
            ("exception", "failed"),
        )

    def test_unsigned_forged_and_stale_receipts_are_refused(self):
        log, tracker = self._sent_sms()
        with self.assertLogs(WEBHOOK_LOGGER, "WARNING"):
            self.assertEqual(
                self._status(tracker, "delivered", signature=False).status_code, 403
            )
            self.assertEqual(
                self._status(tracker, "delivered", signature="Zm9yZ2Vk").status_code,
                403,
            )
            # signed with another token: forged too
            forged = self._post(
                f"/customer_comm/sms/twilio/status/{self.company.id}"
                f"?sms={tracker.sms_uuid}",
                {
                    "AccountSid": self.ACCOUNT,
                    "MessageSid": tracker.gateway_message_id,
                    "MessageStatus": "delivered",
                },
                token="not-the-token",
            )
            self.assertEqual(forged.status_code, 403)
        self.assertEqual(log.state, "queued")
        self.assertEqual(self._status(tracker, "delivered").status_code, 200)
        # an older status after a newer one, another message's id
        self.assertEqual(self._status(tracker, "sent").status_code, 409)
        self.assertEqual(
            self._status(tracker, "failed", sid=new_sid()).status_code, 404
        )
        self.assertEqual(log.state, "delivered")

    # incoming messages

    def _inbound(self, text, number="+393471234567", signature=True):
        form = {
            "AccountSid": self.ACCOUNT,
            "MessageSid": new_sid(),
            "SmsSid": new_sid(),
            "From": number,
            "To": self.SENDER,
            "Body": text,
            "NumMedia": "0",
        }
        return self._post(
            f"/customer_comm/sms/twilio/inbound/{self.company.id}", form, signature
        )

    def _received(self, partner=None):
        return self.env["customer.comm.log"].search(
            [("direction", "=", "inbound"), ("partner_id", "=", partner and partner.id)]
        )

    def test_reply_lands_on_the_customer_and_notifies_the_writer(self):
        self._sent_sms()
        response = self._inbound("Thanks, I will come at 5")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "text/xml")
        self.assertIn("<Response/>", response.text)
        log = self._received(self.customer)
        self.assertEqual(
            (log.channel, log.state, log.recipient, log.author_id.id),
            ("sms", "received", "+393471234567", False),
        )
        message = log.message_id
        self.assertEqual(message.author_id, self.customer)
        self.assertEqual(
            (message.model, message.res_id), ("res.partner", self.customer.id)
        )
        self.assertIn("I will come at 5", message.body)
        self.assertIn(self.writer.partner_id, message.notification_ids.res_partner_id)

    def test_unsigned_reply_is_refused(self):
        with self.assertLogs(WEBHOOK_LOGGER, "WARNING"):
            self.assertEqual(self._inbound("Hi", signature=False).status_code, 403)
        self.assertFalse(self._received(self.customer))

    def test_stop_then_start(self):
        Blacklist = self.env["phone.blacklist"].with_context(active_test=False)
        self._inbound(" stop ")
        entry = Blacklist.search([("number", "=", "+393471234567")])
        self.assertTrue(entry.active)
        self.customer.invalidate_recordset()
        self.assertTrue(self.customer.phone_sanitized_blacklisted)
        notes = self.customer.message_ids.filtered(
            lambda m: "no more SMS" in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self._inbound("START")
        self.assertFalse(entry.active)
        self.assertTrue(
            self.customer.message_ids.filtered(
                lambda m: "allowed again" in (m.body or "")
            )
        )
        self.assertEqual(len(self._received(self.customer)), 2)

    def test_configured_words(self):
        Blacklist = self.env["phone.blacklist"]
        self._inbound("Arrêt")
        self.assertTrue(Blacklist.search([("number", "=", "+393471234567")]))
        self.company.sms_optin_keywords = "Riattiva"
        self._inbound("riattiva")
        self.assertFalse(Blacklist.search([("number", "=", "+393471234567")]))

    def test_reply_from_an_unknown_number(self):
        self._inbound("Who is this?", number="+393330000000")
        log = self._received()
        self.assertEqual(len(log), 1)
        self.assertFalse(log.partner_id)
        self.assertEqual((log.recipient, log.state), ("+393330000000", "received"))
        self.assertIn("Who is this?", log.body)

    def test_several_customers_share_the_number(self):
        other = self.env["res.partner"].create(
            {"name": "Luca Neri", "phone": "+39 347 123 4567"}
        )
        other.with_user(self.writer)._customer_comm_post(
            other, "note", "<p>Call</p>", subject="Call"
        )
        self._inbound("Hello")
        self.assertEqual(self._received(other).message_id.model, "res.partner")
        self.assertFalse(self._received(self.customer))
