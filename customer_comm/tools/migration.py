# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the addons' migration scripts (plain SQL: openupgradelib is
not a dependency of the suite)."""

from odoo.tools.sql import column_exists, rename_column


def rename_field(cr, module, model, old, new):
    """Rename the stored field ``old`` of ``model`` (defined by ``module``)
    to ``new`` before the module is updated, as openupgradelib's
    ``rename_fields`` does: its column, its ``ir.model.fields`` row and the
    external ids of the row and of its selection values (so that the update
    keeps them instead of deleting the field and its data), and the saved
    filters and export lists that name it."""
    table = model.replace(".", "_")
    if column_exists(cr, table, old) and not column_exists(cr, table, new):
        rename_column(cr, table, old, new)
    cr.execute(
        "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
        [new, model, old],
    )
    cr.execute(
        "UPDATE ir_model_data SET name = %s "
        "WHERE module = %s AND model = 'ir.model.fields' AND name = %s",
        [f"field_{table}__{new}", module, f"field_{table}__{old}"],
    )
    old_prefix = f"selection__{table}__{old}__"
    cr.execute(
        "UPDATE ir_model_data SET name = %s || substr(name, %s) "
        "WHERE module = %s AND model = 'ir.model.fields.selection' "
        "AND left(name, %s) = %s",
        [
            f"selection__{table}__{new}__",
            len(old_prefix) + 1,
            module,
            len(old_prefix),
            old_prefix,
        ],
    )
    for quote in ("'", '"'):
        cr.execute(
            "UPDATE ir_filters SET domain = replace(domain, %(old)s, %(new)s), "
            "context = replace(context, %(old)s, %(new)s) "
            "WHERE model_id = %(model)s",
            {
                "old": f"{quote}{old}{quote}",
                "new": f"{quote}{new}{quote}",
                "model": model,
            },
        )
    cr.execute(
        "UPDATE ir_exports_line line SET name = %s FROM ir_exports export "
        "WHERE line.export_id = export.id AND export.resource = %s AND line.name = %s",
        [new, model, old],
    )
