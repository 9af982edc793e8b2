# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Privacy: the customer's consent to the processing of their data (OCA
``privacy_consent``: a consent to their company's "Customer data processing"
activity, recorded from the signed form or answered by e-mail)."""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.channel import EMAIL
from .res_partner import STAFF_PREFETCH

PRIVACY_STATES = [
    ("none", "Not asked"),
    ("asked", "Asked by e-mail"),
    ("accepted", "Accepted"),
    ("rejected", "Refused or withdrawn"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # computed from the consent (privacy_consent) of the customer's company
    # processing; staff only
    privacy_consent_state = fields.Selection(
        selection=PRIVACY_STATES,
        string="Privacy consent",
        compute="_compute_privacy_consent",
        store=True,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
    )
    privacy_consent_date = fields.Datetime(
        string="Privacy consent signed on",
        compute="_compute_privacy_consent",
        store=True,
        copy=False,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
        help="When the customer last gave their privacy consent.",
    )
    privacy_consent_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Privacy consent recorded by",
        compute="_compute_privacy_consent",
        store=True,
        copy=False,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
    )
    privacy_withdrawal_date = fields.Datetime(
        string="Privacy consent withdrawn on",
        compute="_compute_privacy_consent",
        store=True,
        copy=False,
        groups="base.group_user",
        prefetch=STAFF_PREFETCH,
        help="When the customer refused or withdrew their privacy consent, "
        "if that is their last answer.",
    )

    @api.depends(
        "privacy_consent_ids.state",
        "privacy_consent_ids.accepted",
        "privacy_consent_ids.active",
        "privacy_consent_ids.accepted_date",
        "privacy_consent_ids.rejected_date",
        "privacy_consent_ids.answer_user_id",
        "privacy_consent_ids.activity_id.customer_comm_company_id",
        "properties_company_id",
    )
    def _compute_privacy_consent(self):
        for partner in self:
            consent = partner._customer_privacy_consent()
            if not consent:
                state = "none"
            elif consent.state != "answered":
                state = "asked"
            else:
                state = "accepted" if consent.accepted else "rejected"
            partner.privacy_consent_state = state
            partner.privacy_consent_date = consent.accepted_date
            partner.privacy_consent_user_id = consent.answer_user_id
            partner.privacy_withdrawal_date = (
                consent.rejected_date if state == "rejected" else False
            )

    def _customer_privacy_company(self):
        """The company whose customer this partner is: its own, or the one it
        was created in when it is shared."""
        self.ensure_one()
        return self.company_id or self.properties_company_id or self.env.company

    def _customer_privacy_consent(self):
        """The consent of this customer to their company's processing of
        customer data (the activity of another company when there is none)."""
        self.ensure_one()
        consents = self.privacy_consent_ids.filtered(
            lambda consent: (
                consent.active and consent.activity_id.customer_comm_company_id
            )
        )
        own = consents.filtered(
            lambda consent: (
                consent.activity_id.customer_comm_company_id
                == self._customer_privacy_company()
            )
        )
        return (own or consents)[:1]

    # ---------------------------------------------------------------- privacy
    def _customer_privacy_consent_to_record(self):
        """The customer's consent record, created when missing, once the user
        was checked to be one who may edit the customer."""
        self.ensure_one()
        self.check_access("write")
        # sudo: privacy consents are the data protection officers' records;
        # a user who may edit the customer records their answer
        return self.env["privacy.consent"].sudo()._customer_comm_consent_of(self)

    def action_record_privacy_consent(self):
        """The customer signed the (printed) privacy consent form."""
        for partner in self:
            partner._customer_privacy_consent_to_record().action_answer(
                True,
                metadata=_("Signed form recorded by %(user)s", user=self.env.user.name),
            )
        return True

    def action_withdraw_privacy_consent(self):
        """The customer withdrew their privacy consent."""
        for partner in self:
            partner._customer_privacy_consent_to_record().action_answer(
                False,
                metadata=_("Withdrawal recorded by %(user)s", user=self.env.user.name),
            )
        return True

    def action_ask_privacy_consent(self):
        """Ask the customer by e-mail (the consent e-mail of OCA privacy
        consent, with its Accept and Reject links): their answer is
        recorded when they click one of them. Sent through the customer's
        outbound path, it is in their history; the links carry their token
        only in the e-mail sent, never in the chatter."""
        self.ensure_one()
        if not self.email:
            raise UserError(
                _(
                    "%(customer)s has no e-mail address: print the consent form "
                    "and record it once signed.",
                    customer=self.display_name,
                )
            )
        if self.is_blacklisted:
            raise UserError(
                _(
                    "%(customer)s asked not to receive e-mails: print the "
                    "consent form and record it once signed.",
                    customer=self.display_name,
                )
            )
        consent = self._customer_privacy_consent_to_record()
        template = consent.activity_id.consent_template_id
        if not template:
            raise UserError(
                _(
                    "The activity %(activity)s has no e-mail template to ask for "
                    "consent.",
                    activity=consent.activity_id.display_name,
                )
            )
        lang = self._customer_comm_lang()
        values = template.with_context(lang=lang)._generate_template(
            consent.ids, ["subject", "body_html"]
        )[consent.id]
        consent._customer_comm_post(
            self,
            EMAIL,
            Markup(values["body_html"]),
            subject=values["subject"],
            email_layout_xmlid="mail.mail_notification_light",
        )
        return True
