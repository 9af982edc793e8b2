# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import RepairOfferCommon


@tagged("post_install", "-at_install")
class TestRepairOffer(RepairOfferCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="advisor",
            groups="stock.group_stock_user,base.group_partner_manager",
        )
        cls.env = cls.env(user=cls.advisor)
        cls.offer = cls._create_offer()

    def test_offer_from_repair_order_parts(self):
        repair = self.offer.repair_id
        action = repair.action_create_offer()
        offer = self.env["repair.offer"].browse(action["res_id"])
        self.assertEqual(offer.repair_id, repair)
        self.assertEqual(repair.offer_count, 2)

    def test_send_gives_token_and_logs(self):
        self.offer.action_send()
        self.assertEqual(self.offer.state, "sent")
        self.assertTrue(self.offer.access_token)
        self.assertIn(
            self.offer.get_portal_url(),
            self.offer.repair_id.message_ids[0].body,
        )

    def test_send_without_lines_refused(self):
        self.offer.line_ids.unlink()
        with self.assertRaisesRegex(UserError, "at least one intervention"):
            self.offer.action_send()

    def test_confirm_records_decisions_once(self):
        self.offer.action_send()
        brakes, chain, service = self.offer.line_ids.sorted("id")
        done = self.offer.sudo()._confirm_decisions(
            {brakes: "fix", chain: "contact", service: "no_fix"}
        )
        self.assertTrue(done)
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(self.offer.amount_accepted, 40.0)
        self.assertEqual(self.offer.amount_proposed, 130.0)
        again = self.offer.sudo()._confirm_decisions(
            {brakes: "no_fix", chain: "no_fix", service: "fix"}
        )
        self.assertFalse(again)
        self.assertEqual(brakes.decision, "fix")

    def test_confirm_needs_every_line(self):
        self.offer.action_send()
        with self.assertRaisesRegex(UserError, "decide every intervention"):
            self.offer.sudo()._confirm_decisions({self.offer.line_ids[0]: "fix"})

    def test_cancelled_offer_cannot_be_sent_or_answered(self):
        self.offer.action_send()
        self.offer.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be sent"):
            self.offer.action_send()
        with self.assertRaisesRegex(UserError, "no longer be answered"):
            self.offer.sudo()._confirm_decisions(
                dict.fromkeys(self.offer.line_ids, "fix")
            )
