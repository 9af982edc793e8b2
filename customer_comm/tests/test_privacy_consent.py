# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from urllib.parse import urlsplit

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import CustomerCommCase

REPORT = "customer_comm.action_report_privacy_consent"


@tagged("post_install", "-at_install")
class TestPrivacyConsent(CustomerCommCase, TransactionCase, MockEmail):
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
                "l10n_it_codice_fiscale": "RSSMRA85T10A562S",
                "lang": "it_IT",
                "email": "giulia.ferrari@example.it",
            }
        )

    def _consent(self):
        return (
            self.env["privacy.consent"]
            .sudo()
            .search([("partner_id", "=", self.customer.id)])
        )

    def test_record_and_withdraw_consent(self):
        """The signed form and its withdrawal are answers to the customer's
        consent to their company's customer data processing (OCA privacy
        consent); the customer form shows them."""
        self.assertEqual(self.customer.privacy_consent_state, "none")
        self.customer.action_record_privacy_consent()
        consent = self._consent()
        activity = consent.activity_id
        self.assertEqual(activity.customer_comm_company_id, self.env.company)
        self.assertEqual(activity.name, "Customer data processing")
        self.assertEqual((consent.state, consent.accepted), ("answered", True))
        self.assertIn("Signed form recorded by", consent.last_metadata)
        self.assertEqual(self.customer.privacy_consent_state, "accepted")
        self.assertEqual(self.customer.privacy_consent_date, consent.accepted_date)
        self.assertEqual(self.customer.privacy_consent_user_id, self.comm_user)
        self.customer.action_withdraw_privacy_consent()
        self.assertEqual(len(self._consent()), 1)
        self.assertEqual((consent.state, consent.accepted), ("answered", False))
        self.assertEqual(self.customer.privacy_consent_state, "rejected")
        self.assertTrue(self.customer.privacy_withdrawal_date)
        self.assertTrue(self.customer.privacy_consent_date, "the signature stays known")
        self.customer.action_record_privacy_consent()
        self.assertEqual(self.customer.privacy_consent_state, "accepted")
        self.assertFalse(self.customer.privacy_withdrawal_date)

    def test_only_who_may_edit_the_customer_records_it(self):
        env = self.env(su=True)
        employee = new_test_user(
            env, login="privacy_employee", groups="base.group_user"
        )
        portal = new_test_user(env, login="privacy_portal", groups="base.group_portal")
        for user in (employee, portal):
            for action in (
                "action_record_privacy_consent",
                "action_withdraw_privacy_consent",
                "action_ask_privacy_consent",
            ):
                with (
                    self.subTest(user=user.login, action=action),
                    self.assertRaises(AccessError),
                ):
                    getattr(self.customer.with_user(user), action)()
        self.assertFalse(self._consent())

    def test_each_company_has_its_activity(self):
        company = self.env["res.company"].sudo().create({"name": "Officina Due"})
        activity = company._customer_privacy_activity()
        self.assertEqual(activity.controller_id, company.partner_id)
        self.assertEqual(activity.consent_required, "manual")
        self.assertEqual(company._customer_privacy_activity(), activity)
        self.assertNotEqual(self.env.company._customer_privacy_activity(), activity)

    def test_asked_by_email_with_the_consent_links(self):
        """Odoo's consent e-mail of OCA privacy consent, through the outbound
        path: in the customer's history, its Accept/Reject links carry their
        token in the e-mail only."""
        with self.mock_mail_gateway():
            self.customer.action_ask_privacy_consent()
        consent = self._consent()
        self.assertEqual(consent.state, "sent")
        self.assertEqual(self.customer.privacy_consent_state, "asked")
        body = self._mails[0]["body"]
        self.assertIn(f"/privacy/consent/accept/{consent.id}/{consent._token()}", body)
        stored = consent.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn("/privacy/consent/accept/", stored.body)
        self.assertNotIn(consent._token(), stored.body)
        log = self.env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual((log.channel, log.res_model), ("email", "privacy.consent"))
        self.assertNotIn(consent._token(), log.body)

    def test_no_e_mail_no_asking(self):
        self.customer.email = False
        with self.assertRaisesRegex(UserError, "print the consent form"):
            self.customer.action_ask_privacy_consent()

    def test_form_printed_in_the_customer_language(self):
        self.customer.action_record_privacy_consent()
        self._consent().accepted_date = "2026-03-10 10:00:00"
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


@tagged("post_install", "-at_install")
class TestPrivacyConsentAnswer(CustomerCommCase, HttpCase):
    """The customer answers the consent e-mail with its link, without an
    account; a forged link changes nothing."""

    def test_customer_accepts_with_the_link(self):
        self._setup_comm_users()
        customer = self.env["res.partner"].create(
            {"name": "Marco Testa", "email": "marco.testa@example.it"}
        )
        customer.with_user(self.comm_user).action_ask_privacy_consent()
        consent = self.env["privacy.consent"].search([("partner_id", "=", customer.id)])
        forged = urlsplit(consent._url(True)).path[:-4] + "0000"
        self.assertEqual(self.url_open(forged).status_code, 404)
        self.assertEqual(customer.privacy_consent_state, "asked")
        response = self.url_open(consent._url(True))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(customer.privacy_consent_state, "accepted")
        self.assertTrue(customer.privacy_consent_date)
        self.assertFalse(customer.privacy_consent_user_id)
