# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import CustomerRequestCommon


@tagged("post_install", "-at_install")
class TestCustomerRequestDocuments(CustomerRequestCommon, MockEmail):
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

    def _customer_mails(self):
        """The e-mails sent to the customer (Odoo's mail gateway mock: the
        real mail stack, without the SMTP connection)."""
        return [
            mail
            for mail in self._mails
            if any(self.customer.email in address for address in mail["email_to"])
        ]

    def test_meeting_invites_once_a_time_is_saved(self):
        """ "Schedule a meeting" opens the calendar with the request's
        defaults: no event, no e-mail to the customer until the responsible
        saves a time; then one invitation, in the customer's language, at the
        chosen time in the customer's time zone."""
        self.customer.write(
            {"email": "giulia.bianchi@example.it", "lang": "it_IT", "tz": False}
        )
        self.env.company.partner_id.tz = "Europe/Rome"
        customer_messages = self.env["mail.message"].search_count(
            [("partner_ids", "in", self.customer.ids)]
        )
        with self.mock_mail_gateway():
            action = self.request.action_generate_meeting()
            self.assertFalse(self._new_mails)
        self.assertEqual(action["res_model"], "calendar.event")
        self.assertEqual(action["view_mode"].split(",")[0], "calendar")
        self.assertFalse(self.request.event_ids)
        self.assertFalse(self._customer_mails())
        self.assertEqual(
            self.env["mail.message"].search_count(
                [("partner_ids", "in", self.customer.ids)]
            ),
            customer_messages,
        )
        # the responsible places it on 12 January 2027 at 15:30 in Rome
        with self.mock_mail_gateway():
            event = (
                self.env["calendar.event"]
                .with_user(self.user)
                .with_context(**action["context"])
                .create({"start": "2027-01-12 14:30:00", "stop": "2027-01-12 15:30:00"})
            )
            self.assertEqual(self.request.event_ids, event)
            self.assertEqual(event.customer_request_id, self.request)
            self.assertEqual(event.partner_ids, self.customer | self.user.partner_id)
            self.assertEqual(event.user_id, self.user)
            self.assertIn(self.request.name, event.name)
            self.assertIn(event.name, self.request.message_ids[0].body)
            invitation = self._customer_mails()
            self.assertEqual(len(invitation), 1)
            self.assertIn("15:30", invitation[0]["body"])
            self.assertIn("Europe/Rome", invitation[0]["body"])
            self.assertIn("gennaio", invitation[0]["body"])
            # saving the meeting again invites nobody again
            event.with_user(self.user).description = "Portare il libretto"
            self.assertEqual(len(self._customer_mails()), 1)

    def test_meeting_in_customer_time_zone(self):
        self.customer.write(
            {"email": "sophie@example.fr", "lang": "fr_FR", "tz": "America/Montreal"}
        )
        action = self.request.action_generate_meeting()
        with self.mock_mail_gateway():
            self.env["calendar.event"].with_user(self.user).with_context(
                **action["context"]
            ).create({"start": "2027-01-12 14:30:00", "stop": "2027-01-12 15:30:00"})
        invitation = self._customer_mails()
        self.assertEqual(len(invitation), 1)
        self.assertIn("09:30", invitation[0]["body"])
        self.assertIn("janvier", invitation[0]["body"])

    def test_meeting_not_attached_to_a_request_by_others(self):
        """An employee who may use the calendar but not the requests cannot
        hang a meeting on a request (through RPC defaults or values)."""
        employee = new_test_user(
            self.env, login="documents_employee", groups="base.group_user"
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["calendar.event"].with_user(employee).create(
                {
                    "name": "Intrusion",
                    "start": "2027-01-12 14:30:00",
                    "stop": "2027-01-12 15:30:00",
                    "customer_request_id": self.request.id,
                }
            )
        self.assertFalse(self.request.event_ids)

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
        with self.assertRaisesRegex(UserError, "has no responsible"):
            unassigned.action_generate_meeting()
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
