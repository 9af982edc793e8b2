# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from odoo.addons.customer_comm.tools.channel import SEND_CHANNELS


class RepairOfferSendRecipient(models.TransientModel):
    """One address the offer can be sent to: an e-mail or a mobile of the
    customer, of its company or of one of its contacts."""

    _name = "repair.offer.send.recipient"
    _description = "Repair Offer Recipient Choice"
    _order = "opted_out, role_sequence, id"

    wizard_id = fields.Many2one(
        comodel_name="repair.offer.send", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(comodel_name="res.partner", required=True)
    role = fields.Char(help="Owner, company or contact (with their job position).")
    role_sequence = fields.Integer()
    channel = fields.Selection(selection=SEND_CHANNELS, required=True)
    label = fields.Char(help="Personal, professional, ...")
    address = fields.Char(required=True)
    opted_out = fields.Boolean(
        readonly=True, help="This address asked not to be contacted."
    )

    @api.depends("role", "partner_id", "address")
    def _compute_display_name(self):
        for option in self:
            option.display_name = (
                f"{option.address} ({option.partner_id.name}, {option.role})"
            )

    def action_choose(self):
        """Pick this address (refused for an opted-out one)."""
        self.ensure_one()
        self.wizard_id.recipient_id = self
        return self.wizard_id._reopen()
