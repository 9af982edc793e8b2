# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from ..tools.channel import EMAIL, NOTE
from .common import CustomerCommCase, RpcCase

HIDDEN = "Not visible to you"


@tagged("post_install", "-at_install")
class TestHistoryAccess(CustomerCommCase, TransactionCase):
    """The history is read by Customer Communication users only, each row's
    content and origin with the reader's own rights; nobody writes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_comm_users()
        cls.employee = new_test_user(
            cls.env, login="history_employee", groups="base.group_user"
        )
        cls.other_user = new_test_user(
            cls.env,
            login="history_other_user",
            groups="customer_comm.group_customer_comm_user",
        )
        cls.dpo = new_test_user(
            cls.env,
            login="history_dpo",
            groups="customer_comm.group_customer_comm_user,"
            "privacy.group_data_protection_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Lucia Bassi", "email": "lucia.bassi@example.it"}
        )
        cls.Log = cls.env["customer.comm.log"]

    def _history(self, user):
        return self.Log.with_user(user).search([("partner_id", "=", self.customer.id)])

    def test_only_customer_communication_users_read_it(self):
        self.customer.with_user(self.comm_user)._customer_comm_post(
            self.customer, NOTE, Markup("<p>Called about the invoice</p>"), "Call"
        )
        with self.assertRaises(AccessError):
            self._history(self.employee)
        self.assertEqual(self._history(self.other_user).subject, "Call")
        # the customer's history count is not offered to plain employees
        with self.assertRaises(AccessError):
            self.customer.with_user(self.employee).read(["customer_comm_log_count"])
        self.assertEqual(
            self.customer.with_user(self.other_user).customer_comm_log_count, 1
        )

    def test_content_read_with_the_reader_rights(self):
        """The consent e-mail is written on the customer's privacy consent,
        which only data protection users may read: another user's history
        shows the row without its content nor its origin, without failing;
        its author and data protection users read it."""
        self.customer.with_user(self.comm_user).action_ask_privacy_consent()
        log = self._history(self.other_user)
        self.assertEqual(log.channel, EMAIL)
        self.assertEqual(log.res_model, "privacy.consent")
        self.assertIn(HIDDEN, log.body)
        self.assertNotIn("/privacy/consent/accept/", log.body)
        self.assertEqual(log.origin_name, HIDDEN)
        # its author reads what they wrote, not the consent record itself
        log = self._history(self.comm_user)
        self.assertIn("/privacy/consent/accept/", log.body)
        self.assertEqual(log.origin_name, HIDDEN)
        log = self._history(self.dpo)
        self.assertIn("/privacy/consent/accept/", log.body)
        self.assertEqual(log.origin_name, "Lucia Bassi")

    def test_history_rows_read_without_a_query_per_row(self):
        """Content, origin and state of a page of history: the same queries
        for 3 rows as for 30, some of them unreadable."""
        for count in (3, 30):
            customer = self.env["res.partner"].create({"name": f"Customer {count}"})
            companies = self.env["res.partner"].create(
                [{"name": f"Company {count}-{i}"} for i in range(count)]
            )
            for company in companies:
                company.with_user(self.comm_user)._customer_comm_post(
                    customer, NOTE, Markup("<p>x</p>"), subject=company.name
                )
            # the reader may not read the last third of the origins
            hidden = companies[-(count // 3) :]
            hidden.write(
                {
                    "company_id": self.env["res.company"]
                    .create({"name": f"Other company {count}"})
                    .id
                }
            )
            logs = self.Log.with_user(self.other_user).search(
                [("partner_id", "=", customer.id)]
            )
            self.assertEqual(len(logs), count)
            self.env.invalidate_all()
            with self.subTest(count=count), self.assertQueryCount(13):
                rows = [(log.body, log.origin_name, log.state) for log in logs]
            self.assertEqual(
                sorted(name for _body, name, _state in rows),
                sorted((companies - hidden).mapped("name") + [HIDDEN] * len(hidden)),
            )
            self.assertEqual(
                sum(HIDDEN in body for body, _name, _state in rows), len(hidden)
            )

    def test_nobody_writes_it_by_rpc(self):
        log = self.customer.with_user(self.comm_user)._customer_comm_post(
            self.customer, NOTE, Markup("<p>Note</p>"), "Note"
        )
        message = log.message_id
        for user in (self.employee, self.comm_user, self.comm_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Log.with_user(user).create(
                        {
                            "partner_id": self.customer.id,
                            "channel": EMAIL,
                            "subject": "Forged",
                            "message_id": message.id,
                        }
                    )
                with self.assertRaises(AccessError):
                    log.with_user(user).write({"subject": "Changed"})
        with self.assertRaises(AccessError):
            log.with_user(self.comm_user).unlink()
        self.assertEqual(log.subject, "Note")


@tagged("post_install", "-at_install")
class TestHistoryAccessRpc(RpcCase, HttpCase):
    """The same through the web client's JSON-RPC, as each kind of user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for login, groups in (
            ("history_rpc_user", "customer_comm.group_customer_comm_user"),
            ("history_rpc_employee", "base.group_user"),
            ("history_rpc_portal", "base.group_portal"),
        ):
            user = new_test_user(
                cls.env, login=login, password=f"{login}_pw", groups=groups
            )
            setattr(cls, login.removeprefix("history_rpc_"), user)
        cls.customer = cls.env["res.partner"].create({"name": "Sara Galli"})
        cls.log = cls.customer.with_user(cls.user)._customer_comm_post(
            cls.customer, NOTE, Markup("<p>Private note</p>"), "Private"
        )

    def test_history_by_rpc(self):
        Log = "customer.comm.log"
        domain = [("id", "=", self.log.id)]
        fields = ["subject", "body", "origin_name"]
        rows = self.rpc("history_rpc_user", Log, "search_read", domain, fields)
        self.assertIn("Private note", rows[0]["body"])
        forged = {
            "partner_id": self.customer.id,
            "channel": NOTE,
            "subject": "Forged",
            "message_id": self.log.message_id.id,
        }
        for login in ("history_rpc_employee", "history_rpc_portal"):
            with self.subTest(login=login):
                self.assertRpcRefused(login, Log, "search_read", domain, fields)
                self.assertRpcRefused(login, Log, "create", forged)
        self.assertRpcRefused("history_rpc_user", Log, "create", forged)
        self.assertRpcRefused(
            "history_rpc_user", Log, "write", [self.log.id], {"subject": "Changed"}
        )
        self.assertEqual(
            self.env[Log].search_count([("partner_id", "=", self.customer.id)]), 1
        )
        self.assertEqual(self.log.subject, "Private")
