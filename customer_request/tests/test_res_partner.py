# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

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
