# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import html
import re
from urllib.parse import parse_qs, urlsplit

from odoo.tests import new_test_user, tagged

from ..models.res_partner import BOOKING_PATH
from .common import CustomerRequestCommon


@tagged("post_install", "-at_install")
class TestResPartnerRequests(CustomerRequestCommon):
    def test_open_request_count(self):
        company = self.env["res.partner"].create(
            {"name": "Officina Bianchi Srl", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Marco Bianchi", "parent_id": company.id}
        )
        self._new_request(partner_id=contact.id)
        self._new_request(partner_id=company.id)
        closed = self._new_request(partner_id=contact.id, user_id=self.user.id)
        closed.action_close()
        partners = (company | contact | self.customer).with_user(self.user)
        self.assertEqual(partners.mapped("customer_request_count"), [2, 1, 0])

    def test_count_is_one_query_for_many_partners(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Cliente {index}"} for index in range(20)]
        )
        self.Request.create(
            [{"partner_id": partner.id} for partner in partners for _i in range(2)]
        )
        partners.invalidate_recordset()
        partners = partners.with_user(self.user)
        # one partner read for the commercial partners, one grouped count
        with self.assertQueryCount(2):
            counts = partners.mapped("customer_request_count")
        self.assertEqual(counts, [2] * 20)

    def test_smart_button_and_new_request_actions(self):
        request = self._new_request()
        partner = self.customer.with_user(self.user)
        action = partner.action_view_customer_requests()
        self.assertEqual(self.env["customer.request"].search(action["domain"]), request)
        new = partner.action_new_customer_request()
        self.assertEqual(new["res_model"], "customer.request")
        self.assertEqual(new["context"]["default_partner_id"], partner.id)

    def test_invite_to_book_opens_the_composer_with_the_link(self):
        customer = self.env["res.partner"].create(
            {"name": "Chiara Galli", "email": "chiara.galli@example.it"}
        )
        # request users write to customers: they are customer_comm users
        self.assertTrue(self.user.has_group("customer_comm.group_customer_comm_user"))
        action = customer.with_user(self.user).action_customer_request_invite_to_book()
        composer = self.env["customer.comm.composer"].browse(action["res_id"])
        self.assertEqual(composer.channel, "email")
        self.assertEqual(
            composer.mail_template_id,
            self.env.ref("customer_request.mail_template_invite_to_book"),
        )
        link = re.search(r'href="([^"]+)"', composer.body).group(1)
        query = parse_qs(urlsplit(html.unescape(link)).query)
        self.assertEqual(query["redirect"], [BOOKING_PATH])
        self.assertTrue(query["token"])
        composer.with_user(self.user).action_send()
        log = self.env["customer.comm.log"].search([("partner_id", "=", customer.id)])
        self.assertEqual((log.channel, log.subject), ("email", composer.subject))

    def test_sign_up_link_only_for_who_may_edit_the_customer(self):
        """A user who may not edit the customer (and so not grant them portal
        access) gets the plain link: no sign-up token is prepared."""
        customer = self.env["res.partner"].create(
            {"name": "Paolo Conti", "email": "paolo.conti@example.it"}
        )
        employee = new_test_user(
            self.env, login="request_plain_employee", groups="base.group_user"
        )
        self.assertFalse(customer.with_user(employee).has_access("write"))
        url = customer.with_user(employee)._customer_request_booking_url()
        self.assertEqual(url, customer.get_base_url() + BOOKING_PATH)
        self.assertFalse(customer.signup_type)
        url = customer.with_user(self.user)._customer_request_booking_url()
        self.assertEqual(urlsplit(url).path, "/web/signup")
        self.assertEqual(customer.signup_type, "signup")
