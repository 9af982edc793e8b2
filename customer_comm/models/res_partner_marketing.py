# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's consent to campaigns on their main e-mail and main mobile
(their contact points carry their own): each with the date it was given,
withdrawn when the address changes."""

from odoo import api, fields, models
from odoo.tools import email_normalize

from .res_partner import STAFF_PREFETCH

# consent flag: (the address it is given for, the date it was given)
CONSENTS = {
    "email_marketing_consent": ("email", "email_marketing_consent_date"),
    "mobile_marketing_consent": ("mobile", "mobile_marketing_consent_date"),
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    email_marketing_consent = fields.Boolean(
        string="Campaigns by e-mail",
        copy=False,
        tracking=True,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
        help="The customer agreed to receive campaigns at their main e-mail "
        "address. Withdrawn when the address changes.",
    )
    email_marketing_consent_date = fields.Datetime(
        string="E-mail campaigns accepted on",
        readonly=True,
        copy=False,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
    )
    mobile_marketing_consent = fields.Boolean(
        string="Campaigns by SMS",
        copy=False,
        tracking=True,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
        help="The customer agreed to receive campaigns at their main mobile "
        "number. Withdrawn when the number changes.",
    )
    mobile_marketing_consent_date = fields.Datetime(
        string="SMS campaigns accepted on",
        readonly=True,
        copy=False,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
    )

    @api.model
    def _prepare_marketing_consent_values(self, vals):
        """The consent dates going with the consent flags in ``vals``."""
        now = fields.Datetime.now()
        dates = {}
        for flag, (_address, date_field) in CONSENTS.items():
            if flag in vals:
                dates[date_field] = now if vals[flag] else False
        return dates

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.update(self._prepare_marketing_consent_values(vals))
        return super().create(vals_list)

    def write(self, vals):
        vals = dict(vals, **self._prepare_marketing_consent_values(vals))
        withdrawn = self._marketing_consents_withdrawn_by(vals)
        result = super().write(vals)
        for flag, partners in withdrawn.items():
            partners.write({flag: False})
        return result

    def _marketing_consents_withdrawn_by(self, vals):
        """``{flag: partners}``: the consents that ``vals`` withdraws, given
        for an address it changes (and not given again in ``vals``)."""
        withdrawn = {}
        for flag, (address, _date_field) in CONSENTS.items():
            if address not in vals or flag in vals:
                continue
            changed = self.sudo().filtered(
                lambda p, address=address, flag=flag: (
                    p[flag]
                    and p._marketing_address_key(address, p[address])
                    != p._marketing_address_key(address, vals[address])
                )
            )
            if changed:
                withdrawn[flag] = changed.with_env(self.env)
        return withdrawn

    def _marketing_address_key(self, address, value):
        """``value`` of the ``address`` field as compared for the consent:
        the normalised e-mail, the number in E.164 (a number written another
        way is the same number)."""
        self.ensure_one()
        if not value:
            return False
        if address == "email":
            return email_normalize(value) or value
        return self._phone_e164(value) or value
