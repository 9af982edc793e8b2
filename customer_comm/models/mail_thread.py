# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one outbound path to customers, and the hook that keeps every e-mail
and SMS a customer receives in their history."""

from odoo import models
from odoo.tools import formataddr

from ..tools.channel import EMAIL, NOTE, SMS


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _customer_comm_post(
        self,
        customer,
        channel,
        body,
        subject=False,
        recipient=None,
        address=False,
        **kwargs,
    ):
        """Write to ``customer`` about this record and keep it in their
        history: an e-mail or an SMS through Odoo's chatter (followers,
        notifications, delivery states), or an internal note, never sent.

        :param customer: the ``res.partner`` whose history holds it;
        :param str channel: ``EMAIL``, ``SMS`` or ``NOTE`` (tools/channel.py);
        :param body: HTML of the e-mail or note (``Markup``), text of the SMS;
        :param recipient: the partner written to (the customer, its company
          or one of its contacts), the customer by default;
        :param str address: the e-mail address or E.164 number to write to,
          the recipient's main one by default;
        :param kwargs: given to ``message_post`` (``email_layout_xmlid``,
          ``email_from``, ``author_id``, ``attachment_ids``...); an e-mail
          comes from the company's customer service address when it has one
          (``email_from`` and ``reply_to``), else from the user's;
        :return: the ``customer.comm.log`` of the customer
        """
        self.ensure_one()
        recipient = recipient or customer
        entry = {
            "customer_id": customer.id,
            "recipient_id": recipient.id,
            "channel": channel,
            "address": address or False,
            "subject": subject or False,
        }
        Log = self.env["customer.comm.log"].sudo()
        if channel == NOTE:
            # no notification at all: a note reaches nobody, not even the
            # followers of internal notes
            self.check_access(self._mail_post_access)
            message = self._message_log(
                body=body, subject=subject, message_type="comment"
            )
            Log._log_note(message, entry)
        elif channel == SMS:
            message = self._message_sms(
                body,
                partner_ids=recipient.ids,
                sms_pid_to_number={recipient.id: address} if address else None,
                customer_comm=entry,
                **kwargs,
            )
        else:
            sender = self._customer_comm_company()._customer_service_sender()
            if sender:
                kwargs.setdefault("email_from", sender)
                kwargs.setdefault("reply_to", sender)
            message = self.message_post(
                body=body,
                subject=subject,
                partner_ids=recipient.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                customer_comm=entry,
                **kwargs,
            )
        logs = Log.search(
            [("message_id", "=", message.id), ("partner_id", "=", customer.id)]
        )
        return logs.with_env(self.env)

    def _customer_comm_company(self):
        """The company this record writes to its customers for."""
        self.ensure_one()
        return self._mail_get_companies(default=self.env.company)[self.id]

    def _get_notify_valid_parameters(self):
        return super()._get_notify_valid_parameters() | {"customer_comm"}

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        """Once the message is notified (e-mails and SMS created and sent),
        each customer it went to gets it in their history. Posting from
        Odoo's chatter, SMS composer, templates or automations lands here as
        ``_customer_comm_post`` does, once per message."""
        recipients_data = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        if not self._is_notification_scheduled(kwargs.get("scheduled_date")):
            self.env["customer.comm.log"].sudo()._log_notified(
                message,
                recipients_data,
                msg_vals=msg_vals,
                entry=kwargs.get("customer_comm"),
            )
        return recipients_data

    def _notify_thread_by_email(
        self, message, recipients_data, msg_vals=False, customer_comm=None, **kwargs
    ):
        """``_customer_comm_post`` to an address that is not the recipient's
        main e-mail (another address of the customer, a contact point)."""
        address = (
            customer_comm
            and customer_comm["channel"] == EMAIL
            and (customer_comm["address"])
        )
        if address:
            self = self.with_context(
                customer_comm_email_to={customer_comm["recipient_id"]: address}
            )
        return super()._notify_thread_by_email(
            message, recipients_data, msg_vals=msg_vals, **kwargs
        )

    def _notify_by_email_get_final_mail_values(
        self, recipient_ids, mail_values, additional_values=None
    ):
        values = super()._notify_by_email_get_final_mail_values(
            recipient_ids, mail_values, additional_values=additional_values
        )
        email_to = self.env.context.get("customer_comm_email_to") or {}
        chosen = [pid for pid in recipient_ids if pid in email_to]
        if chosen:
            # the partner keeps its notification (its delivery state), the
            # e-mail goes to the chosen address instead of its main one
            partners = self.env["res.partner"].sudo().browse(chosen)
            values["recipient_ids"] = [
                command
                for command in values["recipient_ids"]
                if command[1] not in chosen
            ]
            values["email_to"] = ",".join(
                formataddr((partner.name or "", email_to[partner.id]))
                for partner in partners
            )
        return values
