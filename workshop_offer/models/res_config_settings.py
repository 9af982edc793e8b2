# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    repair_offer_enabled = fields.Boolean(
        related="company_id.repair_offer_enabled", readonly=False
    )
    repair_offer_signature = fields.Boolean(
        related="company_id.repair_offer_signature", readonly=False
    )
    deferred_work_reminder_days = fields.Integer(
        related="company_id.deferred_work_reminder_days", readonly=False
    )
