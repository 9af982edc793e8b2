# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What makes the offer binding: the customer's signature where the company
asks for one, the customer's language on the page, in the e-mail and in the
SMS, interventions added only through the confirmation flow, and the proof
the advisor finds in the back office."""

import base64
import io
import re

from PIL import Image, ImageDraw

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import RepairOfferCommon


def signature_png():
    """A stroke on a transparent background, as Odoo's signature pad sends it
    (base64 PNG, without the data URL prefix)."""
    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(10, 80), (150, 20), (290, 70)], fill="black", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


class OfferPageMixin:
    def _page(self, offer, url=None, headers=None):
        return self.url_open(
            url or offer.get_portal_url(), headers=headers, allow_redirects=False
        )

    def _csrf_token(self, offer):
        page = self._page(offer).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _confirm(self, offer, **fields):
        data = {f"decision_{line.id}": "fix" for line in offer.line_ids}
        data.update(
            {
                f"condition_{self.condition.id}": "1",
                "csrf_token": self._csrf_token(offer),
                "accepted_by_name": "Anna Galli",
                **fields,
            }
        )
        return self.url_open(
            offer.get_portal_url(suffix="/confirm"), data=data, allow_redirects=False
        )


@tagged("post_install", "-at_install")
class TestRepairOfferSignature(OfferPageMixin, RepairOfferCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.env.company.repair_offer_signature = True
        cls.offer = cls._create_offer()
        cls.offer.action_send()

    def test_setting_of_the_company(self):
        settings = self.env["res.config.settings"].create(
            {"repair_offer_signature": False}
        )
        settings.execute()
        self.assertFalse(self.env.company.repair_offer_signature)
        self.assertFalse(self.offer.signature_required)
        page = self._page(self.offer).text
        self.assertIn('id="accepted_by_name"', page)
        self.assertNotIn("workshop_offer.signature_form", page)
        self.env["res.config.settings"].create(
            {"repair_offer_signature": True}
        ).execute()
        self.assertTrue(self.offer.signature_required)
        page = self._page(self.offer).text
        # Odoo's portal signature widget in the page, the typed name in it
        self.assertIn('name="workshop_offer.signature_form"', page)
        self.assertIn("o_offer_confirm_sign", page)
        self.assertNotIn('id="accepted_by_name"', page)

    def test_confirmation_without_signature_is_refused(self):
        """Whatever the page's JavaScript did: no signature, no confirmation."""
        for signature in (None, "", "   "):
            fields = {} if signature is None else {"signature": signature}
            response = self._confirm(self.offer, **fields)
            self.assertEqual(response.status_code, 400, signature)
            self.assertIn("Please sign to confirm your answers", response.text)
        for garbage in ("not base64 at all!", base64.b64encode(b"%PDF-1.4").decode()):
            response = self._confirm(self.offer, signature=garbage)
            self.assertEqual(response.status_code, 400)
            self.assertIn("not a valid image", response.text)
        self.offer.invalidate_recordset()
        self.assertEqual(self.offer.state, "sent")
        self.assertFalse(self.offer.signature)

    def test_signed_confirmation_is_the_proof(self):
        response = self._confirm(self.offer, signature=signature_png())
        self.assertEqual(response.status_code, 303)
        self.assertIn("message=confirmed", response.headers["Location"])
        self.offer.invalidate_recordset()
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(self.offer.accepted_by_name, "Anna Galli")
        self.assertTrue(self.offer.signature)
        # the signature is in the accepted offer's PDF, kept on the repair order
        pdf = self.url_open(self.offer.get_portal_url(report_type="pdf"))
        self.assertEqual(pdf.status_code, 200)
        self.assertIn("o_repair_offer_report_signature", pdf.text)
        self.assertIn("data:image/png;base64,", pdf.text)
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "repair.order"),
                ("res_id", "=", self.offer.repair_id.id),
            ]
        )
        self.assertIn(b"o_repair_offer_report_signature", attachment.raw)
        # repair users read it, nobody writes it
        stock_user = new_test_user(
            self.env, login="sign_stock_user", groups="stock.group_stock_user"
        )
        self.assertTrue(self.offer.with_user(stock_user).signature)
        with self.assertRaises(AccessError):
            self.offer.with_user(stock_user).write({"signature": signature_png()})
        employee = new_test_user(self.env, login="sign_employee")
        with self.assertRaises(AccessError):
            self.offer.with_user(employee).read(["signature"])
        # a change the customer must confirm again clears the signature
        brakes = self.offer.line_ids.sorted("id")[0]
        self.offer._apply_changes({brakes: {"price": 45.0}})
        self.assertEqual(self.offer.state, "sent")
        self.assertFalse(self.offer.signature)

    def test_model_refuses_a_page_confirmation_without_signature(self):
        decisions = dict.fromkeys(self.offer.line_ids, "fix")
        with self.assertRaisesRegex(UserError, "Please sign"):
            self.offer.sudo()._confirm_decisions(
                decisions, self.condition, proof={"accepted_by_name": "Anna Galli"}
            )
        # an answer a colleague took by phone has no signature to ask for
        advisor = new_test_user(
            self.env, login="sign_advisor", groups="stock.group_stock_user"
        )
        self.assertTrue(
            self.offer.sudo()._confirm_decisions(
                decisions,
                self.condition,
                recorded_by=advisor,
                told_by="Anna Galli",
                date_told="2026-01-05 10:00:00",
            )
        )


@tagged("post_install", "-at_install")
class TestRepairOfferLanguage(OfferPageMixin, RepairOfferCommon, HttpCase, MockEmail):
    """An Italian customer reads everything in Italian, whatever the browser
    of the person opening the link says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.offer = cls._create_offer(partner_name="Giulia Ferrari")
        cls.customer = cls.offer.partner_id
        cls.customer.write({"lang": "it_IT", "mobile": "+39 347 123 4567"})

    def test_link_carries_the_language_of_the_customer(self):
        self.assertIn("lang=it_IT", self.offer.get_portal_url())
        self.assertIn("lang=it_IT", self.offer.get_portal_url(report_type="pdf"))
        self.customer.lang = "fr_FR"
        self.assertIn("lang=fr_FR", self.offer.get_portal_url())

    def test_email_in_the_language_of_the_customer(self):
        with self.mock_mail_gateway():
            self.offer._send_link("email", self.customer, self.customer.email)
        mail = self._mails[-1]
        self.assertIn("la tua offerta di riparazione", mail["subject"])
        self.assertRegex(mail["body"], "Apri l(&#39;|')offerta")
        self.assertIn("Buongiorno Giulia Ferrari", mail["body"])
        self.assertNotIn("Open the offer", mail["body"])
        self.assertIn("lang=it_IT", mail["body"])

    def test_sms_in_the_language_of_the_customer(self):
        self.offer._send_link("sms", self.customer, "+393471234567")
        sms = self.env["sms.sms"].search([("number", "=", "+393471234567")])
        self.assertEqual(len(sms), 1)
        self.assertIn("la tua offerta di riparazione", sms.body)
        self.assertNotIn("Tell us what to do", sms.body)
        self.assertIn(f"/my/repair_offers/{self.offer.id}?access_token=", sms.body)
        self.assertIn("lang=it_IT", sms.body)

    def test_page_in_the_language_of_the_link(self):
        self.offer.action_send()
        french_browser = {"Accept-Language": "fr-FR,fr;q=0.9"}
        page = self._page(self.offer, headers=french_browser)
        self.assertEqual(page.status_code, 200, page.headers.get("Location"))
        # the page's JavaScript loads its translations in that language too
        self.assertIn('<html lang="it-IT"', page.text)
        self.assertIn("Interventi necessari", page.text)
        self.assertIn("Conferma ordine", page.text)
        self.assertNotIn("Required interventions", page.text)
        # the confirmation's next page stays in the customer's language
        response = self._confirm(self.offer)
        self.assertIn("lang=it_IT", response.headers["Location"])
        # a language the database does not have is ignored, not an error
        url = self.offer.get_portal_url().replace("lang=it_IT", "lang=xx_XX%3Cb%3E")
        page = self._page(self.offer, url=url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("xx_XX", page.text)

    def test_accepted_offer_sent_in_the_language_of_the_customer(self):
        self.offer._send_link("sms", self.customer, "+393471234567")
        decisions = dict.fromkeys(self.offer.line_ids, "fix")
        self.offer.sudo()._confirm_decisions(decisions, self.condition)
        sms = self.env["sms.sms"].search(
            [("number", "=", "+393471234567")], order="id desc", limit=1
        )
        self.assertIn("la tua offerta accettata", sms.body.lower())
        self.assertIn("lang=it_IT", sms.body)


@tagged("post_install", "-at_install")
class TestRepairOfferProofTour(RepairOfferCommon, HttpCase):
    """The customer signs on the page; the repair's responsible then finds
    the proof and the to-do in the back office."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.env.company.repair_offer_signature = True
        cls.responsible = new_test_user(
            cls.env,
            login="tour_responsible",
            password="tour_responsible",
            groups="stock.group_stock_user,base.group_partner_manager",
        )
        cls.offer = cls._create_offer()
        cls.repair = cls.offer.repair_id
        cls.repair.user_id = cls.responsible
        cls.offer.action_send()

    def test_tour_customer_signs_then_the_advisor_sees_the_proof(self):
        self.start_tour(self.offer.get_portal_url(), "workshop_offer_portal_sign_tour")
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(self.offer.accepted_by_name, "Anna Galli")
        self.assertTrue(self.offer.signature)
        self.assertEqual(
            self.offer.line_ids.sorted("id").mapped("decision"),
            ["fix", "no_fix", "contact"],
        )
        activities = self.repair.activity_ids
        self.assertEqual(activities.user_id, self.responsible)
        self.start_tour(
            f"/odoo/action-repair.action_repair_order_tree/{self.repair.id}",
            "workshop_offer_proof_tour",
            login="tour_responsible",
        )


@tagged("post_install", "-at_install")
class TestRepairOfferAddLine(RepairOfferCommon, TransactionCase):
    """The advisor adds an intervention to an offer the customer has."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.advisor = new_test_user(
            cls.env, login="add_line_advisor", groups="stock.group_stock_user"
        )
        cls.part = cls.env["product.product"].create(
            {"name": "Chain guard", "type": "consu", "list_price": 12.5}
        )
        cls.offer = cls._create_offer()
        cls.offer.action_send()
        cls.offer.sudo()._confirm_decisions(
            dict.fromkeys(cls.offer.line_ids, "fix"), cls.condition
        )

    def test_new_intervention_from_a_part(self):
        offer = self.offer.with_user(self.advisor)
        action = offer.action_add_line()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.advisor)
            .with_context(**action["context"])
        ) as change:
            self.assertEqual(change.offer_id, offer)
            change.new_product_id = self.part
            change.new_quantity = 2.0
            # name and price as a line of the offer takes them from the part
            self.assertEqual(change.new_name, "Chain guard")
            self.assertEqual(change.new_price, 25.0)
            change.new_line_kind = "optional"
        change.record.action_confirm_changes()
        line = self.offer.line_ids.filtered(lambda line: line.product_id == self.part)
        self.assertEqual(
            (line.name, line.quantity, line.price), ("Chain guard", 2.0, 25.0)
        )
        company_taxes = self.part.taxes_id.filtered_domain(
            self.env["account.tax"]._check_company_domain(self.offer.company_id)
        )
        self.assertTrue(company_taxes)
        self.assertEqual(line.tax_ids, company_taxes)
        self.assertFalse(line.decision)
        self.assertEqual(self.offer.state, "sent")
        self.assertFalse(self.offer.accepted_by_name)
        log = self.offer.repair_id.message_ids[0]
        self.assertIn("Chain guard: added", log.body)

    def test_new_intervention_needs_a_name_or_a_part(self):
        change = (
            self.env["repair.offer.change"]
            .with_user(self.advisor)
            .create({"offer_id": self.offer.id, "new_price": 10.0})
        )
        with self.assertRaisesRegex(UserError, "name or a part"):
            change.action_confirm_changes()
        self.assertEqual(self.offer.state, "confirmed")
