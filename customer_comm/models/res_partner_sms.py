# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SMS the customers send back (Twilio's incoming messages webhook)."""

from odoo import api, models
from odoo.osv import expression

from odoo.addons.phone_validation.tools.phone_validation import phone_format


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _customer_comm_receive_sms(self, company, number, text):
        """Keep the SMS ``number`` sent to ``company``: on the chatter of the
        customer who has that number (the most recently written-to one when
        several have it) and in their history, or in the history as from an
        unknown sender; notify whoever last wrote to them. A reply made of an
        opt-out word (STOP...) puts the number in the phone blacklist, an
        opt-in word (START...) takes it out. Called by the webhook, as
        superuser, once the request's signature is checked.

        :return: the ``customer.comm.log`` of the SMS
        """
        number = self._customer_comm_e164(number)
        customer = self._customer_comm_find_by_number(number, company)
        Log = self.env["customer.comm.log"].sudo()
        writer = Log._last_writer(partner=customer) if customer else None
        if customer and not writer:
            writer = customer.user_id
        elif not customer:
            writer = Log._last_writer(number=number)
        message = self._customer_comm_post_received(customer, number, text, writer)
        log = Log._log_inbound(message, customer, number, company)
        self._customer_comm_sms_opt(company, customer, number, text)
        return log

    @api.model
    def _customer_comm_e164(self, number):
        number = (number or "").strip()
        return (
            phone_format(number, None, None, force_format="E164", raise_exception=False)
            or number
        )

    @api.model
    def _customer_comm_find_by_number(self, number, company):
        """The customer of ``company`` (or shared) with this E.164 number as
        mobile, phone or contact point; the most recently written-to one when
        several have it."""
        if not number:
            return self.browse()
        partners = self.search(
            expression.AND(
                [
                    [
                        "|",
                        "|",
                        ("phone_sanitized", "=", number),
                        ("phone_mobile_search", "=", number),
                        ("contact_point_ids.value", "=", number),
                    ],
                    ["|", ("company_id", "=", False), ("company_id", "=", company.id)],
                ]
            )
        )
        if len(partners) <= 1:
            return partners
        last = self.env["customer.comm.log"].search(
            [("partner_id", "in", partners.ids), ("direction", "=", "outbound")],
            order="date desc, id desc",
            limit=1,
        )
        return last.partner_id or partners.sorted("write_date", reverse=True)[0]

    @api.model
    def _customer_comm_post_received(self, customer, number, text, writer):
        """The received SMS as a message: on the customer's chatter, or a
        notification of the writer (an unknown sender has no chatter)."""
        recipients = writer.partner_id.ids if writer else []
        if customer:
            return customer.with_context(mail_create_nosubscribe=True).message_post(
                body=text,
                author_id=customer.id,
                message_type="sms",
                subtype_xmlid="mail.mt_note",
                partner_ids=recipients,
            )
        subject = self.env._("SMS from %(number)s", number=number)
        if recipients:
            return self.env["mail.thread"].message_notify(
                partner_ids=recipients,
                body=text,
                subject=subject,
                author_id=False,
                email_from=number,
            )
        return self.env["mail.message"].create(
            {
                "body": text,
                "subject": subject,
                "message_type": "sms",
                "email_from": number,
                "author_id": False,
            }
        )

    @api.model
    def _customer_comm_sms_opt(self, company, customer, number, text):
        """STOP and its equivalents blacklist the number, START and its
        equivalents take it out; the change is logged on the customer."""
        word = " ".join((text or "").split()).upper()
        optout, optin = company._sms_keywords()
        Blacklist = self.env["phone.blacklist"].sudo()
        if word in optout:
            note = self.env._(
                "%(number)s replied %(word)s: no more SMS to this number.",
                number=number,
                word=word,
            )
            Blacklist._add([number], message=note)
        elif word in optin:
            note = self.env._(
                "%(number)s replied %(word)s: SMS to this number are allowed again.",
                number=number,
                word=word,
            )
            Blacklist._remove([number], message=note)
        else:
            return
        if customer:
            customer.message_post(body=note, subtype_xmlid="mail.mt_note")
