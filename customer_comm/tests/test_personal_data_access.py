# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RpcCase

# the customer fields only the staff reads
PERSONAL_FIELDS = [
    "l10n_it_codice_fiscale",
    "business_start_date",
    "legal_representative_id",
    "administrator_ids",
    "birthdate_date",
    "partner_properties",
    "properties_missing_required",
    "contact_point_ids",
    "preferred_channel",
    "email_marketing_consent",
    "mobile_marketing_consent",
    "privacy_consent_state",
    "privacy_consent_date",
    "privacy_withdrawal_date",
    "privacy_consent_user_id",
]


@tagged("post_install", "-at_install")
class TestPersonalDataAccess(RpcCase, HttpCase):
    """A portal user may read the partners of their own company (Odoo's
    rule), but never their personal fields, through any ORM call; nor a
    public user. The staff reads them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_properties_definition = [
            {"name": "p_plate", "string": "Licence plate", "type": "char"},
            {"name": "p_notes", "string": "Staff notes", "type": "char"},
        ]
        italy = cls.env.ref("base.it")
        cls.company = cls.env["res.partner"].create(
            {
                "name": "Officina Galli Srl",
                "is_company": True,
                "country_id": italy.id,
                "l10n_it_codice_fiscale": "00743110157",
                "business_start_date": "2010-03-01",
            }
        )
        cls.colleague = cls.env["res.partner"].create(
            {
                "firstname": "Anna",
                "lastname": "Galli",
                "parent_id": cls.company.id,
                "country_id": italy.id,
                "email": "anna.galli@example.it",
                "l10n_it_codice_fiscale": "RSSMRA85T10A562S",
                "birthdate_date": "1985-12-10",
                "partner_properties": {"p_plate": "AB123CD", "p_notes": "Pays late"},
                "email_marketing_consent": True,
                "contact_point_ids": [
                    (0, 0, {"kind": "mobile", "value": "347 123 4567"})
                ],
            }
        )
        cls.company.write(
            {
                "legal_representative_id": cls.colleague.id,
                "administrator_ids": cls.colleague.ids,
            }
        )
        cls.colleague.action_record_privacy_consent()
        for login, groups in (
            ("personal_portal", "base.group_portal"),
            ("personal_employee", "base.group_user"),
        ):
            new_test_user(cls.env, login=login, password=f"{login}_pw", groups=groups)
        cls.portal_user = cls.env["res.users"].search(
            [("login", "=", "personal_portal")]
        )
        cls.portal_user.partner_id.parent_id = cls.company

    def test_portal_user_reads_no_personal_field(self):
        Partner = "res.partner"
        ids = (self.colleague | self.company | self.portal_user.partner_id).ids
        # what Odoo lets a portal user read of their company stays readable
        names = self.rpc("personal_portal", Partner, "read", ids, ["name"])
        self.assertEqual(len(names), 3)
        for fname in PERSONAL_FIELDS:
            with self.subTest(field=fname):
                self.assertRpcRefused("personal_portal", Partner, "read", ids, [fname])
                self.assertRpcRefused(
                    "personal_portal",
                    Partner,
                    "search_read",
                    [("id", "in", ids)],
                    [fname],
                )
                self.assertRpcRefused(
                    "personal_portal",
                    Partner,
                    "web_read",
                    ids,
                    specification={fname: {}},
                )
        # nor guessed by searching on them
        self.assertRpcRefused(
            "personal_portal",
            Partner,
            "search_count",
            [("l10n_it_codice_fiscale", "=", "RSSMRA85T10A562S")],
        )
        # they do not even exist for the portal user
        fields = self.rpc("personal_portal", Partner, "fields_get", attributes=["type"])
        self.assertIn("name", fields)
        self.assertFalse(set(PERSONAL_FIELDS) & set(fields))

    def test_portal_user_reads_no_contact_point(self):
        self.assertRpcRefused(
            "personal_portal",
            "customer.contact.point",
            "search_read",
            [("partner_id", "=", self.colleague.id)],
            ["value"],
        )

    def test_public_user_reads_no_personal_field(self):
        public = self.env.ref("base.public_user")
        # the public user's own partner, which Odoo lets it read
        partner = public.partner_id.with_user(public)
        self.assertTrue(partner.read(["name"]))
        for fname in PERSONAL_FIELDS:
            with self.subTest(field=fname), self.assertRaises(AccessError):
                partner.read([fname])

    def test_staff_reads_them(self):
        values = self.rpc(
            "personal_employee",
            "res.partner",
            "read",
            self.colleague.ids,
            ["l10n_it_codice_fiscale", "partner_properties", "privacy_consent_state"],
        )[0]
        self.assertEqual(values["l10n_it_codice_fiscale"], "RSSMRA85T10A562S")
        self.assertEqual(values["privacy_consent_state"], "accepted")
        self.assertIn("AB123CD", str(values["partner_properties"]))
