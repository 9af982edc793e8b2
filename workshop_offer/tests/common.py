# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.fields import Command


class RepairOfferCommon:
    """Offers built from scratch: no demo record is relied upon. The
    conditions of the database are archived and one required condition is
    created, so every test knows exactly what the customer must accept."""

    @classmethod
    def _setup_conditions(cls):
        cls.env["repair.offer.condition"].sudo().search([]).active = False
        cls.condition = (
            cls.env["repair.offer.condition"]
            .sudo()
            .create(
                {
                    "name": "Parts kept 30 days",
                    "text": "Replaced parts are kept for 30 days.",
                    "required": True,
                    "company_id": False,
                }
            )
        )
        cls.optional_condition = (
            cls.env["repair.offer.condition"]
            .sudo()
            .create(
                {
                    "name": "Photos",
                    "text": "We may photograph the repair.",
                    "required": False,
                    "company_id": False,
                }
            )
        )

    @classmethod
    def _create_offer(cls, partner_name="Anna Galli", note="Your bike is ready.", n=0):
        partner = cls.env["res.partner"].create(
            {"name": partner_name, "email": f"{partner_name.split()[0]}@example.com"}
        )
        repair = cls.env["repair.order"].create(
            {
                "partner_id": partner.id,
                "product_id": cls.env.ref("product.product_product_3").id,
            }
        )
        lines = [
            ("Brake pads", 40.0, "initial"),
            ("New chain", 30.0, "initial"),
            ("Full service", 60.0, "optional"),
        ] + [(f"Extra check {i}", 5.0, "optional") for i in range(n)]
        return cls.env["repair.offer"].create(
            {
                "repair_id": repair.id,
                "note": note,
                "line_ids": [
                    Command.create(
                        {"name": name, "price": price, "line_kind": kind, "tax_ids": []}
                    )
                    for name, price, kind in lines
                ],
            }
        )


class WorkshopItemCommon:
    """A customer's bike as an item: a lot of a serial-tracked product."""

    @classmethod
    def _setup_items(cls):
        env = cls.env(su=True)
        cls.bike = env["product.product"].create(
            {
                "name": "City e-bike",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        cls.owner = env["res.partner"].create(
            {"name": "Marco Rossi", "email": "marco.rossi@example.it"}
        )

    @classmethod
    def _create_item(cls, name, owner=None, **values):
        return cls.env["stock.lot"].create(
            {
                "name": name,
                "product_id": cls.bike.id,
                "owner_id": (owner or cls.owner).id,
                **values,
            }
        )

    @classmethod
    def _create_item_offer(cls, item, lines):
        """An offer for a repair of ``item``: ``lines`` ``[(name, price,
        kind)]``."""
        repair = cls.env["repair.order"].create(
            {
                "partner_id": item.owner_id.id,
                "product_id": item.product_id.id,
                "lot_id": item.id,
            }
        )
        return cls.env["repair.offer"].create(
            {
                "repair_id": repair.id,
                "line_ids": [
                    Command.create(
                        {
                            "name": name,
                            "price": price,
                            "line_kind": kind,
                            "severity": severity,
                            "tax_ids": [],
                        }
                    )
                    for name, price, kind, severity in lines
                ],
            }
        )
