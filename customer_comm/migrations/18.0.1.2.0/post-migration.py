# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The privacy consents signed or withdrawn before become consents of the
"Customer data processing" activity of the customer's company (OCA
privacy_consent), which the partner's consent fields are computed from."""

from odoo import SUPERUSER_ID, api
from odoo.tools.sql import table_exists


def migrate(cr, version):
    if not version or not table_exists(cr, "customer_comm_privacy_migration"):
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    cr.execute(
        """
        SELECT partner_id, privacy_consent_date, privacy_withdrawal_date,
               privacy_consent_user_id
          FROM customer_comm_privacy_migration
        """
    )
    Consent = env["privacy.consent"].with_context(
        tracking_disable=True, mail_create_nolog=True
    )
    for partner_id, signed, withdrawn, user_id in cr.fetchall():
        partner = env["res.partner"].browse(partner_id)
        Consent._customer_comm_consent_of(partner).write(
            {
                "state": "answered",
                "accepted": not withdrawn,
                "accepted_date": signed,
                "rejected_date": withdrawn,
                "answer_user_id": user_id,
            }
        )
    cr.execute("DROP TABLE customer_comm_privacy_migration")
