# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, formatLang

READING_UNITS = [("km", "km"), ("hours", "hours")]


class WorkshopItemReading(models.Model):
    """The mileage or operating hours of an item, read at a visit."""

    _name = "workshop.item.reading"
    _description = "Item Reading"
    _order = "date desc, id desc"
    _check_company_auto = True

    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Item",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
        help="The company of the repair it was read at, else the item's.",
    )
    value = fields.Float(required=True, digits=(16, 1))
    unit = fields.Selection(selection=READING_UNITS, required=True, default="km")
    date = fields.Date(required=True, default=fields.Date.context_today)
    repair_id = fields.Many2one(
        comodel_name="repair.order",
        string="Read at repair",
        index="btree_not_null",
        ondelete="set null",
    )
    meter_change = fields.Boolean(
        help="The meter was replaced or reset: this reading may be lower than "
        "the previous one.",
    )

    _sql_constraints = [
        (
            "value_not_negative",
            "CHECK(value >= 0)",
            "A reading cannot be negative.",
        ),
    ]

    @api.depends("repair_id.company_id", "lot_id.company_id")
    def _compute_company_id(self):
        for reading in self:
            reading.company_id = (
                reading.repair_id.company_id or reading.lot_id.company_id
            )

    @api.depends("value", "unit", "date")
    def _compute_display_name(self):
        units = dict(self._fields["unit"]._description_selection(self.env))
        for reading in self:
            reading.display_name = _(
                "%(value)s %(unit)s on %(date)s",
                value=formatLang(self.env, reading.value, digits=0),
                unit=units.get(reading.unit, ""),
                date=format_date(self.env, reading.date),
            )

    @api.constrains("value", "unit", "date", "lot_id", "meter_change")
    def _check_not_lower_than_previous(self):
        """The meter only goes up, unless it was changed."""
        for reading in self.filtered(lambda reading: not reading.meter_change):
            previous = self.search(
                [
                    ("lot_id", "=", reading.lot_id.id),
                    ("unit", "=", reading.unit),
                    ("id", "!=", reading.id),
                    "|",
                    ("date", "<", reading.date),
                    "&",
                    ("date", "=", reading.date),
                    ("id", "<", reading.id),
                ],
                order="date desc, id desc",
                limit=1,
            )
            if previous and previous.value > reading.value:
                raise ValidationError(
                    _(
                        "%(item)s: %(value)s is lower than the previous reading "
                        "(%(previous)s). If the meter was changed, tick 'Meter "
                        "change'.",
                        item=reading.lot_id.display_name,
                        value=formatLang(self.env, reading.value, digits=0),
                        previous=previous.display_name,
                    )
                )
