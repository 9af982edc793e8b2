# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from ..tools.greeting import build_greeting
from .common import GatewayCase


@tagged("post_install", "-at_install")
class TestGreeting(TransactionCase):
    def test_greetings_by_language_and_style(self):
        mister = "base.res_partner_title_mister"
        madam = "base.res_partner_title_madam"
        cases = [
            (("en_US", "John", "Doe", mister, "Mr.", False), "Hi John"),
            (("en_US", "John", "Doe", mister, "Mr.", True), "Dear Mr. Doe"),
            (("en_US", "John", "Doe", None, None, True), "Dear John"),
            (("it_IT", "Mario", "Rossi", None, None, False), "Ciao Mario"),
            (("it_IT", "Mario", "Rossi", mister, "Sig.", True), "Gentile Sig. Rossi"),
            (
                ("it_IT", "Anna", "Bianchi", madam, "Sig.ra", True),
                "Gentile Sig.ra Bianchi",
            ),
            (("fr_FR", "Jean", "Dupont", None, None, False), "Bonjour Jean"),
            (("fr_FR", "Jean", "Dupont", mister, "M.", True), "Cher Monsieur Dupont"),
            (("fr_FR", "Claire", "Martin", madam, "Mme", True), "Chère Madame Martin"),
            (("fr_FR", "Claire", "Martin", None, None, True), "Bonjour Claire"),
            (("de_DE", "Hans", "Weber", None, None, False), "Hi Hans"),
        ]
        for args, expected in cases:
            with self.subTest(args=args):
                lang, first, last, xmlid, name, formal = args
                self.assertEqual(
                    build_greeting(lang, first, last, xmlid, name, formal=formal),
                    expected,
                )

    def test_partner_greeting_uses_title_and_language(self):
        partner = self.env["res.partner"].create(
            {
                "firstname": "Mario",
                "lastname": "Rossi",
                "lang": "it_IT",
                "title": self.env.ref("base.res_partner_title_mister").id,
            }
        )
        self.assertEqual(partner._customer_comm_greeting(), "Ciao Mario")
        self.assertEqual(
            partner._customer_comm_greeting(formal=True), "Gentile Sig. Rossi"
        )


@tagged("post_install", "-at_install")
class TestComposer(GatewayCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_gateway()
        cls.user = new_test_user(
            cls.env,
            login="comm_user",
            groups="base.group_user,customer_comm.group_customer_comm_user",
            signature="<p>Luca, the shop</p>",
        )
        cls.env = cls.env(user=cls.user)
        cls.customer = cls.env["res.partner"].create(
            {
                "firstname": "John",
                "lastname": "Doe",
                "email": "john.doe@example.com",
                "mobile": "+39 347 111 2222",
                "lang": "en_US",
                "title": cls.env.ref("base.res_partner_title_mister").id,
            }
        )
        cls.template = cls.env.ref("customer_comm.mail_template_customer_ready")

    def _composer(self, **values):
        action = self.customer.action_open_customer_composer()
        composer = self.env["customer.comm.composer"].browse(action["res_id"])
        composer.write(values)
        return composer

    def test_template_gives_greeting_body_signature(self):
        with Form(self._composer()) as form:
            self.assertEqual(form.channel, "email")
            self.assertFalse(form.body)
            form.greeting_style = "formal"
            form.mail_template_id = self.template
            self.assertIn("Dear Mr. Doe,", form.body)
            self.assertIn("your order is ready", form.body)
            self.assertIn("Luca, the shop", form.body)
            self.assertEqual(form.subject, "Your order is ready for pick-up")
            form.use_name = "no"
            self.assertNotIn("Dear", form.body)

    def test_template_of_a_customer_whose_language_was_removed(self):
        """A customer keeps a language the database no longer has: the
        template is written in the user's language instead of failing."""
        self.assertFalse(self.env["res.lang"]._lang_get("de_DE"))
        # as data files may leave it (Odoo refuses to deactivate a language
        # its contacts use)
        self.customer.lang = "de_DE"
        with Form(self._composer()) as form:
            form.mail_template_id = self.template
            self.assertIn("your order is ready", form.body)

    def test_empty_template_gives_greeting_and_signature(self):
        empty = self.env.ref("customer_comm.mail_template_customer_empty")
        with Form(self._composer()) as form:
            form.mail_template_id = empty
            self.assertIn("Hi John,", form.body)
            self.assertIn("Luca, the shop", form.body)

    def test_no_subject_nothing_sent(self):
        composer = self._composer(body="<p>Hello</p>")
        messages_before = len(self.customer.message_ids)
        with self.assertRaisesRegex(UserError, "Add a subject"):
            composer.action_send()
        self.assertEqual(len(self.customer.message_ids), messages_before)
        self.assertFalse(self.customer.customer_comm_log_count)

    def test_email_sent_and_first_in_history(self):
        self._composer(subject="Older", channel="note", body="<p>Old</p>").action_send()
        composer = self._composer(subject="Your bike", body="<p>Ready</p>")
        action = composer.action_send()
        log = self.env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(log), 2)
        newest = log[0]
        self.assertEqual(newest.subject, "Your bike")
        self.assertEqual(newest.channel, "email")
        self.assertEqual(newest.state, "sent")
        self.assertEqual(newest.recipient, "john.doe@example.com")
        self.assertIn("Ready", newest.body)
        self.assertEqual(newest.message_id.partner_ids, self.customer)
        fresh = self.env["customer.comm.composer"].browse(action["res_id"])
        self.assertEqual(fresh.history_ids[0], newest)
        self.assertIn("E-mail sent", fresh.feedback)

    def test_opted_out_email_refused(self):
        self.env["mail.blacklist"].sudo()._add(self.customer.email)
        composer = self._composer(subject="Promo", body="<p>Hi</p>")
        self.assertTrue(composer.email_opted_out)
        with self.assertRaisesRegex(UserError, "asked not to receive e-mails"):
            composer.action_send()

    def test_sms_sent_through_the_gateway(self):
        composer = self._composer(channel="sms", subject="Reminder", sms_body="See you")
        self.assertEqual(composer.sms_number, "+393471112222")
        composer.action_send()
        self._run_queue()
        self.assertEqual(self.gateway.posts()[-1]["form"]["To"], "+393471112222")
        log = self.env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(log.channel, "sms")
        self.assertEqual(log.state, "queued")
        self.assertEqual(log.message_id.message_type, "sms")

    def test_sms_without_mobile_refused(self):
        self.customer.mobile = False
        composer = self._composer(channel="sms", subject="Reminder", sms_body="Hi")
        with self.assertRaisesRegex(UserError, "has no mobile number"):
            composer.action_send()

    def test_sms_opted_out_refused(self):
        self.env["phone.blacklist"].sudo().add("+393471112222")
        self.customer.invalidate_recordset()
        composer = self._composer(channel="sms", subject="Reminder", sms_body="Hi")
        with self.assertRaisesRegex(UserError, "asked not to receive SMS"):
            composer.action_send()

    def test_note_is_never_sent(self):
        composer = self._composer(channel="note", subject="Call", body="<p>Angry</p>")
        composer.action_send()
        log = self.env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(log.state, "saved")
        self.assertFalse(log.message_id.notification_ids)
        self.assertFalse(log.message_id.partner_ids)
        self.assertEqual(log.message_id.subtype_id, self.env.ref("mail.mt_note"))

    def test_history_filters(self):
        self._composer(channel="note", subject="N1", body="<p>x</p>").action_send()
        self._composer(subject="E1", body="<p>y</p>").action_send()
        Log = self.env["customer.comm.log"]
        domain = [("partner_id", "=", self.customer.id)]
        self.assertEqual(Log.search(domain + [("state", "=", "saved")]).subject, "N1")
        self.assertEqual(Log.search(domain + [("state", "!=", "saved")]).subject, "E1")
        self.assertEqual(Log.search(domain + [("channel", "=", "email")]).subject, "E1")
        self.assertEqual(
            Log.search(
                domain + [("author_id", "=", self.user.id)], order="date desc, id desc"
            ).mapped("subject"),
            ["E1", "N1"],
        )
