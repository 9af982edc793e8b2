# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    customer_request_create_prospect = fields.Boolean(
        string="Unknown senders become prospects",
        help="An e-mail to the requests address from an address no customer "
        "has creates a prospect card. Otherwise the request keeps the sender's "
        "address and a user creates the customer when it is a real one.",
    )
    customer_request_acknowledge = fields.Boolean(
        string="Acknowledge e-mailed requests",
        help="Answer each request received by e-mail with an acknowledgement "
        "to its customer. Automatic e-mails and senders the mail server could "
        "not authenticate are never answered.",
    )
