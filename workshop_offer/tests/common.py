# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


class RepairOfferCommon:
    @classmethod
    def _create_offer(cls, partner_name="Anna Galli", note="Your bike is ready."):
        partner = cls.env["res.partner"].create({"name": partner_name})
        repair = cls.env["repair.order"].create(
            {
                "partner_id": partner.id,
                "product_id": cls.env.ref("product.product_product_3").id,
            }
        )
        offer = cls.env["repair.offer"].create(
            {
                "repair_id": repair.id,
                "note": note,
                "line_ids": [
                    (
                        0,
                        0,
                        {"name": "Brake pads", "price": 40.0, "line_kind": "initial"},
                    ),
                    (
                        0,
                        0,
                        {"name": "New chain", "price": 30.0, "line_kind": "initial"},
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Full service",
                            "price": 60.0,
                            "line_kind": "optional",
                        },
                    ),
                ],
            }
        )
        return offer
