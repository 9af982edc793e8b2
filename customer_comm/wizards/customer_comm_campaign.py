# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.channel import EMAIL, SEND_CHANNELS, SMS


class CustomerCommCampaign(models.TransientModel):
    """Start an e-mail or SMS campaign (Odoo mass mailing) to the customers
    chosen by interests, kind and place. Opted-out customers and customers
    without marketing consent for the channel are always left out."""

    _name = "customer.comm.campaign"
    _description = "Customer Campaign"

    name = fields.Char(string="Subject", required=True)
    channel = fields.Selection(selection=SEND_CHANNELS, required=True, default=EMAIL)
    interest_ids = fields.Many2many(
        comodel_name="res.partner.interest.group", string="Interests"
    )
    interest_match = fields.Selection(
        selection=[("any", "Any of them"), ("all", "All of them")],
        string="Match",
        default="any",
        required=True,
    )
    partner_kind = fields.Selection(
        selection=[
            ("all", "Everyone"),
            ("person", "Individuals"),
            ("company", "Companies"),
        ],
        string="Customers",
        default="all",
        required=True,
    )
    state_ids = fields.Many2many(comodel_name="res.country.state", string="Regions")
    city = fields.Char()
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Selected customers",
        help="Only these customers (when started from a selection in the list).",
    )
    recipient_count = fields.Integer(compute="_compute_recipient_count")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        ids = context.get("active_ids") or []
        if context.get("active_model") == "res.partner.interest.group":
            values["interest_ids"] = [fields.Command.set(ids)]
        elif context.get("active_model") == "res.partner" and ids:
            values["partner_ids"] = [fields.Command.set(ids)]
        return values

    @api.depends(
        "channel",
        "interest_ids",
        "interest_match",
        "partner_kind",
        "state_ids",
        "city",
        "partner_ids",
    )
    def _compute_recipient_count(self):
        for campaign in self:
            campaign.recipient_count = self.env["res.partner"].search_count(
                campaign._recipient_domain()
            )

    def action_create_mailing(self):
        """The mailing, ready to be written and sent from Odoo's mass mailing."""
        self.ensure_one()
        if not self.recipient_count:
            raise UserError(
                _("No customer matches these criteria and accepts this channel.")
            )
        mailing = self.env["mailing.mailing"].create(self._mailing_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "res_id": mailing.id,
            "view_mode": "form",
            "context": {"default_mailing_type": mailing.mailing_type},
        }

    def _recipient_domain(self):
        self.ensure_one()
        domain = [("active", "=", True)]
        if self.channel == EMAIL:
            domain += [
                ("email", "!=", False),
                ("is_blacklisted", "=", False),
                (
                    "contact_point_ids",
                    "any",
                    [("kind", "=", "email"), ("marketing_consent", "=", True)],
                ),
            ]
        else:
            domain += [
                ("phone_sanitized", "!=", False),
                ("phone_sanitized_blacklisted", "=", False),
                (
                    "contact_point_ids",
                    "any",
                    [("kind", "=", "mobile"), ("marketing_consent", "=", True)],
                ),
            ]
        if self.interest_ids and self.interest_match == "any":
            domain.append(("interest_group_ids", "in", self.interest_ids.ids))
        elif self.interest_ids:
            domain += [
                ("interest_group_ids", "in", interest.ids)
                for interest in self.interest_ids
            ]
        if self.partner_kind != "all":
            domain.append(("is_company", "=", self.partner_kind == "company"))
        if self.state_ids:
            domain.append(("state_id", "in", self.state_ids.ids))
        if self.city:
            domain.append(("city", "=ilike", self.city.strip()))
        if self.partner_ids:
            domain.append(("id", "in", self.partner_ids.ids))
        return domain

    def _mailing_values(self):
        self.ensure_one()
        values = {
            "subject": self.name,
            "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
            "mailing_domain": repr(self._recipient_domain()),
            "mailing_type": "mail" if self.channel == EMAIL else "sms",
        }
        if self.channel == SMS:
            values["body_plaintext"] = ""
        return values
