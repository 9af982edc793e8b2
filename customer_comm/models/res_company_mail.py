# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company as the sender of the e-mails to its customers (seed 000: the
customer service address is the one customers see and answer to)."""

from odoo import fields, models
from odoo.tools import email_normalize, formataddr


class ResCompany(models.Model):
    _inherit = "res.company"

    customer_service_email = fields.Char(
        string="Customer service e-mail",
        help="The address the e-mails written to customers come from and are "
        "answered to. Empty: the address of the user who writes.",
    )

    def _customer_service_sender(self):
        """``"Company" <address>`` of the customer service, or ``False``."""
        self.ensure_one()
        email = email_normalize(self.sudo().customer_service_email or "")
        return formataddr((self.name or "", email)) if email else False
