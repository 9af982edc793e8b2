# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .common import RpcCase


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

    def test_number_without_customer_country_uses_its_company_s(self):
        """As the customer's own phone and mobile: the country of the
        company the customer belongs to, not the user's current company."""
        french_company = (
            self.env["res.company"]
            .sudo()
            .create(
                {"name": "Atelier Vélo Lyon", "country_id": self.env.ref("base.fr").id}
            )
        )
        self.customer.sudo().write(
            {"country_id": False, "company_id": french_company.id}
        )
        self.assertNotEqual(self.env.company.country_id.code, "FR")
        # (a user of that company records it: sudo stands for them here)
        point = self.Point.sudo().create(
            {
                "partner_id": self.customer.id,
                "kind": "mobile",
                "value": "06 12 34 56 78",
            }
        )
        self.assertEqual(point.value, "+33612345678")
        self.assertEqual(
            self.customer.sudo()._phone_e164("06 12 34 56 78"), point.value
        )

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
        manager = new_test_user(
            self.env(su=True),
            login="comm_manager",
            groups="customer_comm.group_customer_comm_manager",
        )
        email.with_user(manager).action_opt_in()
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


@tagged("post_install", "-at_install")
class TestOptIn(TransactionCase):
    """Lifting an opt-out: managers only (Email Marketing users too for
    e-mails), for an address of that customer alone, noted in its chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return new_test_user(cls.env, login=login, groups=groups)

        cls.manager = user("optin_manager", "customer_comm.group_customer_comm_manager")
        cls.comm_user = user("optin_user", "customer_comm.group_customer_comm_user")
        cls.employee = user("optin_employee", "base.group_user")
        cls.portal = user("optin_portal", "base.group_portal")
        cls.marketing = user(
            "optin_marketing",
            "customer_comm.group_customer_comm_user,"
            "mass_mailing.group_mass_mailing_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Elena Ricci",
                "country_id": cls.env.ref("base.it").id,
                "contact_point_ids": [
                    (0, 0, {"kind": "email", "value": "elena@example.it"}),
                    (0, 0, {"kind": "mobile", "value": "347 222 3333"}),
                ],
            }
        )
        cls.email, cls.mobile = cls.customer.contact_point_ids
        (cls.email | cls.mobile).action_opt_out()

    def _lift(self, points, user):
        points.with_user(user).action_opt_in()
        points.invalidate_recordset(["is_opted_out"])

    def test_only_managers_lift_an_opt_out(self):
        for user in (self.portal, self.employee, self.comm_user):
            for point in (self.email, self.mobile):
                with (
                    self.subTest(user=user.login, kind=point.kind),
                    self.assertRaises(AccessError),
                ):
                    self._lift(point, user)
        self.assertTrue(self.email.is_opted_out and self.mobile.is_opted_out)
        self._lift(self.email | self.mobile, self.manager)
        self.assertFalse(self.email.is_opted_out or self.mobile.is_opted_out)

    def test_email_marketing_users_lift_e_mails_only(self):
        with self.assertRaises(AccessError):
            self._lift(self.mobile, self.marketing)
        self.assertTrue(self.mobile.is_opted_out)
        self._lift(self.email, self.marketing)
        self.assertFalse(self.email.is_opted_out)

    def test_lifting_is_noted_in_the_customer_chatter(self):
        self._lift(self.mobile, self.manager)
        note = self.customer.message_ids[0]
        self.assertEqual(note.author_id, self.manager.partner_id)
        self.assertIn("+393472223333", note.body)
        self.assertIn("lifted by optin_manager", note.body)
        self.assertTrue(note.date)
        self.assertFalse(note.partner_ids)

    def test_someone_else_address_is_never_lifted(self):
        """A contact point created with the address of another customer who
        opted out gives no way to lift their opt-out, even to a manager."""
        other = self.env["res.partner"].create(
            {
                "name": "Paolo Verdi",
                "email": "paolo.verdi@example.it",
                "country_id": self.env.ref("base.it").id,
            }
        )
        self.env["mail.blacklist"]._add("paolo.verdi@example.it")
        intruder = self.env["customer.contact.point"].create(
            {
                "partner_id": self.customer.id,
                "kind": "email",
                "value": "paolo.verdi@example.it",
            }
        )
        self.assertTrue(intruder.is_opted_out)
        for user in (self.manager, self.marketing):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "also an address of Paolo Verdi"),
            ):
                self._lift(intruder, user)
        self.assertTrue(other.is_blacklisted)
        self.assertTrue(intruder.is_opted_out)
        # nor the number of another customer's contact point
        number = self.env["customer.contact.point"].create(
            {"partner_id": other.id, "kind": "mobile", "value": "347 999 0000"}
        )
        number.action_opt_out()
        copy = self.env["customer.contact.point"].create(
            {"partner_id": self.customer.id, "kind": "mobile", "value": "3479990000"}
        )
        with self.assertRaisesRegex(UserError, "also an address of Paolo Verdi"):
            self._lift(copy, self.manager)
        self.assertTrue(copy.is_opted_out)


@tagged("post_install", "-at_install")
class TestOptInByRpc(RpcCase, HttpCase):
    """The path of the review, through the web client's JSON-RPC: a user
    creates a contact point with an opted-out address and opts it back in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.logins = {
            "rpc_optin_user": "customer_comm.group_customer_comm_user",
            "rpc_optin_employee": "base.group_user",
            "rpc_optin_portal": "base.group_portal",
        }
        for login, groups in cls.logins.items():
            new_test_user(cls.env, login=login, password=f"{login}_pw", groups=groups)
        cls.customer = cls.env["res.partner"].create(
            {"name": "Sara Conti", "email": "sara.conti@example.it"}
        )
        cls.env["mail.blacklist"]._add("sara.conti@example.it")
        cls.own = cls.env["customer.contact.point"].create(
            {"partner_id": cls.customer.id, "kind": "email", "value": "sara@example.it"}
        )
        cls.own.action_opt_out()

    def test_wrong_users_lift_no_opt_out(self):
        for login in self.logins:
            with self.subTest(login=login):
                self.assertRpcRefused(
                    login, "customer.contact.point", "action_opt_in", self.own.ids
                )
        self.assertTrue(self.own.is_opted_out)

    def test_copied_address_lifts_nothing(self):
        other = self.env["res.partner"].create({"name": "Mirko Sala"})
        point_id = self.rpc(
            "rpc_optin_user",
            "customer.contact.point",
            "create",
            {"partner_id": other.id, "kind": "email", "value": "sara.conti@example.it"},
        )
        self.assertRpcRefused(
            "rpc_optin_user", "customer.contact.point", "action_opt_in", [point_id]
        )
        self.assertRpcRefused(
            "rpc_optin_user",
            "mail.blacklist",
            "search_read",
            [("email", "=", "sara.conti@example.it")],
            ["email"],
        )
        self.assertTrue(self.customer.is_blacklisted)
