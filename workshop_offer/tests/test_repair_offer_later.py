# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A "later" answer: not done now (refused, its part neither consumed nor
invoiced), kept on the item as deferred work, proposed again at the next
offer and reminded. Offered for work that can wait, never for urgent work
nor for "checked, fine" items."""

import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import RepairOfferCommon, WorkshopItemCommon


class LaterCommon(RepairOfferCommon, WorkshopItemCommon):
    @classmethod
    def _setup_later(cls):
        cls._setup_conditions()
        cls._setup_items()
        cls.owner.email_marketing_consent = True
        cls.item = cls._create_item("BIKE-LATER")
        cls.tyre, cls.pads = cls.env["product.product"].create(
            [
                {"name": name, "type": "consu", "list_price": price}
                for name, price in (("Tyre", 45.0), ("Pads", 20.0))
            ]
        )
        cls.repair = cls.env["repair.order"].create(
            {
                "partner_id": cls.owner.id,
                "product_id": cls.item.product_id.id,
                "lot_id": cls.item.id,
            }
        )
        cls._add_parts(cls.repair, (cls.tyre, cls.pads))
        cls.repair.action_create_sale_order()
        cls.offer = cls.env["repair.offer"].browse(
            cls.repair.action_create_offer()["res_id"]
        )
        cls.tyres, cls.brakes = cls.offer.line_ids.sorted("id")
        cls.tyres.severity = "soon"
        cls.brakes.severity = "urgent"
        cls.offer.line_ids.tax_ids = False
        cls.plain, cls.fine = cls.env["repair.offer.line"].create(
            [
                {
                    "offer_id": cls.offer.id,
                    "name": "Bell",
                    "price": 5.0,
                    "line_kind": "optional",
                    "tax_ids": [],
                },
                {
                    "offer_id": cls.offer.id,
                    "name": "Lights",
                    "price": 0.0,
                    "line_kind": "optional",
                    "severity": "fine",
                    "tax_ids": [],
                },
            ]
        )
        cls.offer.action_send()


@tagged("post_install", "-at_install")
class TestRepairOfferLater(LaterCommon, TransactionCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_later()

    def test_offered_for_work_that_can_wait(self):
        self.assertIn("later", self.tyres._decisions_offered())
        self.assertIn("later", self.plain._decisions_offered())
        self.assertNotIn("later", self.brakes._decisions_offered())
        self.assertIn("no_fix", self.brakes._decisions_offered())
        self.assertEqual(self.fine._decisions_offered(), ())

    def test_later_not_done_kept_proposed_and_reminded(self):
        self.offer.sudo()._confirm_decisions(
            {self.tyres: "later", self.brakes: "fix", self.plain: "later"},
            self.condition,
        )
        # not done now: the part is neither consumed nor invoiced
        self.assertEqual(self.tyres.move_id.product_uom_qty, 0.0)
        self.assertEqual(self.tyres.move_id.sale_line_id.product_uom_qty, 0.0)
        self.assertEqual(self.brakes.move_id.product_uom_qty, 2.0)
        self.assertEqual(self.offer.amount_accepted, self.brakes.price_total)
        self.offer.action_authorise_answers()
        self.assertEqual(self.tyres.authorisation, "refused")
        self.assertEqual(self.brakes.authorisation, "authorised")
        # not accepted in the analysis
        self.assertEqual(self.tyres.acceptance_rate, 0.0)
        self.assertIn(
            "Put off for later, kept on the item: Tyre, Bell.",
            " ".join(self.repair.message_ids.mapped("body")),
        )
        # kept on the item
        works = self.env["repair.deferred.work"].search(
            [("lot_id", "=", self.item.id)], order="id"
        )
        self.assertRecordValues(
            works,
            [
                {"name": self.tyres.name, "state": "pending", "severity": "soon"},
                {"name": "Bell", "state": "pending", "severity": False},
            ],
        )
        # reminded once the company's delay has passed
        self.env.company.deferred_work_reminder_days = 30
        works.sudo().date_deferred = fields.Date.today() - timedelta(days=31)
        self.env.ref(
            "workshop_offer.ir_cron_repair_deferred_work_reminder"
        ).method_direct_trigger()
        self.assertTrue(all(works.mapped("reminder_sent_on")))
        # proposed again in the next offer of that item
        following = self._create_item_offer(
            self.item, [("Chain", 30.0, "initial", "soon")]
        )
        self.assertEqual(
            following.line_ids.deferred_work_id.sorted("id"), works.sorted("id")
        )

    def test_later_refused_for_urgent_work_whoever_records_it(self):
        with self.assertRaisesRegex(UserError, "not possible"):
            self.offer.sudo()._confirm_decisions(
                {self.tyres: "fix", self.brakes: "later", self.plain: "fix"},
                self.condition,
            )
        self.assertEqual(self.offer.state, "sent")
        self.assertFalse(self.brakes.decision)

    def test_recorded_by_phone(self):
        advisor = new_test_user(
            self.env, login="later_advisor", groups="stock.group_stock_user"
        )
        action = self.offer.with_user(advisor).action_record_answer()
        wizard = (
            self.env["repair.offer.answer"]
            .with_user(advisor)
            .with_context(**action["context"])
            .create({"told_by": "Marco Rossi", "date_told": "2026-11-30 10:00:00"})
        )
        answers = {
            self.tyres: "later",
            self.brakes: "fix",
            self.plain: "no_fix",
        }
        for answer in wizard.line_ids:
            answer.decision = answers[answer.line_id]
        wizard.action_record_answer()
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(self.tyres.decision, "later")
        self.assertTrue(self.tyres.answered_by_phone)
        self.assertEqual(self.tyres.move_id.product_uom_qty, 0.0)
        work = self.env["repair.deferred.work"].search(
            [("offer_line_id", "=", self.tyres.id)]
        )
        self.assertEqual(work.state, "pending")


@tagged("post_install", "-at_install")
class TestRepairOfferLaterPortal(LaterCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_later()

    def _page(self):
        return self.url_open(self.offer.get_portal_url(), allow_redirects=False)

    def _post(self, decisions):
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', self._page().text)
        data = {f"decision_{line.id}": value for line, value in decisions.items()}
        data.update(
            {
                f"condition_{self.condition.id}": "1",
                "csrf_token": csrf.group(1),
                "accepted_by_name": "Marco Rossi",
            }
        )
        return self.url_open(
            self.offer.get_portal_url(suffix="/confirm"),
            data=data,
            allow_redirects=False,
        )

    def test_later_button_only_where_offered(self):
        page = self._page().text
        self.assertIn(f'id="decision_{self.tyres.id}_later"', page)
        self.assertIn(f'id="decision_{self.plain.id}_later"', page)
        self.assertNotIn(f'id="decision_{self.brakes.id}_later"', page)
        self.assertIn(f'id="decision_{self.brakes.id}_no_fix"', page)
        self.assertNotIn(f'id="decision_{self.fine.id}_', page)

    def test_later_posted_kept_as_deferred_work(self):
        response = self._post(
            {self.tyres: "later", self.brakes: "fix", self.plain: "fix"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("message=confirmed", response.headers["Location"])
        self.assertEqual(self.tyres.decision, "later")
        self.assertEqual(self.tyres.move_id.product_uom_qty, 0.0)
        work = self.env["repair.deferred.work"].search(
            [("offer_line_id", "=", self.tyres.id)]
        )
        self.assertRecordValues(
            work, [{"state": "pending", "lot_id": self.item.id, "severity": "soon"}]
        )
        # the answered page shows it
        page = self._page().text
        self.assertIn("o_decision_value_later", page)

    def test_later_refused_for_urgent_work(self):
        response = self._post(
            {self.tyres: "fix", self.brakes: "later", self.plain: "fix"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("not possible for this intervention", response.text)
        self.assertEqual(self.offer.state, "sent")
        self.assertFalse(self.brakes.decision)
        self.assertFalse(
            self.env["repair.deferred.work"].search([("lot_id", "=", self.item.id)])
        )
