# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class PrivacyActivity(models.Model):
    _inherit = "privacy.activity"

    customer_comm_company_id = fields.Many2one(
        comodel_name="res.company",
        string="Customer data of",
        index="btree_not_null",
        help="The company whose customers' data this activity processes: its "
        "consents are the ones the customer form shows and records.",
    )

    _sql_constraints = [
        (
            "customer_comm_company_unique",
            "UNIQUE(customer_comm_company_id)",
            "A company has one customer data processing activity.",
        ),
    ]


class PrivacyConsent(models.Model):
    """When the customer last accepted and last refused (the printed form
    recorded by a user, or their answer to the consent e-mail)."""

    _inherit = "privacy.consent"

    accepted_date = fields.Datetime(string="Accepted on", readonly=True, copy=False)
    rejected_date = fields.Datetime(
        string="Rejected on",
        readonly=True,
        copy=False,
        help="When the customer refused, or withdrew their consent.",
    )
    answer_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Answer recorded by",
        readonly=True,
        copy=False,
        help="The user who recorded the customer's last answer; empty when "
        "the customer answered the e-mail themselves.",
    )

    def action_answer(self, answer, metadata=False):
        result = super().action_answer(answer, metadata=metadata)
        user = self.env.user
        self.write(
            {
                "accepted_date" if answer else "rejected_date": fields.Datetime.now(),
                "answer_user_id": user.id if user._is_internal() else False,
            }
        )
        return result

    @api.model
    def _customer_comm_consent_of(self, partner):
        """``partner``'s consent to the data processing of its company's
        customers, created (not yet asked) when there is none."""
        activity = partner._customer_privacy_company()._customer_privacy_activity()
        consent = self.with_context(active_test=False).search(
            [("partner_id", "=", partner.id), ("activity_id", "=", activity.id)],
            limit=1,
        )
        if not consent:
            consent = self.with_context(mail_create_nolog=True).create(
                {"partner_id": partner.id, "activity_id": activity.id}
            )
        elif not consent.active:
            consent.active = True
        return consent
