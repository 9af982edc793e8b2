# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    def execute_import(self, fields, columns, options, dryrun=False):
        """Tell ``load`` where the imported rows are in the file (so that
        refused rows are reported with their row number) and honour the
        ``skip_invalid_rows`` option: import the valid rows, report the others
        (see ``res.partner.load``)."""
        extra = {
            "import_row_offset": (options.get("skip") or 0)
            + (2 if options.get("has_headers") else 1)
        }
        if options.get("skip_invalid_rows"):
            extra["import_skip_invalid_rows"] = True
        return super(BaseImportImport, self.with_context(**extra)).execute_import(
            fields, columns, options, dryrun=dryrun
        )
