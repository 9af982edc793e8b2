# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools.mail import email_normalize, parse_contact_from_email


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_request_prospect = fields.Boolean(
        string="Prospect",
        help="Created from a request of someone who is not a customer yet.",
    )

    @api.model
    def _customer_request_create_prospect(self, email_from, name=False, **values):
        """A prospect card for the author of a request."""
        parsed_name, email = parse_contact_from_email(email_from or "")
        return self.create(
            dict(
                values,
                name=name or parsed_name or email,
                email=email_normalize(email) or email or False,
                customer_request_prospect=True,
            )
        )
