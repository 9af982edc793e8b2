# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re
import time

from odoo.tests import HttpCase, tagged

from ..controllers.public_form import HONEYPOT, form_token


@tagged("post_install", "-at_install")
class TestPublicRequestForm(HttpCase):
    """The public request form, posted as a visitor (no session) with the
    CSRF and fill-time tokens of the page it was shown on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_properties_definition = [
            {
                "name": "plate",
                "string": "Licence plate",
                "type": "char",
                "collect_online": True,
            }
        ]
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Giulia Bianchi",
                "email": "giulia.bianchi@example.it",
                "phone": "+39 055 123456",
            }
        )
        cls.Request = cls.env["customer.request"]
        cls.existing_requests = cls.Request.search([])

    def _page(self):
        page = self.url_open("/requests/new")
        self.assertEqual(page.status_code, 200)
        return page

    def _post(self, shown_seconds_ago=30, **values):
        """Post the form as a visitor who opened it ``shown_seconds_ago``."""
        page = self._page()
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {
            "csrf_token": csrf,
            "form_token": form_token(self.env, int(time.time()) - shown_seconds_ago),
            "name": "Sophie Bernard",
            "email": "sophie.bernard@example.fr",
            "mobile": "",
            "request_type": "commercial",
            "title": "Pneus hiver",
            "description": "Bonjour, je voudrais un devis.",
            HONEYPOT: "",
        }
        data.update(values)
        return self.url_open("/requests/submit", data=data)

    def _new_requests(self):
        return self.Request.search([("id", "not in", self.existing_requests.ids)])

    def test_form_shows_nothing_of_customers(self):
        page = self._page()
        self.assertIn('name="form_token"', page.text)
        self.assertIn(f'name="{HONEYPOT}"', page.text)
        self.assertIn('name="customer_property_plate"', page.text)
        self.assertNotIn("Giulia", page.text)

    def test_person_unknown_becomes_prospect(self):
        partners_before = self.env["res.partner"].search_count([])
        response = self._post(customer_property_plate="FG 123 HI")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_customer_request_public_thanks", response.text)
        request = self._new_requests()
        self.assertEqual(len(request), 1)
        prospect = request.partner_id
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before + 1)
        self.assertEqual(prospect.name, "Sophie Bernard")
        self.assertEqual(prospect.email, "sophie.bernard@example.fr")
        self.assertTrue(prospect.customer_request_prospect)
        self.assertEqual(prospect.partner_properties.get("plate"), "FG 123 HI")
        self.assertFalse(request.sender_unverified)
        self.assertIn(prospect, request.message_partner_ids)
        self.assertEqual(request.request_type, "commercial")
        self.assertIn("devis", request.description)
        self.assertEqual(request.submit_ip, "127.0.0.1")

    def test_known_email_attached_without_trusting_the_visitor(self):
        response = self._post(
            name="Someone Else",
            email="GIULIA.BIANCHI@example.it",
            customer_property_plate="ZZ 999 ZZ",
        )
        self.assertEqual(response.status_code, 200)
        # the visitor sees the same page as anyone: nothing about the customer
        self.assertNotIn("Giulia", response.text)
        self.assertNotIn("055 123456", response.text)
        request = self._new_requests()
        self.assertEqual(request.partner_id, self.customer)
        self.assertTrue(request.sender_unverified)
        self.assertNotIn(self.customer, request.message_partner_ids)
        # the customer's card is not changed by a visitor
        self.assertEqual(self.customer.name, "Giulia Bianchi")
        self.assertFalse((self.customer.partner_properties or {}).get("plate"))

    def test_mobile_only(self):
        self._post(email="", mobile="+33 6 12 34 56 78")
        request = self._new_requests()
        # stored in E.164, as customer_comm keeps every main number
        self.assertEqual(request.partner_id.mobile, "+33612345678")
        self.assertFalse(request.partner_id.email)

    def test_missing_contact_refused_with_message(self):
        response = self._post(email="", mobile="")
        self.assertIn("e-mail address or a mobile number", response.text)
        self.assertFalse(self._new_requests())

    def test_robot_filling_the_honeypot_refused(self):
        response = self._post(**{HONEYPOT: "http://spam.example.com"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._new_requests())

    def test_robot_too_fast_refused(self):
        response = self._post(shown_seconds_ago=1)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._new_requests())

    def test_expired_or_forged_token_refused(self):
        response = self._post(shown_seconds_ago=2 * 24 * 3600)
        self.assertEqual(response.status_code, 400)
        response = self._post(form_token="AXJvYm90")
        self.assertEqual(response.status_code, 400)
        response = self._post(form_token="")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._new_requests())

    def test_without_csrf_refused(self):
        response = self.url_open(
            "/requests/submit",
            data={
                "form_token": form_token(self.env, int(time.time()) - 30),
                "name": "Sophie Bernard",
                "email": "sophie.bernard@example.fr",
                "request_type": "commercial",
                "description": "Bonjour.",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._new_requests())

    def test_rate_limited_per_ip(self):
        self.env["ir.config_parameter"].set_param(
            "customer_request.public_form_hourly_limit", 2
        )
        for index in range(2):
            response = self._post(email=f"visitor{index}@example.com")
            self.assertEqual(response.status_code, 200)
        response = self._post(email="visitor3@example.com")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many requests", response.text)
        self.assertEqual(len(self._new_requests()), 2)
        # an hour later the address may write again
        self.env.cr.execute(
            "UPDATE customer_request SET create_date = "
            "create_date - interval '61 minutes' WHERE submit_ip IS NOT NULL"
        )
        response = self._post(email="visitor3@example.com")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self._new_requests()), 3)

    def test_submit_ip_hidden_from_request_users(self):
        self._post()
        user = self.env["res.users"].create(
            {
                "name": "Request user",
                "login": "public_form_request_user",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref(
                                "customer_request.group_customer_request_user"
                            ).id
                        ],
                    )
                ],
            }
        )
        request = self._new_requests().with_user(user)
        self.assertNotIn("submit_ip", request.fields_get())


@tagged("post_install", "-at_install")
class TestPublicRequestFormPhone(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_public_form_tour_on_phone(self):
        # the tour waits 2.5 seconds before sending, as a (fast) person
        self.env["ir.config_parameter"].set_param(
            "customer_request.public_form_min_seconds", 2
        )
        self.start_tour("/requests/new", "customer_request_public_form_tour")
        request = self.env["customer.request"].search(
            [("channel", "=", "web"), ("title", "=", "Tagliando")]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(request.partner_id.name, "Marco Rossi")
        self.assertTrue(request.partner_id.customer_request_prospect)
        self.assertEqual(
            request.partner_id.partner_properties.get("ccs_bike_model"), "Bianchi Aria"
        )
