# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from ..tools.channel import EMAIL


@tagged("post_install", "-at_install")
class TestComposerRules(TransactionCase, MockEmail):
    """What the composer writes: notes without greeting nor signature, the
    company's customer service address as the sender of e-mails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="rules_user",
            email="luca@shop.example.it",
            groups="customer_comm.group_customer_comm_user",
            signature="<p>Luca, the shop</p>",
        )
        # may edit customers (Odoo's contact creation), not read the history
        cls.employee = new_test_user(
            cls.env,
            login="rules_employee",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "firstname": "John",
                "lastname": "Doe",
                "email": "john.doe@example.com",
                "lang": "en_US",
            }
        )

    def _composer(self, user, **values):
        action = self.customer.with_user(user).action_open_customer_composer()
        composer = self.env["customer.comm.composer"].with_user(user)
        return composer.browse(action["res_id"])

    def test_note_has_no_greeting_nor_signature(self):
        note = self.env.ref("customer_comm.mail_template_note_call")
        with Form(self._composer(self.user)) as form:
            form.channel = "note"
            self.assertFalse(form.greeting)
            form.note_template_id = note
            self.assertIn("Called the customer", form.body)
            self.assertNotIn("Hi John", form.body)
            self.assertNotIn("Luca, the shop", form.body)
        # the same template as an e-mail gets both
        email = self.env["mail.template"].create(
            {
                "name": "Call summary",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "body_html": "<p>Called the customer.</p>",
            }
        )
        with Form(self._composer(self.user)) as form:
            form.mail_template_id = email
            self.assertIn("Hi John,", form.body)
            self.assertIn("Luca, the shop", form.body)

    def test_customer_service_address_sends_and_receives(self):
        self.env.company.customer_service_email = "service@shop.example.it"
        with self.mock_mail_gateway():
            self.customer.with_user(self.user)._customer_comm_post(
                self.customer, EMAIL, Markup("<p>Ready</p>"), subject="Your bike"
            )
        mail = self._mails[0]
        company = self.env.company.name
        self.assertEqual(mail["email_from"], f'"{company}" <service@shop.example.it>')
        self.assertEqual(mail["reply_to"], f'"{company}" <service@shop.example.it>')
        # without it, the user's own address, as before
        self.env.company.customer_service_email = False
        with self.mock_mail_gateway():
            self.customer.with_user(self.user)._customer_comm_post(
                self.customer, EMAIL, Markup("<p>Ready</p>"), subject="Your bike"
            )
        self.assertIn("luca@shop.example.it", self._mails[0]["email_from"])

    def test_only_administrators_set_the_customer_service_address(self):
        for user in (self.user, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env.company.with_user(user).customer_service_email = "x@y.it"
        self.assertFalse(self.env.company.customer_service_email)

    def test_employee_writes_without_reading_the_history(self):
        """An employee who may edit customers writes to them; the feedback
        is theirs, the history is not."""
        composer = self._composer(self.employee)
        composer.write({"channel": "note", "subject": "Call", "body": "<p>x</p>"})
        action = composer.action_send()
        fresh = self.env["customer.comm.composer"].browse(action["res_id"])
        self.assertEqual(fresh.feedback, "Note saved.")
        with self.assertRaises(AccessError):
            fresh.with_user(self.employee).read(["history_ids"])
        self.assertEqual(
            self.env["customer.comm.log"]
            .search([("partner_id", "=", self.customer.id)])
            .author_id,
            self.employee,
        )
