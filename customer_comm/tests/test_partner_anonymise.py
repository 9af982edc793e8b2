# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import format_date

from .common import CustomerCommCase


@tagged("post_install", "-at_install")
class TestPartnerAnonymise(CustomerCommCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_comm_users()
        Partner = cls.env["res.partner"].with_user(cls.comm_user)
        cls.interest = cls.env["res.partner.interest.group"].create(
            {"name": "Touring bikes"}
        )
        cls.company = Partner.create({"name": "Officina Testa", "is_company": True})
        cls.env.company.partner_properties_definition = [
            {"name": "t_plate", "string": "Licence plate", "type": "char"}
        ]
        cls.customer = Partner.create(
            {
                "partner_properties": {"t_plate": "AB123CD"},
                "firstname": "Mario",
                "lastname": "Rossi",
                "email": "mario.rossi@example.it",
                "phone": "+39 051 123 4567",
                "mobile": "+39 347 123 4567",
                "street": "Via Roma 1",
                "zip_id": cls.env.ref("customer_comm.demo_zip_milano").id,
                "l10n_it_codice_fiscale": "RSSMRA85T10A562S",
                "birthdate_date": "1985-12-10",
                "comment": "<p>Prefers to be called in the morning</p>",
                "interest_group_ids": [(4, cls.interest.id)],
                "contact_point_ids": [
                    (0, 0, {"kind": "mobile", "value": "347 765 4321"}),
                    (0, 0, {"kind": "email", "value": "mario@example.it"}),
                ],
            }
        )
        cls.delivery = Partner.create(
            {
                "name": "Mario's garage",
                "type": "delivery",
                "parent_id": cls.customer.id,
                "street": "Via Po 2",
            }
        )
        cls.customer.message_post(
            body="Called about his scooter, lives at Via Roma 1",
            attachments=[("id_card.txt", b"Mario Rossi, ID 123")],
        )
        cls.written = cls.company.message_post(
            body="Mario wrote: please call me on 347 765 4321",
            author_id=cls.customer.id,
            message_type="comment",
        )
        cls.employee = new_test_user(
            cls.env, login="plain_employee", groups="base.group_user"
        )

    def _anonymise(self, customers, user):
        """The header button's wizard, confirmed by ``user``."""
        wizard_form = Form(
            self.env["customer.comm.anonymise"]
            .with_user(user)
            .with_context(active_model="res.partner", active_ids=customers.ids)
        )
        self.assertEqual(wizard_form.partner_ids[:], customers)
        return wizard_form.save().action_anonymise()

    def test_personal_data_replaced_and_customer_archived(self):
        customer = self.customer.with_user(self.comm_manager)
        self.assertEqual(customer.partner_properties["t_plate"], "AB123CD")
        action = self._anonymise(self.customer, self.comm_manager)
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        self.assertFalse(customer.active)
        self.assertTrue(customer.exists(), "documents may still reference it")
        self.assertEqual(customer.name, f"Anonymised customer {customer.id}")
        for fname in (
            "email",
            "phone",
            "mobile",
            "street",
            "city",
            "zip",
            "zip_id",
            "state_id",
            "l10n_it_codice_fiscale",
            "birthdate_date",
            "comment",
            "partner_properties",
            "firstname",
            "phone_sanitized",
            "email_normalized",
        ):
            self.assertFalse(customer[fname], fname)
        self.assertFalse(customer.contact_point_ids)
        self.assertEqual(customer.interest_group_ids, self.interest)
        self.assertNotIn("AB123CD", str(customer.read(["partner_properties"])))
        self.assertEqual(self.delivery.name, f"Anonymised customer {self.delivery.id}")
        self.assertFalse(self.delivery.street)

    def test_messages_erased_and_note_posted(self):
        customer = self.customer.with_user(self.comm_manager)
        self._anonymise(self.customer, self.comm_manager)
        messages = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", customer.id)]
        )
        bodies = " ".join(str(body) for body in messages.mapped("body"))
        self.assertNotIn("Via Roma", bodies)
        self.assertFalse(messages.attachment_ids)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", customer.id)]
            )
        )
        today = format_date(self.env, customer.create_date.date())
        self.assertIn(
            f"Personal data anonymised on {today} by {self.comm_manager.name}",
            bodies,
        )
        self.assertNotIn("347 765 4321", str(self.written.body))
        self.assertEqual(self.written.author_id, customer)

    def test_documents_of_the_customer_kept_with_their_messages(self):
        """The records that point at the customer (found in every installed
        model) stay; on those that cannot exist without their customer (a
        required link, like the privacy consent) the customer's messages stay
        too; the others' are erased. The privacy log lists them."""
        self.customer.with_user(self.comm_manager).action_record_privacy_consent()
        consent = self.env["privacy.consent"].search(
            [("partner_id", "=", self.customer.id)]
        )
        kept = consent.message_post(
            body="I accept, Mario Rossi",
            author_id=self.customer.id,
            message_type="comment",
        )
        self._anonymise(self.customer, self.comm_manager)
        self.assertTrue(consent.exists())
        self.assertEqual(consent.partner_id, self.customer)
        self.assertIn("I accept, Mario Rossi", str(kept.body))
        self.assertNotIn("347 765 4321", str(self.written.body))
        log = self.env["privacy.log"].search([], order="id desc", limit=1)
        self.assertEqual(log.user_id, self.comm_manager)
        self.assertEqual(log.anonymized_name, "M**** R****")
        self.assertEqual(log.anonymized_email, "m****.r****@e******.it")
        self.assertIn(
            f"Consent of data processing (1, document, kept with the customer's "
            f"messages): #{consent.id}",
            log.records_description,
        )
        self.assertIn("Deleted: 2 contact points", log.execution_details)

    def test_privacy_log_without_e_mail(self):
        self.customer.email = False
        self._anonymise(self.customer, self.comm_manager)
        log = self.env["privacy.log"].search([], order="id desc", limit=1)
        self.assertEqual(log.anonymized_email, "(no e-mail)")
        self.assertEqual(log.anonymized_name, "M**** R****")

    def test_nothing_personal_blacklisted(self):
        self._anonymise(self.customer, self.comm_manager)
        self.assertFalse(
            self.env["mail.blacklist"].search(
                [("email", "in", ["mario.rossi@example.it", "mario@example.it"])]
            )
        )
        self.assertFalse(
            self.env["phone.blacklist"].search(
                [("number", "in", ["+393471234567", "+393477654321"])]
            )
        )

    def test_only_managers_anonymise(self):
        for user in (self.employee, self.comm_user):
            with self.assertRaises(AccessError, msg=user.login):
                self._anonymise(self.customer, user)
            # nor confirm the wizard a manager opened
            wizard = (
                self.env["customer.comm.anonymise"]
                .with_user(self.comm_manager)
                .create({"partner_ids": self.customer.ids})
            )
            with self.assertRaises(AccessError, msg=user.login):
                wizard.with_user(user).action_anonymise()
        self.assertTrue(self.customer.active)
        self.assertEqual(self.customer.email, "mario.rossi@example.it")
        self.assertEqual(len(self.customer.contact_point_ids), 2)

    def test_customer_with_a_login_refused(self):
        portal = new_test_user(
            self.env, login="mario_portal", groups="base.group_portal"
        )
        with self.assertRaisesRegex(UserError, "archive or delete the user"):
            self._anonymise(portal.partner_id, self.comm_manager)
        self.assertTrue(portal.partner_id.active)
