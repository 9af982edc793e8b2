# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.http import Request
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

BIKE = {
    "name": "t_bike",
    "string": "Bike model",
    "type": "char",
    "required": True,
    "collect_online": True,
}
FRAME = {
    "name": "t_frame",
    "string": "Frame size",
    "type": "integer",
    "required": True,
    "collect_online": True,
}
TIME = {
    "name": "t_time",
    "string": "Best time to call",
    "type": "selection",
    "collect_online": True,
    "selection": [["morning", "Morning"], ["evening", "Evening"]],
}
CLUB = {
    "name": "t_club",
    "string": "Club member",
    "type": "boolean",
    "collect_online": True,
}
WEIGHT = {
    "name": "t_weight",
    "string": "Weight (kg)",
    "type": "float",
    "collect_online": True,
}
SINCE = {
    "name": "t_since",
    "string": "Riding since",
    "type": "date",
    "collect_online": True,
}
CARD = {"name": "t_card", "string": "Loyalty card", "type": "char"}


class CustomerPropertiesCase:
    @classmethod
    def _setup_properties_company(cls):
        cls.company = cls.env["res.company"].create({"name": "Ciclofficina Prop"})
        cls.company.partner_properties_definition = [
            BIKE,
            FRAME,
            TIME,
            CLUB,
            WEIGHT,
            SINCE,
            CARD,
        ]

    @classmethod
    def _customer(cls, name, **properties):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "company_id": cls.company.id,
                "partner_properties": properties,
            }
        )


@tagged("post_install", "-at_install")
class TestCustomerProperties(CustomerPropertiesCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_properties_company()

    def _definition(self, company=None):
        company = company or self.company
        return {prop["name"]: prop for prop in company.partner_properties_definition}

    # ------------------------------------------------------------ definition
    def test_flags_stored_with_the_definition(self):
        definition = self._definition()
        self.assertIs(definition["t_bike"]["required"], True)
        self.assertIs(definition["t_bike"]["collect_online"], True)
        self.assertNotIn("required", definition["t_time"])
        self.assertNotIn("required", definition["t_card"])
        self.assertNotIn("collect_online", definition["t_card"])

    def test_flags_dropped_where_the_type_cannot_have_them(self):
        company = self.env["res.company"].create({"name": "Ciclofficina Flags"})
        company.partner_properties_definition = [
            # a yes/no value is always filled: it cannot be required
            {**CLUB, "required": True},
            # a customer cannot pick a record of the database online
            {
                "name": "t_seller",
                "string": "Seller",
                "type": "many2one",
                "comodel": "res.users",
                "required": True,
                "collect_online": True,
            },
            {"name": "t_sep", "string": "More", "type": "separator", "required": 1},
            # truthy values become booleans, false ones disappear
            {**CARD, "required": 1, "collect_online": 0},
        ]
        definition = self._definition(company)
        self.assertNotIn("required", definition["t_club"])
        self.assertIs(definition["t_club"]["collect_online"], True)
        self.assertIs(definition["t_seller"]["required"], True)
        self.assertNotIn("collect_online", definition["t_seller"])
        self.assertNotIn("required", definition["t_sep"])
        self.assertIs(definition["t_card"]["required"], True)
        self.assertNotIn("collect_online", definition["t_card"])

    def test_other_keys_still_refused(self):
        with self.assertRaisesRegex(ValueError, "not allowed"):
            self.company.partner_properties_definition = [{**CARD, "mandatory": True}]

    def test_flags_set_from_the_customer_form(self):
        """The property editor of the customer form sends the whole list with
        the changed definition, as Odoo's web client does."""
        customer = self._customer("Dario Prop", t_bike="Colnago")
        properties = customer.read(["partner_properties"])[0]["partner_properties"]
        for prop in properties:
            if prop["name"] == "t_card":
                prop.update(required=True, collect_online=True)
                prop["definition_changed"] = True
                prop["value"] = "C-77"
        customer.write({"partner_properties": properties})
        definition = self._definition()
        self.assertIs(definition["t_card"]["required"], True)
        self.assertIs(definition["t_card"]["collect_online"], True)
        # the other flags are untouched, the value is stored
        self.assertIs(definition["t_bike"]["required"], True)
        self.assertEqual(customer.partner_properties["t_card"], "C-77")
        self.assertEqual(customer.partner_properties["t_bike"], "Colnago")

    # ------------------------------------------------------ missing required
    def test_missing_required_details(self):
        complete = self._customer("Anna Prop", t_bike="Pinarello", t_frame=54)
        zero_frame = self._customer("Bruno Prop", t_bike="Cube", t_frame=0)
        no_bike = self._customer("Carla Prop", t_frame=52)
        nothing = self._customer("Davide Prop")
        # a company that requires nothing
        free_company = self.env["res.company"].create({"name": "Ciclofficina Free"})
        other_company = self.env["res.partner"].create(
            {"name": "Elena Prop", "company_id": free_company.id}
        )
        self.assertFalse(complete.properties_missing_required)
        # 0 is a value: the customer's frame size was given
        self.assertFalse(zero_frame.properties_missing_required)
        self.assertEqual(no_bike.properties_missing_required, "Bike model")
        self.assertEqual(nothing.properties_missing_required, "Bike model, Frame size")
        # the shop's own people and companies are not customers
        employee = new_test_user(
            self.env,
            login="prop_employee",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        ).partner_id
        employee.company_id = self.company
        own_company = self.company.partner_id
        own_company.company_id = self.company
        self.assertEqual(
            (employee.properties_company_id, own_company.properties_company_id),
            (self.company, self.company),
        )
        self.assertFalse(employee.properties_missing_required)
        self.assertFalse(own_company.properties_missing_required)

        customers = (
            complete | zero_frame | no_bike | nothing | other_company | employee
        ) | own_company
        Partner = self.env["res.partner"]
        missing = Partner.search(
            [("id", "in", customers.ids), ("properties_missing_required", "!=", False)]
        )
        self.assertEqual(missing, no_bike | nothing)
        filled = Partner.search(
            [("id", "in", customers.ids), ("properties_missing_required", "=", False)]
        )
        self.assertEqual(
            filled, complete | zero_frame | other_company | employee | own_company
        )

        # filling the value removes the customer from the list
        no_bike.partner_properties = {**no_bike.partner_properties, "t_bike": "Orbea"}
        self.assertFalse(no_bike.properties_missing_required)
        missing = Partner.search(
            [("id", "in", customers.ids), ("properties_missing_required", "!=", False)]
        )
        self.assertEqual(missing, nothing)

    # ------------------------------------------------------ online collection
    def test_online_fields_of_the_customer(self):
        customer = self._customer("Franco Prop", t_frame=56, t_weight=72.5, t_club=True)
        online = customer._customer_properties_online()
        self.assertEqual(
            [prop["name"] for prop in online],
            ["t_bike", "t_frame", "t_time", "t_club", "t_weight", "t_since"],
        )
        by_name = {prop["name"]: prop for prop in online}
        self.assertEqual(by_name["t_frame"]["input"], "customer_property_t_frame")
        self.assertEqual(by_name["t_frame"]["input_text"], "56")
        self.assertEqual(by_name["t_weight"]["input_text"], "72.5")
        self.assertEqual(by_name["t_bike"]["input_text"], "")
        self.assertEqual(by_name["t_club"]["input_type"], "checkbox")
        self.assertEqual(by_name["t_since"]["input_type"], "date")

    def test_parse_online_values(self):
        customer = self._customer("Gina Prop")
        values, errors = customer._customer_properties_parse_online(
            {
                "customer_property_t_bike": "  Bianchi  ",
                "customer_property_t_frame": "54",
                "customer_property_t_time": "evening",
                "customer_property_t_weight": "68,5",
                "customer_property_t_since": "2019-04-01",
                # t_club unchecked: not posted
            }
        )
        self.assertEqual(errors, {})
        self.assertEqual(
            values,
            {
                "t_bike": "Bianchi",
                "t_frame": 54,
                "t_time": "evening",
                "t_club": False,
                "t_weight": 68.5,
                "t_since": "2019-04-01",
            },
        )

        values, errors = customer._customer_properties_parse_online(
            {
                "customer_property_t_bike": "",
                "customer_property_t_frame": "54.5",
                "customer_property_t_time": "night",
                "customer_property_t_club": "1",
                "customer_property_t_weight": "nan",
                "customer_property_t_since": "2019-13-01",
            }
        )
        self.assertEqual(
            errors,
            {
                "customer_property_t_bike": "missing",
                "customer_property_t_frame": "error",
                "customer_property_t_time": "error",
                "customer_property_t_weight": "error",
                "customer_property_t_since": "error",
            },
        )
        self.assertEqual(values, {"t_club": True})

    def test_save_online_keeps_the_other_values(self):
        customer = self._customer("Ivo Prop", t_card="C-1", t_bike="Old")
        customer._customer_properties_save_online({"t_bike": "New", "t_frame": 50})
        properties = customer.partner_properties
        self.assertEqual(
            (properties["t_card"], properties["t_bike"], properties["t_frame"]),
            ("C-1", "New", 50),
        )


@tagged("post_install", "-at_install")
class TestCustomerPropertiesPortal(CustomerPropertiesCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_properties_company()
        cls.portal_user = new_test_user(
            cls.env,
            login="prop_portal",
            groups="base.group_portal",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.customer = cls.portal_user.partner_id
        cls.customer.write(
            {
                "name": "Lorenzo Prop",
                "email": "lorenzo.prop@example.it",
                "phone": "+39 051 765 4321",
                "street": "Via Emilia 1",
                "city": "Bologna",
                "country_id": cls.env.ref("base.it").id,
                "company_id": cls.company.id,
                "partner_properties": {"t_card": "C-9"},
            }
        )

    def _account_form(self, **properties):
        form = {
            "csrf_token": Request.csrf_token(self),
            "name": "Lorenzo Prop",
            "email": "lorenzo.prop@example.it",
            "phone": "+39 051 765 4321",
            "street": "Via Emilia 1",
            "city": "Bologna",
            "country_id": str(self.env.ref("base.it").id),
            "customer_property_t_bike": "",
            "customer_property_t_frame": "",
            "customer_property_t_time": "",
            "customer_property_t_weight": "",
            "customer_property_t_since": "",
        }
        form.update(
            {f"customer_property_{name}": value for name, value in properties.items()}
        )
        return form

    def test_account_page_shows_the_online_fields(self):
        self.authenticate("prop_portal", "prop_portal")
        page = self.url_open("/my/account").text
        self.assertIn("More about you", page)
        for name in ("t_bike", "t_frame", "t_time", "t_club", "t_weight", "t_since"):
            self.assertIn(f'name="customer_property_{name}"', page)
        # kept by the staff only
        self.assertNotIn("customer_property_t_card", page)
        self.assertIn('<option value="evening">Evening</option>', page)

    def test_required_field_enforced_online(self):
        self.authenticate("prop_portal", "prop_portal")
        response = self.url_open(
            "/my/account", data=self._account_form(t_frame="54", t_time="morning")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Some required fields are empty.", response.text)
        self.assertNotIn("Unknown field", response.text)
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.partner_properties.get("t_frame"), False)
        self.assertEqual(
            self.customer.properties_missing_required, "Bike model, Frame size"
        )

    def test_invalid_value_refused_online(self):
        self.authenticate("prop_portal", "prop_portal")
        response = self.url_open(
            "/my/account",
            data=self._account_form(t_bike="Bianchi", t_frame="big", t_time="night"),
        )
        self.assertIn("Some of your details are not valid values.", response.text)
        self.customer.invalidate_recordset()
        self.assertFalse(self.customer.partner_properties.get("t_bike"))

    def test_details_saved_online(self):
        self.authenticate("prop_portal", "prop_portal")
        home = self.url_open("/my/home").text
        self.assertIn("o_customer_missing_details", home)
        self.assertIn("Bike model, Frame size", home)

        form = self._account_form(
            t_bike="Bianchi Oltre", t_frame="56", t_time="evening", t_club="1"
        )
        response = self.url_open("/my/account", data=form, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.customer.invalidate_recordset()
        properties = self.customer.partner_properties
        self.assertEqual(properties["t_bike"], "Bianchi Oltre")
        self.assertEqual(properties["t_frame"], 56)
        self.assertEqual(properties["t_time"], "evening")
        self.assertIs(properties["t_club"], True)
        # the staff's own field is kept
        self.assertEqual(properties["t_card"], "C-9")
        self.assertFalse(self.customer.properties_missing_required)
        self.assertNotIn("o_customer_missing_details", self.url_open("/my/home").text)

        # unchecking the box clears the yes/no value
        form.pop("customer_property_t_club")
        form["csrf_token"] = Request.csrf_token(self)
        self.url_open("/my/account", data=form, allow_redirects=False)
        self.customer.invalidate_recordset()
        self.assertIs(self.customer.partner_properties["t_club"], False)

    def test_unknown_field_still_refused(self):
        self.authenticate("prop_portal", "prop_portal")
        form = self._account_form(t_bike="Bianchi", t_frame="54")
        form["customer_property_t_card"] = "FORGED"
        response = self.url_open("/my/account", data=form)
        self.assertIn("Unknown field", response.text)
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.partner_properties["t_card"], "C-9")

    def test_tour_portal_details(self):
        self.start_tour(
            "/my/home", "customer_comm_portal_details_tour", login="prop_portal"
        )
        self.customer.invalidate_recordset()
        properties = self.customer.partner_properties
        self.assertEqual(properties["t_bike"], "Cinelli Vigorelli")
        self.assertEqual(properties["t_frame"], 55)
        self.assertEqual(properties["t_time"], "evening")
        self.assertFalse(self.customer.properties_missing_required)

    def test_tour_property_flags_in_the_editor(self):
        """An administrator marks a customer field required and collected
        online from the customer form."""
        self.env.ref("base.user_admin").write(
            {"company_ids": [(4, self.company.id)], "company_id": self.company.id}
        )
        customer = self._customer("Mirko Prop", t_bike="Bottecchia", t_frame=50)
        self.start_tour(
            f"/odoo/res.partner/{customer.id}",
            "customer_comm_property_flags_tour",
            login="admin",
        )
        definition = {
            prop["name"]: prop for prop in self.company.partner_properties_definition
        }
        self.assertIs(definition["t_card"]["required"], True)
        self.assertIs(definition["t_card"]["collect_online"], True)
        self.assertEqual(customer.properties_missing_required, "Loyalty card")
