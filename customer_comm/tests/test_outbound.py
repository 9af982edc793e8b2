# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from ..tools.channel import EMAIL, NOTE, SMS
from .common import GatewayCase


@tagged("post_install", "-at_install")
class TestOutbound(GatewayCase, TransactionCase, MockEmail):
    """Every way of writing to a customer lands exactly once in their history:
    the composer (e-mail, SMS, note), the API on any record, Odoo's chatter
    and Odoo's SMS composer. Notes are never sent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_gateway()
        cls.user = new_test_user(
            cls.env,
            login="outbound_user",
            groups="customer_comm.group_customer_comm_user",
        )
        cls.employee = new_test_user(
            cls.env, login="outbound_employee", groups="base.group_user"
        )
        cls.manager = new_test_user(
            cls.env,
            login="outbound_manager",
            groups="customer_comm.group_customer_comm_manager",
        )
        cls.env = cls.env(user=cls.user)
        cls.customer = cls.env["res.partner"].create(
            {
                "firstname": "Mario",
                "lastname": "Verdi",
                "email": "mario.verdi@example.it",
                "mobile": "+39 347 555 0101",
            }
        )
        cls.Log = cls.env["customer.comm.log"]

    def setUp(self):
        super().setUp()
        self.gateway.reset()

    def _history(self, partner=None):
        return self.Log.search([("partner_id", "=", (partner or self.customer).id)])

    def _search_state(self, operator, value):
        return self.Log.search(
            [("partner_id", "=", self.customer.id), ("state", operator, value)]
        )

    def _composer(self, **values):
        action = self.customer.action_open_customer_composer()
        composer = self.env["customer.comm.composer"].browse(action["res_id"])
        composer.write(values)
        return composer

    # the composer, through the one outbound path

    def test_composer_email_lands_once(self):
        with self.mock_mail_gateway():
            self._composer(
                channel=EMAIL, subject="Your bike", body="<p>Ready</p>"
            ).action_send()
        log = self._history()
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.channel, log.subject, log.recipient, log.state),
            (EMAIL, "Your bike", "mario.verdi@example.it", "sent"),
        )
        self.assertEqual((log.res_model, log.res_id), ("res.partner", self.customer.id))
        self.assertEqual(log.notification_id.res_partner_id, self.customer)
        self.assertEqual(log.author_id, self.user)
        self.assertEqual(len(self._mails), 1)
        self.assertIn("mario.verdi@example.it", self._mails[0]["email_to"][0])

    def test_composer_sms_lands_once(self):
        self._composer(
            channel=SMS, subject="Reminder", sms_body="See you"
        ).action_send()
        log = self._history()
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.channel, log.recipient, log.state), (SMS, "+393475550101", "queued")
        )
        self._run_queue()
        self.assertEqual(len(self.gateway.posts()), 1)
        self.assertEqual(self.gateway.posts()[0]["form"]["To"], "+393475550101")
        self.assertEqual(self._history(), log)

    def test_note_is_never_sent_to_anyone(self):
        # a colleague follows the customer's internal notes: not even they get it
        self.customer.sudo().message_subscribe(
            partner_ids=self.employee.partner_id.ids,
            subtype_ids=self.env.ref("mail.mt_note").ids,
        )
        with self.mock_mail_gateway():
            self._composer(
                channel=NOTE, subject="Phone call", body="<p>Angry</p>"
            ).action_send()
        log = self._history()
        self.assertEqual((len(log), log.channel, log.state), (1, NOTE, "saved"))
        self.assertFalse(log.recipient)
        self.assertFalse(log.message_id.sudo().notification_ids)
        self.assertFalse(log.message_id.partner_ids)
        self.assertFalse(self._new_mails)
        self.assertFalse(self._mails)
        self._run_queue()
        self.assertFalse(self.gateway.requests)

    def test_note_needs_the_right_to_post_on_the_record(self):
        company = self.env["res.partner"].sudo().create({"name": "Read only Ltd"})
        with self.assertRaises(AccessError):
            company.with_user(self.employee)._customer_comm_post(
                company, NOTE, Markup("<p>Hi</p>"), subject="Note"
            )
        self.assertFalse(self._history(company))

    # Odoo's own ways of writing to a customer

    def test_chatter_send_message_lands_once(self):
        """ "Send message" in the customer's chatter, as the web client posts
        it: one history row, known by the beginning of its text."""
        with self.mock_mail_gateway():
            message = self.customer.message_post(
                body=Markup("<p>Your invoice is attached, thanks for your visit</p>"),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.customer.ids,
            )
        log = self._history()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.message_id, message)
        self.assertEqual(log.channel, EMAIL)
        self.assertEqual(log.subject, "Your invoice is attached, thanks for your visit")
        self.assertEqual(log.recipient, "mario.verdi@example.it")
        self.assertEqual(log.state, "sent")

    def test_message_on_a_record_the_customer_follows(self):
        """A message on another record reaches the customer as a follower:
        it is in their history, written from that record."""
        company = self.env["res.partner"].create(
            {"name": "Verdi Srl", "is_company": True}
        )
        company.message_subscribe(partner_ids=self.customer.ids)
        company.message_post(
            body=Markup("<p>New opening hours</p>"),
            subject="Opening hours",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        log = self._history()
        self.assertEqual(len(log), 1)
        self.assertEqual((log.res_model, log.res_id), ("res.partner", company.id))
        self.assertEqual(log.origin_name, "Verdi Srl")
        self.assertEqual(log.subject, "Opening hours")

    def test_internal_note_and_messages_to_colleagues_are_not_history(self):
        self.customer.message_post(
            body=Markup("<p>Internal</p>"), subtype_xmlid="mail.mt_note"
        )
        self.customer.message_post(
            body=Markup("<p>For a colleague</p>"),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.employee.partner_id.ids,
        )
        self.assertFalse(self._history())
        self.assertFalse(self._history(self.employee.partner_id))

    def test_odoo_sms_composer_lands_once(self):
        composer = (
            self.env["sms.composer"]
            .with_context(
                default_composition_mode="comment",
                default_res_model="res.partner",
                default_res_id=self.customer.id,
            )
            .create({"body": "Your bike is ready"})
        )
        composer.action_send_sms()
        self._run_queue()
        log = self._history()
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.channel, log.recipient, log.state), (SMS, "+393475550101", "queued")
        )
        self.assertEqual(log.subject, "Your bike is ready")
        self.assertEqual(len(self.gateway.posts()), 1)

    # the API: the chosen address, the delivery state

    def test_email_to_the_chosen_address(self):
        """Written to another address of the customer (a contact point): the
        e-mail goes there and only there, and the history says so."""
        with self.mock_mail_gateway():
            log = self.customer._customer_comm_post(
                self.customer,
                EMAIL,
                Markup("<p>Your offer</p>"),
                subject="Offer",
                address="mario@officina-verdi.example.it",
            )
        self.assertEqual(log, self._history())
        self.assertEqual(log.recipient, "mario@officina-verdi.example.it")
        self.assertEqual(log.state, "sent")
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(
            self._mails[0]["email_to"],
            ['"Mario Verdi" <mario@officina-verdi.example.it>'],
        )

    def test_written_to_a_contact_for_the_customer(self):
        """The customer's history holds what was sent to one of its contacts
        about it; the contact's own history does not repeat it."""
        driver = self.env["res.partner"].create(
            {"name": "Dino Driver", "email": "dino@example.it"}
        )
        with self.mock_mail_gateway():
            self.customer._customer_comm_post(
                self.customer,
                EMAIL,
                Markup("<p>Hi</p>"),
                subject="Hi",
                recipient=driver,
            )
        log = self._history()
        self.assertEqual((len(log), log.recipient), (1, "dino@example.it"))
        self.assertFalse(self._history(driver))
        self.assertEqual(
            self._mails[0]["email_to"], ['"Dino Driver" <dino@example.it>']
        )

    def test_state_follows_the_notification(self):
        log = self.customer.with_context(
            mail_notify_force_send=False
        )._customer_comm_post(self.customer, EMAIL, Markup("<p>Hi</p>"), subject="Hi")
        self.assertEqual(log.state, "queued")
        self.assertEqual(self._search_state("=", "queued"), log)
        with self.mock_mail_gateway():
            log.notification_id.sudo().mail_mail_id.send()
        self.assertEqual(log.state, "sent")
        self.assertEqual(self._search_state("=", "sent"), log)
        self.assertFalse(self._search_state("in", ("queued", "error")))

    def test_sms_refused_by_the_gateway_is_a_failure(self):
        self.gateway.script[:] = ["reject"]
        action = self._composer(
            channel=SMS, subject="Reminder", sms_body="See you"
        ).action_send()
        fresh = self.env["customer.comm.composer"].browse(action["res_id"])
        self.assertFalse(fresh.feedback_is_error)
        self.assertIn("queued", fresh.feedback)
        self._run_queue()
        log = self._history()
        self.assertEqual(log.state, "failed")
        self.assertIn("not a valid phone number", log.failure_reason)
        self.assertEqual(self._search_state("=", "failed"), log)
        self.assertFalse(self._search_state("!=", "failed"))

    def test_sms_states_follow_the_delivery_receipts(self):
        log = self.customer._customer_comm_post(self.customer, SMS, "See you")
        self.assertEqual(log.state, "queued")
        self._run_queue()
        tracker = (
            self.env["sms.tracker"]
            .sudo()
            .search([("mail_notification_id", "=", log.notification_id.id)])
        )
        sid = tracker.gateway_message_id
        for status, state in (("sent", "sent"), ("delivered", "delivered")):
            tracker._gateway_apply_status(sid, status)
            self.assertEqual(log.state, state)
            self.assertEqual(self._search_state("=", state), log)

    def test_email_bounce_is_a_failure(self):
        with self.mock_mail_gateway():
            log = self.customer._customer_comm_post(
                self.customer, EMAIL, Markup("<p>Hi</p>"), subject="Hi"
            )
        self.assertEqual(log.state, "sent")
        log.notification_id.sudo().write(
            {"notification_status": "bounce", "failure_type": "mail_bounce"}
        )
        self.assertEqual(log.state, "failed")
        self.assertEqual(log.failure_reason, "Bounce")
        self.assertEqual(self._search_state("=", "failed"), log)

    def test_history_list_reads_origins_once_per_model(self):
        """Origin names and states of a page of history: the same queries for
        3 rows as for 30 (the origins are read once per model)."""
        for count in (3, 30):
            customer = self.env["res.partner"].create({"name": f"Customer {count}"})
            companies = self.env["res.partner"].create(
                [{"name": f"Company {count}-{i}"} for i in range(count)]
            )
            for company in companies:
                company._customer_comm_post(
                    customer, NOTE, Markup("<p>x</p>"), subject=company.name
                )
            logs = self._history(customer)
            self.assertEqual(len(logs), count)
            self.env.invalidate_all()
            # 8 with a cold cache: the user's groups and rules, the logs, the
            # origins (exist, then read), the companies
            with self.subTest(count=count), self.assertQueryCount(8):
                names = logs.mapped("origin_name")
                logs.mapped("state")
            self.assertEqual(sorted(names), sorted(companies.mapped("name")))


@tagged("post_install", "-at_install")
class TestOutboundChatter(HttpCase):
    """ "Send message" in the web client's chatter, through Odoo's own route."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="chatter_user",
            password="chatter_user_pw",
            groups="customer_comm.group_customer_comm_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Lucia Neri", "email": "lucia.neri@example.it"}
        )

    def test_send_message_from_the_chatter_lands_once(self):
        self.authenticate("chatter_user", "chatter_user_pw")
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "res.partner",
                "thread_id": self.customer.id,
                "post_data": {
                    "body": "<p>Your glasses are ready</p>",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "partner_ids": self.customer.ids,
                },
            },
        )
        log = self.env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.channel, log.subject, log.recipient, log.author_id),
            (EMAIL, "Your glasses are ready", "lucia.neri@example.it", self.user),
        )
