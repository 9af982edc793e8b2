# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import html
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import format_amount, format_date

from .common import CustomerCommCase


@tagged("post_install", "-at_install")
class TestCustomerCard(CustomerCommCase, TransactionCase):
    """The customer card: counts of the documents of addons that may not be
    installed (repair, account, calendar), its documents, the payment
    reminder, and the company-defined extra fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_comm_users()
        cls.has_repair = "repair.order" in cls.env
        cls.has_account = "account.move" in cls.env
        cls.has_calendar = "calendar.event" in cls.env
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
        fnames = {
            "card_repair_count": 5 if self.has_repair else 1,
            "card_overdue_invoice_count": 6 if self.has_account else 1,
            # upcoming and past in one compute: the contacts looked up once,
            # then one grouped count each
            "card_upcoming_meeting_count": 6 if self.has_calendar else 1,
            # the attachments' own access check reads the customers once
            "card_document_count": 6,
        }
        # warm the caches (access rights, groups) before counting
        for fname in fnames:
            self.contact.with_env(self.env).mapped(fname)
        for fname, queries in fnames.items():
            for count in (3, 30):
                partners = self.companies[:count].with_env(self.env)
                self.env.invalidate_all()
                with self.assertQueryCount(card_workshop_user=queries):
                    partners.mapped(fname)

    def test_card_count_of_a_missing_app(self):
        """An app that is not installed gives no count, and no button."""
        self.assertIsNone(self.company._card_count("no.such.model", []))
        counts = self.company._card_count("res.partner", [], partner_field="parent_id")
        self.assertEqual(counts, {self.company: 1})

    # --------------------------------------------------------------- calendar
    def test_meetings_past_and_upcoming(self):
        if not self.has_calendar:
            self.assertFalse(self.company.card_show_meetings)
            return
        now = fields.Datetime.now()
        other = self.companies[1]
        Event = self.env["calendar.event"]

        def meeting(name, days, attendees):
            start = now + timedelta(days=days)
            return Event.create(
                {
                    "name": name,
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "partner_ids": [(6, 0, attendees.ids)],
                }
            )

        past = meeting("Tagliando", -10, self.company)
        # the company and its contact both attend: it counts once
        both = meeting("Consegna", 3, self.company | self.contact)
        contact_only = meeting("Ritiro", 5, self.contact)
        meeting("Altro cliente", 2, other)
        company = self.company.with_user(self.workshop_user)
        self.assertTrue(company.card_show_meetings)
        self.assertEqual(
            (company.card_upcoming_meeting_count, company.card_past_meeting_count),
            (2, 1),
        )
        contact = self.contact.with_user(self.workshop_user)
        self.assertEqual(
            (contact.card_upcoming_meeting_count, contact.card_past_meeting_count),
            (2, 0),
        )
        upcoming = company.action_view_card_upcoming_meetings()
        self.assertEqual(upcoming["res_model"], "calendar.event")
        self.assertEqual(upcoming["views"][0][1], "list")
        self.assertEqual(Event.search(upcoming["domain"]), both | contact_only)
        past_action = company.action_view_card_past_meetings()
        self.assertEqual(Event.search(past_action["domain"]), past)
        self.assertIn(self.company.id, upcoming["context"]["default_partner_ids"])

    # -------------------------------------------------------------- documents
    def test_documents_of_the_customer_and_contacts(self):
        Attachment = self.env["ir.attachment"]
        files = Attachment.create(
            [
                {
                    "name": name,
                    "raw": b"signed",
                    "res_model": "res.partner",
                    "res_id": partner.id,
                }
                for name, partner in (
                    ("contratto.pdf", self.company),
                    ("patente.pdf", self.contact),
                    ("altro.pdf", self.companies[1]),
                )
            ]
        )
        # a partner's picture is a field, not a shared document
        self.contact.image_1920 = (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8Dw"
            "HwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
        )
        company = self.company.with_user(self.comm_user)
        self.assertEqual(company.card_document_count, 2)
        self.assertEqual(self.contact.with_user(self.comm_user).card_document_count, 1)
        action = company.action_view_card_documents()
        self.assertEqual(action["res_model"], "ir.attachment")
        Attachment = Attachment.with_user(self.comm_user)
        self.assertEqual(Attachment.search(action["domain"]), files[:2])
        # a file uploaded from that screen lands on the customer
        uploaded = Attachment.with_context(**action["context"]).create(
            {"name": "preventivo.pdf", "raw": b"quote"}
        )
        self.assertEqual(
            (uploaded.res_model, uploaded.res_id), ("res.partner", self.company.id)
        )
        company.invalidate_recordset()
        self.assertEqual(company.card_document_count, 3)

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

    def _overdue_invoices(self, partner, amounts, currency=None):
        today = fields.Date.today()
        invoices = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "currency_id": (currency or self.env.company.currency_id).id,
                    "invoice_date": today - timedelta(days=60),
                    "invoice_date_due": today - timedelta(days=days),
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {"name": "Tagliando", "quantity": 1, "price_unit": amount},
                        )
                    ],
                }
                for days, amount in amounts
            ]
        )
        invoices.action_post()
        return invoices

    def test_remind_payment_in_the_customer_language(self):
        """The reminder lists the overdue invoices and their total, in the
        customer's language (dates and amounts formatted for it)."""
        if not self.has_account:
            self.assertEqual(self.company._customer_comm_overdue_invoices(), [])
            return
        for lang, name in (("it_IT", "Officina Greco"), ("fr_FR", "Garage Moreau")):
            with self.subTest(lang=lang):
                self.env["res.lang"]._activate_lang(lang)
                customer = self.env["res.partner"].create(
                    {
                        "name": name,
                        "is_company": True,
                        "email": "amministrazione@example.com",
                        "lang": lang,
                    }
                )
                invoices = self._overdue_invoices(customer, [(40, 1250.5), (5, 99)])
                self._overdue_invoices(customer, [(-5, 30)])  # not due yet
                customer = customer.with_user(self.workshop_user)
                self.assertEqual(customer._customer_comm_overdue_invoices(), invoices)
                action = customer.action_customer_comm_remind_payment()
                composer = self.env["customer.comm.composer"].browse(action["res_id"])
                self.assertEqual(composer.channel, "email")
                self.assertEqual(
                    composer.mail_template_id,
                    self.env.ref("customer_comm.mail_template_payment_reminder"),
                )
                self.assertTrue(composer.template_applied)
                self.assertTrue(composer.subject)
                env = self.env(context={"lang": lang})
                currency = invoices.currency_id
                body = html.unescape(composer.body)
                for invoice in invoices:
                    self.assertIn(invoice.name, body)
                    self.assertIn(format_date(env, invoice.invoice_date_due), body)
                    self.assertIn(
                        format_amount(env, invoice.amount_residual, currency), body
                    )
                self.assertIn(format_amount(env, 1349.5, currency), body)
                # sending it records it in the customer's history
                composer.with_user(self.workshop_user).action_send()
                log = self.env["customer.comm.log"].search(
                    [("partner_id", "=", customer.id)]
                )
                self.assertEqual(len(log), 1)
                self.assertEqual(
                    (log.channel, log.subject), ("email", composer.subject)
                )
                self.assertIn(invoices[0].name, log.message_id.body)

    def test_remind_payment_needs_an_overdue_invoice(self):
        company = self.company.with_user(self.workshop_user)
        if self.has_account:
            self._overdue_invoices(self.company, [(-10, 50)])
        with self.assertRaisesRegex(UserError, "no overdue invoice"):
            company.action_customer_comm_remind_payment()
        # a user who may not read invoices gets an empty list, not an error
        self.assertEqual(
            self.company.with_user(self.comm_user)._customer_comm_overdue_invoices(),
            [],
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
