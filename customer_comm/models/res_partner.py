# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    contact_point_ids = fields.One2many(
        comodel_name="customer.contact.point",
        inverse_name="partner_id",
        string="Contact points",
    )
    contact_preference = fields.Selection(
        selection=[("email", "E-mail"), ("sms", "SMS"), ("none", "None")],
        default="email",
        help="The channel the customer prefers. It is only suggested when "
        "writing to them: the other channels stay possible.",
    )
    sms_unreachable = fields.Boolean(
        compute="_compute_sms_unreachable",
        help="An individual without a mobile number cannot receive SMS.",
    )

    @api.depends("is_company", "mobile", "contact_point_ids.kind")
    def _compute_sms_unreachable(self):
        for partner in self:
            partner.sms_unreachable = not partner.is_company and not (
                partner.mobile or "mobile" in partner.contact_point_ids.mapped("kind")
            )
