# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import CustomerRequestCommon


@tagged("post_install", "-at_install")
class TestCustomerRequest(CustomerRequestCommon):
    def test_reference_from_sequence(self):
        first, second = self._new_request(), self._new_request()
        self.assertTrue(first.name.startswith("REQ/"))
        self.assertNotEqual(first.name, second.name)

    def test_default_stage_is_first_open_helpdesk_stage(self):
        self.assertEqual(self._new_request().stage_id, self.stage_new)

    def test_customer_or_email_required(self):
        with self.assertRaisesRegex(ValidationError, "customer or at least"):
            self.Request.create({"request_type": "support"})
        request = self.Request.create({"email_from": "anna@example.com"})
        self.assertFalse(request.partner_id)
        with self.assertRaisesRegex(ValidationError, "customer or at least"):
            request.email_from = False

    def test_stage_change_without_responsible_refused(self):
        request = self._new_request()
        with self.assertRaisesRegex(UserError, "has no responsible"):
            request.stage_id = self.stage_progress
        self.assertEqual(request.stage_id, self.stage_new)

    def test_stage_change_with_responsible_in_same_write(self):
        request = self._new_request()
        request.write({"stage_id": self.stage_progress.id, "user_id": self.user.id})
        self.assertEqual(request.stage_id, self.stage_progress)

    def test_create_in_later_stage_without_responsible_refused(self):
        with self.assertRaisesRegex(UserError, "has no responsible"):
            self._new_request(stage_id=self.stage_progress.id)
        request = self._new_request(
            stage_id=self.stage_progress.id, user_id=self.user.id
        )
        self.assertEqual(request.stage_id, self.stage_progress)

    def test_removing_responsible_while_moving_refused(self):
        request = self._new_request(user_id=self.user.id)
        with self.assertRaisesRegex(UserError, "has no responsible"):
            request.write({"stage_id": self.stage_progress.id, "user_id": False})

    def test_helpdesk_stage_appears_on_board(self):
        """A stage created in helpdesk_mgmt is a column of the request board."""
        stage = self.env["helpdesk.ticket.stage"].create(
            {"name": "Waiting for parts", "sequence": 4}
        )
        self._new_request()
        groups = self.Request.read_group([], ["stage_id"], ["stage_id"])
        self.assertIn(stage.id, [g["stage_id"][0] for g in groups if g["stage_id"]])

    def test_closing_stage_only_makes_closable(self):
        request = self._new_request(user_id=self.user.id)
        self.assertFalse(request.is_closable)
        request.stage_id = self.stage_done
        self.assertTrue(request.is_closable)
        self.assertFalse(request.closed)
        request.action_close()
        self.assertTrue(request.closed)
        self.assertTrue(request.date_closed)
        self.assertFalse(request.is_closable)

    def test_closed_request_leaves_board_stays_in_list(self):
        request = self._new_request(user_id=self.user.id)
        request.action_close()
        board = self.env.ref("customer_request.customer_request_action_board")
        self.assertNotIn(request, self.Request.search(safe_eval(board.domain)))
        self.assertIn(request, self.Request.search([]))

    def test_closed_request_cannot_move_or_close_twice(self):
        request = self._new_request(user_id=self.user.id)
        request.action_close()
        with self.assertRaisesRegex(UserError, "is closed"):
            request.stage_id = self.stage_progress
        with self.assertRaisesRegex(UserError, "already closed"):
            request.action_close()

    def test_reopen_by_manager_only(self):
        request = self._new_request(user_id=self.user.id)
        request.action_close()
        with self.assertRaisesRegex(UserError, "Only a requests manager"):
            request.action_reopen()
        # nor through a plain write, as an RPC call could do, even by a manager
        with self.assertRaisesRegex(UserError, "Only a requests manager"):
            request.write({"closed": False})
        with self.assertRaisesRegex(UserError, "Close and Reopen buttons"):
            request.with_user(self.manager).write({"closed": False})
        self.assertTrue(request.closed)
        request.with_user(self.manager).action_reopen()
        self.assertFalse(request.closed)
        self.assertFalse(request.date_closed)

    def test_closed_only_by_the_close_action(self):
        """A closing stage does not close, nor a plain write or create (as an
        RPC call could do, with any context): only the close action."""
        request = self._new_request(user_id=self.user.id)
        request.stage_id = self.stage_done
        self.assertFalse(request.closed)
        self.assertTrue(request.is_closable)
        for user in (self.user, self.manager):
            with self.assertRaisesRegex(UserError, "Close and Reopen buttons"):
                request.with_user(user).with_context(
                    customer_request_closing=True
                ).write({"closed": True})
            with self.assertRaisesRegex(UserError, "Close and Reopen buttons"):
                self.env["customer.request"].with_user(user).create(
                    {"partner_id": self.customer.id, "closed": True}
                )
        self.assertFalse(request.closed)
        request.action_close()
        self.assertTrue(request.closed)

    def test_user_cannot_delete_manager_can(self):
        request = self._new_request()
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            request.unlink()
        request.with_user(self.manager).unlink()
        self.assertFalse(request.exists())

    def test_multi_company_rule(self):
        other = self.env["res.company"].create({"name": "Officina Lyon"})
        request = (
            self.env["customer.request"]
            .with_company(other)
            .create({"partner_id": self.customer.id, "company_id": other.id})
        )
        self.assertNotIn(request, self.Request.search([]))

    def test_changes_tracked_in_chatter(self):
        # a request of an earlier transaction: Odoo tracks changes from there on
        request = self.env.ref("customer_request.demo_request_support")
        request.user_id = self.user
        request.flush_recordset()
        self.env.cr.precommit.run()
        tracked = request.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("user_id", tracked)
