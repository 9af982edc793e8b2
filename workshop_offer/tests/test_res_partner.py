# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerCardRepairs(TransactionCase):
    """The "Repairs" and "Repair offers" buttons of the customer card."""

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

    def _repairs(self, *partners):
        return self.env["repair.order"].create(
            [
                {"partner_id": partner.id, "product_id": self.product.id}
                for partner in partners
            ]
        )

    def _offers(self, repairs):
        return self.env["repair.offer"].create(
            [{"repair_id": repair.id} for repair in repairs]
        )

    def test_repairs_and_offers_of_the_customer_and_its_contacts(self):
        repairs = self._repairs(self.company, self.contact, self.companies[1])
        offers = self._offers(repairs[1:])
        company = self.company.with_user(self.advisor)
        # the company counts its contacts' repairs, as Odoo counts sales
        self.assertEqual(
            (company.card_repair_count, company.card_repair_offer_count), (2, 1)
        )
        contact = self.contact.with_user(self.advisor)
        self.assertEqual(
            (contact.card_repair_count, contact.card_repair_offer_count), (1, 1)
        )
        action = company.action_view_card_repairs()
        self.assertEqual(action["res_model"], "repair.order")
        self.assertEqual(self.env["repair.order"].search(action["domain"]), repairs[:2])
        action = company.action_view_card_repair_offers()
        self.assertEqual(action["res_model"], "repair.offer")
        self.assertEqual(self.env["repair.offer"].search(action["domain"]), offers[:1])

    def test_hidden_from_who_may_not_read_repairs(self):
        """Without the inventory group: no repair button on the card, no
        count through the API, and the counts are not even computed."""
        self._offers(self._repairs(self.company))
        views = (
            self.env["res.partner"]
            .with_user(self.comm_user)
            .get_views([(False, "form")])
        )
        arch = etree.fromstring(views["views"]["form"]["arch"])
        self.assertFalse(
            arch.xpath(
                "//button[@name='action_view_card_repairs' or "
                "@name='action_view_card_repair_offers']"
            )
        )
        form_fields = views["models"]["res.partner"]["fields"]
        self.assertFalse(
            {"card_repair_count", "card_repair_offer_count"} & set(form_fields)
        )
        company = self.company.with_user(self.comm_user)
        with self.assertRaises(AccessError):
            company.read(["card_repair_count"])
        with self.assertRaises(AccessError):
            company.read(["card_repair_offer_count"])
        self.assertEqual(
            (company.card_repair_count, company.card_repair_offer_count), (0, 0)
        )

    def test_count_without_query_per_customer(self):
        """The repair counts with the other counts of the card: as many
        queries for 3 customers, and for 30, as for one."""
        self._offers(self._repairs(*self.companies))
        self.env = env = self.env(user=self.advisor)
        self.contact.with_env(env).mapped("card_repair_offer_count")
        env.invalidate_all()
        start = self.cr.sql_log_count
        self.company.with_env(env).mapped("card_repair_offer_count")
        queries = self.cr.sql_log_count - start
        for count in (3, 30):
            partners = self.companies[:count].with_env(env)
            env.invalidate_all()
            with self.assertQueryCount(card_offer_advisor=queries):
                repairs = partners.mapped("card_repair_count")
                offers = partners.mapped("card_repair_offer_count")
            self.assertEqual((repairs, offers), ([1] * count, [1] * count))

    def test_vehicles_counted_without_query_per_customer(self):
        """The customer's vehicles and items (lots they or their contacts
        own) with the other counts of the card: flat for 3 and 30."""
        bike = self.env["product.product"].create(
            {"name": "Card bike", "is_storable": True, "tracking": "serial"}
        )
        self.env["stock.lot"].create(
            [
                {
                    "name": f"CARD-{partner.id}",
                    "product_id": bike.id,
                    "owner_id": partner.id,
                }
                for partner in (*self.companies, self.contact)
            ]
        )
        self.env = env = self.env(user=self.advisor)
        self.contact.with_env(env).mapped("card_item_count")
        env.invalidate_all()
        start = self.cr.sql_log_count
        self.company.with_env(env).mapped("card_item_count")
        queries = self.cr.sql_log_count - start
        for count in (3, 30):
            partners = self.companies[:count].with_env(env)
            env.invalidate_all()
            with self.assertQueryCount(card_offer_advisor=queries):
                items = partners.mapped("card_item_count")
            self.assertEqual(items, [2] + [1] * (count - 1))
        company = self.company.with_user(self.comm_user)
        with self.assertRaises(AccessError):
            company.read(["card_item_count"])
