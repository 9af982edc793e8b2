# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerCardRepairOffers(TransactionCase):
    """The "Repair offers" smart button of the customer card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="card_offer_advisor",
            groups="stock.group_stock_user,customer_comm.group_customer_comm_user",
        )
        cls.comm_user = new_test_user(
            cls.env,
            login="card_offer_comm_user",
            groups="customer_comm.group_customer_comm_user",
        )
        Partner = cls.env["res.partner"]
        cls.companies = Partner.create(
            [{"name": f"Autofficina {n}", "is_company": True} for n in range(30)]
        )
        cls.company = cls.companies[0]
        cls.contact = Partner.create(
            {"name": "Sara Autofficina", "parent_id": cls.company.id}
        )
        cls.product = cls.env.ref("product.product_product_3")

    def _offers(self, *partners):
        repairs = self.env["repair.order"].create(
            [
                {"partner_id": partner.id, "product_id": self.product.id}
                for partner in partners
            ]
        )
        return self.env["repair.offer"].create(
            [{"repair_id": repair.id} for repair in repairs]
        )

    def test_offers_of_the_customer_and_its_contacts(self):
        offers = self._offers(self.company, self.contact, self.companies[1])
        company = self.company.with_user(self.advisor)
        self.assertTrue(company.card_show_repair_offers)
        self.assertEqual(company.card_repair_offer_count, 2)
        self.assertEqual(
            self.contact.with_user(self.advisor).card_repair_offer_count, 1
        )
        action = company.action_view_card_repair_offers()
        self.assertEqual(action["res_model"], "repair.offer")
        self.assertEqual(self.env["repair.offer"].search(action["domain"]), offers[:2])
        # who may not read the offers does not see the button
        comm_company = self.company.with_user(self.comm_user)
        comm_company.invalidate_recordset()
        self.assertFalse(comm_company.card_show_repair_offers)
        self.assertEqual(comm_company.card_repair_offer_count, 0)

    def test_count_without_query_per_customer(self):
        self._offers(*self.companies)
        self.env = env = self.env(user=self.advisor)
        self.contact.with_env(env).mapped("card_repair_offer_count")
        for count in (3, 30):
            partners = self.companies[:count].with_env(env)
            env.invalidate_all()
            with self.assertQueryCount(card_offer_advisor=5):
                counts = partners.mapped("card_repair_offer_count")
            self.assertEqual(counts, [1] * count)
