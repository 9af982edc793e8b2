# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import socket
import time
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import config as odoo_config
from odoo.tools import mute_logger

from ..tools import sms_gateway
from ..tools.sms_gateway import FAILED, IN_DOUBT, OK, RETRY, GatewayConfig
from .common import GatewayCase

SMS_LOGGER = "odoo.addons.customer_comm.models.sms_sms"


def closed_port_url():
    """The URL of a port nothing listens on: a gateway that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/2010-04-01"


@tagged("post_install", "-at_install")
class TestTwilioClient(GatewayCase, TransactionCase):
    """The client alone, against the local Twilio: what it sends conforms to
    Twilio's description, and any answer gives an outcome, never an
    exception, never a secret."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_gateway()
        cls.config = GatewayConfig(
            url=cls.gateway.url,
            account_sid=cls.ACCOUNT,
            auth_token=cls.TOKEN,
            sender=cls.SENDER,
            timeout=1,
        )

    def setUp(self):
        super().setUp()
        self.gateway.reset()

    def _send(self, config=None, callback="http://127.0.0.1:8069/cb?sms=1"):
        return sms_gateway.send_message(
            config or self.config, "+393471234567", "Your bike is ready", callback
        )

    def assertNoSecret(self, result):
        reason = self.env._(result.reason) if result.reason else ""
        for secret in (self.ACCOUNT, self.TOKEN, "Accounts/AC"):
            self.assertNotIn(secret, reason)

    def test_requests_follow_twilio_description(self):
        result = self._send()
        self.assertEqual((result.outcome, result.status), (OK, "queued"))
        self.assertRegex(result.message_id, r"^SM[0-9a-f]{32}$")
        post = self.gateway.posts()[0]
        self.assertEqual(
            post["path"], f"/2010-04-01/Accounts/{self.ACCOUNT}/Messages.json"
        )
        self.assertEqual(
            post["form"],
            {
                "To": "+393471234567",
                "From": self.SENDER,
                "Body": "Your bike is ready",
                "StatusCallback": "http://127.0.0.1:8069/cb?sms=1",
            },
        )
        self.assertNotIn("Idempotency-Key", post["headers"])
        listed = sms_gateway.list_messages(
            self.config,
            "+393471234567",
            sent_after=fields.Datetime.now() - timedelta(minutes=5),
            sent_before=fields.Datetime.now() + timedelta(minutes=5),
        )
        self.assertEqual(listed.outcome, OK)
        self.assertEqual([m["sid"] for m in listed.messages], [result.message_id])
        self.assertContractKept()

    def test_messaging_service_and_api_key(self):
        key = ("SK" + "7" * 32, "key-secret")
        self.gateway.add_account(self.ACCOUNT, "unused", api_key=key)
        config = GatewayConfig(
            url=self.gateway.url,
            account_sid=self.ACCOUNT,
            auth_token=self.TOKEN,
            api_key_sid=key[0],
            api_key_secret=key[1],
            service_sid="MG" + "1" * 32,
            timeout=1,
        )
        self.assertEqual(self._send(config).outcome, OK)
        form = self.gateway.posts()[0]["form"]
        self.assertEqual(form["MessagingServiceSid"], "MG" + "1" * 32)
        self.assertNotIn("From", form)
        self.assertContractKept()

    @mute_logger("urllib3.connectionpool")
    def test_a_drift_from_the_description_fails(self):
        """The check is real: a request Twilio would refuse is caught."""
        drifted = GatewayConfig(
            url=self.gateway.url, account_sid="AC123", auth_token="x", sender="S"
        )
        self.assertEqual(self._send(drifted).outcome, FAILED)
        (_request, problems), *_rest = self.gateway.violations
        self.assertIn("AccountSid", problems[0])

    def test_each_bad_answer_gives_an_outcome(self):
        cases = {
            "garbage": (IN_DOUBT, "sms_server"),
            "list": (IN_DOUBT, "sms_server"),
            "string": (IN_DOUBT, "sms_server"),
            "nosid": (IN_DOUBT, "sms_server"),
            "truncated": (IN_DOUBT, "sms_server"),
            "redirect": (FAILED, "sms_server"),
            "error500": (IN_DOUBT, "sms_server"),
            "busy": (RETRY, "sms_server"),
            "reject": (FAILED, "sms_number_format"),
            "auth": (FAILED, "sms_acc"),
            "not_found": (FAILED, "unknown"),
            "drop": (IN_DOUBT, "sms_server"),
            "timeout": (IN_DOUBT, "sms_server"),
        }
        for step, expected in cases.items():
            with self.subTest(answer=step):
                self.gateway.script[:] = [step]
                result = self._send()
                self.assertEqual((result.outcome, result.failure_type), expected)
                self.assertTrue(self.env._(result.reason))
                self.assertNoSecret(result)
        # each was one request: the redirect was not followed
        self.assertEqual(len(self.gateway.posts()), len(cases))
        self.assertContractKept()

    def test_network_faults_and_bad_settings(self):
        unreachable = GatewayConfig(
            url=closed_port_url(), account_sid=self.ACCOUNT, auth_token=self.TOKEN
        )
        host, port = self.gateway.server_address
        tls = GatewayConfig(
            url=f"https://{host}:{port}/2010-04-01",
            account_sid=self.ACCOUNT,
            auth_token=self.TOKEN,
            sender=self.SENDER,
        )
        cases = [
            (unreachable, RETRY),
            (tls, RETRY),
            (GatewayConfig("api.twilio.com", self.ACCOUNT, self.TOKEN), FAILED),
            (GatewayConfig("http://example.com/api", self.ACCOUNT, self.TOKEN), FAILED),
            (GatewayConfig("https://[::1]:99999/", self.ACCOUNT, self.TOKEN), FAILED),
            (
                GatewayConfig(self.gateway.url, self.ACCOUNT, self.TOKEN, timeout=0),
                FAILED,
            ),
            (GatewayConfig(self.gateway.url, self.ACCOUNT, ""), FAILED),
        ]
        for config, outcome in cases:
            with self.subTest(url=config.url, timeout=config.timeout):
                result = self._send(config)
                self.assertEqual(result.outcome, outcome)
                self.assertNoSecret(result)

    def test_url_rules(self):
        self.assertFalse(sms_gateway.url_problem("https://api.twilio.com/2010-04-01"))
        for loopback in (
            "http://127.0.0.1:8000/x",
            "http://127.8.0.1/",
            "http://[::1]/",
            "http://localhost:1",
        ):
            self.assertFalse(sms_gateway.url_problem(loopback), loopback)
        for bad in (
            "",
            "api.twilio.com",
            "ftp://x.org",
            "http://10.0.0.1/",
            "https://u:p@x.org",
            "https://x.org/?a=1",
        ):
            self.assertTrue(sms_gateway.url_problem(bad), bad)
        self.assertFalse(sms_gateway.timeout_problem(30))
        self.assertTrue(sms_gateway.timeout_problem(31))
        self.assertTrue(sms_gateway.timeout_problem(0))

    def test_signature(self):
        """Twilio's documented example, then forged and missing ones."""
        url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        form = {
            "CallSid": "CA1234567890ABCDE",
            "Caller": "+12349013030",
            "Digits": "1234",
            "From": "+12349013030",
            "To": "+18005551212",
        }
        signature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        self.assertEqual(sms_gateway.signature_of("12345", url, form), signature)
        self.assertTrue(sms_gateway.check_signature("12345", [url], form, signature))
        port = "https://mycompany.com:443/myapp.php?foo=1&bar=2"
        self.assertTrue(sms_gateway.check_signature("12345", [port], form, signature))
        forged = dict(form, Digits="9999")
        self.assertFalse(sms_gateway.check_signature("12345", [url], forged, signature))
        self.assertFalse(sms_gateway.check_signature("54321", [url], form, signature))
        self.assertFalse(sms_gateway.check_signature("12345", [url], form, ""))

    def test_parse_callback(self):
        sid = "SM" + "a" * 32
        callback = sms_gateway.parse_callback(
            {
                "MessageSid": sid,
                "MessageStatus": "Delivered",
                "ErrorCode": "x",
                "AccountSid": "AC1",
            }
        )
        self.assertEqual(
            (callback.message_id, callback.status, callback.error_code),
            (sid, "delivered", 0),
        )
        self.assertIsNone(sms_gateway.parse_callback({"MessageSid": "nope"}))


@tagged("post_install", "-at_install")
class TestSmsQueue(GatewayCase, TransactionCase):
    """The queue runner: one SMS at a time, exactly once, per company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_gateway()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Sara Neri", "mobile": "+39 347 123 4567"}
        )
        cls.Sms = cls.env["sms.sms"].sudo()

    def setUp(self):
        super().setUp()
        self.gateway.reset()

    def _post(self, body="Your bike is ready", customer=None):
        customer = customer or self.customer
        message = customer._message_sms(body, partner_ids=customer.ids)
        return self.Sms.search([("mail_message_id", "=", message.id)])

    def _history(self, sms):
        return self.env["customer.comm.log"].search(
            [("message_id", "=", sms.mail_message_id.id)]
        )

    def _age(self, sms, seconds=3600):
        """As if the last attempt was ``seconds`` ago."""
        sms.gateway_attempt_date = fields.Datetime.now() - timedelta(seconds=seconds)

    def test_a_user_action_queues_and_triggers_the_runner(self):
        cron = self.env.ref("customer_comm.ir_cron_sms_gateway_retry")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        sms = self._post()
        self.assertFalse(self.gateway.requests, "a user's action never posts")
        self.assertEqual(sms.state, "outgoing")
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            len(triggers),
        )
        log = self._history(sms)
        self.assertEqual(log.state, "queued")
        self.assertEqual(self._run_queue(), 1)
        post = self.gateway.posts()[0]
        self.assertEqual(post["form"]["To"], "+393471234567")
        self.assertEqual(
            post["form"]["StatusCallback"],
            f"{sms.get_base_url()}/customer_comm/sms/twilio/status/"
            f"{self.env.company.id}?sms={sms.uuid}",
        )
        self.assertEqual(
            (sms.gateway_state, sms.state, sms.to_delete), ("accepted", "process", True)
        )
        self.assertEqual(sms.sms_tracker_id.gateway_message_id, sms.gateway_message_id)
        self.assertEqual(
            sms.mail_message_id.notification_ids.notification_status, "process"
        )
        self.assertEqual(log.state, "queued")  # at the gateway, not sent yet
        self.assertEqual(self._run_queue(), 0, "never posted twice")
        self.assertContractKept()

    def test_each_company_sends_through_its_own_gateway(self):
        """An SMS of company B, sent by a cron running as a company-A user,
        goes out with B's account and sender."""
        company_b = self.env["res.company"].create({"name": "Officina B"})
        account_b, token_b = "AC" + "b0" * 16, "token-of-b"
        gateway_b = self._start_gateway(
            company_b, account_b, token_b, sms_gateway_sender="OfficinaB"
        )
        customer_b = self.env["res.partner"].create(
            {"name": "Bruno", "mobile": "+39 347 000 1111", "company_id": company_b.id}
        )
        sms_a, sms_b = self._post(), self._post("From B", customer_b)
        self.assertEqual(
            (sms_a.company_id, sms_b.company_id), (self.env.company, company_b)
        )
        cron_user = new_test_user(
            self.env,
            login="cron_a",
            groups="base.group_user",
            company_id=self.env.company.id,
            company_ids=[(6, 0, self.env.company.ids)],
        )
        self.assertEqual(self._run_queue(self.env(user=cron_user)), 2)
        (post_b,) = gateway_b.posts()
        self.assertIn(account_b, post_b["path"])
        self.assertEqual(
            (post_b["form"]["From"], post_b["form"]["Body"]), ("OfficinaB", "From B")
        )
        (post_a,) = self.gateway.posts()
        self.assertEqual(post_a["form"]["From"], self.SENDER)
        self.assertEqual(len(gateway_b.received(account_b)), 1)
        self.assertContractKept(gateway_b)

    def test_a_bad_answer_in_the_middle_of_the_batch(self):
        """Five SMS, the third answered with garbage: the others are sent,
        and each outcome is committed on its own (checked on a cursor whose
        transaction is rolled back at the end: only what the runner
        committed stays)."""
        batch = self.Sms.browse()
        for i in range(5):
            batch |= self._post(f"Message {i}")
        self.gateway.script[:] = ["ok", "ok", "error500", "ok", "ok"]
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.env.flush_all()
        cr = self.registry.cursor()
        try:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(env["sms.sms"]._gateway_run_queue(commit=True), 5)
            # a last change, never committed: rolled back below
            env["sms.sms"].browse(batch[0].id).body = "not committed"
        finally:
            cr.rollback()
            cr.close()
        self.env.invalidate_all()
        self.assertEqual(batch[0].body, "Message 0")
        self.assertEqual(
            batch.mapped("gateway_state"),
            ["accepted", "accepted", "sending", "accepted", "accepted"],
        )
        self.assertEqual(batch[2].state, "error")
        self.assertIn("HTTP 500", batch[2].gateway_error)
        self.assertEqual(len(self.gateway.posts()), 5)
        self.assertEqual(self._history(batch[2]).state, "queued")
        self.assertContractKept()

    def test_in_doubt_then_found_at_the_gateway(self):
        """The gateway took it but its answer was lost (timeout): the next
        run finds it in Twilio's list and never posts it again."""
        self.gateway.script[:] = ["timeout"]
        sms = self._post()
        self._run_queue()
        self.assertEqual((sms.state, sms.gateway_state), ("error", "sending"))
        self.assertIn("did not answer in time", sms.gateway_error)
        # maybe at the gateway: not a failure someone would resend by hand
        self.assertEqual(self._history(sms).state, "queued")
        self._run_queue()  # within the grace period: left alone
        self.assertEqual(len(self.gateway.posts()), 1)
        self._age(sms)
        self._run_queue()
        (stored,) = self.gateway.received()
        self.assertEqual(
            (sms.gateway_state, sms.gateway_message_id), ("accepted", stored["sid"])
        )
        self.assertEqual(len(self.gateway.posts()), 1)
        gets = [r for r in self.gateway.requests if r["method"] == "GET"]
        self.assertIn("DateSent>", gets[0]["query"])
        self.assertEqual(self._history(sms).state, "sent")
        self.assertContractKept()

    def test_a_cron_run_stops_within_the_cron_time_limit(self):
        """A run of the queue stops taking SMS at its deadline (half of the
        server's time limit on crons, which kills a cron worker past it) and
        triggers the cron to go on in a fresh run."""
        cron = self.env.ref("customer_comm.ir_cron_sms_gateway_retry")
        sms = self._post()
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        runner = self.env["sms.sms"].sudo()
        self.assertEqual(runner._gateway_run_queue(deadline=time.monotonic()), 0)
        self.assertEqual(sms.state, "outgoing")
        self.assertFalse(self.gateway.requests)
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers,
        )
        self.assertEqual(runner._gateway_run_queue(deadline=time.monotonic() + 60), 1)
        self.assertEqual(sms.gateway_state, "accepted")
        limits = {"limit_time_real": 120, "limit_time_real_cron": -1}
        with patch.dict(odoo_config.options, limits):
            left = runner._gateway_deadline() - time.monotonic()
        self.assertTrue(55 < left <= 60, left)
        with patch.dict(odoo_config.options, {**limits, "limit_time_real_cron": 40}):
            left = runner._gateway_deadline() - time.monotonic()
        self.assertTrue(15 < left <= 20, left)

    def test_crash_before_the_post_sends_it_once(self):
        """Marked "sending" and committed, then the process died before the
        POST: not found at the gateway, it is sent, once."""
        sms = self._post()
        sms.write({"gateway_state": "sending", "gateway_attempts": 1})
        self._age(sms)
        self._run_queue()
        self.assertEqual(len(self.gateway.received()), 1)
        self.assertEqual(sms.gateway_state, "accepted")
        self.assertEqual(sms.gateway_attempts, 2)
        self._run_queue()
        self.assertEqual(len(self.gateway.posts()), 1)

    def test_crash_after_the_post_is_not_sent_again(self):
        """The POST went out, the process died before writing its outcome;
        the message is still in the gateway's queue (no sending date yet)."""
        sms = self._post()
        sms.write({"gateway_state": "sending", "gateway_attempts": 1})
        config = self.env.company._sms_gateway()
        self.gateway.script[:] = ["queued"]
        taken = sms_gateway.send_message(config, sms.number, sms.body)
        self._age(sms, 600)
        self._run_queue()
        self.assertEqual(
            (sms.gateway_state, sms.gateway_message_id), ("accepted", taken.message_id)
        )
        self.assertEqual(len(self.gateway.posts()), 1)
        self.assertContractKept()

    def test_another_sms_with_the_same_text_is_not_mistaken(self):
        """The gateway's message of another SMS with the same text is not
        taken for this one's."""
        first = self._post("Same text")
        self._run_queue()
        second = self._post("Same text")
        second.write({"gateway_state": "sending", "gateway_attempts": 1})
        self._age(second)
        self._run_queue()
        self.assertEqual(len(self.gateway.received()), 2)
        self.assertNotEqual(second.gateway_message_id, first.gateway_message_id)

    @mute_logger(SMS_LOGGER)
    def test_retries_with_backoff_then_gives_up(self):
        sms = self._post()
        delays = []
        for _attempt in range(5):
            self.gateway.script[:] = ["busy"]
            if sms.gateway_next_try:
                delays.append(sms.gateway_next_try - fields.Datetime.now())
                sms.gateway_next_try = fields.Datetime.now() - timedelta(seconds=1)
            self._run_queue()
        self.assertEqual(sms.gateway_attempts, 5)
        self.assertEqual(sms.state, "error")
        self.assertFalse(sms.gateway_next_try, "bounded: no sixth attempt")
        self.assertEqual(delays, sorted(delays))
        self.assertEqual(len(self.gateway.posts()), 5)

    def test_a_refused_number_is_not_retried(self):
        self.gateway.script[:] = ["reject"]
        sms = self._post()
        self._run_queue()
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_number_format"))
        self.assertFalse(sms.gateway_next_try)
        notification = sms.mail_message_id.notification_ids
        self.assertEqual(notification.notification_status, "exception")
        self.assertIn("not a valid phone number", notification.failure_reason)

    def test_gateway_down_retried_when_back(self):
        url = self.env.company.sms_gateway_url
        self.env.company.sms_gateway_url = closed_port_url()
        sms = self._post()
        self._run_queue()
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_server"))
        self.assertTrue(sms.gateway_next_try)
        self.env.company.sms_gateway_url = url
        self._run_queue()
        self.assertFalse(self.gateway.posts(), "not before its next try")
        sms.gateway_next_try = fields.Datetime.now() - timedelta(seconds=1)
        self._run_queue()
        self.assertEqual(sms.gateway_state, "accepted")

    def test_unreachable_for_a_day_is_given_up_not_resent(self):
        self.gateway.script[:] = ["timeout"]
        sms = self._post()
        self._run_queue()
        self.env.company.sms_gateway_url = closed_port_url()
        self._age(sms)
        self._run_queue()
        self.assertEqual(sms.gateway_state, "sending")
        self.assertIn("could not be checked", sms.gateway_error)
        self._age(sms, 25 * 3600)
        self._run_queue()
        self.assertEqual((sms.state, sms.gateway_state), ("error", False))
        self.assertFalse(sms.gateway_next_try)
        self.assertEqual(len(self.gateway.posts()), 1)

    def test_no_secret_in_reasons_nor_logs(self):
        answers = ["not_found", "drop", "auth", "timeout", "error500"]
        self.gateway.script[:] = answers
        with self.assertLogs(level="DEBUG") as logs:
            batch = [self._post(f"Secret test {i}") for i in range(len(answers))]
            self._run_queue()
        texts = [record.getMessage() for record in logs.records]
        for sms in batch:
            texts += [
                sms.gateway_error,
                sms.sms_tracker_id.mail_notification_id.failure_reason,
            ]
        self.assertTrue(any("Accounts/" in text for text in texts if text))
        for text in filter(None, texts):
            for secret in (self.ACCOUNT, self.TOKEN):
                self.assertNotIn(secret, text)


@tagged("post_install", "-at_install")
class TestGatewaySettings(GatewayCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_gateway()
        cls.manager = new_test_user(
            cls.env,
            login="gateway_manager",
            groups="customer_comm.group_customer_comm_manager,base.group_erp_manager",
        )
        cls.admin = new_test_user(
            cls.env, login="gateway_admin", groups="base.group_system"
        )

    def test_only_administrators_read_and_change_the_gateway(self):
        company = self.env.company
        with self.assertRaises(AccessError):
            company.with_user(self.manager).read(["sms_gateway_token"])
        with self.assertRaises(AccessError):
            company.with_user(self.manager).write(
                {"sms_gateway_url": "https://evil.example.com"}
            )
        with self.assertRaises(AccessError):
            company.with_user(self.manager).write({"sms_provider": "iap"})
        company.with_user(self.admin).write({"sms_gateway_sender": "Shop"})
        self.assertEqual(company.sms_gateway_sender, "Shop")
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(settings.sms_gateway_token, self.TOKEN)
        self.assertIn(
            f"/customer_comm/sms/twilio/inbound/{company.id}",
            settings.sms_gateway_inbound_url,
        )

    def test_url_and_timeout_checked_on_save(self):
        for values in (
            {"sms_gateway_timeout": 0},
            {"sms_gateway_timeout": 31},
            {"sms_gateway_url": "api.twilio.com/2010-04-01"},
            {"sms_gateway_url": "http://api.twilio.com/2010-04-01"},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.env.company.write(values)

    def test_iap_stays_the_default_provider(self):
        company = self.env["res.company"].create({"name": "Plain company"})
        self.assertEqual(company.sms_provider, "iap")
        self.assertIsNone(company._sms_gateway())
