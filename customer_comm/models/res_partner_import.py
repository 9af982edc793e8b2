# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customers imported through Odoo's import (``base_import``): phone numbers
in E.164, Italian fiscal codes compacted, e-mails checked, interests given by
name (found whatever their case, created when missing), duplicates refused
(VAT, fiscal code, e-mail, mobile) and each refused row reported with its row
number.

``base_import.import`` (base_import_import.py) puts an ``ImportBatch`` in the
context and, from its parsing hook, has ``_import_check_rows`` normalise and
check the rows; Odoo's own ``load`` then imports the rows that were not
refused (``load`` below only leaves them out and reports them).
"""

from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL

from ..tools import customer_import
from ..tools.customer_import import DUPLICATE_KEYS, IMPORT_BATCH, cell

# the partner fields holding each duplicate key (VAT: compared compact, apart)
IMPORT_KEY_FIELDS = {
    "fiscal_code": ["l10n_it_codice_fiscale"],
    "email": ["email_normalized"],
    "mobile": ["phone_sanitized", "mobile"],
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------ load
    def load(self, fields, data):
        """Odoo's ``load`` of the rows of the batch that were not refused
        while parsing (see ``_import_check_rows``), and the refused rows
        reported.

        With ``skip_invalid`` (import option ``skip_invalid_rows``) the rows
        Odoo refuses are reported too and the others imported: Odoo rolls a
        batch back as a whole when it refuses one of its records, so ``load``
        runs a second and last time without them. Without it, nothing is
        imported when a row is refused. Each row is imported whole or not at
        all."""
        batch = self.env.context.get(IMPORT_BATCH)
        if batch is None:
            return super().load(fields, data)
        plain = self.with_context(**{IMPORT_BATCH: None, "_import_limit": None})
        with self.env.cr.savepoint() as savepoint:
            lines = batch.lines()
            result = plain._import_load_lines(fields, data, lines)
            refused = result["ids"] is False and batch.refused_in(
                result["messages"], lines
            )
            if batch.skip_invalid and refused:
                for first, reason in refused.items():
                    batch.refuse(first, reason)
                lines = batch.lines()
                result = plain._import_load_lines(fields, data, lines)
            failed = result["ids"] is False or bool(
                batch.refused and not batch.skip_invalid
            )
            messages = self._import_refused_messages(batch, failed)
            messages += batch.remap(result["messages"], lines)
            if failed:
                savepoint.rollback()
        if failed:
            self.pool.reset_changes()
        return {
            "ids": False if failed else result["ids"],
            "messages": messages,
            "nextrow": batch.end if batch.end < len(data) else 0,
        }

    def _import_load_lines(self, fields, data, lines):
        return super().load(fields, [data[line] for line in lines])

    def _import_refused_messages(self, batch, failed):
        kind = "warning" if batch.skip_invalid else "error"
        messages = [
            {
                "type": kind,
                "message": self.env._(
                    "Row %(row)s: %(reason)s",
                    row=batch.row(first),
                    reason=batch.refused[first],
                ),
                "rows": {"from": first, "to": last},
                "record": batch.row(first),
            }
            for first, last in batch.spans
            if first in batch.refused
        ]
        if messages and batch.skip_invalid and not failed:
            summary = self.env._(
                "%(refused)s of %(total)s rows were not imported (the reason of "
                "each is below); the other rows were imported.",
                refused=len(messages),
                total=len(batch.spans),
            )
            messages.insert(0, {"type": "warning", "message": summary})
        return messages

    # ------------------------------------------------------------- row checks
    @api.model
    def _import_check_rows(self, batch, columns, rows, countries, companies):
        """Normalise the values of ``rows`` (``{first line: row}`` of the
        batch's records) and refuse in ``batch`` the rows with an invalid value
        or duplicating a customer or an earlier row."""
        keys = {}
        for first, row in rows.items():
            row_keys, problems = self._import_normalise_row(
                row,
                columns,
                countries[first] or self.env.company.country_id,
                companies[first],
            )
            if problems:
                batch.refuse(first, " ".join(problems))
            else:
                keys[first] = row_keys
        duplicates = self._import_duplicates(batch, columns, rows, keys)
        for first, reason in duplicates.items():
            batch.refuse(first, reason)

    def _import_normalise_row(self, row, columns, country, is_company):
        """``(keys, problems)``: ``row``'s phones in E.164 and fiscal code
        compacted (written back in ``row``), its duplicate keys and the
        reasons to refuse it."""
        keys, problems = {}, []
        for fname in ("mobile", "phone"):
            index = columns.get((fname,))
            number = cell(row, index)
            if not number:
                continue
            number, reason = customer_import.normalise_phone(
                number, country.code, country.phone_code
            )
            if reason:
                problems.append(
                    self.env._(
                        "%(field)s: the number %(number)s is not valid for "
                        "%(country)s (%(error)s).",
                        field=self._import_label(fname),
                        number=number,
                        country=country.name or self.env._("an unknown country"),
                        error=reason,
                    )
                )
                continue
            row[index] = number
            if fname == "mobile":
                keys["mobile"] = number
        index = columns.get(("email",))
        email, email_key = customer_import.normalise_email(cell(row, index))
        if email and not email_key:
            problems.append(
                self.env._(
                    "%(field)s: %(email)s is not a valid e-mail address.",
                    field=self._import_label("email"),
                    email=email,
                )
            )
        elif email:
            row[index] = email
            keys["email"] = email_key
        index = columns.get(("l10n_it_codice_fiscale",))
        code = cell(row, index)
        if code:
            code, reason = self._normalize_fiscal_code(code, is_company, country)
            if reason:
                problems.append(
                    self.env._(
                        "%(field)s: %(code)s is not valid: %(reason)s",
                        field=self._import_label("l10n_it_codice_fiscale"),
                        code=code,
                        reason=reason,
                    )
                )
            else:
                row[index] = code
                keys["fiscal_code"] = code
        vat = customer_import.compact_vat(cell(row, columns.get(("vat",))))
        if vat:
            keys["vat"] = vat
        return keys, problems

    def _import_label(self, fname):
        return self._fields[fname]._description_string(self.env)

    # ------------------------------------------------------------- duplicates
    @api.model
    def _import_duplicates(self, batch, columns, rows, keys):
        """``{first line: reason}`` of the rows sharing a VAT, fiscal code,
        e-mail or mobile with an existing customer or an earlier row."""
        values = {key: set() for key in DUPLICATE_KEYS}
        for row_keys in keys.values():
            for key, value in row_keys.items():
                values[key].add(value)
        existing = self._import_existing_customers(values)
        updated = self._import_updated_ids(
            columns, {first: rows[first] for first in keys}
        )
        duplicates = customer_import.find_duplicates(keys, existing, updated)
        customers = self.browse(
            {found[2] for row_found in duplicates.values() for found in row_found}
            - {None}
        )
        names = {customer.id: customer.display_name for customer in customers}
        reasons = {}
        for first, found in duplicates.items():
            reasons[first] = " ".join(
                self.env._(
                    "a customer with the same %(field)s (%(value)s) already "
                    "exists: %(customer)s.",
                    field=self._import_label(key),
                    value=value,
                    customer=names[customer_id],
                )
                if customer_id
                else self.env._(
                    "same %(field)s (%(value)s) as row %(row)s.",
                    field=self._import_label(key),
                    value=value,
                    row=batch.row(earlier),
                )
                for key, value, customer_id, earlier in found
            )
        return reasons

    @api.model
    def _import_existing_customers(self, values):
        """``{key: {value: customer id}}``: the active customers already
        holding one of the imported values (their own fields or contact
        points)."""
        existing = {key: {} for key in DUPLICATE_KEYS}
        if values["vat"]:
            # stored VAT numbers may keep spaces or dots: compare them compact
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM res_partner WHERE vat IS NOT NULL AND "
                    "upper(regexp_replace(vat, '[^0-9A-Za-z]', '', 'g')) IN %s",
                    tuple(values["vat"]),
                )
            )
            candidates = [row[0] for row in self.env.cr.fetchall()]
            for partner in self.search_fetch([("id", "in", candidates)], ["vat"]):
                vat = customer_import.compact_vat(partner.vat)
                existing["vat"].setdefault(vat, partner.id)
        for key, fnames in IMPORT_KEY_FIELDS.items():
            if not values[key]:
                continue
            domain = expression.OR(
                [(fname, "in", list(values[key]))] for fname in fnames
            )
            for partner in self.search_fetch(domain, fnames):
                for fname in fnames:
                    if partner[fname] in values[key]:
                        existing[key].setdefault(partner[fname], partner.id)
        if values["email"] or values["mobile"]:
            for point in self.env["customer.contact.point"].search_fetch(
                [
                    ("kind", "in", ("email", "mobile", "phone")),
                    ("value", "in", list(values["email"] | values["mobile"])),
                ],
                ["kind", "value", "partner_id"],
            ):
                key = "email" if point.kind == "email" else "mobile"
                if point.value in values[key]:
                    existing[key].setdefault(point.value, point.partner_id.id)
        return existing

    @api.model
    def _import_updated_ids(self, columns, rows):
        """``{first line: id}`` of the rows updating an existing customer (by
        database id or external id): it is no duplicate of itself."""
        updated = {}
        index = columns.get((".id",))
        if index is not None:
            for first, row in rows.items():
                value = cell(row, index)
                if value.isdigit():
                    updated[first] = int(value)
        index = columns.get(("id",))
        if index is None:
            return updated
        module = self.env.context.get("module", "__import__")
        xmlids = {}
        for first, row in rows.items():
            value = cell(row, index)
            if value:
                xmlids[first] = value if "." in value else f"{module}.{value}"
        # Odoo's own lookup of the external ids of an import, as load does it
        found = {
            f"{xmlid_module}.{name}": res_id
            for _id, xmlid_module, name, model, res_id, _noupdate, record_id in (
                self.env["ir.model.data"]._lookup_xmlids(set(xmlids.values()), self)
            )
            if model == self._name and record_id
        }
        for first, xmlid in xmlids.items():
            if xmlid in found:
                updated[first] = found[xmlid]
        return updated
