# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from ast import literal_eval

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import WorkshopItemCommon


@tagged("post_install", "-at_install")
class TestWorkshopItem(WorkshopItemCommon, TransactionCase):
    """The repaired item: a lot with owner, driver, identifiers, readings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_items()
        cls.advisor = new_test_user(
            cls.env, login="item_advisor", groups="stock.group_stock_user"
        )
        cls.portal = new_test_user(
            cls.env, login="item_portal", groups="base.group_portal"
        )
        cls.employee = new_test_user(
            cls.env, login="item_employee", groups="base.group_user"
        )
        cls.env = cls.env(user=cls.advisor)
        cls.item = cls._create_item("FR-1001", plate=" ab 123  cd ", vin="wba 123")

    def test_identifiers_normalised_and_unique_per_company(self):
        self.assertEqual((self.item.plate, self.item.vin), ("AB123CD", "WBA123"))
        self.item.frame_number = ""
        self.assertFalse(self.item.frame_number)
        with self.assertRaises(ValidationError) as refusal:
            self._create_item("FR-1002", plate="AB 123 CD")
        self.assertIn("AB123CD", str(refusal.exception))
        with self.assertRaises(ValidationError):
            self._create_item("FR-1003").write({"vin": "wba123"})
        # not set: no conflict between items without identifiers
        self._create_item("FR-1004")
        self._create_item("FR-1005")
        # another company has its own plates; an item of no company shares
        # them with every company
        self.item.company_id = self.env.company
        other = self.env(su=True)["res.company"].create({"name": "Officina Due"})
        item = self.env(su=True)["stock.lot"].create(
            {
                "name": "FR-2001",
                "product_id": self.bike.id,
                "owner_id": self.owner.id,
                "company_id": other.id,
                "plate": "ab123cd",
            }
        )
        self.assertEqual(item.plate, "AB123CD")
        with self.assertRaises(ValidationError):
            self._create_item("FR-2002", plate="AB123CD")

    def test_reading_lower_than_previous_refused_unless_meter_change(self):
        Reading = self.env["workshop.item.reading"]
        Reading.create({"lot_id": self.item.id, "value": 1200, "date": "2026-03-01"})
        Reading.create({"lot_id": self.item.id, "value": 1500, "date": "2026-06-01"})
        with self.assertRaises(ValidationError) as refusal:
            Reading.create(
                {"lot_id": self.item.id, "value": 1400, "date": "2026-09-01"}
            )
        self.assertIn("lower than the previous", str(refusal.exception))
        # another unit is another meter
        Reading.create(
            {"lot_id": self.item.id, "value": 10, "unit": "hours", "date": "2026-09-01"}
        )
        Reading.create(
            {
                "lot_id": self.item.id,
                "value": 20,
                "date": "2026-09-01",
                "meter_change": True,
            }
        )
        self.item.invalidate_recordset()
        self.assertEqual(len(self.item.reading_ids), 4)
        self.assertIn("20", self.item.last_reading)
        # a later reading is compared with the meter change, not before it
        Reading.create({"lot_id": self.item.id, "value": 30, "date": "2026-10-01"})

    def test_repairs_and_offers_point_at_the_item(self):
        offer = self._create_item_offer(self.item, [("Chain", 30.0, "initial", "soon")])
        self.assertEqual(offer.lot_id, self.item)
        self.assertEqual(offer.line_ids.lot_id, self.item)
        self.item.invalidate_recordset()
        self.assertEqual(
            (self.item.item_repair_count, self.item.item_offer_count), (1, 1)
        )
        self.assertEqual(self.item.repair_offer_ids, offer)
        action = self.item.action_view_item_repairs()
        self.assertEqual(
            self.env["repair.order"].search(action["domain"]), offer.repair_id
        )
        action = self.item.action_view_item_offers()
        self.assertEqual(self.env["repair.offer"].search(action["domain"]), offer)

    def test_items_in_the_menu_and_on_the_customer_card(self):
        not_an_item = self.env(su=True)["stock.lot"].create(
            {"name": "NOT-AN-ITEM", "product_id": self.bike.id}
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "workshop_offer.stock_lot_item_action"
        )
        # (the demo's items may be listed too)
        listed = self.env["stock.lot"].search(
            [*literal_eval(action["domain"]), ("product_id", "=", self.bike.id)]
        )
        self.assertEqual(listed, self.item)
        self.assertNotIn(not_an_item, listed)
        company = self.env(su=True)["res.partner"].create(
            {"name": "Flotta Srl", "is_company": True}
        )
        driver = self.env(su=True)["res.partner"].create(
            {"name": "Luca Flotta", "parent_id": company.id}
        )
        self.item.owner_id = company
        self._create_item("FR-1010", owner=driver)
        company = company.with_user(self.advisor)
        self.assertEqual(company.card_item_count, 2)
        action = company.action_view_card_items()
        self.assertEqual(len(self.env["stock.lot"].search(action["domain"])), 2)

    def test_portal_and_employees_never_read_items(self):
        for user in (self.portal, self.employee):
            with self.assertRaises(AccessError):
                self.item.with_user(user).read(["owner_id"])
            with self.assertRaises(AccessError):
                self.env["workshop.item.reading"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["repair.deferred.work"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["stock.lot"].with_user(user).create(
                    {"name": "X", "product_id": self.bike.id}
                )
