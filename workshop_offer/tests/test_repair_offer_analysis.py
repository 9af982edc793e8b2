# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import RepairOfferCommon


@tagged("post_install", "-at_install")
class TestRepairOfferAnalysis(RepairOfferCommon, TransactionCase):
    """The stored figures the pivot and graph views group: acceptance by
    intervention and by advisor, time to answer, value accepted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.anna = new_test_user(
            cls.env, login="analysis_anna", groups="stock.group_stock_user"
        )
        cls.bruno = new_test_user(
            cls.env, login="analysis_bruno", groups="stock.group_stock_user"
        )

    def _answered_offer(self, advisor, decisions, hours=2.0):
        offer = self._create_offer(partner_name=f"Cliente {advisor.login}")
        offer.repair_id.user_id = advisor
        offer.with_user(advisor).action_send()
        offer.sudo()._confirm_decisions(
            dict(zip(offer.line_ids.sorted("id"), decisions, strict=True)),
            self.condition,
        )
        # answered ``hours`` after the link was sent
        offer.sudo().write({"date_sent": offer.date_confirmed - timedelta(hours=hours)})
        return offer

    def test_acceptance_by_intervention_and_advisor(self):
        self._answered_offer(self.anna, ["fix", "fix", "no_fix"], hours=2.0)
        self._answered_offer(self.anna, ["fix", "no_fix", "fix"], hours=4.0)
        self._answered_offer(self.bruno, ["no_fix", "no_fix", "no_fix"], hours=9.0)
        Line = self.env["repair.offer.line"]
        domain = [
            ("decision", "!=", False),
            ("advisor_id", "in", (self.anna | self.bruno).ids),
        ]
        by_name = {
            name: (rate, proposed, accepted)
            for name, rate, proposed, accepted in Line._read_group(
                domain,
                ["name"],
                ["acceptance_rate:avg", "price_total:sum", "amount_accepted:sum"],
            )
        }
        self.assertAlmostEqual(by_name["Brake pads"][0], 200 / 3, places=2)
        self.assertEqual(by_name["Brake pads"][1:], (120.0, 80.0))
        self.assertAlmostEqual(by_name["New chain"][0], 100 / 3, places=2)
        self.assertEqual(by_name["New chain"][1:], (90.0, 30.0))
        by_advisor = dict(
            Line._read_group(domain, ["advisor_id"], ["acceptance_rate:avg"])
        )
        self.assertAlmostEqual(by_advisor[self.anna], 400 / 6, places=2)
        self.assertEqual(by_advisor[self.bruno], 0.0)
        hours = dict(
            self.env["repair.offer"]._read_group(
                [("advisor_id", "in", (self.anna | self.bruno).ids)],
                ["advisor_id"],
                ["answer_hours:avg"],
            )
        )
        self.assertAlmostEqual(hours[self.anna], 3.0, places=2)
        self.assertAlmostEqual(hours[self.bruno], 9.0, places=2)

    def test_advisor_recomputed_without_query_per_offer(self):
        """Changing the repairs' responsible updates the stored advisor of
        their offers and lines in as many queries for 3 offers as for 30."""
        offers = self.env["repair.offer"].concat(
            *(self._create_offer(partner_name=f"Cliente {n}") for n in range(30))
        )
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        offers[:3].repair_id.write({"user_id": self.anna.id})
        self.env.flush_all()
        queries = self.cr.sql_log_count - start
        self.assertEqual(offers[:3].line_ids.advisor_id, self.anna)
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            offers.repair_id.write({"user_id": self.bruno.id})
            self.env.flush_all()
        self.assertEqual(offers.line_ids.advisor_id, self.bruno)

    def test_unanswered_offer_has_no_time_to_answer(self):
        offer = self._create_offer()
        offer.action_send()
        self.assertEqual(offer.answer_hours, 0.0)
        self.assertFalse(offer.line_ids.filtered("decision"))
        self.assertTrue(offer.date_sent <= fields.Datetime.now())
