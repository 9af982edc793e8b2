# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from .common import CustomerCommCase

REPORT = "customer_comm.action_report_privacy_consent"


@tagged("post_install", "-at_install")
class TestPrivacyConsent(CustomerCommCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_comm_users()
        cls.env = cls.env(user=cls.comm_user)
        cls.customer = cls.env["res.partner"].create(
            {
                "firstname": "Giulia",
                "lastname": "Ferrari",
                "country_id": cls.italy.id,
                "fiscal_code": "RSSMRA85T10A562S",
                "lang": "it_IT",
                "email": "giulia.ferrari@example.it",
            }
        )

    def test_record_and_withdraw_consent(self):
        self.customer.action_record_privacy_consent()
        self.assertTrue(self.customer.privacy_consent_date)
        self.assertEqual(self.customer.privacy_consent_user_id, self.comm_user)
        self.customer.action_withdraw_privacy_consent()
        self.assertTrue(self.customer.privacy_withdrawal_date)
        self.assertTrue(self.customer.privacy_consent_date, "the signature stays known")
        self.customer.action_record_privacy_consent()
        self.assertFalse(self.customer.privacy_withdrawal_date)

    def test_form_printed_in_the_customer_language(self):
        self.customer.sudo().privacy_consent_date = "2026-03-10 10:00:00"
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, self.customer.ids
        )
        html = html.decode()
        self.assertIn("Giulia Ferrari", html)
        self.assertIn("RSSMRA85T10A562S", html)
        self.assertIn('data-oe-lang="it_IT"', html)
        # the Italian date format, not the English 03/10/2026
        self.assertIn("10/03/2026", html)
        self.assertIn(self.env.company.name, html)

    def test_blank_date_until_signed(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(REPORT, self.customer.ids)[0]
            .decode()
        )
        self.assertIn("____________________", html)


@tagged("post_install", "-at_install")
class TestPrivacyConsentPdf(CustomerCommCase, HttpCase):
    """wkhtmltopdf loads the report's assets from Odoo's HTTP server."""

    def test_pdf(self):
        self._setup_comm_users()
        customer = self.env["res.partner"].create(
            {"name": "Claire Martin", "country_id": self.france.id, "lang": "fr_FR"}
        )
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores the
        # header/footer switches: a fact of the machine, not of this report
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(self.comm_user)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(REPORT, customer.ids)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
