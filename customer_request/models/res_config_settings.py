# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_request_create_prospect = fields.Boolean(
        related="company_id.customer_request_create_prospect", readonly=False
    )
    customer_request_acknowledge = fields.Boolean(
        related="company_id.customer_request_acknowledge", readonly=False
    )
