# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import RepairOfferCommon, RpcCommon, WorkshopItemCommon


@tagged("post_install", "-at_install")
class TestRepairDeferredWork(
    RepairOfferCommon, WorkshopItemCommon, TransactionCase, MockEmail
):
    """What the customer puts off is kept on the item, proposed again in
    the next offer for that item, and reminded once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls._setup_items()
        cls.advisor = new_test_user(
            cls.env,
            login="deferred_advisor",
            groups="stock.group_stock_user,base.group_partner_manager",
        )
        cls.env = cls.env(user=cls.advisor)
        cls.item = cls._create_item("BIKE-1")
        cls.other_item = cls._create_item("BIKE-2")
        cls.offer = cls._create_item_offer(
            cls.item,
            [
                ("Brake pads", 40.0, "initial", "urgent"),
                ("New tyres", 90.0, "optional", "soon"),
                ("Lights", 0.0, "optional", "fine"),
            ],
        )

    def _confirm(self, offer, decisions):
        lines = offer.line_ids.sorted("id")
        return offer.sudo()._confirm_decisions(
            dict(zip(lines, decisions, strict=True)), self.condition
        )

    def _put_off_tyres(self):
        self.offer.action_send()
        self._confirm(self.offer, ["fix", "no_fix", "no_fix"])
        return self.env["repair.deferred.work"].search([("lot_id", "=", self.item.id)])

    def test_refused_line_kept_on_the_item(self):
        work = self._put_off_tyres()
        # "checked, fine" needs no work: nothing to defer
        self.assertEqual(work.name, "New tyres")
        self.assertRecordValues(
            work,
            [
                {
                    "partner_id": self.owner.id,
                    "company_id": self.offer.company_id.id,
                    "offer_line_id": self.offer.line_ids[1].id,
                    "price": 90.0,
                    "severity": "soon",
                    "state": "pending",
                    "date_deferred": fields.Date.context_today(work),
                }
            ],
        )
        self.item.invalidate_recordset()
        self.assertEqual(self.item.item_deferred_count, 1)

    def test_no_deferred_work_without_an_item(self):
        offer = self._create_offer()
        offer.action_send()
        self._confirm(offer, ["fix", "no_fix", "no_fix"])
        self.assertFalse(
            self.env["repair.deferred.work"].search(
                [("offer_line_id", "in", offer.line_ids.ids)]
            )
        )

    def test_carried_into_the_next_offer_of_that_item_only(self):
        work = self._put_off_tyres()
        other = self._create_item_offer(
            self.other_item, [("Chain", 30.0, "initial", "soon")]
        )
        self.assertEqual(other.line_ids.mapped("name"), ["Chain"])
        following = self._create_item_offer(
            self.item, [("Chain", 30.0, "initial", "soon")]
        )
        proposed = following.line_ids.filtered("deferred_work_id")
        self.assertRecordValues(
            proposed,
            [
                {
                    "name": "New tyres",
                    "line_kind": "optional",
                    "price": 90.0,
                    "severity": "soon",
                    "deferred_work_id": work.id,
                }
            ],
        )
        self.assertIn("Put off at your visit on", proposed.customer_explanation)
        self.assertEqual((work.state, work.proposed_line_id), ("proposed", proposed))
        # proposed once: a third offer does not repeat it
        third = self._create_item_offer(self.item, [("Bell", 5.0, "initial", "soon")])
        self.assertFalse(third.line_ids.deferred_work_id)
        # the offer cancelled: pending again
        following.action_cancel()
        self.assertEqual(work.state, "pending")

    def test_accepted_done_refused_again_pending_with_new_date(self):
        work = self._put_off_tyres()
        work.sudo().date_deferred = date(2026, 1, 10)
        work.sudo().reminder_sent_on = fields.Datetime.now()
        following = self._create_item_offer(
            self.item, [("Chain", 30.0, "initial", "soon")]
        )
        following.action_send()
        self._confirm(following, ["fix", "no_fix"])
        self.assertRecordValues(
            work,
            [
                {
                    "state": "pending",
                    "date_deferred": fields.Date.context_today(work),
                    "reminder_sent_on": False,
                }
            ],
        )
        # refused again: the same deferred work, not a second one
        self.assertEqual(
            self.env["repair.deferred.work"].search_count(
                [("lot_id", "=", self.item.id)]
            ),
            1,
        )
        last = self._create_item_offer(self.item, [("Bell", 5.0, "initial", "soon")])
        last.action_send()
        self._confirm(last, ["fix", "fix"])
        self.assertEqual(work.state, "done")

    def test_status_written_by_the_workflow_only(self):
        work = self._put_off_tyres()
        for values in (
            {"state": "done"},
            {"reminder_sent_on": fields.Datetime.now()},
            {"date_deferred": date(2020, 1, 1)},
        ):
            with self.assertRaises(AccessError):
                work.write(values)
        work.action_drop()
        self.assertEqual(work.state, "dropped")
        following = self._create_item_offer(
            self.item, [("Bell", 5.0, "initial", "soon")]
        )
        self.assertFalse(following.line_ids.deferred_work_id)


@tagged("post_install", "-at_install")
class TestDeferredWorkReminder(
    RepairOfferCommon, WorkshopItemCommon, TransactionCase, MockEmail
):
    """The reminder: once, after the delay of the work's company, to a
    customer who accepts it on their preferred channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_items()
        cls.company = cls.env.company
        cls.company.deferred_work_reminder_days = 30
        cls.other_company = cls.env["res.company"].create({"name": "Officina Due"})
        cls.item = cls._create_item("BIKE-9")
        cls.cron = cls.env.ref("workshop_offer.ir_cron_repair_deferred_work_reminder")

    def _work(self, partner, days_ago=40, company=None):
        return (
            self.env["repair.deferred.work"]
            .sudo()
            .create(
                {
                    "name": "New tyres",
                    "lot_id": self.item.id,
                    "partner_id": partner.id,
                    "company_id": (company or self.company).id,
                    "price": 90.0,
                    "severity": "soon",
                    "date_deferred": fields.Date.context_today(self.item)
                    - timedelta(days=days_ago),
                }
            )
        )

    def _customer(self, name, **values):
        return self.env["res.partner"].create(
            {
                "name": name,
                "email": f"{name.split()[0].lower()}@example.it",
                "email_marketing_consent": True,
                **values,
            }
        )

    def _reminders(self, work):
        return work.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_sent_once_by_email_after_the_delay(self):
        customer = self._customer("Giulia Verdi")
        work = self._work(customer)
        recent = self._work(customer, days_ago=10)
        self.cron.method_direct_trigger()
        self.assertTrue(work.reminder_sent_on)
        message = self._reminders(work)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, customer)
        self.assertIn("New tyres", message.body)
        self.assertEqual(message.author_id, self.company.partner_id)
        # queued: the mail leaves with Odoo's mail queue once committed
        self.assertEqual(message.mail_ids.state, "outgoing")
        self.assertFalse(recent.reminder_sent_on)
        self.cron.method_direct_trigger()
        self.assertEqual(len(self._reminders(work)), 1)

    def test_by_sms_when_the_customer_prefers_it(self):
        customer = self._customer(
            "Paolo Neri",
            mobile="+393331234567",
            mobile_marketing_consent=True,
            preferred_channel="sms",
        )
        work = self._work(customer)
        self.cron.method_direct_trigger()
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", customer.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number, "+393331234567")
        self.assertEqual(sms.state, "outgoing")
        self.assertTrue(work.reminder_sent_on)

    def test_not_sent_without_consent_or_opted_out(self):
        no_consent = self._customer("Elena Bianchi", email_marketing_consent=False)
        opted_out = self._customer("Franco Gialli")
        self.env["mail.blacklist"].sudo()._add(opted_out.email)
        works = self._work(no_consent) | self._work(opted_out)
        self.cron.method_direct_trigger()
        for work in works:
            self.assertFalse(work.reminder_sent_on)
            self.assertFalse(self._reminders(work))

    def test_company_of_the_work_not_of_the_cron(self):
        """The delay and the sender are those of the work's company."""
        self.other_company.deferred_work_reminder_days = 5
        self.company.deferred_work_reminder_days = 0
        customer = self._customer("Sofia Blu")
        mine = self._work(customer, days_ago=40)
        theirs = self._work(customer, days_ago=10, company=self.other_company)
        self.cron.method_direct_trigger()
        self.assertFalse(mine.reminder_sent_on)
        self.assertTrue(theirs.reminder_sent_on)
        self.assertEqual(
            self._reminders(theirs).author_id, self.other_company.partner_id
        )

    def test_crash_before_commit_leaves_nothing_then_sent_once(self):
        """Marked and queued in one transaction: a crash before the commit
        undoes both, so the next run sends it, once."""
        customer = self._customer("Carla Viola")
        work = self._work(customer)
        with self.assertRaises(ZeroDivisionError), self.env.cr.savepoint():
            work._send_reminder()
            self.assertTrue(work.reminder_sent_on)
            _crash = 1 / 0
        work.invalidate_recordset()
        self.assertFalse(work.reminder_sent_on)
        self.assertFalse(self._reminders(work))
        self.cron.method_direct_trigger()
        self.cron.method_direct_trigger()
        self.assertEqual(len(self._reminders(work)), 1)

    def test_in_the_language_of_the_customer(self):
        """The cron runs in English; an Italian customer reads the subject
        and the body in Italian."""
        self.env["res.lang"]._activate_lang("it_IT")
        customer = self._customer("Marco Rossi", lang="it_IT")
        work = self._work(customer)
        self.cron.with_context(lang="en_US").method_direct_trigger()
        message = self._reminders(work)
        self.assertEqual(len(message), 1)
        self.assertIn("lavori rimandati su", message.subject)
        self.assertNotIn("work put off", message.subject)
        self.assertIn("ha rimandato New tyres", message.body)
        self.assertNotIn("you put off", message.body)


@tagged("post_install", "-at_install")
class TestDeferredWorkRpc(RepairOfferCommon, WorkshopItemCommon, RpcCommon, HttpCase):
    """The deferred work through JSON-RPC, as each kind of user: only the
    workshop reads it, and its status is the workflow's for everyone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls._setup_items()
        cls.stock_user = cls._rpc_user("deferred_rpc_stock", "stock.group_stock_user")
        cls._rpc_user("deferred_rpc_employee", "base.group_user")
        # the item's owner, signed in on the portal
        cls._rpc_user(
            "deferred_rpc_portal", "base.group_portal", partner_id=cls.owner.id
        )
        cls.env = cls.env(user=cls.stock_user)
        cls.item = cls._create_item("BIKE-RPC")
        offer = cls._create_item_offer(
            cls.item,
            [
                ("Brake pads", 40.0, "initial", "urgent"),
                ("New tyres", 90.0, "optional", "soon"),
            ],
        )
        offer.action_send()
        lines = offer.line_ids.sorted("id")
        offer.sudo()._confirm_decisions(
            {lines[0]: "fix", lines[1]: "later"}, cls.condition
        )
        cls.work = cls.env["repair.deferred.work"].search(
            [("lot_id", "=", cls.item.id)]
        )

    def test_read_by_the_workshop_only(self):
        self.assertEqual(self.work.name, "New tyres")
        fields_ = ["name", "price", "partner_id", "state"]
        records = self._rpc(
            "deferred_rpc_stock",
            "repair.deferred.work",
            "search_read",
            [("id", "=", self.work.id)],
            fields_,
        )
        self.assertEqual([record["name"] for record in records], ["New tyres"])
        for login in ("deferred_rpc_portal", "deferred_rpc_employee"):
            for method, args in (
                ("search_read", [[("id", "=", self.work.id)], fields_]),
                ("read", [[self.work.id], fields_]),
                ("read", [[self.item.id], ["item_deferred_count"]]),
            ):
                model = (
                    "stock.lot"
                    if "item_deferred_count" in str(args)
                    else ("repair.deferred.work")
                )
                self.assertEqual(
                    self._rpc(login, model, method, *args),
                    "odoo.exceptions.AccessError",
                    f"{login} {model}.{method}",
                )
        # without a session: no model is reachable
        self.assertEqual(
            self._rpc(None, "repair.deferred.work", "search_read", [], fields_),
            "odoo.http.SessionExpiredException",
        )

    def test_status_is_the_workflow_s_through_rpc(self):
        for login in ("deferred_rpc_stock", "deferred_rpc_portal"):
            for values in (
                {"state": "done"},
                {"reminder_sent_on": "2026-01-01 00:00:00"},
                {"date_deferred": "2020-01-01"},
            ):
                self.assertEqual(
                    self._rpc(
                        login, "repair.deferred.work", "write", [self.work.id], values
                    ),
                    "odoo.exceptions.AccessError",
                    f"{login} {values}",
                )
            self.assertIn(
                self._rpc(
                    login,
                    "repair.deferred.work",
                    "create",
                    {
                        "name": "Forged",
                        "lot_id": self.item.id,
                        "partner_id": self.owner.id,
                        "state": "done",
                    },
                ),
                ("odoo.exceptions.AccessError", "odoo.exceptions.ValidationError"),
            )
        self.work.invalidate_recordset()
        self.assertEqual(self.work.state, "pending")
        self.assertFalse(self.work.reminder_sent_on)
        self.assertEqual(
            self.env["repair.deferred.work"].search_count([("name", "=", "Forged")]), 0
        )
