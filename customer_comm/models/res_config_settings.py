# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The company's SMS gateway; the fields keep the company fields' groups
    (administrators only)."""

    _inherit = "res.config.settings"

    customer_service_email = fields.Char(
        related="company_id.customer_service_email", readonly=False
    )

    sms_provider = fields.Selection(related="company_id.sms_provider", readonly=False)
    sms_gateway_url = fields.Char(related="company_id.sms_gateway_url", readonly=False)
    sms_gateway_account = fields.Char(
        related="company_id.sms_gateway_account", readonly=False
    )
    sms_gateway_token = fields.Char(
        related="company_id.sms_gateway_token", readonly=False
    )
    sms_gateway_api_key = fields.Char(
        related="company_id.sms_gateway_api_key", readonly=False
    )
    sms_gateway_api_secret = fields.Char(
        related="company_id.sms_gateway_api_secret", readonly=False
    )
    sms_gateway_sender = fields.Char(
        related="company_id.sms_gateway_sender", readonly=False
    )
    sms_gateway_service_sid = fields.Char(
        related="company_id.sms_gateway_service_sid", readonly=False
    )
    sms_gateway_timeout = fields.Integer(
        related="company_id.sms_gateway_timeout", readonly=False
    )
    sms_optout_keywords = fields.Char(
        related="company_id.sms_optout_keywords", readonly=False
    )
    sms_optin_keywords = fields.Char(
        related="company_id.sms_optin_keywords", readonly=False
    )
    sms_gateway_inbound_url = fields.Char(related="company_id.sms_gateway_inbound_url")
