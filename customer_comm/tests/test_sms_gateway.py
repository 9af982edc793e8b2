# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
import socket
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


class FakeGateway(ThreadingHTTPServer):
    """A Twilio-style SMS gateway on 127.0.0.1 whose answer the test chooses.

    ``mode``: "ok" (201 + sid), "slow" (answers after ``delay`` seconds),
    "reject" (400, invalid number), "auth" (401), "error" (500). It delivers
    a message once per ``Idempotency-Key``, as a careful gateway does."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), GatewayHandler)
        self.mode = "ok"
        self.delay = 0
        self.requests = []
        self.delivered = {}
        self.late_answers = 0


class GatewayHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        server = self.server
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        key = self.headers.get("Idempotency-Key")
        server.requests.append(
            {
                "path": self.path,
                "form": form,
                "key": key,
                "auth": self.headers.get("Authorization"),
            }
        )
        if server.mode == "reject":
            return self._answer(400, {"code": 21211, "message": "Invalid 'To' number"})
        if server.mode == "auth":
            return self._answer(401, {"code": 20003, "message": "Authenticate"})
        if server.mode == "error":
            return self._answer(500, {"message": "Internal error"})
        sid = server.delivered.setdefault(key, f"SM{len(server.delivered) + 1:032d}")
        if server.mode == "slow":
            time.sleep(server.delay)
        try:
            self._answer(201, {"sid": sid, "status": "queued", "to": form.get("To")})
        except (BrokenPipeError, ConnectionResetError):
            # the client gave up waiting (timeout test): the message stays
            # delivered, which is what the test checks
            server.late_answers += 1


class GatewayCase:
    """Starts a FakeGateway for the test class and points the company's SMS
    provider at it."""

    @classmethod
    def _start_gateway(cls, path="", **settings):
        cls.gateway = FakeGateway()
        thread = threading.Thread(target=cls.gateway.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.gateway.server_close)
        cls.addClassCleanup(cls.gateway.shutdown)
        host, port = cls.gateway.server_address
        cls.gateway_url = f"http://{host}:{port}{path}"
        cls.env.company.sudo().write(
            dict(
                {
                    "sms_provider": "http",
                    "sms_gateway_url": cls.gateway_url,
                    "sms_gateway_account": "AC1",
                    "sms_gateway_token": "t",
                    "sms_gateway_sender": "Shop",
                    "sms_gateway_timeout": 2,
                },
                **settings,
            )
        )

    @staticmethod
    def _closed_port_url():
        """The URL of a port nothing listens on: a gateway that is down."""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return f"http://127.0.0.1:{sock.getsockname()[1]}"


@tagged("post_install", "-at_install")
class TestSmsGateway(GatewayCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_gateway(
            "/2010-04-01",
            sms_gateway_account="AC123",
            sms_gateway_token="secret",
            sms_gateway_sender="+390511234567",
            sms_gateway_timeout=1,
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Sara Neri", "mobile": "+39 347 123 4567"}
        )

    def setUp(self):
        super().setUp()
        self.gateway.mode = "ok"
        self.gateway.requests.clear()
        self.gateway.delivered.clear()

    def _post_sms(self, body="Your bike is ready"):
        """Post an SMS in the queue (the test then sends it)."""
        message = self.partner._message_sms(
            body, partner_ids=self.partner.ids, put_in_queue=True
        )
        sms = self.env["sms.sms"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(len(sms), 1)
        return message, sms

    def _send(self, sms):
        sms.send(unlink_failed=False, unlink_sent=False, raise_exception=False)

    def test_sent_through_the_gateway(self):
        message, sms = self._post_sms()
        self._send(sms)
        self.assertEqual(len(self.gateway.requests), 1)
        request = self.gateway.requests[0]
        self.assertEqual(request["path"], "/2010-04-01/Accounts/AC123/Messages.json")
        self.assertEqual(request["form"]["To"], "+393471234567")
        self.assertEqual(request["form"]["From"], "+390511234567")
        self.assertEqual(request["form"]["Body"], "Your bike is ready")
        self.assertEqual(request["key"], sms.uuid)
        self.assertTrue(request["auth"].startswith("Basic "))
        self.assertEqual(sms.state, "pending")
        self.assertTrue(sms.gateway_message_id.startswith("SM"))
        self.assertEqual(message.notification_ids.notification_status, "pending")

    def test_posting_sends_at_once_through_the_gateway(self):
        message = self.partner._message_sms("At once", partner_ids=self.partner.ids)
        self.assertEqual(len(self.gateway.requests), 1)
        self.assertEqual(self.gateway.requests[0]["form"]["Body"], "At once")
        self.assertEqual(message.notification_ids.notification_status, "pending")

    def test_queue_deletes_sent_sms_history_stays_on_the_message(self):
        message, sms = self._post_sms()
        sms.send()  # Odoo's defaults: sent SMS marked for deletion
        self.assertTrue(sms.to_delete)
        self.assertEqual(message.message_type, "sms")
        self.assertEqual(message.notification_ids.notification_status, "pending")

    @mute_logger("odoo.addons.customer_comm.models.sms_sms")
    def test_gateway_down_leaves_error_and_retry(self):
        self.env.company.sms_gateway_url = self._closed_port_url()
        message, sms = self._post_sms()
        self._send(sms)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")
        self.assertIn("connection", sms.gateway_error)
        self.assertTrue(sms.gateway_next_try)
        self.assertEqual(sms.gateway_attempts, 1)
        notification = message.notification_ids
        self.assertEqual(notification.notification_status, "exception")
        self.assertIn("connection", notification.failure_reason)
        # the gateway is back: the retry cron sends it
        self.env.company.sms_gateway_url = self.gateway_url
        sms.gateway_next_try = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(self.env["sms.sms"]._cron_retry_gateway(), 1)
        self.assertEqual(len(self.gateway.requests), 1)
        self.assertTrue(sms.to_delete)
        self.assertEqual(message.notification_ids.notification_status, "pending")

    def test_retry_not_due_yet_is_left_alone(self):
        self.env.company.sms_gateway_url = self._closed_port_url()
        _message, sms = self._post_sms()
        self._send(sms)
        self.assertGreater(sms.gateway_next_try, fields.Datetime.now())
        self.assertEqual(self.env["sms.sms"]._cron_retry_gateway(), 0)
        self.assertEqual(sms.state, "error")

    def test_slow_gateway_times_out_and_is_not_sent_twice(self):
        self.gateway.mode, self.gateway.delay = "slow", 2
        _message, sms = self._post_sms()
        self._send(sms)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.gateway_error, "timeout")
        self.assertTrue(sms.gateway_next_try)
        # the gateway took the message all the same; the retry carries the
        # same key, so it is not delivered a second time
        self.gateway.mode = "ok"
        sms.gateway_next_try = fields.Datetime.now() - timedelta(minutes=1)
        self.env["sms.sms"]._cron_retry_gateway()
        self.assertEqual(len(self.gateway.requests), 2)
        self.assertEqual({r["key"] for r in self.gateway.requests}, {sms.uuid})
        self.assertEqual(len(self.gateway.delivered), 1)
        self.assertEqual(sms.state, "pending")

    def test_rejected_number_is_a_permanent_error(self):
        self.gateway.mode = "reject"
        message, sms = self._post_sms()
        self._send(sms)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_number_format")
        self.assertIn("HTTP 400", sms.gateway_error)
        self.assertFalse(sms.gateway_next_try)
        self.assertEqual(message.notification_ids.failure_type, "sms_number_format")

    def test_bad_credentials(self):
        self.gateway.mode = "auth"
        _message, sms = self._post_sms()
        self._send(sms)
        self.assertEqual(sms.failure_type, "sms_acc")
        self.assertFalse(sms.gateway_next_try)

    def test_server_error_is_retried_then_given_up(self):
        self.gateway.mode = "error"
        _message, sms = self._post_sms()
        for _attempt in range(5):
            sms.gateway_next_try = fields.Datetime.now() - timedelta(minutes=1)
            sms.state = "outgoing"
            self._send(sms)
        self.assertEqual(sms.gateway_attempts, 5)
        self.assertEqual(sms.state, "error")
        self.assertIn("HTTP 500", sms.gateway_error)
        self.assertFalse(sms.gateway_next_try)
        self.assertEqual(len(self.gateway.requests), 5)

    def test_already_accepted_sms_is_never_posted_again(self):
        _message, sms = self._post_sms()
        self._send(sms)
        sms.state = "outgoing"
        self._send(sms)
        self.assertEqual(len(self.gateway.requests), 1)
        self.assertEqual(sms.state, "pending")

    def test_iap_stays_the_default_provider(self):
        company = self.env["res.company"].create({"name": "Plain company"})
        self.assertEqual(company.sms_provider, "iap")
        self.assertIsNone(self.env["sms.sms"].with_company(company)._gateway_config())
