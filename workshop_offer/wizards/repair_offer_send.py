# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize

from odoo.addons.customer_comm.tools.channel import (
    CHANNEL_OF_KIND,
    EMAIL,
    SEND_CHANNELS,
    SMS,
)


class RepairOfferSend(models.TransientModel):
    """ "Send offer": choose who receives the link and how, write the note,
    review the interventions (edits go to the offer and the repair order)."""

    _name = "repair.offer.send"
    _description = "Send a Repair Offer"

    offer_id = fields.Many2one(
        comodel_name="repair.offer", required=True, ondelete="cascade"
    )
    offer_state = fields.Selection(related="offer_id.state")
    partner_id = fields.Many2one(related="offer_id.partner_id")
    channel = fields.Selection(selection=SEND_CHANNELS, required=True, default=EMAIL)
    option_ids = fields.One2many(
        comodel_name="repair.offer.send.recipient",
        inverse_name="wizard_id",
        string="Addresses",
    )
    recipient_id = fields.Many2one(
        comodel_name="repair.offer.send.recipient",
        domain="[('wizard_id', '=', id), ('channel', '=', channel), "
        "('opted_out', '=', False)]",
    )
    note = fields.Text(related="offer_id.note", readonly=False)
    line_ids = fields.One2many(related="offer_id.line_ids", readonly=False)
    mail_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="E-mail template",
        domain=[("model", "=", "repair.offer")],
        default=lambda self: self.env.ref(
            "workshop_offer.mail_template_repair_offer", raise_if_not_found=False
        ),
    )
    sms_template_id = fields.Many2one(
        comodel_name="sms.template",
        string="SMS template",
        domain=[("model", "=", "repair.offer")],
        default=lambda self: self.env.ref(
            "workshop_offer.sms_template_repair_offer", raise_if_not_found=False
        ),
    )

    @api.onchange("channel")
    def _onchange_channel(self):
        if self.recipient_id.channel != self.channel:
            self.recipient_id = self.option_ids.filtered(
                lambda o: o.channel == self.channel and not o.opted_out
            )[:1]

    @api.constrains("recipient_id", "channel")
    def _check_recipient(self):
        for wizard in self.filtered("recipient_id"):
            if wizard.recipient_id.opted_out:
                raise ValidationError(
                    _(
                        "%(address)s asked not to be contacted: choose another "
                        "address.",
                        address=wizard.recipient_id.address,
                    )
                )
            if wizard.recipient_id.channel != wizard.channel:
                raise ValidationError(
                    _("The recipient's address does not match the channel.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard.offer_id._check_sendable()
            wizard.option_ids = [
                fields.Command.create(values) for values in wizard._recipient_options()
            ]
            wizard._preselect()
        return wizards

    def action_send(self):
        self.ensure_one()
        if not self.recipient_id:
            raise UserError(
                _(
                    "Choose who receives the offer: %(customer)s has no address "
                    "for this channel that accepts messages.",
                    customer=self.partner_id.display_name,
                )
            )
        self._check_recipient()
        self.offer_id._send_link(
            self.channel,
            self.recipient_id.partner_id,
            self.recipient_id.address,
            mail_template=self.mail_template_id,
            sms_template=self.sms_template_id,
        )
        return {"type": "ir.actions.act_window_close"}

    def _recipient_options(self):
        """Every e-mail and mobile of the customer, its company and its
        contacts, with their role; opted-out ones flagged."""
        customer = self.offer_id.partner_id
        company = customer.commercial_partner_id
        people = (
            customer
            | company
            | company.child_ids.filtered(lambda p: p.type == "contact" and p.active)
        )
        roles = {customer: (0, _("Owner"))}
        if company != customer:
            roles[company] = (1, _("Company"))
        options, seen = [], set()
        contact_role, main_label = _("Contact"), _("Main")

        def add(partner, channel, address, label):
            key = (partner.id, channel, address)
            if not address or key in seen:
                return
            seen.add(key)
            sequence, role = roles.get(
                partner,
                (2, partner.function or contact_role),
            )
            options.append(
                {
                    "partner_id": partner.id,
                    "role": role,
                    "role_sequence": sequence,
                    "channel": channel,
                    "label": label,
                    "address": address,
                }
            )

        for partner in people:
            add(partner, EMAIL, email_normalize(partner.email or ""), main_label)
            add(
                partner,
                SMS,
                partner.mobile and partner._phone_format(number=partner.mobile),
                main_label,
            )
            for point in partner.contact_point_ids:
                if point.kind in CHANNEL_OF_KIND:
                    add(partner, CHANNEL_OF_KIND[point.kind], point.value, point.label)
        emails = [o["address"] for o in options if o["channel"] == EMAIL]
        numbers = [o["address"] for o in options if o["channel"] == SMS]
        blocked = self.env["customer.contact.point"]._blacklisted_values(
            emails, numbers
        )
        for option in options:
            option["opted_out"] = option["address"] in blocked
        return options

    def _preselect(self):
        """The last recipient again, else the customer's first reachable
        address on their preferred channel."""
        offer = self.offer_id
        options = self.option_ids.filtered(lambda o: not o.opted_out)
        last = options.filtered(
            lambda o: (
                o.address == offer.recipient_address and o.channel == offer.channel
            )
        )
        if last:
            self.channel, self.recipient_id = last[0].channel, last[0]
            return
        preferred = SMS if offer.partner_id.preferred_channel == SMS else EMAIL
        for channel in (preferred, EMAIL, SMS):
            candidates = options.filtered(lambda o, c=channel: o.channel == c)
            if candidates:
                self.channel, self.recipient_id = channel, candidates[0]
                return

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Send offer"),
        }
