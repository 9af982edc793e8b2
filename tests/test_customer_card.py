# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer card with the three addons installed: each addon's buttons
where its app is, ours before Odoo's, each count once."""

from lxml import etree

from odoo.tests import TransactionCase, new_test_user, tagged

# the order of the seed's card: requests, invoices due, meetings, repairs,
# (vehicles,) documents, history (customer_request, customer_comm, customer_request,
# workshop_offer, customer_comm)
OUR_BUTTONS = [
    "action_view_customer_requests",
    "action_new_customer_request",
    "action_view_card_overdue_invoices",
    "action_view_card_upcoming_meetings",
    "action_view_card_past_meetings",
    "action_view_card_repairs",
    "action_view_card_repair_offers",
    "action_view_card_items",
    "action_view_card_documents",
    "action_view_customer_comm_logs",
]


@tagged("standard", "post_install", "-at_install")
class TestCustomerCardButtons(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a user of every app of the card
        cls.user = new_test_user(
            cls.env,
            login="card_every_app_user",
            groups="customer_request.group_customer_request_user,"
            "account.group_account_invoice,stock.group_stock_user",
        )

    def test_card_counts_in_few_queries(self):
        """Every count of the card, for a customer with contacts, in three
        queries: the customer and its contacts at any depth with their
        parent; the grouped counts of every app together (open requests,
        overdue invoices, documents, repairs, repair offers, vehicles,
        history); the meetings (upcoming and past together)."""
        Partner = self.env["res.partner"]
        company = Partner.create({"name": "Officina Tre", "is_company": True})
        Partner.create(
            [{"name": f"Referente {n}", "parent_id": company.id} for n in range(2)]
        )
        self.env = env = self.env(user=self.user)
        company = company.with_env(env)
        fnames = [
            fname
            for fname, field in Partner._fields.items()
            if field.compute == "_compute_card_counts"
        ]
        self.assertEqual(len(fnames), 9)
        company.read(fnames)  # warm the caches (access rights, groups)
        company.invalidate_recordset(fnames)
        with self.assertQueryCount(card_every_app_user=3):
            company.read(fnames)

    def test_our_buttons_first_then_odoo_s(self):
        views = (
            self.env["res.partner"].with_user(self.user).get_views([(False, "form")])
        )
        arch = etree.fromstring(views["views"]["form"]["arch"])
        buttons = arch.xpath("//div[@name='button_box']/button/@name")
        self.assertEqual(buttons[: len(OUR_BUTTONS)], OUR_BUTTONS)
        # Odoo's own follow (sales, invoiced amount, tickets...)
        self.assertIn("action_view_sale_order", buttons[len(OUR_BUTTONS) :])
        self.assertIn("action_view_partner_invoices", buttons[len(OUR_BUTTONS) :])
        # calendar's "Meetings" would count our upcoming and past meetings again
        self.assertNotIn("schedule_meeting", buttons)
        # "Contact" is the header's primary action, not a count
        header = arch.xpath("//header/button[@name='action_open_customer_composer']")
        self.assertIn("btn-primary", header[0].get("class"))
        self.assertNotIn("action_open_customer_composer", buttons)
