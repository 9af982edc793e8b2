# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import GatewayCase


@tagged("post_install", "-at_install")
class TestCustomerCommUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="comm_tour_user",
            lang="en_US",
            groups="customer_comm.group_customer_comm_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Officina Moretti",
                "is_company": True,
                "country_id": cls.env.ref("base.it").id,
            }
        )

    def test_invalid_number_refused_through_rpc(self):
        self.authenticate("comm_tour_user", "comm_tour_user")
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as error:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/customer.contact.point/create",
                {
                    "model": "customer.contact.point",
                    "method": "create",
                    "args": [
                        {
                            "partner_id": self.customer.id,
                            "kind": "mobile",
                            "value": "12",
                        }
                    ],
                    "kwargs": {},
                },
            )
        self.assertEqual(error.exception.args[0], "odoo.exceptions.ValidationError")
        self.assertFalse(self.customer.contact_point_ids)

    def test_tour_contact_points_and_interests(self):
        self.start_tour(
            f"/odoo/res.partner/{self.customer.id}",
            "customer_comm_contact_points_tour",
            login="comm_tour_user",
        )
        points = self.customer.contact_point_ids
        self.assertEqual(
            sorted(points.mapped("value")),
            ["+393471234567", "info@moretti.example.it", "office@moretti.example.it"],
        )
        consenting = points.filtered("marketing_consent")
        self.assertEqual(consenting.mapped("value"), ["info@moretti.example.it"])
        self.assertIn("Cargo bikes", self.customer.interest_group_ids.mapped("name"))

    def test_tour_new_company(self):
        self.start_tour(
            "/odoo/action-customer_comm.res_partner_action_customers",
            "customer_comm_new_company_tour",
            login="comm_tour_user",
        )
        company = self.env["res.partner"].search(
            [("name", "=", "Officina Galli S.n.c.")]
        )
        self.assertTrue(company.is_company)
        self.assertEqual(
            (company.zip_id, company.city, company.zip, company.state_id.code),
            (self.env.ref("customer_comm.demo_zip_milano"), "Milano", "20121", "MI"),
        )
        self.assertEqual(company.country_id, self.env.ref("base.it"))
        points = company.contact_point_ids
        self.assertEqual(
            points.filtered(lambda p: p.kind == "mobile").value, "+393471234567"
        )
        self.assertEqual(
            points.filtered("marketing_consent").mapped("value"),
            ["info@galli.example.it"],
        )
        self.assertEqual(len(points.filtered(lambda p: p.kind == "email")), 2)
        self.assertEqual(
            sorted(company.interest_group_ids.mapped("name")),
            ["Track days", "Vintage motorbikes"],
        )
        representative = company.legal_representative_id
        self.assertEqual(representative.name, "Paolo Galli")
        self.assertFalse(representative.is_company)
        self.assertEqual(representative.parent_id, company)
        self.assertEqual(representative.l10n_it_codice_fiscale, "RSSMRA85T10A562S")


@tagged("post_install", "-at_install")
class TestComposerTour(GatewayCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_gateway()
        cls.user = new_test_user(
            cls.env,
            login="composer_tour_user",
            lang="en_US",
            groups="base.group_user,base.group_partner_manager,"
            "customer_comm.group_customer_comm_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "firstname": "John",
                "lastname": "Doe",
                "lang": "en_US",
                "mobile": "+39 347 111 2222",
                "preferred_channel": "sms",
                "title": cls.env.ref("base.res_partner_title_mister").id,
            }
        )

    def test_composer_tour(self):
        self.start_tour(
            f"/odoo/res.partner/{self.customer.id}",
            "customer_comm_composer_tour",
            login="composer_tour_user",
        )
        log = self.env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(log.channel, "sms")
        self.assertEqual(log.subject, "Appointment reminder")
        self.assertIn("Dear Mr. Doe,", log.message_id.body)
        self._run_queue()
        self.assertEqual(self.gateway.posts()[-1]["form"]["To"], "+393471112222")


@tagged("post_install", "-at_install")
class TestRemindPaymentTour(HttpCase):
    """The customer card as a person sees it ("Contact" in the header, our
    buttons first), and its "Remind payment": from an Italian customer with
    an overdue invoice to the reminder in their history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.user = new_test_user(
            cls.env,
            login="remind_tour_user",
            lang="en_US",
            groups="base.group_user,customer_comm.group_customer_comm_user,"
            "account.group_account_invoice",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "firstname": "Mario",
                "lastname": "Greco",
                "email": "mario.greco@example.it",
                "lang": "it_IT",
                "country_id": cls.env.ref("base.it").id,
            }
        )

    def test_remind_payment_tour(self):
        today = fields.Date.today()
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": today - timedelta(days=40),
                "invoice_date_due": today - timedelta(days=10),
                "invoice_line_ids": [
                    (0, 0, {"name": "Tagliando", "quantity": 1, "price_unit": 180})
                ],
            }
        )
        invoice.action_post()
        self.start_tour(
            f"/odoo/res.partner/{self.customer.id}",
            "customer_comm_remind_payment_tour",
            login="remind_tour_user",
        )
        log = self.env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(log.channel, "email")
        template = self.env.ref("customer_comm.mail_template_payment_reminder")
        self.assertEqual(log.subject, template.with_context(lang="it_IT").subject)
        self.assertIn(invoice.name, log.message_id.body)
        self.assertIn("Ciao Mario", log.message_id.body)
