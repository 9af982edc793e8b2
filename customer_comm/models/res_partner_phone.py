# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's main phone and mobile: stored in E.164 (from the
customer's country, else its company's), a warning when one is not valid."""

from odoo import api, fields, models

PHONE_FIELDS = ("phone", "mobile")


class ResPartner(models.Model):
    _inherit = "res.partner"

    phone_is_invalid = fields.Boolean(
        compute="_compute_phone_is_invalid",
        groups="base.group_user",
        help="The phone number is not a valid number for the customer's country.",
    )
    mobile_is_invalid = fields.Boolean(
        compute="_compute_phone_is_invalid",
        groups="base.group_user",
        help="The mobile number is not a valid number for the customer's country.",
    )

    @api.depends("phone", "mobile", "country_id", "company_id")
    def _compute_phone_is_invalid(self):
        for partner in self:
            partner.phone_is_invalid = bool(partner.phone) and not partner._phone_e164(
                partner.phone
            )
            partner.mobile_is_invalid = bool(
                partner.mobile
            ) and not partner._phone_e164(partner.mobile)

    def _phone_country(self):
        """The country a national number of this customer belongs to."""
        self.ensure_one()
        return (
            self.country_id or self.company_id.country_id or self.env.company.country_id
        )

    def _phone_e164(self, number):
        """``number`` in E.164 with this customer's country, or ``False``
        when it is not a valid number (phone_validation's formatting)."""
        self.ensure_one()
        return self._phone_format(
            number=number, country=self._phone_country(), force_format="E164"
        )

    def _store_phones_normalized(self):
        """Store the valid phone and mobile numbers in E.164; an invalid one
        stays as typed, with a warning on the form (no blocked save)."""
        for partner in self:
            values = {}
            for fname in PHONE_FIELDS:
                number = partner[fname]
                normalized = number and partner._phone_e164(number)
                if normalized and normalized != number:
                    values[fname] = normalized
            if values:
                partner.write(values)

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered(lambda p: p.phone or p.mobile)._store_phones_normalized()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if {"phone", "mobile", "country_id", "company_id"} & set(vals):
            self.filtered(lambda p: p.phone or p.mobile)._store_phones_normalized()
        return result
