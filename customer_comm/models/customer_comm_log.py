# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from textwrap import shorten

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import html2plaintext

from ..tools.channel import CHANNELS, EMAIL, NOTE, SMS

# the state of a communication from the state of its notification
# (mail.notification: e-mails from their mail.mail and bounces, SMS from their
# sms.sms and tracker, which the gateway's delivery receipts update). An SMS
# notification is "pending" once the gateway sent it and "sent" once the
# phone received it; an e-mail is "sent" once the mail server took it.
STATE_OF_NOTIFICATION = {
    EMAIL: {
        "ready": "queued",
        "process": "queued",
        "pending": "sent",
        "sent": "sent",
        "bounce": "failed",
        "exception": "failed",
        "canceled": "cancelled",
    },
    SMS: {
        "ready": "queued",
        "process": "queued",
        "pending": "sent",
        "sent": "delivered",
        "bounce": "failed",
        "exception": "failed",
        "canceled": "cancelled",
    },
}
INBOUND, OUTBOUND = "inbound", "outbound"


class CustomerCommLog(models.Model):
    """One communication with a customer, whatever sent it: an e-mail or an
    SMS that reached them (its chatter message and its notification, which
    give the content and the delivery state), an internal note, or an SMS the
    customer sent (``inbound``; from an unknown sender when no customer has
    the number). Created only by the sending path
    (``mail.thread._customer_comm_post`` and the notification hook) and the
    gateway's webhook, never from a screen."""

    _name = "customer.comm.log"
    _description = "Customer Communication"
    _order = "date desc, id desc"
    _rec_name = "subject"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        index=True,
        ondelete="cascade",
        help="Empty for an SMS received from a number no customer has.",
    )
    channel = fields.Selection(selection=CHANNELS, string="Type", required=True)
    direction = fields.Selection(
        selection=[(OUTBOUND, "Sent"), (INBOUND, "Received")],
        default=OUTBOUND,
        required=True,
    )
    subject = fields.Char(required=True)
    body = fields.Html(
        string="Content",
        compute="_compute_body",
        compute_sudo=False,
        sanitize=False,
        help="The message as it was written, shown only to who may read it.",
    )
    recipient = fields.Char(
        string="Address",
        help="The e-mail address or number written to, or the number a "
        "received SMS came from.",
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
    author_id = fields.Many2one(
        comodel_name="res.users",
        default=lambda self: self.env.user,
        help="The user who wrote it; empty for a received SMS.",
    )
    message_id = fields.Many2one(
        comodel_name="mail.message", ondelete="set null", index="btree_not_null"
    )
    notification_id = fields.Many2one(
        comodel_name="mail.notification",
        ondelete="set null",
        index="btree_not_null",
        help="The e-mail or SMS notification of the customer: its delivery state.",
    )
    res_model = fields.Char(string="Written from", readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True)
    origin_name = fields.Char(compute="_compute_origin_name", string="Origin")
    state = fields.Selection(
        selection=[
            ("saved", "Saved"),
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("delivered", "Delivered"),
            ("failed", "Failed"),
            ("cancelled", "Cancelled"),
            ("received", "Received"),
        ],
        compute="_compute_state",
        compute_sudo=True,
        search="_search_state",
    )
    failure_reason = fields.Char(
        compute="_compute_state",
        compute_sudo=True,
        help="Why it was not delivered, as the mail server or the SMS gateway said.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company, index=True
    )

    @api.depends("message_id")
    @api.depends_context("uid")
    def _compute_body(self):
        """The content of the message, with the reader's own rights: a
        history row does not show an internal note, a private message or a
        message on a document the reader may not read (Odoo's access rules
        of ``mail.message``, checked for all the rows at once)."""
        messages = self.message_id
        readable = messages._filtered_access("read")
        # sudo: only the messages the reader may read, just checked
        bodies = {message.id: message.body for message in readable.sudo()}
        hidden = Markup("<p><em>%s</em></p>") % _("Not visible to you.")
        for log in self:
            if not log.message_id:
                log.body = False
            else:
                log.body = bodies.get(log.message_id.id, hidden)

    @api.depends("res_model", "res_id")
    @api.depends_context("uid")
    def _compute_origin_name(self):
        """The name of the record it was written from, read once per model;
        a neutral label when the reader may not open that record."""
        ids_by_model = defaultdict(set)
        for log in self:
            if log.res_model in self.env and log.res_id:
                ids_by_model[log.res_model].add(log.res_id)
        names = {}
        hidden = _("Not visible to you")
        for model, ids in ids_by_model.items():
            existing = self.env[model].browse(ids).exists()
            readable = existing._filtered_access("read")
            names.update(((model, record.id), hidden) for record in existing)
            names.update(
                ((model, record.id), record.display_name) for record in readable
            )
        for log in self:
            log.origin_name = names.get((log.res_model, log.res_id), False)

    @api.constrains("direction", "partner_id", "author_id")
    def _check_direction(self):
        for log in self:
            if log.direction == OUTBOUND and not (log.partner_id and log.author_id):
                raise ValidationError(
                    self.env._(
                        "A communication sent or saved needs its customer and "
                        "its author."
                    )
                )

    @api.depends(
        "channel",
        "direction",
        "notification_id.notification_status",
        "notification_id.failure_type",
        "notification_id.failure_reason",
    )
    def _compute_state(self):
        for log in self:
            notification = log.notification_id
            log.failure_reason = False
            if log.direction == INBOUND:
                log.state = "received"
            elif log.channel == NOTE:
                log.state = "saved"
            else:
                log.state = STATE_OF_NOTIFICATION[log.channel].get(
                    notification.notification_status, "sent"
                )
            if log.state == "failed":
                log.failure_reason = notification.failure_reason or dict(
                    notification._fields["failure_type"]._description_selection(
                        self.env
                    )
                ).get(notification.failure_type)

    def _search_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        states = {value} if isinstance(value, str) else set(value)
        domains = []
        for state in states:
            if state == "received":
                domains.append([("direction", "=", INBOUND)])
                continue
            if state == "saved":
                domains.append([("channel", "=", NOTE)])
                continue
            for channel, mapping in STATE_OF_NOTIFICATION.items():
                statuses = [s for s, st in mapping.items() if st == state]
                if not statuses:
                    continue
                domain = [("notification_id.notification_status", "in", statuses)]
                if state == "sent":
                    # no notification (anymore): it was sent
                    domain = expression.OR([domain, [("notification_id", "=", False)]])
                domains.append(
                    expression.AND(
                        [
                            [("channel", "=", channel), ("direction", "=", OUTBOUND)],
                            domain,
                        ]
                    )
                )
        domain = expression.OR(domains) if domains else expression.FALSE_DOMAIN
        if operator in ("!=", "not in"):
            return ["!", *expression.normalize_domain(domain)]
        return domain

    # ------------------------------------------------------------------
    # Created by the sending path only (mail_thread.py), as superuser
    # ------------------------------------------------------------------
    @api.model
    def _log_notified(self, message, recipients_data, msg_vals=None, entry=None):
        """The e-mails and SMS ``message`` was just sent as, to customers
        (partners without an internal user), one row each; ``entry``
        describes the one ``_customer_comm_post`` sent (its customer, the
        address chosen), which is logged even to an employee."""
        to_customers = any(
            data.get("share") and data.get("notif") in (EMAIL, SMS)
            for data in recipients_data or ()
        )
        if not (to_customers or entry):
            return self.browse()
        notifications = self.env["mail.notification"].search(
            [
                ("mail_message_id", "=", message.id),
                ("notification_type", "in", (EMAIL, SMS)),
                ("res_partner_id", "!=", False),
            ]
        )
        logged = self.search([("notification_id", "in", notifications.ids)])
        notifications -= logged.notification_id
        vals_list = []
        for notification in notifications:
            partner = notification.res_partner_id
            if (
                entry
                and partner.id == entry["recipient_id"]
                and notification.notification_type == entry["channel"]
            ):
                vals_list.append(
                    self._values_for(message, notification, msg_vals, entry)
                )
            elif partner.partner_share:
                vals_list.append(self._values_for(message, notification, msg_vals))
        return self.create(vals_list)

    @api.model
    def _log_note(self, message, entry):
        """The internal note saved by ``_customer_comm_post``."""
        return self.create(self._values_for(message, None, entry=entry))

    @api.model
    def _values_for(self, message, notification, msg_vals=None, entry=None):
        entry = entry or {}
        partner = notification.res_partner_id if notification else None
        if not notification:
            channel, recipient = NOTE, False
        elif notification.notification_type == SMS:
            channel, recipient = SMS, notification.sms_number
        else:
            channel = EMAIL
            recipient = (
                entry.get("address") or partner.email_normalized or partner.email
            )
        return {
            "partner_id": entry.get("customer_id") or partner.id,
            "channel": channel,
            "subject": entry.get("subject") or self._subject_of(message, msg_vals),
            "recipient": recipient,
            "message_id": message.id,
            "notification_id": notification.id if notification else False,
            "res_model": message.model or False,
            "res_id": message.res_id or False,
            "date": message.date,
            "author_id": message.create_uid.id or self.env.uid,
            "company_id": message.record_company_id.id or self.env.company.id,
        }

    @api.model
    def _subject_of(self, message, msg_vals=None):
        """A message without subject (a chatter message, an SMS) is known by
        the beginning of its text. The message's own values are preferred:
        sending an e-mail gives the message the record's name as subject."""
        msg_vals = msg_vals or {}
        subject = msg_vals["subject"] if "subject" in msg_vals else message.subject
        if subject:
            return subject
        body = msg_vals["body"] if "body" in msg_vals else message.body
        text = " ".join(html2plaintext(body or "").split())
        return (
            shorten(text, width=80, placeholder="...")
            or message.record_name
            or _("No subject")
        )

    @api.model
    def _log_inbound(self, message, partner, number, company):
        """The SMS ``number`` sent, kept in ``partner``'s history (or as from
        an unknown sender when ``partner`` is empty)."""
        return self.create(
            {
                "partner_id": partner.id,
                "direction": INBOUND,
                "channel": SMS,
                "subject": self._subject_of(message),
                "recipient": number,
                "message_id": message.id,
                "res_model": message.model or False,
                "res_id": message.res_id or False,
                "date": message.date,
                "author_id": False,
                "company_id": company.id,
            }
        )

    @api.model
    def _last_writer(self, partner=None, number=None):
        """The user who last wrote to ``partner`` (or to ``number``, for a
        number no customer has)."""
        domain = [("direction", "=", OUTBOUND), ("author_id", "!=", False)]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        else:
            domain.append(("recipient", "=", number))
        last = self.search(domain, order="date desc, id desc", limit=1)
        return last.author_id
