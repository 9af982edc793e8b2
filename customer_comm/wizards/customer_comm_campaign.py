# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.channel import EMAIL, SEND_CHANNELS, SMS


class CustomerCommCampaign(models.TransientModel):
    """Start an e-mail or SMS campaign (Odoo mass mailing) to the customers
    chosen by interests, kind and place. Each customer receives it once, at
    an address or number where they agreed to receive campaigns
    (``customer.marketing.address``); the customers without consent, opted
    out or without an address for the channel are left out, and counted."""

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
    no_consent_count = fields.Integer(
        compute="_compute_recipient_count",
        string="Without consent",
        help="Customers with an address for this channel, none of which "
        "accepts campaigns.",
    )
    opted_out_count = fields.Integer(
        compute="_compute_recipient_count",
        string="Opted out",
        help="Customers whose consenting addresses are all opted out.",
    )
    no_address_count = fields.Integer(
        compute="_compute_recipient_count",
        string="Without an address",
        help="Customers without any e-mail address (or mobile number, for SMS).",
    )

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
        """How many customers receive it, and why the others do not: a few
        counting queries, whatever the number of customers."""
        Partner = self.env["res.partner"]
        Address = self.env["customer.marketing.address"]
        for campaign in self:
            partners = campaign._partner_domain()
            matching = Partner.search_count(partners)
            with_address = Partner.search_count(
                [*partners, *campaign._has_address_domain()]
            )
            consenting = len(
                Address._read_group(
                    [
                        ("channel", "=", campaign.channel),
                        ("partner_id", "any", partners),
                    ],
                    ["partner_id"],
                )
            )
            campaign.recipient_count = Address.search_count(campaign._mailing_domain())
            campaign.opted_out_count = consenting - campaign.recipient_count
            campaign.no_consent_count = with_address - consenting
            campaign.no_address_count = matching - with_address

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

    def _partner_domain(self):
        """The customers chosen by the criteria, whatever their consent."""
        self.ensure_one()
        domain = [("active", "=", True)]
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

    def _has_address_domain(self):
        """The customers with an address for the channel, consenting or not."""
        self.ensure_one()
        if self.channel == EMAIL:
            return [
                "|",
                ("email_normalized", "!=", False),
                ("contact_point_ids", "any", [("kind", "=", "email")]),
            ]
        return [
            "|",
            ("mobile", "!=", False),
            ("contact_point_ids", "any", [("kind", "=", "mobile")]),
        ]

    def _mailing_domain(self):
        """The mailing's recipients: the preferred consenting address of each
        chosen customer, for the channel (evaluated again when it is sent)."""
        self.ensure_one()
        return [
            ("channel", "=", self.channel),
            ("preferred", "=", True),
            ("partner_id", "any", self._partner_domain()),
        ]

    def _mailing_values(self):
        self.ensure_one()
        values = {
            "subject": self.name,
            "mailing_model_id": self.env["ir.model"]._get_id(
                "customer.marketing.address"
            ),
            "mailing_domain": repr(self._mailing_domain()),
            "mailing_type": "mail" if self.channel == EMAIL else "sms",
        }
        if self.channel == SMS:
            values["body_plaintext"] = ""
        return values
