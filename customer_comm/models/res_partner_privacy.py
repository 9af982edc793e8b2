# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Privacy: consent signed or withdrawn, and the right to be forgotten."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

# documents the law requires to keep unchanged: the messages a customer wrote
# on them are kept when their personal data is anonymised
ANONYMISE_KEPT_MODELS = (
    "account.move",
    "account.payment",
    "sale.order",
    "purchase.order",
    "pos.order",
    "repair.order",
    "stock.picking",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    privacy_consent_date = fields.Datetime(
        string="Privacy consent signed on",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the customer signed the privacy consent form.",
    )
    privacy_consent_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Privacy consent recorded by",
        readonly=True,
        copy=False,
    )
    privacy_withdrawal_date = fields.Datetime(
        string="Privacy consent withdrawn on",
        readonly=True,
        copy=False,
        tracking=True,
    )

    # ---------------------------------------------------------------- privacy
    def action_record_privacy_consent(self):
        """The customer signed the (printed) privacy consent form."""
        self.check_access("write")
        self.write(
            {
                "privacy_consent_date": fields.Datetime.now(),
                "privacy_consent_user_id": self.env.user.id,
                "privacy_withdrawal_date": False,
            }
        )
        return True

    def action_withdraw_privacy_consent(self):
        """The customer withdrew their privacy consent."""
        self.check_access("write")
        self.write(
            {
                "privacy_withdrawal_date": fields.Datetime.now(),
                "privacy_consent_user_id": self.env.user.id,
            }
        )
        return True

    # ------------------------------------------------------ right to be forgotten
    def _anonymise(self):
        """Right to be forgotten (see the ``customer.comm.anonymise`` wizard,
        which checks the user may): replace the personal data of these
        customers by anonymous values and archive them; they stay referenced
        by the documents that must be kept (invoices, orders...). Their
        contact points, activities, attachments and followings are removed,
        the content of their own chatter and of the messages they wrote on
        other documents is erased (except on legally required documents),
        their interests are kept, and nothing personal goes into a
        blacklist."""
        self.check_access("write")
        with_users = self.with_context(active_test=False).filtered("user_ids")
        if with_users:
            raise UserError(
                _(
                    "%(customers)s can log in to Odoo: archive or delete the user "
                    "first, then anonymise the customer.",
                    customers=", ".join(with_users.mapped("display_name")),
                )
            )
        # the customer's other addresses are part of its personal data
        partners = self | self.child_ids.filtered(lambda child: child.type != "contact")
        partners._erase_personal_records(self._get_kept_document_models())
        quiet = partners.with_context(
            tracking_disable=True, mail_notrack=True, mail_create_nolog=True
        )
        for partner in quiet:
            partner.write(partner._prepare_anonymised_values())
        note = _(
            "Personal data anonymised on %(date)s by %(user)s",
            date=format_date(self.env, fields.Date.context_today(self)),
            user=self.env.user.name,
        )
        for partner in self:
            partner.message_post(body=note, subtype_xmlid="mail.mt_note")

    @api.model
    def _get_kept_document_models(self):
        """Models whose messages are legally required documents: left intact."""
        return set(ANONYMISE_KEPT_MODELS)

    def _prepare_anonymised_values(self):
        """The values replacing the personal data of this customer."""
        self.ensure_one()
        label = _("Anonymised customer %(number)s", number=self.id)
        values = {
            "email": False,
            "phone": False,
            "mobile": False,
            "street": False,
            "street2": False,
            "zip_id": False,
            "city_id": False,
            "city": False,
            "zip": False,
            "state_id": False,
            "fiscal_code": False,
            "birthdate_date": False,
            "function": False,
            "title": False,
            "website": False,
            "comment": False,
            # the company-defined customer fields may hold personal data
            "partner_properties": False,
            "image_1920": False,
            "preferred_channel": "none",
            "active": False,
        }
        if self.is_company:
            values["name"] = label
        else:
            values.update(firstname=False, lastname=label)
        return values

    def _erase_personal_records(self, kept_models):
        """Remove the contact points, activities, attachments, followings and
        SMS of these customers and erase the content of their chatter and of
        the messages they wrote, except on the documents of ``kept_models``."""
        # sudo: messages, followers and SMS of other documents are not
        # writable by the manager, whose right was checked by the caller
        self.contact_point_ids.unlink()
        self.activity_ids.unlink()
        Message = self.env["mail.message"].sudo()
        own = Message.search(
            [("model", "=", "res.partner"), ("res_id", "in", self.ids)]
        )
        written = Message.search(
            [("author_id", "in", self.ids), ("model", "not in", list(kept_models))]
        )
        messages = own | written
        messages.attachment_ids.unlink()
        messages.tracking_value_ids.unlink()
        messages.write(
            {
                "body": False,
                "subject": False,
                "email_from": False,
                "reply_to": False,
            }
        )
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.ids)]
        ).unlink()
        self.env["mail.followers"].sudo().search(
            [("partner_id", "in", self.ids)]
        ).unlink()
        self.env["sms.sms"].sudo().search([("partner_id", "in", self.ids)]).unlink()
