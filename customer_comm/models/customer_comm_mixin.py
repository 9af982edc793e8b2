# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, models
from odoo.exceptions import UserError


class CustomerCommMixin(models.AbstractModel):
    """The "Contact" entry point of the composer for any record of a customer
    (a request, a repair order...): inherit it, add a button calling
    ``action_open_customer_composer``; the message is posted on the record
    through ``mail.thread._customer_comm_post`` and found again in the
    customer's history."""

    _name = "customer.comm.mixin"
    _description = "Contact the customer of a record"

    def _customer_comm_partner(self):
        self.ensure_one()
        return self.partner_id

    def action_open_customer_composer(self):
        self.ensure_one()
        if not self._customer_comm_partner():
            raise UserError(_("Set the customer first."))
        return self.env["customer.comm.composer"]._open_for(self)
