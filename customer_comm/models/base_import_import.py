# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models

from ..tools.customer_import import ImportBatch
from .res_partner_import import IMPORT_BATCH


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    def execute_import(self, fields, columns, options, dryrun=False):
        """Customers are imported with our additions (res_partner_import.py):
        the batch of rows under way is kept in the context for the parsing
        hook and ``load``, with the row of the file it starts at and the
        ``skip_invalid_rows`` option (or the ``import_skip_invalid_rows``
        context key of the *Customers* menu): import the valid rows, report
        the others. ``customer_comm_plain_import`` in the context gives
        Odoo's plain import."""
        if self.res_model != "res.partner" or self.env.context.get(
            "customer_comm_plain_import"
        ):
            return super().execute_import(fields, columns, options, dryrun=dryrun)
        batch = ImportBatch(
            row_offset=(options.get("skip") or 0)
            + (2 if options.get("has_headers") else 1),
            skip_invalid=bool(
                options.get("skip_invalid_rows")
                or self.env.context.get("import_skip_invalid_rows")
            ),
        )
        return super(
            BaseImportImport, self.with_context(**{IMPORT_BATCH: batch})
        ).execute_import(fields, columns, options, dryrun=dryrun)

    def _parse_import_data(self, data, import_fields, options):
        """Normalise the customers' values and refuse the invalid rows and
        the duplicates (see ``res.partner._import_prepare``)."""
        data = super()._parse_import_data(data, import_fields, options)
        batch = self.env.context.get(IMPORT_BATCH)
        if batch is not None:
            self.env[self.res_model]._import_prepare(
                batch, import_fields, data, options
            )
        return data
