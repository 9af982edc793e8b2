# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

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
            {"channel": "note", "subject": "Called back", "body": "<p>Done</p>"}
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

    def test_answer_in_the_request_chatter_lands_in_the_history_once(self):
        """The customer follows their request (as when it came by e-mail): an
        answer posted in its chatter ("Send message") reaches them and is in
        their history once, written from the request."""
        self.customer.email = "giulia.bianchi@example.it"
        request = self._new_request(user_id=self.user.id)
        request.message_subscribe(partner_ids=self.customer.ids)
        message = request.message_post(
            body=Markup("<p>We will call you tomorrow morning.</p>"),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        log = self.env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(log.message_id, message)
        self.assertEqual((log.res_model, log.res_id), ("customer.request", request.id))
        self.assertEqual(log.recipient, "giulia.bianchi@example.it")
        self.assertEqual(log.subject, "We will call you tomorrow morning.")
        # the responsible is notified too, as a colleague: not in any history
        self.assertFalse(
            self.env["customer.comm.log"].search(
                [("partner_id", "=", self.user.partner_id.id)]
            )
        )
