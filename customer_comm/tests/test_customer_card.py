# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import CustomerCommCase


@tagged("post_install", "-at_install")
class TestCustomerCard(CustomerCommCase, TransactionCase):
    """The customer card: counts of the documents of addons that may not be
    installed (repair, account), and the company-defined extra fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_comm_users()
        cls.has_repair = "repair.order" in cls.env
        cls.has_account = "account.move" in cls.env
        groups = ["customer_comm.group_customer_comm_user"]
        if cls.has_repair:
            groups.append("stock.group_stock_user")
        if cls.has_account:
            groups.append("account.group_account_invoice")
        cls.workshop_user = new_test_user(
            cls.env, login="card_workshop_user", groups=",".join(groups)
        )
        Partner = cls.env["res.partner"]
        cls.companies = Partner.create(
            [{"name": f"Officina {n}", "is_company": True} for n in range(30)]
        )
        cls.company = cls.companies[0]
        cls.contact = Partner.create(
            {"name": "Marco Officina", "parent_id": cls.company.id}
        )

    def _counts(self, user, partners, fname):
        partners = partners.with_user(user)
        partners.invalidate_recordset()
        return partners.mapped(fname)

    # ----------------------------------------------------------------- repair
    def test_repair_button_follows_the_repair_module(self):
        if not self.has_repair:
            self.assertFalse(self.company.card_show_repairs)
            self.assertEqual(self.company.card_repair_count, 0)
            return
        product = self.env["product.product"].create(
            {"name": "Scooter", "is_storable": True}
        )
        self.env["repair.order"].create(
            [
                {"partner_id": self.company.id, "product_id": product.id},
                {"partner_id": self.contact.id, "product_id": product.id},
                {"partner_id": self.companies[1].id, "product_id": product.id},
            ]
        )
        company = self.company.with_user(self.workshop_user)
        self.assertTrue(company.card_show_repairs)
        # the company counts its contacts' repairs, as Odoo counts sales
        self.assertEqual(company.card_repair_count, 2)
        self.assertEqual(
            self.contact.with_user(self.workshop_user).card_repair_count, 1
        )
        action = company.action_view_card_repairs()
        self.assertEqual(action["res_model"], "repair.order")
        self.assertEqual(
            self.env["repair.order"].search(action["domain"]).partner_id,
            self.company | self.contact,
        )
        # without the inventory group the button is hidden
        self.assertEqual(
            self._counts(self.comm_user, self.company, "card_show_repairs"), [False]
        )

    def test_card_counts_without_query_per_customer(self):
        """As many queries for 3 customers as for 30 (none when neither repair
        nor account is installed, only the read of the customers)."""
        self.env = self.env(user=self.workshop_user)
        # warm the caches (access rights, groups) before counting
        self.contact.with_env(self.env).mapped("card_repair_count")
        self.contact.with_env(self.env).mapped("card_overdue_invoice_count")
        for fname, queries in (
            ("card_repair_count", 5 if self.has_repair else 1),
            ("card_overdue_invoice_count", 6 if self.has_account else 1),
        ):
            for count in (3, 30):
                partners = self.companies[:count].with_env(self.env)
                self.env.invalidate_all()
                with self.assertQueryCount(card_workshop_user=queries):
                    partners.mapped(fname)

    # ---------------------------------------------------------------- account
    def test_overdue_invoices(self):
        if not self.has_account:
            self.assertFalse(self.company.card_show_overdue_invoices)
            return
        today = fields.Date.today()
        invoices = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": today - timedelta(days=60),
                    "invoice_date_due": due,
                    "invoice_line_ids": [
                        (0, 0, {"name": "Tagliando", "quantity": 1, "price_unit": 90})
                    ],
                }
                for partner, due in (
                    (self.company, today - timedelta(days=30)),
                    (self.contact, today - timedelta(days=1)),
                    (self.company, today + timedelta(days=10)),
                )
            ]
        )
        invoices.action_post()
        company = self.company.with_user(self.workshop_user)
        self.assertTrue(company.card_show_overdue_invoices)
        self.assertEqual(company.card_overdue_invoice_count, 2)
        action = company.action_view_card_overdue_invoices()
        self.assertEqual(
            self.env["account.move"].search(action["domain"]), invoices[:2]
        )

    # ------------------------------------------------------------- properties
    def test_company_defined_properties(self):
        company = self.env.company
        company.partner_properties_definition = [
            {"name": "shoe_size", "string": "Shoe size", "type": "integer"},
            {
                "name": "bike_kind",
                "string": "Bike",
                "type": "selection",
                "selection": [["road", "Road"], ["mtb", "Mountain bike"]],
            },
        ]
        customer = (
            self.env["res.partner"]
            .with_user(self.comm_user)
            .create({"name": "Lucia Ferri"})
        )
        self.assertEqual(customer.properties_company_id, company)
        customer.partner_properties = {"shoe_size": 42, "bike_kind": "mtb"}
        customer.invalidate_recordset()
        values = {
            prop["name"]: prop["value"]
            for prop in customer.read(["partner_properties"])[0]["partner_properties"]
        }
        self.assertEqual(values, {"shoe_size": 42, "bike_kind": "mtb"})
        self.assertEqual(
            self.env["res.partner"].search(
                [("partner_properties.bike_kind", "=", "mtb")]
            ),
            customer,
        )
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn('name="partner_properties"', arch)
