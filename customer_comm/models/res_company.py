# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from ..tools.customer_properties import CustomerPropertiesDefinition


class ResCompany(models.Model):
    _inherit = "res.company"

    sms_provider = fields.Selection(
        selection=[("iap", "Odoo IAP"), ("http", "HTTP gateway (Twilio-style REST)")],
        string="SMS provider",
        default="iap",
        required=True,
    )
    sms_gateway_url = fields.Char(
        string="Gateway URL",
        default="https://api.twilio.com/2010-04-01",
        help="Base URL of the REST API: messages are posted to "
        "<URL>/Accounts/<account>/Messages.json.",
    )
    sms_gateway_account = fields.Char(
        string="Gateway account", groups="base.group_system"
    )
    sms_gateway_token = fields.Char(string="Gateway token", groups="base.group_system")
    sms_gateway_sender = fields.Char(
        string="Sender",
        help="The number or alphanumeric sender id the SMS come from.",
    )
    sms_gateway_timeout = fields.Integer(
        string="Gateway timeout (s)",
        default=10,
        help="After this many seconds without an answer the SMS is left in "
        "error and tried again later.",
    )
    partner_properties_definition = CustomerPropertiesDefinition(
        string="Customer properties",
        help="The extra fields this company keeps on its customers, added by "
        "an administrator from the customer form. Each one may be required "
        "and may be collected online, on the customer's portal.",
    )
