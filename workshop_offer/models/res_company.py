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

    deferred_work_reminder_days = fields.Integer(
        string="Remind deferred work after (days)",
        default=0,
        help="Days after which the customer is reminded once of the work they "
        "put off (by e-mail or SMS, as they prefer and agreed to); 0: no "
        "reminder.",
    )

    _sql_constraints = [
        (
            "deferred_work_reminder_days_not_negative",
            "CHECK(deferred_work_reminder_days >= 0)",
            "The reminder delay of deferred work cannot be negative.",
        ),
    ]

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
