# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Greetings built from a person's names, title and language.

Informal: "Hi John", "Ciao Mario", "Bonjour Jean". Formal with a title:
"Dear Mr. Doe", "Gentile Sig. Rossi", "Cher Monsieur Dupont"; formal without
a title uses the first name: "Dear John", "Gentile Mario", "Bonjour Jean".
The greeting words belong to the language (they are not user interface
strings): they come from this table, one entry per language.
"""

# per language: informal opening, formal opening, and the title words of
# Odoo's standard titles (by xml id) with, for French, the gendered opening
GREETINGS = {
    "en": {
        "informal": "Hi {first}",
        "formal": "Dear {title} {last}",
        "formal_no_title": "Dear {first}",
        "titles": {
            "base.res_partner_title_mister": ("Mr.", None),
            "base.res_partner_title_madam": ("Mrs.", None),
            "base.res_partner_title_miss": ("Miss", None),
            "base.res_partner_title_doctor": ("Dr.", None),
            "base.res_partner_title_prof": ("Prof.", None),
        },
    },
    "it": {
        "informal": "Ciao {first}",
        "formal": "Gentile {title} {last}",
        "formal_no_title": "Gentile {first}",
        "titles": {
            "base.res_partner_title_mister": ("Sig.", None),
            "base.res_partner_title_madam": ("Sig.ra", None),
            "base.res_partner_title_miss": ("Sig.na", None),
            "base.res_partner_title_doctor": ("Dott.", None),
            "base.res_partner_title_prof": ("Prof.", None),
        },
    },
    "fr": {
        "informal": "Bonjour {first}",
        "formal": "{opening} {title} {last}",
        "formal_no_title": "Bonjour {first}",
        "titles": {
            "base.res_partner_title_mister": ("Monsieur", "Cher"),
            "base.res_partner_title_madam": ("Madame", "Chère"),
            "base.res_partner_title_miss": ("Mademoiselle", "Chère"),
            "base.res_partner_title_doctor": ("Docteur", "Cher"),
            "base.res_partner_title_prof": ("Professeur", "Cher"),
        },
    },
}


def build_greeting(lang, first, last, title_xmlid=None, title_name=None, formal=False):
    """The greeting line (without punctuation) for these names."""
    table = GREETINGS.get((lang or "en")[:2], GREETINGS["en"])
    first = (first or last or "").strip()
    last = (last or first or "").strip()
    if not formal:
        return table["informal"].format(first=first).strip()
    title, opening = table["titles"].get(title_xmlid, (title_name, "Cher"))
    if not title:
        return table["formal_no_title"].format(first=first).strip()
    return table["formal"].format(opening=opening, title=title, last=last).strip()
