# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import html
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import format_amount, format_date

from .common import CustomerCommCase


@tagged("post_install", "-at_install")
class TestCustomerCard(CustomerCommCase, TransactionCase):
    """The customer card: its overdue invoices and documents, the counts
    computed together, and the payment reminder."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_comm_users()
        cls.invoice_user = new_test_user(
            cls.env,
            login="card_invoice_user",
            groups="customer_comm.group_customer_comm_user,"
            "account.group_account_invoice",
        )
        Partner = cls.env["res.partner"]
        cls.companies = Partner.create(
            [{"name": f"Officina {n}", "is_company": True} for n in range(30)]
        )
        cls.company = cls.companies[0]
        cls.contact = Partner.create(
            {"name": "Marco Officina", "parent_id": cls.company.id}
        )

    def _form(self, user):
        """The partner form as ``user`` gets it: its arch and its fields."""
        views = self.env["res.partner"].with_user(user).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        return arch, views["models"]["res.partner"]["fields"]

    # ----------------------------------------------------------------- counts
    def test_card_counts_without_query_per_customer(self):
        """The counts the user may read are computed together, as the form
        reads them: as many queries for 3 customers, and for 30, as for one
        (the contacts are looked up once for all, then one query counts
        them all)."""
        self.env = env = self.env(user=self.invoice_user)
        # warm the caches (access rights, groups) before counting
        self.contact.with_env(env).mapped("card_document_count")
        env.invalidate_all()
        start = self.cr.sql_log_count
        self.company.with_env(env).mapped("card_document_count")
        queries = self.cr.sql_log_count - start
        for count in (3, 30):
            partners = self.companies[:count].with_env(env)
            env.invalidate_all()
            with self.assertQueryCount(card_invoice_user=queries):
                partners.mapped("card_document_count")
                partners.mapped("card_overdue_invoice_count")

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
        company = self.company.with_user(self.invoice_user)
        self.assertEqual(company.card_overdue_invoice_count, 2)
        self.assertEqual(
            self.contact.with_user(self.invoice_user).card_overdue_invoice_count, 1
        )
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
                customer = customer.with_user(self.invoice_user)
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
                composer.with_user(self.invoice_user).action_send()
                log = self.env["customer.comm.log"].search(
                    [("partner_id", "=", customer.id)]
                )
                self.assertEqual(len(log), 1)
                self.assertEqual(
                    (log.channel, log.subject), ("email", composer.subject)
                )
                self.assertIn(invoices[0].name, log.message_id.body)

    def test_remind_payment_needs_an_overdue_invoice(self):
        company = self.company.with_user(self.invoice_user)
        self._overdue_invoices(self.company, [(-10, 50)])  # not due yet
        with self.assertRaisesRegex(UserError, "no overdue invoice"):
            company.action_customer_comm_remind_payment()

    def test_invoices_hidden_from_who_may_not_read_them(self):
        """Without Odoo's invoicing groups the card has no overdue invoice
        button nor "Remind payment", the count cannot be read through the
        API and is not even computed, and the reminder has nothing to
        list."""
        self._overdue_invoices(self.company, [(10, 50)])
        self.assertEqual(self.company.card_overdue_invoice_count, 1)
        for user in (self.comm_user, self.comm_manager):
            with self.subTest(user=user.login):
                arch, form_fields = self._form(user)
                self.assertNotIn("card_overdue_invoice_count", form_fields)
                self.assertFalse(
                    arch.xpath(
                        "//button[@name='action_view_card_overdue_invoices' or "
                        "@name='action_customer_comm_remind_payment']"
                    )
                )
                company = self.company.with_user(user)
                with self.assertRaises(AccessError):
                    company.read(["card_overdue_invoice_count"])
                company.invalidate_recordset()
                self.assertEqual(company.card_overdue_invoice_count, 0)
                self.assertFalse(company._customer_comm_overdue_invoices())
                with self.assertRaisesRegex(UserError, "no overdue invoice"):
                    company.action_customer_comm_remind_payment()
        arch, form_fields = self._form(self.invoice_user)
        self.assertIn("card_overdue_invoice_count", form_fields)
        self.assertTrue(
            arch.xpath("//header/button[@name='action_customer_comm_remind_payment']")
        )
