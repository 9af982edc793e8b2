# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The pure part of the customer import: no database, so that a test can
call it alone.

``base_import`` hands the rows of a file to ``res.partner.load`` in batches
(``limit`` records from row ``skip``). ``ImportBatch`` keeps the records of
one batch (their lines), the ones refused and why, and maps Odoo's messages
about the rows it was given back to the rows of the file. The other functions
normalise values and find the rows that duplicate a customer or an earlier
row.
"""

import re
from dataclasses import dataclass, field

from odoo.exceptions import UserError
from odoo.tools import email_normalize

from odoo.addons.phone_validation.tools.phone_validation import phone_format

# the values an imported customer must not share with another customer
DUPLICATE_KEYS = ("vat", "fiscal_code", "email", "mobile")
# the context key holding the ImportBatch of the customer import under way
IMPORT_BATCH = "customer_comm_import_batch"


# ------------------------------------------------------------------ values
def cell(row, index):
    """The text of ``row[index]`` (empty when the column is not imported)."""
    if index is None or row[index] in (None, False):
        return ""
    return str(row[index]).strip()


def compact_vat(vat):
    """``vat`` without spaces, dots or dashes, upper-case: the form two VAT
    numbers are compared in."""
    return re.sub(r"[^0-9A-Za-z]", "", vat or "").upper()


def normalise_phone(number, country_code, country_phone_code):
    """``(e164, None)`` for a valid ``number`` of that country (or with its
    own prefix), ``(number, reason)`` otherwise."""
    try:
        formatted = phone_format(
            number,
            country_code,
            country_phone_code,
            force_format="E164",
            raise_exception=True,
        )
    except UserError as error:
        return number, str(error.args[0])
    return formatted, None


def normalise_email(email):
    """``(address, key)``: the address as typed without the spaces around
    it, and the normalised address two rows are compared on (``False`` when
    it is not an e-mail address)."""
    email = (email or "").strip()
    return email, email_normalize(email)


def split_names(text):
    """The names of a comma-separated cell, without the spaces around them."""
    return [name.strip() for name in (text or "").split(",") if name.strip()]


def name_spellings(texts, known):
    """``{casefolded name: spelling}`` for the names of the cells ``texts``:
    the spelling of ``known`` (the existing records) whatever the case typed,
    else the first spelling met in the file."""
    spellings = {name.casefold(): name for name in reversed(list(known))}
    for text in texts:
        for name in split_names(text):
            spellings.setdefault(name.casefold(), name)
    return spellings


def respell(text, spellings):
    """The cell ``text`` with each name in its spelling of ``spellings``."""
    return ",".join(spellings[name.casefold()] for name in split_names(text))


# -------------------------------------------------------------- duplicates
def find_duplicates(keys, existing, updated=None):
    """The rows that share a duplicate key with an existing customer or an
    earlier row.

    :param dict keys: ``{row: {key: value}}`` in the order of the file
    :param dict existing: ``{key: {value: customer id}}``
    :param dict updated: ``{row: customer id}`` of the rows updating a
        customer, who is no duplicate of itself
    :return: ``{row: [(key, value, customer id, earlier row)]}``: either the
        customer id or the earlier row is ``None``
    """
    updated = updated or {}
    seen = {key: {} for key in DUPLICATE_KEYS}
    duplicates = {}
    for row, row_keys in keys.items():
        found = []
        for key, value in row_keys.items():
            customer_id = existing.get(key, {}).get(value)
            if customer_id and customer_id != updated.get(row):
                found.append((key, value, customer_id, None))
            elif value in seen[key]:
                found.append((key, value, None, seen[key][value]))
        if found:
            duplicates[row] = found
            continue
        for key, value in row_keys.items():
            seen[key][value] = row
    return duplicates


# ------------------------------------------------------------------ batch
@dataclass(eq=False)
class ImportBatch:
    """The records of one batch of an import and what became of them.

    ``spans`` holds the first and last line (in the rows given to ``load``)
    of each record: the lines after its first one only hold one2many values.
    """

    row_offset: int
    skip_invalid: bool = False
    spans: list = field(default_factory=list)
    refused: dict = field(default_factory=dict)

    @property
    def end(self):
        """The line after the batch (the next batch starts there)."""
        return self.spans[-1][1] + 1 if self.spans else 0

    def row(self, line):
        """The row number in the file of ``line``."""
        return line + self.row_offset

    def starts(self):
        return [first for first, _last in self.spans]

    def refuse(self, first, reason):
        self.refused.setdefault(first, reason)

    def lines(self):
        """The lines of the records not refused, in order."""
        return [
            line
            for first, last in self.spans
            if first not in self.refused
            for line in range(first, last + 1)
        ]

    def refused_in(self, messages, lines):
        """``{first line: message}`` of the records Odoo's ``load`` refused
        when given ``lines``; ``None`` when an error is not about one record
        (the batch cannot be imported without it)."""
        errors = [message for message in messages if message["type"] == "error"]
        if len(errors) > 1 and any(
            message["message"] == errors[0]["message"]
            and message.get("rows") != errors[0].get("rows")
            for message in errors[1:]
        ):
            # Odoo repeats the error that broke its batch creation at the
            # top, with the rows of the batch's first record
            errors = errors[1:]
        owner = {
            line: first for first, last in self.spans for line in range(first, last + 1)
        }
        refused = {}
        for message in errors:
            rows = message.get("rows") or {}
            if not 0 <= rows.get("from", -1) < len(lines):
                return None
            refused.setdefault(owner[lines[rows["from"]]], message["message"])
        return refused

    def remap(self, messages, lines):
        """Odoo's ``messages`` about ``lines``, about the rows of the file."""
        remapped = []
        for message in messages:
            message = dict(message)
            rows = message.get("rows") or {}
            if 0 <= rows.get("from", -1) < len(lines):
                first = lines[rows["from"]]
                last = lines[min(max(rows.get("to", 0), rows["from"]), len(lines) - 1)]
                message["rows"] = {"from": first, "to": last}
                message["record"] = self.row(first)
            remapped.append(message)
        return remapped
