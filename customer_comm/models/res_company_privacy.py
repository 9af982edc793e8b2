# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company as the controller of its customers' data: its "Customer data
processing" activity (OCA privacy), whose consents the customer form records."""

from odoo import _, api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._customer_privacy_activity()
        return companies

    @api.model
    def _create_customer_privacy_activities(self):
        """Each company's activity, created where missing (data file)."""
        self.sudo().search([])._customer_privacy_activity()

    def _customer_privacy_activity(self):
        """The "Customer data processing" activity of these companies,
        created when missing."""
        # sudo: privacy activities are the data protection officers' records;
        # the callers check the user may handle the customer
        Activity = self.env["privacy.activity"].sudo().with_context(active_test=False)
        activities = Activity.search([("customer_comm_company_id", "in", self.ids)])
        missing = self - activities.customer_comm_company_id
        if missing:
            activities |= Activity.create(
                [company._prepare_customer_privacy_activity() for company in missing]
            )
        return activities

    def _prepare_customer_privacy_activity(self):
        self.ensure_one()
        return {
            "name": _("Customer data processing"),
            "description": _(
                "The personal data of the customers (identity, addresses, "
                "numbers, preferences and the history of the communications "
                "with them) is processed to serve them, as the printed privacy "
                "consent form describes."
            ),
            "controller_id": self.partner_id.id,
            "customer_comm_company_id": self.id,
            "subject_find": True,
            "subject_domain": repr([("partner_share", "=", True)]),
            "consent_required": "manual",
        }
