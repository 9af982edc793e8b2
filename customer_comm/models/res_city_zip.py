# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ResCityZip(models.Model):
    """The ZIP/city completion of OCA base_location shows the province code,
    as Italian users expect: ``20121 Milano (MI), Italy``."""

    _inherit = "res.city.zip"

    @api.depends("city_id.state_id.code")
    def _compute_display_name(self):
        for zip_location in self:
            city = zip_location.city_id
            name = f"{zip_location.name} {city.name}"
            if city.state_id.code:
                name = f"{name} ({city.state_id.code})"
            if city.country_id:
                name = f"{name}, {city.country_id.name}"
            zip_location.display_name = name
