# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, fields, models
from odoo.exceptions import UserError


class ResCompany(models.Model):
    _inherit = "res.company"

    repair_offer_enabled = fields.Boolean(
        string="Repair offers",
        default=True,
        help="Repair orders of this company can send offers the customer "
        "decides on a portal page.",
    )
    repair_offer_signature = fields.Boolean(
        string="Repair offers: ask the customer to sign",
        help="The customer confirms an offer with their name and a signature "
        "drawn on the offer page.",
    )

    def _check_repair_offer_enabled(self):
        disabled = self.filtered(lambda company: not company.repair_offer_enabled)
        if disabled:
            raise UserError(
                _(
                    "Repair offers are switched off for %(company)s (Inventory > "
                    "Configuration > Settings).",
                    company=disabled[0].name,
                )
            )
