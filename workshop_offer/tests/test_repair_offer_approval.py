# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import FleetOfferCommon, RepairOfferCommon, RpcCommon


@tagged("post_install", "-at_install")
class TestRepairOfferApproval(FleetOfferCommon, RepairOfferCommon, RpcCommon, HttpCase):
    """Above the approval amount of a company customer, an intervention the
    driver wants fixed is authorised only once the company's approver
    approves it on their own page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.stock_user = cls._rpc_user("approval_stock", "stock.group_stock_user")
        cls.portal_user = cls._rpc_user("approval_portal", "base.group_portal")
        cls._setup_fleet_offer()
        cls.offer.sudo()._confirm_decisions(
            {cls.brakes: "fix", cls.gearbox: "fix", cls.clutch: "no_fix"},
            cls.condition,
        )

    def _url(self, token, answer=False):
        path = "approval/answer" if answer else "approval"
        return f"/my/repair_offers/{self.offer.id}/{path}?approval_token={token}"

    def _approval_token(self):
        return self.offer.sudo().approval_token

    def _csrf(self):
        page = self.url_open(self._url(self._approval_token()))
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _post(self, token, data, csrf=True):
        """POST the approver's form; ``csrf``: fetched from the page (True),
        none (False), or this one."""
        if csrf:
            data = dict(data, csrf_token=self._csrf() if csrf is True else csrf)
        with mute_logger("odoo.http"):
            return self.url_open(
                self._url(token, answer=True), data=data, allow_redirects=False
            )

    def test_only_lines_above_the_amount_await_the_approver(self):
        self.assertEqual(
            self.offer.line_ids.mapped("needs_approval"), [False, True, True]
        )
        self.assertEqual(self.offer._lines_awaiting_approval(), self.gearbox)
        # the approver received their link, through the customer's history
        mail = self.env["mail.message"].search(
            [
                ("model", "=", "repair.offer"),
                ("res_id", "=", self.offer.id),
                ("partner_ids", "in", self.manager.ids),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(self._url(self._approval_token()), mail.body)
        # the advisor's one click authorises what the driver decided alone
        self.offer.with_user(self.stock_user).action_authorise_answers()
        self.assertEqual(
            self.offer.line_ids.mapped("authorisation"),
            ["authorised", False, "refused"],
        )
        with self.assertRaises(ValidationError):
            self.gearbox.with_user(self.stock_user).action_authorise()

    def test_refused_through_rpc_and_other_tokens(self):
        """Stock user and portal user through RPC, the driver's token and no
        token on the approval route: the gearbox stays unauthorised."""
        for method, args in (
            ("write", [[self.gearbox.id], {"authorisation": "authorised"}]),
            ("action_authorise", [[self.gearbox.id]]),
            ("write", [[self.gearbox.id], {"approval": "approved"}]),
        ):
            for login in ("approval_stock", "approval_portal"):
                result = self._rpc(login, "repair.offer.line", method, *args)
                self.assertIn(
                    result,
                    (
                        "odoo.exceptions.AccessError",
                        "odoo.exceptions.ValidationError",
                    ),
                    f"{login} {method} {args}",
                )
        self.authenticate(None, None)
        driver_token = self.offer.access_token
        self.assertEqual(self.url_open(self._url(driver_token)).status_code, 403)
        self.assertEqual(self.url_open(self._url("")).status_code, 403)
        response = self._post(driver_token, {f"approval_{self.gearbox.id}": "approved"})
        self.assertEqual(response.status_code, 403)
        # a logged-in stock user without the approver's token: refused too
        self.authenticate("approval_stock", "approval_stock")
        self.assertEqual(self.url_open(self._url("")).status_code, 403)
        # the right token without the CSRF token
        response = self._post(
            self._approval_token(),
            {f"approval_{self.gearbox.id}": "approved"},
            csrf=False,
        )
        self.assertEqual(response.status_code, 400)
        # a line that does not await approval
        response = self._post(
            self._approval_token(), {f"approval_{self.brakes.id}": "approved"}
        )
        self.assertEqual(response.status_code, 400)
        self.gearbox.invalidate_recordset()
        self.assertFalse(self.gearbox.authorisation)
        self.assertFalse(self.gearbox.approval)

    def test_approver_approves_on_their_page_and_it_is_recorded(self):
        page = self.url_open(self._url(self._approval_token()))
        self.assertEqual(page.status_code, 200)
        self.assertIn("Gearbox", page.text)
        self.assertNotIn("Brake pads", page.text)
        csrf = self._csrf()
        response = self._post(
            self._approval_token(), {f"approval_{self.gearbox.id}": "approved"}, csrf
        )
        self.assertEqual(response.status_code, 303)
        self.gearbox.invalidate_recordset()
        self.assertRecordValues(
            self.gearbox,
            [
                {
                    "approval": "approved",
                    "approved_by_id": self.manager.id,
                    "authorisation": "authorised",
                }
            ],
        )
        self.assertTrue(self.gearbox.approval_date)
        self.assertFalse(self.offer._lines_awaiting_approval())
        # answered once: the line no longer awaits
        response = self._post(
            self._approval_token(), {f"approval_{self.gearbox.id}": "refused"}, csrf
        )
        self.assertEqual(response.status_code, 400)

    def test_refused_by_the_approver_is_not_done(self):
        response = self._post(
            self._approval_token(), {f"approval_{self.gearbox.id}": "refused"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            (self.gearbox.approval, self.gearbox.authorisation),
            ("refused", "refused"),
        )

    def test_who_approved_read_by_repair_users_only(self):
        employee = new_test_user(
            self.env, login="approval_employee", groups="base.group_user"
        )
        for field in ("approval", "approved_by_id", "approval_date"):
            self.assertEqual(
                self.gearbox._fields[field].groups, "stock.group_stock_user"
            )
        with self.assertRaises(AccessError):
            self.gearbox.with_user(employee).read(["approved_by_id"])
        with self.assertRaises(AccessError):
            self.offer.with_user(self.stock_user).read(["approval_token"])

    def test_limit_set_later_keeps_what_was_authorised(self):
        self.offer.action_authorise_answers()
        self.assertEqual(self.brakes.authorisation, "authorised")
        self.fleet.repair_approval_amount = 10.0
        self.assertTrue(self.brakes.needs_approval)
        self.assertEqual(self.brakes.authorisation, "authorised")
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create(
                {
                    "name": "Altra Srl",
                    "is_company": True,
                    "repair_approver_id": self.manager.id,
                }
            )


@tagged("post_install", "-at_install")
class TestRepairOfferApprovalOnTheDriversPage(
    FleetOfferCommon, RepairOfferCommon, HttpCase
):
    """The driver's page says which interventions the fleet manager approves,
    then whether they await, got or were refused that approval; the manager's
    link goes by SMS when they prefer SMS."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls._setup_fleet_offer(phone="+39 02 5550 1234", mobile="+39 347 555 0199")

    def _line_html(self, line):
        page = self.url_open(self.offer.get_portal_url(), allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        # the manager's contact details never reach the driver's page
        for detail in ("irene@flotta", "5550 1234", "555 0199", "3475550199"):
            self.assertNotIn(detail, page.text)
        start = page.text.index(f'data-line-id="{line.id}"')
        end = page.text.find("o_repair_offer_line", start)
        return page.text[start : end if end > 0 else None]

    def _confirm(self):
        self.offer.sudo()._confirm_decisions(
            {self.brakes: "fix", self.gearbox: "fix", self.clutch: "fix"},
            self.condition,
        )

    def test_before_the_answer_who_approves_it(self):
        amount = self.offer._format_amount(100.0)
        self.assertIn(
            f"Above {amount}: Irene Flotta approves it.", self._line_html(self.gearbox)
        )
        self.assertIn("Irene Flotta approves it", self._line_html(self.clutch))
        self.assertNotIn("o_offer_approval_notice", self._line_html(self.brakes))

    def test_awaiting_approved_refused(self):
        self._confirm()
        self.assertIn(
            "Awaiting the approval of Irene Flotta.", self._line_html(self.gearbox)
        )
        self.assertNotIn("o_offer_approval_notice", self._line_html(self.brakes))
        self.offer.sudo()._record_approvals(
            {self.gearbox: "approved", self.clutch: "refused"}, self.manager
        )
        gearbox = self._line_html(self.gearbox)
        self.assertIn("Approved by Irene Flotta on", gearbox)
        self.assertNotIn("Awaiting", gearbox)
        self.assertIn("Refused by Irene Flotta.", self._line_html(self.clutch))

    def test_approval_link_by_sms_when_the_approver_prefers_it(self):
        self.manager.preferred_channel = "sms"
        self._confirm()
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.manager.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number, "+393475550199")
        self.assertIn(
            f"/my/repair_offers/{self.offer.id}/approval?approval_token="
            f"{self.offer.sudo().approval_token}",
            sms.body,
        )
        self.assertIn("asked to fix 2 intervention(s)", sms.body)
        self.assertFalse(
            self.env["mail.mail"]
            .sudo()
            .search([("recipient_ids", "in", self.manager.ids)])
        )
        # kept in the customer's history, as the offer's link
        self.assertIn(
            "Approval needed",
            " ".join(
                self.env["customer.comm.log"]
                .sudo()
                .search(
                    [("res_model", "=", "repair.offer"), ("res_id", "=", self.offer.id)]
                )
                .mapped("subject")
            ),
        )
