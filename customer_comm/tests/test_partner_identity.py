# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from ..tools import fiscal_code
from .common import CustomerCommCase


@tagged("post_install", "-at_install")
class TestPartnerIdentity(CustomerCommCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_comm_users()
        cls.env = cls.env(user=cls.comm_user)
        cls.Partner = cls.env["res.partner"]

    def _person(self, **vals):
        return self.Partner.create(
            dict({"name": "Mario Rossi", "country_id": self.italy.id}, **vals)
        )

    def _company(self, **vals):
        return self.Partner.create(
            dict(
                {
                    "name": "Rossi S.r.l.",
                    "is_company": True,
                    "country_id": self.italy.id,
                },
                **vals,
            )
        )

    def test_italian_codice_fiscale_stored_compact_upper_case(self):
        person = self._person(l10n_it_codice_fiscale=" rssmra 85t10 a562s ")
        self.assertEqual(person.l10n_it_codice_fiscale, "RSSMRA85T10A562S")
        person.l10n_it_codice_fiscale = "rssmra85t10a562s"
        self.assertEqual(person.l10n_it_codice_fiscale, "RSSMRA85T10A562S")

    def test_wrong_check_character_refused(self):
        with self.assertRaisesRolledBack(ValidationError, "check character is wrong"):
            self._person(l10n_it_codice_fiscale="RSSMRA85T10A562X")
        person = self._person(l10n_it_codice_fiscale="RSSMRA85T10A562S")
        with self.assertRaisesRolledBack(ValidationError, "RSSMRA85T10A562X"):
            person.l10n_it_codice_fiscale = "RSSMRA85T10A562X"

    def test_individual_needs_sixteen_characters(self):
        with self.assertRaisesRolledBack(ValidationError, "16 characters"):
            self._person(l10n_it_codice_fiscale="00743110157")
        with self.assertRaisesRolledBack(ValidationError, "form of a codice fiscale"):
            self._person(l10n_it_codice_fiscale="RSSMRA85T10A56?S")

    def test_company_fiscal_code_is_a_partita_iva(self):
        company = self._company(l10n_it_codice_fiscale="007 4311 0157")
        self.assertEqual(company.l10n_it_codice_fiscale, "00743110157")
        with self.assertRaisesRolledBack(ValidationError, "check character is wrong"):
            self._company(l10n_it_codice_fiscale="00743110158")
        with self.assertRaisesRolledBack(ValidationError, "11 digits"):
            self._company(l10n_it_codice_fiscale="0074311015")
        # a sole trader's fiscal code is the owner's
        sole_trader = self._company(l10n_it_codice_fiscale="RSSMRA85T10A562S")
        self.assertEqual(sole_trader.l10n_it_codice_fiscale, "RSSMRA85T10A562S")

    def test_other_countries_free_text(self):
        """Without l10n_it_edi, another country's code is any text (the
        rule itself, as the customer form applies it)."""
        self.assertEqual(
            fiscal_code.check(" 1 85 05 78 006 084 ", False, "FR"),
            ("1 85 05 78 006 084", None),
        )
        self.assertEqual(fiscal_code.check("ABC", False, False), ("ABC", None))
        self.assertIsNotNone(fiscal_code.check("ABC", False, "IT")[1])

    def test_one_fiscal_code_with_l10n_it_edi(self):
        """With Odoo's Italian e-invoicing installed (as in the test
        database), the customer's fiscal code and its codice fiscale are one
        field and one value, whichever screen writes it."""
        self.assertEqual(
            self.env["ir.module.module"]._get("l10n_it_edi").state, "installed"
        )
        self.assertNotIn("fiscal_code", self.Partner._fields)
        person = self._person(l10n_it_codice_fiscale=" rssmra85t10a562s ")
        self.assertEqual(
            person._l10n_it_edi_normalized_codice_fiscale(), "RSSMRA85T10A562S"
        )
        self.env.cr.execute(
            "SELECT l10n_it_codice_fiscale FROM res_partner WHERE id = %s",
            person.ids,
        )
        self.assertEqual(self.env.cr.fetchone()[0], "RSSMRA85T10A562S")
        # l10n_it_edi fills it from an Italian VAT: the customer form shows it
        with Form(self.Partner, view="base.view_partner_form") as form:
            form.company_type = "company"
            form.name = "Bianchi S.r.l."
            form.country_id = self.italy
            form.vat = "IT00743110157"
        self.assertEqual(form.record.l10n_it_codice_fiscale, "00743110157")
        # its own check then refuses the codes that are not Italian
        with self.assertRaisesRolledBack(UserError, "Invalid Codice Fiscale"):
            self._person(
                country_id=self.france.id, l10n_it_codice_fiscale="185057800608436"
            )
        with self.assertRaisesRolledBack(ValidationError, "check character"):
            person.l10n_it_codice_fiscale = "RSSMRA85T10A562X"
        self.assertEqual(person.l10n_it_codice_fiscale, "RSSMRA85T10A562S")

    def test_vat_checked_by_odoo(self):
        """base_vat checks Italian and French VAT numbers; VIES stays off."""
        self.assertFalse(self.env.company.vat_check_vies)
        with self.assertRaisesRolledBack(ValidationError, "VAT"):
            self._company(vat="IT00743110158")
        self.assertEqual(self._company(vat="IT00743110157").vat, "IT00743110157")
        with self.assertRaisesRolledBack(ValidationError, "VAT"):
            self._company(country_id=self.france.id, vat="FR40303265046")
        french = self._company(country_id=self.france.id, vat="FR40303265045")
        self.assertEqual(french.vat, "FR40303265045")

    def test_phones_stored_e164_with_a_warning_when_invalid(self):
        person = self._person(mobile="347 123 4567", phone="051 123 4567")
        self.assertEqual(
            (person.mobile, person.phone), ("+393471234567", "+390511234567")
        )
        self.assertFalse(person.mobile_is_invalid or person.phone_is_invalid)
        french = self._person(country_id=self.france.id, mobile="06 12 34 56 78")
        self.assertEqual(french.mobile, "+33612345678")
        # the company's country when the customer has none
        self.env.company.sudo().country_id = self.italy
        nowhere = self.Partner.create({"name": "Senza paese", "mobile": "3471234568"})
        self.assertEqual(nowhere.mobile, "+393471234568")
        # an invalid number is kept as typed, with a warning, not refused
        person.mobile = "12"
        self.assertEqual(person.mobile, "12")
        self.assertTrue(person.mobile_is_invalid)
        self.assertFalse(person.phone_is_invalid)

    def test_officers_are_individuals(self):
        company = self._company(business_start_date="2010-03-01")
        other_company = self._company(name="Bianchi S.p.A.")
        person = self._person()
        company.write(
            {"legal_representative_id": person.id, "administrator_ids": person.ids}
        )
        with self.assertRaisesRolledBack(ValidationError, "must be a person"):
            company.legal_representative_id = other_company
        with self.assertRaisesRolledBack(ValidationError, "must be persons"):
            company.administrator_ids = other_company
        with self.assertRaisesRolledBack(ValidationError, "cannot become a company"):
            person.is_company = True
        # a representative of one company may administer another
        other_company.administrator_ids = person
        self.assertEqual(person, other_company.administrator_ids)

    def test_create_legal_representative_from_the_company(self):
        company = self._company()
        action = company.action_create_legal_representative()
        self.assertEqual(action["target"], "new")
        with Form(
            self.Partner.with_context(**action["context"]),
            view="base.view_partner_form",
        ) as form:
            self.assertEqual(form.parent_id, company)
            self.assertFalse(form.is_company)
            form.firstname = "Mario"
            form.lastname = "Rossi"
            form.l10n_it_codice_fiscale = "RSSMRA85T10A562S"
        person = form.record
        self.assertEqual(company.legal_representative_id, person)
        self.assertEqual(person.parent_id, company)
        self.assertFalse(company.administrator_ids)
