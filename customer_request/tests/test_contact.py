# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common import CustomerRequestCommon


@tagged("post_install", "-at_install")
class TestContactFromRequest(CustomerRequestCommon):
    def test_contact_from_a_request_lands_in_the_customer_history(self):
        request = self._new_request(user_id=self.user.id)
        action = request.action_open_customer_composer()
        composer = (
            self.env["customer.comm.composer"]
            .with_user(self.user)
            .browse(action["res_id"])
        )
        self.assertEqual(composer.partner_id, self.customer)
        composer.write(
            {"comm_type": "note", "subject": "Called back", "body": "<p>Done</p>"}
        )
        composer.action_send()
        log = self.env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(log.res_model, "customer.request")
        self.assertEqual(log.res_id, request.id)
        self.assertEqual(log.origin_name, request.display_name)
        self.assertEqual(log.message_id.model, "customer.request")
        self.assertIn(log.message_id, request.message_ids)
