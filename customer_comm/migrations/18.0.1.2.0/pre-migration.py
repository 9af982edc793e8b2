# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fiscal code takes the name of l10n_it_edi's codice fiscale (one field
and one value when both are installed); the privacy consent dates become
computed from OCA privacy_consent's consents: their values are kept aside
for the post-migration, which creates those consents."""

from odoo.tools.sql import column_exists

from odoo.addons.customer_comm.tools.migration import rename_field

OLD, NEW = "fiscal_code", "l10n_it_codice_fiscale"


def migrate(cr, version):
    if not version:
        return
    if column_exists(cr, "res_partner", OLD):
        if column_exists(cr, "res_partner", NEW):
            # l10n_it_edi is installed: its value stays when both have one;
            # Odoo drops the old column with the old field
            cr.execute(
                """
                UPDATE res_partner SET l10n_it_codice_fiscale = fiscal_code
                 WHERE fiscal_code IS NOT NULL
                   AND COALESCE(l10n_it_codice_fiscale, '') = ''
                """
            )
        else:
            rename_field(cr, "customer_comm", "res.partner", OLD, NEW)
    if column_exists(cr, "res_partner", "privacy_consent_date"):
        cr.execute(
            """
            CREATE TABLE customer_comm_privacy_migration AS
            SELECT id AS partner_id, privacy_consent_date, privacy_withdrawal_date,
                   privacy_consent_user_id
              FROM res_partner
             WHERE privacy_consent_date IS NOT NULL
                OR privacy_withdrawal_date IS NOT NULL
            """
        )
