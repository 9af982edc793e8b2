# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CustomerRequestCommon


@tagged("post_install", "-at_install")
class TestCustomerRequestDocuments(CustomerRequestCommon):
    def setUp(self):
        super().setUp()
        self.request = self._new_request(
            user_id=self.user.id,
            description="<p>Needs new tyres</p>",
            priority="2",
        )

    def test_ticket_from_request_linked_both_ways(self):
        action = self.request.action_generate_ticket()
        ticket = self.request.ticket_ids
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.customer_request_id, self.request)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.user_id, self.user)
        self.assertIn("Needs new tyres", ticket.description)
        self.assertIn(self.request.name, ticket.name)
        self.assertEqual(ticket.priority, "2")
        self.assertEqual(action["res_model"], "customer.request.close.wizard")
        self.assertIn(ticket.name, self.request.message_ids[0].body)
        self.assertIn(self.request.name, ticket.message_ids[0].body)

    def test_quotation_from_request(self):
        self.request.action_generate_quotation()
        order = self.request.sale_order_ids
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.origin, self.request.name)
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.request.sale_order_count, 1)

    def test_meeting_from_request_with_customer_and_responsible(self):
        self.request.action_generate_meeting()
        event = self.request.event_ids
        self.assertEqual(event.partner_ids, self.customer | self.user.partner_id)
        self.assertLess(event.start, event.stop)
        self.assertLess(event.start.weekday(), 5)

    def test_second_document_of_same_kind_needs_confirmation(self):
        self.request.action_generate_ticket()
        with self.assertRaisesRegex(UserError, "already generated"):
            self.request.action_generate_ticket()
        self.assertEqual(self.request.ticket_count, 1)
        self.request.with_context(
            customer_request_confirm_again=True
        ).action_generate_ticket()
        self.assertEqual(self.request.ticket_count, 2)
        # another kind is not a repetition
        self.request.action_generate_quotation()
        self.assertEqual(self.request.sale_order_count, 1)

    def test_no_document_without_responsible_or_when_closed(self):
        unassigned = self._new_request()
        with self.assertRaisesRegex(UserError, "has no responsible"):
            unassigned.action_generate_quotation()
        self.request.action_close()
        with self.assertRaisesRegex(UserError, "reopen it first"):
            self.request.action_generate_meeting()

    def test_close_question_after_generation(self):
        action = self.request.action_generate_quotation()
        wizard = Form(
            self.env[action["res_model"]].with_context(**action["context"])
        ).save()
        result = wizard.action_close_request()
        self.assertTrue(self.request.closed)
        self.assertEqual(result["res_model"], "sale.order")
        self.assertEqual(result["res_id"], self.request.sale_order_ids.id)

    def test_keep_open_after_generation(self):
        action = self.request.action_generate_ticket()
        wizard = Form(
            self.env[action["res_model"]].with_context(**action["context"])
        ).save()
        wizard.action_keep_open()
        self.assertFalse(self.request.closed)

    def test_view_documents_action(self):
        self.request.action_generate_ticket()
        action = self.request.action_view_tickets()
        self.assertEqual(action["res_id"], self.request.ticket_ids.id)
