# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The repaired item (the customer's bike, car or appliance): Odoo's lot /
serial number of the product to repair, which ``repair.order.lot_id``
already points at, with its owner, driver, identifiers and readings."""

import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# unique per company where set, stored upper case without spaces
IDENTIFIERS = ("frame_number", "vin", "plate")


def normalise_identifier(value):
    """``" ab 123 cd "`` -> ``"AB123CD"``; empty -> False."""
    return re.sub(r"\s+", "", value or "").upper() or False


class StockLot(models.Model):
    _inherit = "stock.lot"

    owner_id = fields.Many2one(
        comodel_name="res.partner",
        index="btree_not_null",
        tracking=True,
        help="The customer the item belongs to: set, the lot is one of the "
        "workshop's vehicles and items.",
    )
    driver_id = fields.Many2one(
        comodel_name="res.partner",
        tracking=True,
        help="Who uses the item, when it is not the owner (a company's employee).",
    )
    frame_number = fields.Char(tracking=True)
    vin = fields.Char(string="VIN", tracking=True, help="Vehicle identification number")
    plate = fields.Char(string="Licence plate", tracking=True)
    reading_ids = fields.One2many(
        comodel_name="workshop.item.reading",
        inverse_name="lot_id",
        string="Readings",
    )
    last_reading = fields.Char(
        compute="_compute_last_reading",
        help="The latest mileage or hours read at the workshop.",
    )
    repair_offer_ids = fields.One2many(
        comodel_name="repair.offer", inverse_name="lot_id", string="Repair offers"
    )
    repair_offer_line_ids = fields.One2many(
        comodel_name="repair.offer.line",
        inverse_name="lot_id",
        string="Answers",
        domain=[("decision", "!=", False)],
    )
    deferred_work_ids = fields.One2many(
        comodel_name="repair.deferred.work",
        inverse_name="lot_id",
        string="Deferred work",
    )
    item_repair_count = fields.Integer(string="Repairs", compute="_compute_item_counts")
    item_offer_count = fields.Integer(string="Offers", compute="_compute_item_counts")
    item_deferred_count = fields.Integer(
        string="Pending deferred work", compute="_compute_item_counts"
    )

    @api.depends("reading_ids.value", "reading_ids.date")
    def _compute_last_reading(self):
        for lot in self:
            reading = lot.reading_ids[:1]
            lot.last_reading = reading.display_name if reading else False

    def _compute_item_counts(self):
        counts = {
            fname: dict(
                self.env[model]._read_group(
                    [("lot_id", "in", self.ids), *domain], ["lot_id"], ["__count"]
                )
            )
            for fname, model, domain in (
                ("item_repair_count", "repair.order", []),
                ("item_offer_count", "repair.offer", []),
                (
                    "item_deferred_count",
                    "repair.deferred.work",
                    [("state", "=", "pending")],
                ),
            )
        }
        for lot in self:
            for fname, lot_counts in counts.items():
                lot[fname] = lot_counts.get(lot._origin, 0)

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalise_identifiers(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalise_identifiers(vals))

    @api.model
    def _normalise_identifiers(self, vals):
        return {
            **vals,
            **{
                fname: normalise_identifier(vals[fname])
                for fname in IDENTIFIERS
                if fname in vals
            },
        }

    @api.constrains(*IDENTIFIERS, "company_id")
    def _check_identifiers_unique(self):
        """A frame number, VIN or plate is one item's within a company (an
        item of no company shares them with every company)."""
        Lot = self.sudo().with_context(active_test=False)
        for lot in self:
            for fname in IDENTIFIERS:
                if not lot[fname]:
                    continue
                domain = [(fname, "=", lot[fname]), ("id", "!=", lot.id)]
                if lot.company_id:
                    domain.append(("company_id", "in", [lot.company_id.id, False]))
                other = Lot.search(domain, limit=1)
                if other:
                    raise ValidationError(
                        _(
                            "%(field)s %(value)s is already the one of %(item)s.",
                            field=lot._fields[fname]._description_string(self.env),
                            value=lot[fname],
                            item=other.display_name,
                        )
                    )

    def _item_action(self, xmlid, domain, context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = context or {}
        return action

    def action_view_item_repairs(self):
        return self._item_action(
            "repair.action_repair_order_tree",
            [("lot_id", "=", self.id)],
            {
                "default_lot_id": self.id,
                "default_product_id": self.product_id.id,
                "default_partner_id": self.owner_id.id,
            },
        )

    def action_view_item_offers(self):
        return self._item_action(
            "workshop_offer.repair_offer_action",
            [("lot_id", "=", self.id)],
            {"create": False},
        )

    def action_view_item_deferred_work(self):
        return self._item_action(
            "workshop_offer.repair_deferred_work_action",
            [("lot_id", "=", self.id)],
            {"create": False},
        )
