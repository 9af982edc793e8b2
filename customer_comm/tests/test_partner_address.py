# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import Form, TransactionCase, tagged

from .common import CustomerCommCase


@tagged("post_install", "-at_install")
class TestPartnerAddress(CustomerCommCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_comm_users()
        cls.env = cls.env(user=cls.comm_user)
        cls.Zip = cls.env["res.city.zip"]

    def test_typing_a_city_proposes_it_with_its_province_code(self):
        milano = self.env.ref("customer_comm.demo_zip_milano")
        found = self.Zip.name_search("Milano")
        self.assertIn((milano.id, "20121 Milano (MI), Italy"), found)
        lyon = self.env.ref("customer_comm.demo_zip_lyon")
        self.assertIn((lyon.id, "69001 Lyon, France"), self.Zip.name_search("Lyon"))
        self.assertIn(
            milano.id, [zip_id for zip_id, _name in self.Zip.name_search("2012")]
        )

    def test_picking_the_zip_fills_the_address(self):
        milano = self.env.ref("customer_comm.demo_zip_milano")
        with Form(self.env["res.partner"], view="base.view_partner_form") as form:
            form.firstname = "Lucia"
            form.lastname = "Ferri"
            form.zip_id = milano
            self.assertEqual(form.city, "Milano")
            self.assertEqual(form.zip, "20121")
            self.assertEqual(form.state_id, self.env.ref("base.state_it_mi"))
            self.assertEqual(form.country_id, self.italy)
        partner = form.record
        self.assertEqual(partner.city_id, milano.city_id)
        # a French commune, without province
        with Form(partner, view="base.view_partner_form") as form:
            form.zip_id = self.env.ref("customer_comm.demo_zip_paris")
        self.assertEqual(
            (partner.city, partner.zip, partner.state_id, partner.country_id),
            ("Paris", "75001", self.env["res.country.state"], self.france),
        )

    def test_demo_customers_have_their_location(self):
        officina = self.env.ref("customer_comm.demo_company_officina")
        self.assertEqual(
            officina.zip_id, self.env.ref("customer_comm.demo_zip_bologna")
        )
        self.assertEqual(
            (officina.city, officina.zip, officina.state_id.code),
            ("Bologna", "40121", "BO"),
        )
        claire = self.env.ref("customer_comm.demo_customer_claire")
        self.assertEqual((claire.city, claire.country_id), ("Grenoble", self.france))
