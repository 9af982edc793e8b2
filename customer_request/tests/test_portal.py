# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.res_partner import BOOKING_PATH


@tagged("post_install", "-at_install")
class TestCustomerRequestPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the company asks for no customer field (see the class below)
        cls.env.company.partner_properties_definition = []
        cls.login = "request_portal_rossi"
        cls.portal_user = new_test_user(
            cls.env,
            login="request_portal_rossi",
            name="Anna Rossi",
            groups="base.group_portal",
        )
        cls.other_portal_user = new_test_user(
            cls.env,
            login="request_portal_dupont",
            name="Luc Dupont",
            groups="base.group_portal",
        )
        cls.public_user = cls.env.ref("base.public_user")
        Request = cls.env["customer.request"]
        cls.own_request = Request.create(
            {
                "partner_id": cls.portal_user.partner_id.id,
                "title": "Rumore ai freni",
                "description": "<p>Si sente un rumore in frenata.</p>",
            }
        )
        cls.other_request = Request.create(
            {
                "partner_id": cls.other_portal_user.partner_id.id,
                "title": "Devis pneus hiver",
            }
        )
        cls.other_request._portal_ensure_token()

    def _url(self, customer_request, **query):
        url = f"/my/requests/{customer_request.id}"
        if query:
            url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
        return url

    def _csrf_token(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    # --- record rules and ACL through the ORM ---------------------------------
    def test_portal_user_reads_only_own_requests(self):
        Request = self.env["customer.request"].with_user(self.portal_user)
        self.assertEqual(Request.search([]), self.own_request)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Request.browse(self.other_request.id).read(["name"])
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.own_request.with_user(self.portal_user).write({"title": "x"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Request.create({"partner_id": self.portal_user.partner_id.id})

    def test_public_user_has_no_access(self):
        Request = self.env["customer.request"].with_user(self.public_user)
        for mode in ("read", "write", "create", "unlink"):
            self.assertFalse(Request.has_access(mode), mode)
        # helpdesk_mgmt lets the public group write stages; they are the board's
        # columns, so this addon takes that right back
        Stage = self.env["helpdesk.ticket.stage"].with_user(self.public_user)
        self.assertFalse(Stage.has_access("write"))
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            stage.with_user(self.public_user).name = "Hacked"

    # --- real HTTP: logged-in portal customer ----------------------------------
    def test_portal_list_and_own_page(self):
        self.authenticate("request_portal_rossi", "request_portal_rossi")
        response = self.url_open("/my/requests")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.own_request.name, response.text)
        self.assertNotIn(self.other_request.name, response.text)
        response = self.url_open(self._url(self.own_request))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Rumore ai freni", response.text)
        self.assertIn("o_portal_chatter", response.text)

    def test_portal_other_customer_request_redirected(self):
        self.authenticate("request_portal_rossi", "request_portal_rossi")
        response = self.url_open(self._url(self.other_request), allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my"))

    def test_portal_home_counter(self):
        self.authenticate("request_portal_rossi", "request_portal_rossi")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["customer_request_count"]}
        )
        self.assertEqual(counters["customer_request_count"], 1)
        self.assertIn("/my/requests", self.url_open("/my").text)

    # --- token matrix, anonymous visitor ------------------------------------------
    def test_token_matrix(self):
        no_token = self.url_open(self._url(self.other_request), allow_redirects=False)
        self.assertIn(no_token.status_code, (302, 303))
        wrong = self.url_open(
            self._url(self.other_request, access_token="not-the-token"),
            allow_redirects=False,
        )
        self.assertIn(wrong.status_code, (302, 303))
        # the token of another request does not open this one
        self.own_request._portal_ensure_token()
        borrowed = self.url_open(
            self._url(self.other_request, access_token=self.own_request.access_token),
            allow_redirects=False,
        )
        self.assertIn(borrowed.status_code, (302, 303))
        right = self.url_open(
            self._url(self.other_request, access_token=self.other_request.access_token)
        )
        self.assertEqual(right.status_code, 200)
        self.assertIn("Devis pneus hiver", right.text)

    def test_anonymous_list_goes_to_login(self):
        response = self.url_open("/my/requests", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    # --- submission form ----------------------------------------------------------
    def test_submit_new_request(self):
        self.authenticate("request_portal_rossi", "request_portal_rossi")
        csrf = self._csrf_token("/my/requests/new")
        response = self.url_open(
            "/my/requests/submit",
            data={
                "csrf_token": csrf,
                "request_type": "meeting",
                "title": "Appuntamento",
                "description": "Vorrei un appuntamento <b>martedì</b>.",
            },
        )
        self.assertEqual(response.status_code, 200)
        created = self.env["customer.request"].search([("title", "=", "Appuntamento")])
        self.assertEqual(len(created), 1)
        self.assertEqual(created.partner_id, self.portal_user.partner_id)
        self.assertEqual(created.channel, "web")
        self.assertEqual(created.request_type, "meeting")
        self.assertIn(self.portal_user.partner_id, created.message_partner_ids)
        # the customer's text is stored escaped, never as markup
        self.assertIn("&lt;b&gt;", created.description)
        self.assertIn(created.name, response.text)

    def test_tour_portal_submit(self):
        self.start_tour(
            "/my/requests", "customer_request_portal_submit_tour", login=self.login
        )
        created = self.env["customer.request"].search(
            [("title", "=", "Appuntamento per il tagliando")]
        )
        self.assertEqual(created.partner_id, self.portal_user.partner_id)
        self.assertEqual(created.request_type, "meeting")
        self.assertIn("prossima settimana", created.description)

    def test_submit_invalid_input_keeps_form(self):
        self.authenticate("request_portal_rossi", "request_portal_rossi")
        csrf = self._csrf_token("/my/requests/new")
        response = self.url_open(
            "/my/requests/submit",
            data={
                "csrf_token": csrf,
                "request_type": "not-a-type",
                "title": "   ",
                "description": "Testo conservato",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is-invalid", response.text)
        self.assertIn("Testo conservato", response.text)
        self.assertEqual(
            self.env["customer.request"].search_count(
                [("partner_id", "=", self.portal_user.partner_id.id)]
            ),
            1,
        )

    def test_submit_without_csrf_refused(self):
        self.authenticate("request_portal_rossi", "request_portal_rossi")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/requests/submit",
                data={
                    "request_type": "support",
                    "title": "Senza token",
                    "description": "x",
                },
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(
            self.env["customer.request"].search([("title", "=", "Senza token")])
        )

    def test_portal_chatter_post_with_token(self):
        self.authenticate("request_portal_rossi", "request_portal_rossi")
        self.url_open(self._url(self.own_request))
        self.own_request.invalidate_recordset()
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "customer.request",
                "thread_id": self.own_request.id,
                "post_data": {
                    "body": "Grazie, aspetto notizie",
                    "message_type": "comment",
                },
                "token": self.own_request.access_token,
            },
        )
        self.assertIn("aspetto notizie", self.own_request.message_ids[0].body)
        self.assertEqual(
            self.own_request.message_ids[0].author_id, self.portal_user.partner_id
        )

    # --- "Invite to book": the link of the e-mail -----------------------------------
    def _selected_types(self, response):
        self.assertEqual(response.status_code, 200)
        return re.findall(r'<option value="(\w+)" selected=', response.text)

    def test_new_request_form_preselects_the_type(self):
        self.authenticate("request_portal_rossi", "request_portal_rossi")
        self.assertEqual(self._selected_types(self.url_open(BOOKING_PATH)), ["meeting"])
        self.assertEqual(self._selected_types(self.url_open("/my/requests/new")), [])
        # an unknown type is ignored, not echoed
        forged = self.url_open("/my/requests/new?request_type=<script>")
        self.assertEqual(self._selected_types(forged), [])
        self.assertNotIn(
            "<script>", forged.text.split("o_customer_request_portal_form")[1]
        )

    def test_invite_link_of_a_portal_customer(self):
        partner = self.portal_user.partner_id
        url = partner._customer_request_booking_url()
        self.assertEqual(url, partner.get_base_url() + BOOKING_PATH)
        self.authenticate("request_portal_rossi", "request_portal_rossi")
        response = self.url_open(url)
        self.assertEqual(urlsplit(response.url).path, "/my/requests/new")
        self.assertEqual(self._selected_types(response), ["meeting"])

    def test_invite_link_signs_a_new_customer_up(self):
        """A customer without an account follows the link, chooses a
        password and lands on the form with the meeting chosen."""
        customer = self.env["res.partner"].create(
            {"name": "Luca Neri", "email": "luca.neri@example.it"}
        )
        # the link of the e-mail an administrator sends to the customer
        url = customer._customer_request_signup_booking_url(
            self.env.ref("base.user_admin")
        )
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        self.assertEqual(parts.path, "/web/signup")
        self.assertEqual(query["redirect"], [BOOKING_PATH])
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/web/signup",
            data={
                "csrf_token": csrf,
                "token": query["token"][0],
                "redirect": BOOKING_PATH,
                "login": "luca.neri@example.it",
                "name": "Luca Neri",
                "password": "Prenota-il-tagliando-2026",
                "confirm_password": "Prenota-il-tagliando-2026",
            },
        )
        self.assertEqual(urlsplit(response.url).path, "/my/requests/new")
        self.assertEqual(self._selected_types(response), ["meeting"])
        self.assertTrue(customer.user_ids._is_portal())


@tagged("post_install", "-at_install")
class TestCustomerRequestPortalDetails(HttpCase):
    """The customer fields the company collects online are asked on the
    request form too, until the customer has given them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_properties_definition = [
            {
                "name": "t_address_visit",
                "string": "Address for home visits",
                "type": "char",
                "required": True,
                "collect_online": True,
            },
            {
                "name": "t_floor",
                "string": "Floor",
                "type": "integer",
                "collect_online": True,
            },
            {"name": "t_staff_note", "string": "Staff note", "type": "char"},
        ]
        cls.portal_user = new_test_user(
            cls.env,
            login="request_portal_details",
            name="Bruna Details",
            groups="base.group_portal",
        )
        cls.customer = cls.portal_user.partner_id

    def _submit(self, **fields):
        self.authenticate("request_portal_details", "request_portal_details")
        page = self.url_open("/my/requests/new?request_type=meeting")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {
            "csrf_token": csrf,
            "request_type": "meeting",
            "title": "Visita a domicilio",
            "description": "Potete passare giovedì?",
            **fields,
        }
        return page, self.url_open("/my/requests/submit", data=data)

    def _requests(self):
        return self.env["customer.request"].search(
            [("partner_id", "=", self.customer.id)]
        )

    def test_missing_details_asked_and_required(self):
        page, response = self._submit(customer_property_t_floor="2")
        self.assertIn('name="customer_property_t_address_visit"', page.text)
        self.assertIn('name="customer_property_t_floor"', page.text)
        self.assertNotIn("customer_property_t_staff_note", page.text)
        # the required one is missing: nothing is created, the form says why
        self.assertIn("Please fill this in.", response.text)
        self.assertIn("Potete passare giovedì?", response.text)
        self.assertFalse(self._requests())
        self.assertFalse((self.customer.partner_properties or {}).get("t_floor"))

    def test_details_saved_with_the_request(self):
        _page, response = self._submit(
            customer_property_t_address_visit="Via Po 3, Torino",
            customer_property_t_floor="2",
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self._requests()), 1)
        self.customer.invalidate_recordset()
        self.assertEqual(
            self.customer.partner_properties["t_address_visit"], "Via Po 3, Torino"
        )
        self.assertEqual(self.customer.partner_properties["t_floor"], 2)
        # given once: the next form does not ask again
        page = self.url_open("/my/requests/new")
        self.assertNotIn("customer_property_t_address_visit", page.text)
        self.assertNotIn("o_customer_request_properties", page.text)

    def test_invalid_detail_refused(self):
        _page, response = self._submit(
            customer_property_t_address_visit="Via Po 3, Torino",
            customer_property_t_floor="second",
        )
        self.assertIn("This is not a valid value.", response.text)
        self.assertFalse(self._requests())

    def test_tour_booking_form_asks_missing_details(self):
        self.start_tour(
            "/my/requests/new?request_type=meeting",
            "customer_request_portal_booking_tour",
            login="request_portal_details",
        )
        created = self._requests()
        self.assertEqual(created.request_type, "meeting")
        self.assertEqual(created.title, "Visita a domicilio")
        self.customer.invalidate_recordset()
        self.assertEqual(
            self.customer.partner_properties["t_address_visit"], "Via Po 3, Torino"
        )
