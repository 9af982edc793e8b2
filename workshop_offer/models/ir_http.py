# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.routing.converters import NumberConverter

from odoo import models


class RecordIdConverter(NumberConverter):
    """A record id in a URL: 1 to 10 ASCII digits, in PostgreSQL's integer
    range. Anything else (a 5,000-digit number, a sign, other scripts' digits)
    matches no route: 404, where ``<int:...>`` answers 500 or reaches the
    database with a number it cannot hold."""

    regex = r"[0-9]{1,10}"
    num_convert = int

    def __init__(self, url_map, min=1, max=2147483647):  # noqa: A002 (werkzeug's names)
        super().__init__(url_map, min=min, max=max)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_converters(cls):
        return dict(super()._get_converters(), record_id=RecordIdConverter)
