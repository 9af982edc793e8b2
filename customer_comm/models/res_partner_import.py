# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customers imported through Odoo's import (``base_import``): phone numbers
in E.164, Italian fiscal codes compacted, e-mails checked, interests given by
name (found whatever their case, created when missing), duplicates refused
(VAT, fiscal code, e-mail, mobile) and each refused row reported with its row
number.

``base_import.import`` (base_import_import.py) puts an ``ImportBatch`` in the
context and calls ``_import_prepare`` from its parsing hook; Odoo's own
``load`` then imports the rows that were not refused (``load`` below only
leaves them out and reports them).
"""

from odoo import api, models
from odoo.models import fix_import_export_id_paths
from odoo.osv import expression
from odoo.tools import SQL

from ..tools import customer_import
from ..tools.customer_import import DUPLICATE_KEYS

# the context key holding the ImportBatch of the import under way
IMPORT_BATCH = "customer_comm_import_batch"


def _cell(row, index):
    """The text of ``row[index]`` (empty when the column is not imported)."""
    if index is None or row[index] in (None, False):
        return ""
    return str(row[index]).strip()


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------ load
    def load(self, fields, data):
        """Odoo's ``load`` of the rows of the batch that were not refused
        while parsing (see ``_import_prepare``), and the refused rows
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
        odoo = self.with_context(**{IMPORT_BATCH: None, "_import_limit": None})
        with self.env.cr.savepoint() as savepoint:
            lines = batch.lines()
            result = odoo._import_load_lines(fields, data, lines)
            refused = result["ids"] is False and batch.refused_in(
                result["messages"], lines
            )
            if batch.skip_invalid and refused:
                for first, reason in refused.items():
                    batch.refuse(first, reason)
                lines = batch.lines()
                result = odoo._import_load_lines(fields, data, lines)
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

    # ------------------------------------------------------------ preparation
    @api.model
    def _import_prepare(self, batch, import_fields, data, options):
        """Called by ``base_import``'s parsing hook with the rows to import
        (from the batch's first one): normalise the values of the batch's
        records in ``data``, give interests by name in the spelling of the
        existing ones and let Odoo create the missing ones, and refuse in
        ``batch`` the records with an invalid value or duplicating a customer
        or an earlier row."""
        paths = [fix_import_export_id_paths(name) for name in import_fields]
        columns = {tuple(path): index for index, path in enumerate(paths)}
        batch.spans = self._import_spans(paths, data, options.get("limit"))
        rows = {first: data[first] for first in batch.starts()}
        countries = self._import_countries(columns, rows)
        companies = self._import_is_company(columns, rows)
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
        self._import_interests_by_name(paths, rows, options)
        self._import_countries_by_external_id(import_fields, columns, rows, countries)

    @api.model
    def _import_spans(self, paths, data, limit):
        """The first and last line of the records of the batch, as Odoo's
        ``load`` will split them (a record's one2many values may go on the
        next lines)."""
        limit = limit or float("inf")
        if not any(
            path[0] in self._fields and self._fields[path[0]].type == "one2many"
            for path in paths
        ):
            return [(line, line) for line in range(min(len(data), limit))]
        return [
            (info["rows"]["from"], info["rows"]["to"])
            for _record, info in self._extract_records(paths, data, limit=limit)
        ]

    @api.model
    def _import_countries(self, columns, rows):
        """``{first line: res.country}``: the country of each row (a name, an
        ISO code, an external id or a database id, converted as Odoo's import
        converts it, once per distinct value); empty when not given or not
        found (Odoo's load reports it)."""
        Country = self.env["res.country"]
        convert = self.env["ir.fields.converter"].to_field(
            self, self._fields["country_id"]
        )
        for path in (("country_id",), ("country_id", "id"), ("country_id", ".id")):
            index = columns.get(path)
            if index is None:
                continue
            subfield = path[1] if len(path) > 1 else None
            found = {}
            for value in {_cell(row, index) for row in rows.values()} - {""}:
                try:
                    found[value] = convert([{subfield: value}])[0]
                except ValueError:
                    continue
            return {
                first: Country.browse(found.get(_cell(row, index)))
                for first, row in rows.items()
            }
        return dict.fromkeys(rows, Country)

    @api.model
    def _import_countries_by_external_id(self, import_fields, columns, rows, countries):
        """Hand the countries given by name or code to Odoo's ``load`` by
        external id: it looks each one up once (its import cache) instead of
        searching each row's country by name. Left as given when one of them
        was not found (Odoo's load reports it on its row)."""
        index = columns.get(("country_id",))
        if index is None:
            return
        given = [first for first, row in rows.items() if _cell(row, index)]
        found = self.env["res.country"].union(*(countries[first] for first in given))
        if any(not countries[first] for first in given):
            return
        xmlids = found.get_external_id()
        if not all(xmlids.get(country.id) for country in found):
            return
        for first in given:
            rows[first][index] = xmlids[countries[first].id]
        import_fields[index] = "country_id/id"

    @api.model
    def _import_is_company(self, columns, rows):
        """``{first line: bool}`` from the *is_company* or *company_type*
        column, converted as Odoo's import converts them."""
        result = dict.fromkeys(rows, False)
        converter = self.env["ir.fields.converter"]
        for fname in ("is_company", "company_type"):
            index = columns.get((fname,))
            if index is None:
                continue
            convert = converter.to_field(self, self._fields[fname])
            for first, row in rows.items():
                value = _cell(row, index)
                if not value:
                    continue
                try:
                    converted = convert(value)[0]
                except ValueError:
                    continue  # Odoo's load reports it
                result[first] = (
                    converted if fname == "is_company" else converted == "company"
                )
        return result

    def _import_normalise_row(self, row, columns, country, is_company):
        """``(keys, problems)``: ``row``'s phones in E.164 and fiscal code
        compacted (written back in ``row``), its duplicate keys and the
        reasons to refuse it."""
        keys, problems = {}, []
        for fname in ("mobile", "phone"):
            index = columns.get((fname,))
            number = _cell(row, index)
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
        email, email_key = customer_import.normalise_email(_cell(row, index))
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
        index = columns.get(("fiscal_code",))
        code = _cell(row, index)
        if code:
            code, reason = self._normalize_fiscal_code(code, is_company, country)
            if reason:
                problems.append(
                    self.env._(
                        "%(field)s: %(code)s is not valid: %(reason)s",
                        field=self._import_label("fiscal_code"),
                        code=code,
                        reason=reason,
                    )
                )
            else:
                row[index] = code
                keys["fiscal_code"] = code
        vat = customer_import.compact_vat(_cell(row, columns.get(("vat",))))
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
        Point = self.env["customer.contact.point"]
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
        if values["fiscal_code"]:
            for partner in self.search_fetch(
                [("fiscal_code", "in", list(values["fiscal_code"]))], ["fiscal_code"]
            ):
                existing["fiscal_code"].setdefault(partner.fiscal_code, partner.id)
        if values["email"]:
            emails = list(values["email"])
            for partner in self.search_fetch(
                [("email_normalized", "in", emails)], ["email_normalized"]
            ):
                existing["email"].setdefault(partner.email_normalized, partner.id)
            for point in Point.search_fetch(
                [("kind", "=", "email"), ("value", "in", emails)],
                ["value", "partner_id"],
            ):
                existing["email"].setdefault(point.value, point.partner_id.id)
        if values["mobile"]:
            numbers = list(values["mobile"])
            for partner in self.search_fetch(
                ["|", ("phone_sanitized", "in", numbers), ("mobile", "in", numbers)],
                ["phone_sanitized", "mobile"],
            ):
                for number in (partner.phone_sanitized, partner.mobile):
                    if number in values["mobile"]:
                        existing["mobile"].setdefault(number, partner.id)
            for point in Point.search_fetch(
                [("kind", "in", ("mobile", "phone")), ("value", "in", numbers)],
                ["value", "partner_id"],
            ):
                existing["mobile"].setdefault(point.value, point.partner_id.id)
        return existing

    @api.model
    def _import_updated_ids(self, columns, rows):
        """``{first line: id}`` of the rows updating an existing customer (by
        database id or external id): it is no duplicate of itself."""
        updated = {}
        index = columns.get((".id",))
        if index is not None:
            for first, row in rows.items():
                value = _cell(row, index)
                if value.isdigit():
                    updated[first] = int(value)
        index = columns.get(("id",))
        if index is None:
            return updated
        module = self.env.context.get("module", "__import__")
        xmlids = {}
        for first, row in rows.items():
            value = _cell(row, index)
            if value:
                xmlids[first] = tuple(
                    value.split(".", 1) if "." in value else (module, value)
                )
        if not xmlids:
            return updated
        names = {}
        for module_name, name in xmlids.values():
            names.setdefault(module_name, set()).add(name)
        domain = expression.OR(
            [("module", "=", module_name), ("name", "in", list(module_names))]
            for module_name, module_names in names.items()
        )
        res_ids = {
            (data.module, data.name): data.res_id
            for data in self.env["ir.model.data"]
            .sudo()
            .search_fetch(
                expression.AND([[("model", "=", self._name)], domain]),
                ["module", "name", "res_id"],
            )
        }
        for first, xmlid in xmlids.items():
            if xmlid in res_ids:
                updated[first] = res_ids[xmlid]
        return updated

    # -------------------------------------------------------------- interests
    @api.model
    def _import_interests_by_name(self, paths, rows, options):
        """Interests given by name (comma-separated): written in the spelling
        of the existing interest whatever the case typed (else of their first
        row), and created by Odoo's import when missing (its "create if it
        does not exist" option)."""
        indexes = [
            index for index, path in enumerate(paths) if path == ["interest_group_ids"]
        ]
        cells = [row[index] for row in rows.values() for index in indexes]
        if not any(cells):
            return
        # interests are a few dozen tags: read them all, compare names casefolded
        known = self.env["res.partner.interest.group"].search_fetch([], ["name"])
        spellings = customer_import.name_spellings(cells, known.mapped("name"))
        for row in rows.values():
            for index in indexes:
                row[index] = customer_import.respell(row[index], spellings)
        options["name_create_enabled_fields"] = dict(
            options.get("name_create_enabled_fields") or {}, interest_group_ids=True
        )
