# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every translatable string of the three addons has an Italian and a French text.

The terms are exported from the installed addons (code, views, data, JS), as
Odoo's own "export translations" does, so a string added without updating the
``i18n`` folder fails here, and so does a ``.po`` entry left empty or fuzzy.
"""

import io
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import trans_export

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("customer_comm", "customer_request", "workshop_offer")
LANGS = ("it", "fr")


@tagged("standard", "post_install", "-at_install")
class TestTranslationsComplete(TransactionCase):
    def _exported_msgids(self, addon):
        buffer = io.BytesIO()
        trans_export(None, [addon], buffer, "po", self.env.cr)
        catalog = polib.pofile(buffer.getvalue().decode())
        return {entry.msgid for entry in catalog if entry.msgid}

    def test_po_files_complete(self):
        for addon in ADDONS:
            exported = self._exported_msgids(addon)
            self.assertTrue(exported, f"{addon} exports no translatable string")
            for lang in LANGS:
                with self.subTest(addon=addon, lang=lang):
                    path = ROOT / addon / "i18n" / f"{lang}.po"
                    self.assertTrue(path.exists(), f"{path} is missing")
                    catalog = polib.pofile(str(path))
                    translated = {
                        e.msgid
                        for e in catalog
                        if e.msgstr and "fuzzy" not in e.flags and not e.obsolete
                    }
                    missing = sorted(exported - translated)
                    self.assertFalse(
                        missing,
                        f"{addon}/i18n/{lang}.po lacks {len(missing)} translation(s), "
                        f"e.g. {missing[:5]}",
                    )

    def test_model_names_served_translated(self):
        """The .po files load: each addon's model names read back in it/fr."""
        for lang_code in ("it_IT", "fr_FR"):
            self.env["res.lang"]._activate_lang(lang_code)
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        modules._update_translations(["it_IT", "fr_FR"], overwrite=True)
        for addon in ADDONS:
            for lang, lang_code in zip(LANGS, ("it_IT", "fr_FR"), strict=True):
                catalog = polib.pofile(str(ROOT / addon / "i18n" / f"{lang}.po"))
                checked = 0
                for entry in catalog:
                    for occurrence, _line in entry.occurrences:
                        if not occurrence.startswith("model:ir.model,name:"):
                            continue
                        record = self.env.ref(occurrence.split(":", 2)[2])
                        self.assertEqual(
                            record.with_context(lang=lang_code).name, entry.msgstr
                        )
                        checked += 1
                self.assertTrue(checked, f"{addon}/{lang}.po names no model")
