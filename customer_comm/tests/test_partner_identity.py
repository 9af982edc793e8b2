# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, tagged

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
        person = self._person(fiscal_code=" rssmra 85t10 a562s ")
        self.assertEqual(person.fiscal_code, "RSSMRA85T10A562S")
        person.fiscal_code = "rssmra85t10a562s"
        self.assertEqual(person.fiscal_code, "RSSMRA85T10A562S")

    def test_wrong_check_character_refused(self):
        with self.assertRaisesRolledBack(ValidationError, "check character is wrong"):
            self._person(fiscal_code="RSSMRA85T10A562X")
        person = self._person(fiscal_code="RSSMRA85T10A562S")
        with self.assertRaisesRolledBack(ValidationError, "RSSMRA85T10A562X"):
            person.fiscal_code = "RSSMRA85T10A562X"

    def test_individual_needs_sixteen_characters(self):
        with self.assertRaisesRolledBack(ValidationError, "16 characters"):
            self._person(fiscal_code="00743110157")
        with self.assertRaisesRolledBack(ValidationError, "form of a codice fiscale"):
            self._person(fiscal_code="RSSMRA85T10A56?S")

    def test_company_fiscal_code_is_a_partita_iva(self):
        company = self._company(fiscal_code="007 4311 0157")
        self.assertEqual(company.fiscal_code, "00743110157")
        with self.assertRaisesRolledBack(ValidationError, "check character is wrong"):
            self._company(fiscal_code="00743110158")
        with self.assertRaisesRolledBack(ValidationError, "11 digits"):
            self._company(fiscal_code="0074311015")
        # a sole trader's fiscal code is the owner's
        sole_trader = self._company(fiscal_code="RSSMRA85T10A562S")
        self.assertEqual(sole_trader.fiscal_code, "RSSMRA85T10A562S")

    def test_other_countries_free_text(self):
        french = self._person(country_id=self.france.id, fiscal_code=" 1 85 05 78 ")
        self.assertEqual(french.fiscal_code, "1 85 05 78")
        nowhere = self.Partner.create({"name": "Sans pays", "fiscal_code": "ABC"})
        self.assertEqual(nowhere.fiscal_code, "ABC")
        with self.assertRaisesRolledBack(ValidationError, "not valid"):
            french.country_id = self.italy

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
            form.fiscal_code = "RSSMRA85T10A562S"
        person = form.record
        self.assertEqual(company.legal_representative_id, person)
        self.assertEqual(person.parent_id, company)
        self.assertFalse(company.administrator_ids)
