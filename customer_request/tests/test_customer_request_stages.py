# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CustomerRequestCommon


@tagged("post_install", "-at_install")
class TestCustomerRequestStages(CustomerRequestCommon):
    """The board's columns are helpdesk_mgmt's ticket stages, with their rules."""

    def _board_stages(self):
        groups = self.Request.web_read_group(
            [("closed", "=", False)], ["stage_id"], ["stage_id"]
        )["groups"]
        return self.env["helpdesk.ticket.stage"].browse(
            [group["stage_id"][0] for group in groups if group["stage_id"]]
        )

    def test_renamed_stage_renamed_on_board(self):
        self._new_request()
        self.stage_new.name = "Just arrived"
        groups = self.Request.web_read_group([], ["stage_id"], ["stage_id"])["groups"]
        self.assertIn("Just arrived", [g["stage_id"][1] for g in groups])

    def test_team_stage_not_on_request_board(self):
        """Stages reserved to a helpdesk team are not request columns, as on
        helpdesk_mgmt's board without a default team."""
        team = self.env["helpdesk.ticket.team"].create({"name": "Workshop team"})
        team_stage = self.env["helpdesk.ticket.stage"].create(
            {"name": "Team only", "team_ids": [(6, 0, team.ids)]}
        )
        request = self._new_request(user_id=self.user.id)
        self.assertNotIn(team_stage, self._board_stages())
        self.assertIn(self.stage_progress, self._board_stages())
        with self.assertRaisesRegex(ValidationError, "reserved to some helpdesk"):
            request.stage_id = team_stage

    def test_other_company_stage_not_on_board(self):
        other = self.env["res.company"].create({"name": "Garage Dupont SARL"})
        stage = self.env["helpdesk.ticket.stage"].create(
            {"name": "Lyon only", "company_id": other.id}
        )
        request = self._new_request(user_id=self.user.id)
        self.assertNotIn(stage, self._board_stages())
        with self.assertRaises(UserError):
            request.sudo().stage_id = stage

    def test_folded_stage_keeps_fold_on_board(self):
        self._new_request(user_id=self.user.id, stage_id=self.stage_done.id)
        groups = self.Request.web_read_group([], ["stage_id"], ["stage_id"])["groups"]
        folded = {g["stage_id"][0]: g.get("__fold") for g in groups}
        self.assertEqual(folded[self.stage_done.id], self.stage_done.fold)

    def test_folded_open_stage_makes_closable(self):
        stage = self.env["helpdesk.ticket.stage"].create(
            {"name": "Parked", "fold": True, "closed": False}
        )
        request = self._new_request(user_id=self.user.id)
        request.stage_id = stage
        self.assertTrue(request.is_closable)
        self.assertFalse(request.closed)

    def test_stage_in_use_cannot_be_deleted(self):
        stage = self.env["helpdesk.ticket.stage"].create({"name": "Temporary"})
        self._new_request(user_id=self.user.id, stage_id=stage.id)
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            stage.unlink()
        self.assertTrue(stage.exists())

    def test_kanban_read_group_query_count(self):
        """The board's grouped read does not grow with the number of requests."""
        self.Request.create(
            [
                {"partner_id": self.customer.id, "user_id": self.user.id}
                for _i in range(30)
            ]
        )
        self.env.invalidate_all()
        kanban_fields = {
            "name": {},
            "title": {},
            "partner_id": {"fields": {"display_name": {}}},
            "request_type": {},
            "priority": {},
            "user_id": {"fields": {"display_name": {}}},
            "activity_ids": {},
            "color": {},
            "closed": {},
        }
        # 30 cards: a query per card would be far above this fixed count
        with self.assertQueryCount(17):
            groups = self.Request.web_read_group(
                [("closed", "=", False)], ["stage_id"], ["stage_id"], lazy=True
            )["groups"]
            first = groups[0]
            self.Request.web_search_read(
                first["__domain"], kanban_fields, limit=40, order="priority desc"
            )
