# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCustomerRequestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="request_tour_user",
            name="Paola Verdi",
            lang="en_US",
            groups="customer_request.group_customer_request_user,base.group_user",
        )
        cls.customer = cls.env["res.partner"].create({"name": "Luca Ferrari"})

    def test_board_requires_login(self):
        """The board is a back-office screen: anonymous visitors go to login."""
        response = self.url_open(
            "/odoo/action-customer_request.customer_request_action_board",
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_json_rpc_stage_change_refused_without_responsible(self):
        """The rule holds through the web client's own RPC route."""
        request = self.env["customer.request"].create({"partner_id": self.customer.id})
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        self.authenticate("request_tour_user", "request_tour_user")
        # odoo.http logs the UserError it answers with; the test asserts on it
        with (
            self.assertRaises(JsonRpcException) as error,
            mute_logger("odoo.http"),
        ):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/customer.request/write",
                {
                    "model": "customer.request",
                    "method": "write",
                    "args": [[request.id], {"stage_id": stage.id}],
                    "kwargs": {},
                },
            )
        self.assertEqual(error.exception.args[0], "odoo.exceptions.UserError")
        request.invalidate_recordset()
        self.assertNotEqual(request.stage_id, stage)

    def test_tour_create_and_move_request(self):
        # the tour's first move is refused by the server, which logs it
        with self.assertLogs("odoo.http", "WARNING") as logs:
            self.start_tour(
                "/odoo/action-customer_request.customer_request_action_board",
                "customer_request_create_tour",
                login="request_tour_user",
            )
        self.assertEqual(len(logs.output), 1)
        self.assertIn("has no responsible", logs.output[0])
        request = self.env["customer.request"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(request.request_type, "support")
        self.assertEqual(request.user_id, self.user)
        self.assertEqual(
            request.stage_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
        )

    def test_tour_board_asks_responsible_on_move(self):
        request = self.env["customer.request"].create({"partner_id": self.customer.id})
        self.start_tour(
            "/odoo/action-customer_request.customer_request_action_board",
            "customer_request_board_responsible_tour",
            login="request_tour_user",
        )
        self.assertEqual(request.user_id, self.user)
        self.assertEqual(
            request.stage_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
        )

    def test_tour_board_markers(self):
        """The board says which team stages it leaves out, and marks a
        request sitting in a closing stage without being closed."""
        team = self.env["helpdesk.ticket.team"].create({"name": "Body shop"})
        self.env["helpdesk.ticket.stage"].create(
            {"name": "Body shop queue", "team_ids": [(6, 0, team.ids)]}
        )
        closing = self.env["helpdesk.ticket.stage"].create(
            {"name": "Solved on the spot", "closed": True, "fold": False}
        )
        self.env["customer.request"].create(
            {"partner_id": self.customer.id, "user_id": self.user.id}
        )
        to_close = self.env["customer.request"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Marco Neri"}).id,
                "user_id": self.user.id,
            }
        )
        to_close.stage_id = closing
        self.assertTrue(to_close.is_closable)
        self.assertFalse(to_close.closed)
        self.start_tour(
            "/odoo/action-customer_request.customer_request_action_board",
            "customer_request_board_markers_tour",
            login="request_tour_user",
        )

    def test_tour_board_drop_on_quotation(self):
        customer = self.env["res.partner"].create({"name": "Sara Romano"})
        request = self.env["customer.request"].create(
            {"partner_id": customer.id, "user_id": self.user.id}
        )
        self.start_tour(
            "/odoo/action-customer_request.customer_request_action_board",
            "customer_request_board_quotation_tour",
            login="request_tour_user",
        )
        self.assertEqual(len(request.sale_order_ids), 1)
        self.assertEqual(request.sale_order_ids.partner_id, customer)
        self.assertTrue(request.closed)

    def test_tour_board_second_ticket_confirmed(self):
        customer = self.env["res.partner"].create({"name": "Elena Conti"})
        request = self.env["customer.request"].create(
            {"partner_id": customer.id, "user_id": self.user.id}
        )
        request.action_generate_ticket()
        self.start_tour(
            "/odoo/action-customer_request.customer_request_action_board",
            "customer_request_board_ticket_again_tour",
            login="request_tour_user",
        )
        self.assertEqual(len(request.ticket_ids), 2)
        self.assertFalse(request.closed)
