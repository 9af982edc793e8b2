# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from ..tools.channel import CHANNELS, EMAIL, NOTE, SMS


class CustomerCommComposer(models.TransientModel):
    """Write to a customer: set up (type, template, greeting), compose, send
    or save, and see everything written to them before."""

    _name = "customer.comm.composer"
    _description = "Customer Communication Composer"

    partner_id = fields.Many2one(comodel_name="res.partner", required=True)
    res_model = fields.Char(help="The record the composer was opened from.")
    res_id = fields.Integer()
    preferred_channel = fields.Selection(related="partner_id.preferred_channel")
    email = fields.Char(related="partner_id.email")
    sms_number = fields.Char(compute="_compute_reachability")
    email_opted_out = fields.Boolean(compute="_compute_reachability")
    sms_opted_out = fields.Boolean(compute="_compute_reachability")
    channel = fields.Selection(
        selection=CHANNELS,
        string="Type",
        required=True,
        compute="_compute_channel",
        store=True,
        readonly=False,
        precompute=True,
    )
    mail_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="E-mail template",
        domain="[('model', '=', 'res.partner'), ('customer_comm_use', '=', 'email')]",
    )
    note_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="Note template",
        domain="[('model', '=', 'res.partner'), ('customer_comm_use', '=', 'note')]",
    )
    sms_template_id = fields.Many2one(
        comodel_name="sms.template",
        string="SMS template",
        domain="[('model', '=', 'res.partner')]",
    )
    template_applied = fields.Boolean(readonly=True)
    subject = fields.Char()
    use_name = fields.Selection(
        selection=[("yes", "Yes"), ("no", "No, I'll do it myself")],
        string="Use the customer's name",
        default="yes",
        required=True,
    )
    greeting_style = fields.Selection(
        selection=[("informal", "Informal"), ("formal", "Formal")],
        default="informal",
        required=True,
    )
    greeting = fields.Char(compute="_compute_greeting")
    body = fields.Html(string="Content", sanitize_style=True)
    sms_body = fields.Text(string="SMS content")
    feedback = fields.Char(readonly=True)
    feedback_is_error = fields.Boolean(readonly=True)
    history_ids = fields.One2many(
        comodel_name="customer.comm.log",
        compute="_compute_history_ids",
        groups="customer_comm.group_customer_comm_user",
    )

    @api.depends("partner_id")
    def _compute_channel(self):
        for composer in self:
            if not composer.channel:
                preference = composer.partner_id.preferred_channel
                composer.channel = SMS if preference == SMS else EMAIL

    @api.depends("partner_id")
    def _compute_reachability(self):
        for composer in self:
            partner = composer.partner_id
            composer.sms_number = partner._customer_comm_sms_number()
            composer.email_opted_out = partner.is_blacklisted
            composer.sms_opted_out = (
                bool(partner.mobile_blacklisted or partner.phone_sanitized_blacklisted)
                and not composer.sms_number
            )

    @api.depends("partner_id", "channel", "use_name", "greeting_style")
    def _compute_greeting(self):
        """Greetings are for e-mails and SMS, not for internal notes."""
        for composer in self:
            composer.greeting = (
                composer.partner_id._customer_comm_greeting(
                    formal=composer.greeting_style == "formal"
                )
                if composer.use_name == "yes" and composer.channel != NOTE
                else False
            )

    @api.depends("partner_id")
    def _compute_history_ids(self):
        for composer in self:
            composer.history_ids = self.env["customer.comm.log"].search(
                [("partner_id", "=", composer.partner_id.id)], limit=80
            )

    @api.onchange("channel")
    def _onchange_channel(self):
        self.mail_template_id = self.note_template_id = self.sms_template_id = False
        self.template_applied = False

    @api.onchange(
        "mail_template_id",
        "note_template_id",
        "sms_template_id",
        "use_name",
        "greeting_style",
    )
    def _onchange_template(self):
        """Greeting + template + signature, only when a template is chosen."""
        template = self._template()
        self.template_applied = bool(template)
        if not template:
            return
        partner_id = self.partner_id.id
        lang = self.partner_id._customer_comm_lang()
        greeting = f"{self.greeting}," if self.greeting else ""
        # an internal note is not signed
        signature = self.env.user.signature if self.channel != NOTE else False
        if self.channel == SMS:
            text = template.with_context(lang=lang)._render_field("body", [partner_id])[
                partner_id
            ]
            self.sms_body = "\n".join(part for part in (greeting, text) if part)
            if not self.subject:
                self.subject = template.with_context(lang=lang).name
            return
        values = template.with_context(lang=lang)._generate_template(
            [partner_id], ["subject", "body_html"]
        )[partner_id]
        parts = []
        if greeting:
            parts.append(Markup("<p>%s</p>") % greeting)
        if not is_html_empty(values.get("body_html")):
            parts.append(Markup(values["body_html"]))
        if not is_html_empty(signature):
            parts.append(Markup("<p>%s</p>") % Markup(signature))
        self.body = Markup("").join(parts)
        if values.get("subject"):
            self.subject = values["subject"]

    def action_send(self):
        """Send the e-mail or the SMS, or save the note, on the record the
        composer was opened from, then show it at the top of the history."""
        self._check_can_send()
        options = {}
        if self.channel == EMAIL:
            options["email_layout_xmlid"] = "mail.mail_notification_light"
        elif self.channel == SMS:
            options["address"] = self.sms_number
        log = self._origin_record()._customer_comm_post(
            self.partner_id,
            self.channel,
            self.sms_body if self.channel == SMS else self.body,
            subject=self.subject,
            **options,
        )
        # sudo: the row this send just wrote gives its sender the feedback
        # (address, delivery state), even one who may not read the history
        return self._after_send(log.sudo())

    def action_open_history(self):
        """Every communication of the customer, searchable and filterable."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_comm.customer_comm_log_action"
        )
        action["domain"] = [("partner_id", "=", self.partner_id.id)]
        action["context"] = {"default_partner_id": self.partner_id.id}
        return action

    @api.model
    def _open_for(self, record, mail_template=None):
        """The composer for the customer of ``record`` (a customer, or a record
        of the ``customer.comm.mixin``); with ``mail_template`` it opens as an
        e-mail with that template already applied."""
        partner = (
            record if record._name == "res.partner" else record._customer_comm_partner()
        )
        values = {
            "partner_id": partner.id,
            "res_model": record._name,
            "res_id": record.id,
        }
        if mail_template:
            values.update(channel=EMAIL, mail_template_id=mail_template.id)
        composer = self.create(values)
        if mail_template:
            composer._onchange_template()
        return composer._action_open()

    def _action_open(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Contact %(customer)s", customer=self.partner_id.display_name),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _template(self):
        return {
            EMAIL: self.mail_template_id,
            NOTE: self.note_template_id,
            SMS: self.sms_template_id,
        }[self.channel]

    def _origin_record(self):
        """The record the composer was opened from, where the message is
        posted; the customer when it has no chatter."""
        if self.res_model and self.res_id and self.res_model in self.env:
            record = self.env[self.res_model].browse(self.res_id).exists()
            if record and isinstance(record, self.pool["mail.thread"]):
                return record
        return self.partner_id

    def _check_can_send(self):
        self.ensure_one()
        if not (self.subject or "").strip():
            raise UserError(_("Add a subject: nothing was sent or saved without one."))
        partner = self.partner_id
        if self.channel == EMAIL:
            if not partner.email:
                raise UserError(
                    _("%(customer)s has no e-mail address.", customer=partner.name)
                )
            if self.email_opted_out:
                raise UserError(
                    _(
                        "%(customer)s asked not to receive e-mails: nothing was sent.",
                        customer=partner.name,
                    )
                )
        elif self.channel == SMS:
            if not self.sms_number:
                if self.sms_opted_out:
                    raise UserError(
                        _(
                            "%(customer)s asked not to receive SMS: nothing was sent.",
                            customer=partner.name,
                        )
                    )
                raise UserError(
                    _(
                        "%(customer)s has no mobile number: nothing was sent.",
                        customer=partner.name,
                    )
                )
            if not (self.sms_body or "").strip():
                raise UserError(_("Write the SMS before sending it."))
        elif is_html_empty(self.body):
            raise UserError(_("Write the note before saving it."))

    def _after_send(self, log):
        """A fresh composer on the history tab, with a clear feedback."""
        messages = {
            EMAIL: _("E-mail sent to %(recipient)s.", recipient=log.recipient),
            SMS: _("SMS sent to %(recipient)s.", recipient=log.recipient)
            if log.state != "queued"
            else _(
                "SMS to %(recipient)s queued: it leaves in a moment, the history "
                "shows when it is delivered.",
                recipient=log.recipient,
            ),
            NOTE: _("Note saved."),
        }
        if log.state == "failed":
            channels = dict(log._fields["channel"]._description_selection(self.env))
            messages[log.channel] = _(
                "%(type)s could not be delivered: %(reason)s",
                type=channels[log.channel],
                reason=log.failure_reason or _("see the message in the chatter"),
            )
        fresh = self.create(
            {
                "partner_id": self.partner_id.id,
                "res_model": self.res_model,
                "res_id": self.res_id,
                "channel": self.channel,
                "feedback": messages[log.channel],
                "feedback_is_error": log.state == "failed",
            }
        )
        return fresh._action_open()
