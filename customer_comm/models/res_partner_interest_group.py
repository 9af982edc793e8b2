# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartnerInterestGroup(models.Model):
    """Interests come from OCA partner_interest_group; they get a colour for
    the tags on the customer form. Deleting a customer only removes the link."""

    _inherit = "res.partner.interest.group"

    color = fields.Integer()

    _sql_constraints = [
        (
            "name_company_unique",
            "unique(name, company_id)",
            "An interest with this name already exists.",
        ),
    ]
