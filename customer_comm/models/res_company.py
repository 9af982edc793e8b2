# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    partner_properties_definition = fields.PropertiesDefinition(
        string="Customer properties",
        help="The extra fields this company keeps on its customers, added by "
        "an administrator from the customer form.",
    )
