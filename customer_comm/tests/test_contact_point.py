# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestContactPoint(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, login="comm_user", groups="customer_comm.group_customer_comm_user"
        )
        cls.env = cls.env(user=cls.user)
        cls.italy = cls.env.ref("base.it")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Marco Esposito", "country_id": cls.italy.id}
        )
        cls.Point = cls.env["customer.contact.point"]

    def _point(self, kind, value, **extra):
        return self.Point.create(
            dict(partner_id=self.customer.id, kind=kind, value=value, **extra)
        )

    def test_italian_mobile_stored_e164(self):
        self.assertEqual(self._point("mobile", "347 123 4567").value, "+393471234567")

    def test_number_uses_customer_country(self):
        self.customer.country_id = self.env.ref("base.fr")
        self.assertEqual(self._point("mobile", "06 12 34 56 78").value, "+33612345678")

    def test_invalid_number_refused_with_clear_message(self):
        with self.assertRaisesRegex(ValidationError, "12 is not valid for Italy"):
            self._point("phone", "12")
        point = self._point("phone", "051 123 4567")
        with self.assertRaises(ValidationError):
            point.value = "abc"
        self.assertEqual(point.value, "+390511234567")

    def test_email_normalised_and_validated(self):
        self.assertEqual(
            self._point("email", " Marco.Esposito@Example.IT ").value,
            "marco.esposito@example.it",
        )
        with self.assertRaisesRegex(ValidationError, "not a valid e-mail"):
            self._point("email", "marco at example")

    def test_opt_out_uses_odoo_blacklists(self):
        email = self._point("email", "marco@example.it", marketing_consent=True)
        mobile = self._point("mobile", "347 123 4567")
        (email | mobile).action_opt_out()
        self.assertTrue(email.is_opted_out)
        self.assertTrue(mobile.is_opted_out)
        self.assertTrue(
            self.env["mail.blacklist"].sudo().search([("email", "=", email.value)])
        )
        self.assertTrue(
            self.env["phone.blacklist"].sudo().search([("number", "=", mobile.value)])
        )
        self.assertEqual(
            self.Point.search([("is_opted_out", "=", True)]) & (email | mobile),
            email | mobile,
        )
        email.action_opt_in()
        self.assertFalse(email.is_opted_out)
        self.assertIn(email, self.Point.search([("is_opted_out", "=", False)]))

    def test_opt_out_flag_computed_without_query_per_point(self):
        """The same queries for 3 points as for 30: no query per point."""
        for count in (3, 30):
            points = self.Point.create(
                [
                    {
                        "partner_id": self.customer.id,
                        "kind": "mobile",
                        "value": f"347 123 {count:02d}{n:02d}",
                    }
                    for n in range(count)
                ]
            )
            points.invalidate_recordset()
            with self.assertQueryCount(comm_user=6):
                points.mapped("is_opted_out")

    def test_missing_mobile_warning_not_a_block(self):
        self.assertTrue(self.customer.sms_unreachable)
        self._point("mobile", "347 123 4567")
        self.assertFalse(self.customer.sms_unreachable)
        company = self.env["res.partner"].create({"name": "ACME", "is_company": True})
        self.assertFalse(company.sms_unreachable)

    def test_interests_survive_customer_deletion(self):
        interest = (
            self.env["res.partner.interest.group"]
            .sudo()
            .create({"name": "Cargo bikes", "color": 3})
        )
        self.customer.interest_group_ids = interest
        self.assertIn(
            self.customer,
            self.env["res.partner"].search(
                [("interest_group_ids", "in", interest.ids)]
            ),
        )
        self.customer.sudo().unlink()
        self.assertTrue(interest.exists())
        self.assertFalse(interest.partner_id)

    def test_contact_points_deleted_with_customer(self):
        point = self._point("mobile", "347 123 4567")
        self.customer.sudo().unlink()
        self.assertFalse(point.exists())
