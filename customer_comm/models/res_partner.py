# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer as someone we write to: contact points, preferred channel,
reachability, language and greeting, history count."""

from odoo import api, fields, models

from ..tools.channel import EMAIL, PREFERRED_CHANNELS
from ..tools.greeting import build_greeting

# The staff-only details of a customer stored on the partner (their fields have
# groups): fetched together, apart from the partner's other columns, so that
# reading partners (names, addresses...) does not check their groups each time.
STAFF_PREFETCH = "customer_comm_staff"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # staff only (portal and public users never read them): the customer's
    # addresses and numbers, their preferences and their history
    contact_point_ids = fields.One2many(
        comodel_name="customer.contact.point",
        inverse_name="partner_id",
        string="Contact points",
        groups="base.group_user",
    )
    preferred_channel = fields.Selection(
        selection=PREFERRED_CHANNELS,
        string="Contact preference",
        default=EMAIL,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
        help="The channel the customer prefers. It is only suggested when "
        "writing to them: the other channels stay possible.",
    )
    sms_unreachable = fields.Boolean(
        compute="_compute_sms_unreachable",
        groups="base.group_user",
        help="An individual without a mobile number cannot receive SMS.",
    )

    @api.depends("is_company", "mobile", "contact_point_ids.kind")
    def _compute_sms_unreachable(self):
        for partner in self:
            partner.sms_unreachable = not partner.is_company and not (
                partner.mobile or "mobile" in partner.contact_point_ids.mapped("kind")
            )

    def action_view_customer_comm_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_comm.customer_comm_log_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        return action

    def action_open_customer_composer(self):
        """ "Contact": the composer for this customer."""
        self.ensure_one()
        return self.env["customer.comm.composer"]._open_for(self)

    def _customer_comm_sms_number(self):
        """The E.164 mobile to write to: the main mobile, else the first
        mobile contact point; opted-out numbers are skipped."""
        self.ensure_one()
        if self.mobile and not self.mobile_blacklisted:
            number = self._phone_format(number=self.mobile)
            if number:
                return number
        for point in self.contact_point_ids:
            if point.kind == "mobile" and not point.is_opted_out:
                return point.value
        return False

    def _customer_comm_lang(self):
        """The language to write to the customer in: theirs while the
        database has it active (data files may leave an inactive one), else
        the user's."""
        self.ensure_one()
        if self.lang and self.lang in dict(self.env["res.lang"].get_installed()):
            return self.lang
        return self.env.lang or "en_US"

    def _customer_comm_greeting(self, formal=False):
        """ "Hi John" / "Dear Mr. Doe" in the customer's language."""
        self.ensure_one()
        person = self
        title_xmlid = person.title.get_external_id().get(person.title.id)
        lang = person._customer_comm_lang()
        return build_greeting(
            lang,
            person.firstname or person.name,
            person.lastname or person.name,
            title_xmlid=title_xmlid,
            title_name=person.title.with_context(lang=lang).shortcut
            or person.title.with_context(lang=lang).name,
            formal=formal,
        )
