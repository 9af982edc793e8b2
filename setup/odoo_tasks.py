#!/usr/bin/env python3
# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Small tasks run inside Odoo on a database: ``odoo_tasks.py CONF DB TASK``."""

import sys

import odoo


def pregenerate_assets(env):
    """Build the web asset bundles once, so that every clone starts with them."""
    env["ir.qweb"]._pregenerate_assets_bundles()


def export_pots(env):
    """Write ``<addon>/i18n/<addon>.pot`` for our installed addons, then merge
    the new terms into ``it.po`` and ``fr.po`` (existing translations kept,
    terms gone from the code dropped)."""
    import io
    from pathlib import Path

    import polib

    from odoo.tools.translate import trans_export

    root = Path(__file__).resolve().parent.parent
    for manifest in sorted(root.glob("*/__manifest__.py")):
        addon = manifest.parent.name
        buffer = io.BytesIO()
        trans_export(None, [addon], buffer, "po", env.cr)
        i18n = manifest.parent / "i18n"
        i18n.mkdir(exist_ok=True)
        pot_path = i18n / f"{addon}.pot"
        pot_path.write_bytes(buffer.getvalue())
        pot = polib.pofile(str(pot_path))
        for lang in ("it", "fr"):
            po_path = i18n / f"{lang}.po"
            po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
            po.merge(pot)
            po.metadata.update(
                {
                    "Project-Id-Version": "Odoo Server 18.0",
                    "Language": lang,
                    "MIME-Version": "1.0",
                    "Content-Type": "text/plain; charset=UTF-8",
                    "Content-Transfer-Encoding": "",
                    "Plural-Forms": "nplurals=2; plural=(n > 1);"
                    if lang == "fr"
                    else "nplurals=2; plural=(n != 1);",
                }
            )
            for entry in po.obsolete_entries():
                po.remove(entry)
            po.save(str(po_path))


def load_languages(env):
    """Italian and French installed beside English, which stays the default.

    (``--load-language`` on a new database would make the first of them the
    default language of every user and deactivate English.)"""
    langs = ["it_IT", "fr_FR"]
    for code in langs:
        env["res.lang"]._activate_lang(code)
    env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
        langs
    )


TASKS = {
    "pregenerate-assets": pregenerate_assets,
    "export-pots": export_pots,
    "load-languages": load_languages,
}


def main():
    conf, db, task, logfile = sys.argv[1:5]
    odoo.tools.config.parse_config(["-c", conf, "-d", db, f"--logfile={logfile}"])
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        TASKS[task](env)


if __name__ == "__main__":
    main()
