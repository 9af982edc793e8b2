# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.customer_properties import CustomerPropertiesDefinition
from ..tools.sms_gateway import GatewayConfig, timeout_problem, url_problem

# the words Twilio itself recognises in a reply
OPTOUT_WORDS = ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")
OPTIN_WORDS = ("START", "UNSTOP")


class ResCompany(models.Model):
    _inherit = "res.company"

    sms_provider = fields.Selection(
        selection=[("iap", "Odoo IAP"), ("http", "Twilio (your own account)")],
        string="SMS provider",
        default="iap",
        required=True,
        groups="base.group_system",
    )
    sms_gateway_url = fields.Char(
        string="Gateway URL",
        default="https://api.twilio.com/2010-04-01",
        groups="base.group_system",
        help="Base URL of Twilio's REST API: messages are posted to "
        "<URL>/Accounts/<account SID>/Messages.json. It must use https.",
    )
    sms_gateway_account = fields.Char(string="Account SID", groups="base.group_system")
    sms_gateway_token = fields.Char(
        string="Auth token",
        groups="base.group_system",
        help="The account's auth token: it signs the delivery receipts and "
        "the replies Twilio sends back, and logs in when no API key is set.",
    )
    sms_gateway_api_key = fields.Char(
        string="API key SID",
        groups="base.group_system",
        help="Optional: an API key (SK...) to send with instead of the auth token.",
    )
    sms_gateway_api_secret = fields.Char(
        string="API key secret", groups="base.group_system"
    )
    sms_gateway_sender = fields.Char(
        string="Sender",
        groups="base.group_system",
        help="The number (E.164) or alphanumeric sender id the SMS come from.",
    )
    sms_gateway_service_sid = fields.Char(
        string="Messaging service SID",
        groups="base.group_system",
        help="Optional: a Twilio messaging service (MG...) that chooses the "
        "sender; used instead of the sender above.",
    )
    sms_gateway_timeout = fields.Integer(
        string="Gateway timeout (s)",
        default=10,
        groups="base.group_system",
        help="Between 1 and 30 seconds. Without an answer in that time the SMS "
        "is checked with the gateway, then tried again if it was not taken.",
    )
    sms_optout_keywords = fields.Char(
        string="Opt-out words",
        default="ANNULLA, STOP, FINE, ARRET, ARRÊT",
        groups="base.group_system",
        help="Besides STOP, STOPALL, UNSUBSCRIBE, CANCEL, END and QUIT: "
        "a reply made of one of these words (comma separated) puts the "
        "number in the SMS blacklist.",
    )
    sms_optin_keywords = fields.Char(
        string="Opt-in words",
        default="INIZIO, RIATTIVA, DEMARRER, DÉMARRER",
        groups="base.group_system",
        help="Besides START and UNSTOP: a reply made of one of these words "
        "takes the number out of the SMS blacklist.",
    )
    sms_gateway_inbound_url = fields.Char(
        string="Incoming messages URL",
        compute="_compute_sms_gateway_inbound_url",
        groups="base.group_system",
        help="Paste it in Twilio's console as the number's (or messaging "
        "service's) webhook for incoming messages, method POST.",
    )
    partner_properties_definition = CustomerPropertiesDefinition(
        string="Customer properties",
        help="The extra fields this company keeps on its customers, added by "
        "an administrator from the customer form. Each one may be required "
        "and may be collected online, on the customer's portal.",
    )

    def _compute_sms_gateway_inbound_url(self):
        base_url = self.get_base_url()
        for company in self:
            company.sms_gateway_inbound_url = (
                f"{base_url}/customer_comm/sms/twilio/inbound/{company.id}"
            )

    @api.constrains("sms_provider", "sms_gateway_url", "sms_gateway_timeout")
    def _check_sms_gateway(self):
        for company in self.filtered(lambda c: c.sms_provider == "http"):
            problem = url_problem(company.sms_gateway_url) or timeout_problem(
                company.sms_gateway_timeout
            )
            if problem:
                raise ValidationError(self.env._(problem))

    def _sms_gateway(self):
        """This company's gateway settings, or None when it sends with IAP."""
        self.ensure_one()
        company = self.sudo()
        if company.sms_provider != "http":
            return None
        return GatewayConfig(
            url=company.sms_gateway_url or "",
            account_sid=(company.sms_gateway_account or "").strip(),
            auth_token=company.sms_gateway_token or "",
            api_key_sid=(company.sms_gateway_api_key or "").strip(),
            api_key_secret=company.sms_gateway_api_secret or "",
            sender=(company.sms_gateway_sender or "").strip(),
            service_sid=(company.sms_gateway_service_sid or "").strip(),
            timeout=company.sms_gateway_timeout,
        )

    def _sms_keywords(self):
        """(opt-out words, opt-in words) of this company, upper case."""
        company = self.sudo()
        optout = {*OPTOUT_WORDS, *_words(company.sms_optout_keywords)}
        optin = {*OPTIN_WORDS, *_words(company.sms_optin_keywords)}
        return optout, optin


def _words(text):
    return {word.strip().upper() for word in (text or "").split(",") if word.strip()}
