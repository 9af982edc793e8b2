# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import format_date

from odoo.addons.customer_comm.models.res_partner_privacy import ResPartner

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
                "fiscal_code": "RSSMRA85T10A562S",
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

    def test_personal_data_replaced_and_customer_archived(self):
        customer = self.customer.with_user(self.comm_manager)
        self.assertEqual(customer.partner_properties["t_plate"], "AB123CD")
        customer.action_anonymise()
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
            "fiscal_code",
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
        customer.action_anonymise()
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

    def test_messages_on_legal_documents_kept(self):
        kept = self.company.message_post(
            body="Mario accepted the invoice terms",
            author_id=self.customer.id,
            message_type="comment",
        )
        with patch.object(
            ResPartner,
            "_anonymise_kept_models",
            lambda self: {"res.partner"},
        ):
            self.customer.with_user(self.comm_manager).action_anonymise()
        self.assertIn("accepted the invoice terms", str(kept.body))

    def test_nothing_personal_blacklisted(self):
        self.customer.with_user(self.comm_manager).action_anonymise()
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
        with self.assertRaises(AccessError):
            self.customer.with_user(self.comm_user).action_anonymise()
        self.assertTrue(self.customer.active)
        self.assertEqual(self.customer.email, "mario.rossi@example.it")

    def test_customer_with_a_login_refused(self):
        portal = new_test_user(
            self.env, login="mario_portal", groups="base.group_portal"
        )
        with self.assertRaisesRegex(UserError, "archive or delete the user"):
            portal.partner_id.with_user(self.comm_manager).action_anonymise()

    def test_button_for_managers_with_a_confirmation(self):
        def form_arch(user):
            views = self.env["res.partner"].with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertNotIn('name="action_anonymise"', form_arch(self.comm_user))
        arch = form_arch(self.comm_manager)
        self.assertRegex(arch, r'name="action_anonymise"[^>]*confirm="[^"]+"')
