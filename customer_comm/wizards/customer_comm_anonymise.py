# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError


class CustomerCommAnonymise(models.TransientModel):
    """Right to be forgotten: a Customer Communication manager confirms that
    the personal data of these customers is erased for good (see
    ``res.partner._anonymise``)."""

    _name = "customer.comm.anonymise"
    _description = "Anonymise customers"

    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Customers",
        required=True,
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "partner_ids" in fields_list
            and not values.get("partner_ids")
            and context.get("active_model") == "res.partner"
        ):
            values["partner_ids"] = [Command.set(context.get("active_ids") or [])]
        return values

    def action_anonymise(self):
        self.ensure_one()
        if not self.env.user.has_group("customer_comm.group_customer_comm_manager"):
            raise AccessError(
                self.env._(
                    "Only a Customer Communication manager can anonymise customers."
                )
            )
        self.partner_ids._anonymise()
        return {"type": "ir.actions.act_window_close"}
