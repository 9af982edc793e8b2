# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customers imported with phone normalisation, interests by name,
duplicate detection and a per-row report."""

import re

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.models import fix_import_export_id_paths
from odoo.tools import SQL, email_normalize

# the keys an imported customer must not share with another customer
IMPORT_DUPLICATE_KEYS = ("vat", "fiscal_code", "email", "mobile")
# rounds of "import, leave out the rows Odoo refused, import again"
IMPORT_MAX_ROUNDS = 20


def _compact_vat(vat):
    return re.sub(r"[^0-9A-Za-z]", "", vat).upper()


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ---------------------------------------------------------------- import
    def load(self, fields, data):
        """Odoo's import of customers (``base_import``, which sets
        ``import_file`` in the context) with our additions: phone numbers in
        E.164, interests given by name and created when missing, Italian fiscal
        codes checked, duplicates refused (VAT, fiscal code, e-mail, mobile;
        against existing customers and within the file), each refused row
        reported with its row number.

        Without ``import_skip_invalid_rows`` in the context nothing is imported
        when a row is refused (Odoo's behaviour); with it (import option
        ``skip_invalid_rows``, set by the *Customers* menu of this addon) the
        valid rows are imported and the refused ones reported as warnings.
        Each row is imported whole or not at all.

        ``customer_comm_plain_import`` in the context gives Odoo's plain import.
        """
        if not self.env.context.get("import_file") or self.env.context.get(
            "customer_comm_plain_import"
        ):
            return super().load(fields, data)
        return self._customer_import_load(fields, data)

    def _customer_import_load(self, fields, data):
        paths = [fix_import_export_id_paths(field) for field in fields]
        records, next_line = self._customer_import_records(paths, data)
        nextrow = next_line if next_line < len(data) else 0
        data = [list(line) for line in data[:next_line]]
        skip_invalid = bool(self.env.context.get("import_skip_invalid_rows"))
        # our preparation (new interests) and Odoo's import, undone together
        with self.env.cr.savepoint() as savepoint:
            refused = self._customer_import_prepare(paths, data, records)
            # the preparation may have changed columns (interests by name -> by id)
            fields = ["/".join(path) for path in paths]
            result, lines = {"ids": [], "messages": []}, []
            for round_ in range(1, IMPORT_MAX_ROUNDS + 1):
                valid = [record for record in records if record[0] not in refused]
                if not valid:
                    break
                lines = [index for start, end in valid for index in range(start, end)]
                result = super(ResPartner, self.with_context(_import_limit=None)).load(
                    fields, [data[index] for index in lines]
                )
                refused_by_odoo = self._customer_import_refused(
                    result["messages"], lines, records
                )
                if not (
                    skip_invalid and refused_by_odoo and round_ < IMPORT_MAX_ROUNDS
                ):
                    break
                # leave out the rows Odoo refused (it rolled everything back)
                refused.update(refused_by_odoo)
                result, lines = {"ids": [], "messages": []}, []
            kind = "warning" if skip_invalid else "error"
            messages = [
                self._customer_import_message(record, refused[record[0]], kind)
                for record in records
                if record[0] in refused
            ]
            messages += self._customer_import_remap(result["messages"], lines)
            has_errors = any(message["type"] == "error" for message in messages)
            if skip_invalid and refused and not has_errors:
                messages.insert(
                    0,
                    {
                        "type": "warning",
                        "message": _(
                            "%(refused)s of %(total)s rows were not imported (the "
                            "reason of each is below); the other rows were imported.",
                            refused=len(refused),
                            total=len(records),
                        ),
                    },
                )
            if has_errors:
                savepoint.close(rollback=True)
        if has_errors:
            self.pool.reset_changes()
        return {
            "ids": False if has_errors else result["ids"],
            "messages": messages,
            "nextrow": nextrow,
        }

    @api.model
    def _customer_import_records(self, paths, data):
        """``([[first_line, end_line], ...], next_line)``: the lines of each
        record of this batch (the lines after a record's first one only hold
        one2many values), as ``BaseModel._extract_records`` splits them, and
        the first line of the next batch."""
        one2many = [
            index
            for index, path in enumerate(paths)
            if path[0] in self._fields and self._fields[path[0]].type == "one2many"
        ]
        others = [index for index in range(len(paths)) if index not in one2many]
        limit = self.env.context.get("_import_limit") or float("inf")
        records = []
        index = 0
        while index < len(data) and index < limit:
            end = index + 1
            while (
                end < len(data)
                and any(data[end][column] for column in one2many)
                and not any(data[end][column] for column in others)
            ):
                end += 1
            records.append([index, end])
            index = end
        return records, index

    def _customer_import_row(self, record):
        """The row number of ``record`` in the imported file."""
        return record[0] + self.env.context.get("import_row_offset", 1)

    def _customer_import_message(self, record, reason, kind):
        row = self._customer_import_row(record)
        return {
            "type": kind,
            "message": _("Row %(row)s: %(reason)s", row=row, reason=reason),
            "rows": {"from": record[0], "to": record[1] - 1},
            "record": row,
        }

    def _customer_import_refused(self, messages, lines, records):
        """``{first_line: reason}`` of the records Odoo's ``load`` refused;
        empty when it refused none, or refused the file as a whole."""
        owner = {
            line: record[0]
            for record in records
            for line in range(record[0], record[1])
        }
        refused = {}
        for message in messages:
            if message["type"] != "error":
                continue
            rows = message.get("rows") or {}
            if "from" not in rows or rows["from"] >= len(lines):
                return {}
            refused.setdefault(owner[lines[rows["from"]]], message["message"])
        return refused

    def _customer_import_remap(self, messages, lines):
        """Odoo's messages about the lines it was given, about the file's."""
        remapped = []
        offset = self.env.context.get("import_row_offset", 1)
        for message in messages:
            message = dict(message)
            rows = message.get("rows") or {}
            if "from" in rows and rows["from"] < len(lines):
                first = lines[rows["from"]]
                last = lines[min(rows.get("to", rows["from"]), len(lines) - 1)]
                message["rows"] = {"from": first, "to": last}
                message["record"] = first + offset
            remapped.append(message)
        return remapped

    def _customer_import_prepare(self, paths, data, records):
        """Normalise the imported values in ``data`` (and ``paths``) and
        return ``{first_line: reason}`` for the records to refuse."""
        columns = {tuple(path): index for index, path in enumerate(paths)}
        starts = [record[0] for record in records]

        def cell(start, *path):
            index = columns.get(path)
            value = data[start][index] if index is not None else False
            return str(value).strip() if value not in (None, False) else ""

        countries = self._customer_import_countries(columns, data, starts)
        companies = self._customer_import_is_company(columns, data, starts)
        field_labels = {
            name: self._fields[name]._description_string(self.env)
            for name in ("mobile", "phone", "email", "vat", "fiscal_code")
        }
        refused = {}
        keys = {}
        for start in starts:
            country = countries.get(start) or self.env.company.country_id
            problems = []
            row_keys = {}
            for fname in ("mobile", "phone"):
                number = cell(start, fname)
                if not number:
                    continue
                try:
                    number = self._phone_format_number(
                        number, country, force_format="E164", raise_exception=True
                    )
                except UserError as error:
                    problems.append(
                        _(
                            "%(field)s: the number %(number)s is not valid for "
                            "%(country)s (%(error)s).",
                            field=field_labels[fname],
                            number=number,
                            country=country.name or _("an unknown country"),
                            error=error.args[0],
                        )
                    )
                    continue
                data[start][columns[(fname,)]] = number
                if fname == "mobile":
                    row_keys["mobile"] = number
            email = cell(start, "email")
            if email:
                normalized = email_normalize(email)
                if normalized:
                    row_keys["email"] = normalized
                else:
                    problems.append(
                        _(
                            "%(field)s: %(email)s is not a valid e-mail address.",
                            field=field_labels["email"],
                            email=email,
                        )
                    )
            code = cell(start, "fiscal_code")
            if code:
                code, reason = self._normalize_fiscal_code(
                    code, companies.get(start, False), countries.get(start)
                )
                if reason:
                    problems.append(
                        _(
                            "%(field)s: %(code)s is not valid: %(reason)s",
                            field=field_labels["fiscal_code"],
                            code=code,
                            reason=reason,
                        )
                    )
                else:
                    data[start][columns[("fiscal_code",)]] = code
                    row_keys["fiscal_code"] = code
            vat = cell(start, "vat")
            if vat:
                row_keys["vat"] = _compact_vat(vat)
            if problems:
                refused[start] = " ".join(problems)
            else:
                keys[start] = row_keys
        refused.update(
            self._customer_import_duplicates(columns, data, keys, field_labels)
        )
        self._customer_import_interests(paths, columns, data, starts)
        return refused

    def _customer_import_countries(self, columns, data, starts):
        """``{first_line: res.country}`` from the country column (a name, an
        ISO code, an external id or a database id), with one query per
        distinct value."""
        Country = self.env["res.country"]
        for path, lookup in (
            (("country_id",), "name"),
            (("country_id", "id"), "xmlid"),
            (("country_id", ".id"), "id"),
        ):
            index = columns.get(path)
            if index is None:
                continue
            found = {}
            for value in {str(data[start][index] or "").strip() for start in starts}:
                if not value:
                    continue
                if lookup == "xmlid":
                    country = self.env.ref(value, raise_if_not_found=False)
                elif lookup == "id":
                    country = Country.browse(int(value)) if value.isdigit() else None
                else:
                    country = Country.search(
                        ["|", ("code", "=ilike", value), ("name", "=ilike", value)],
                        limit=1,
                    )
                if country and country._name == "res.country" and country.exists():
                    found[value] = country
            return {
                start: found.get(str(data[start][index] or "").strip())
                for start in starts
            }
        return {}

    def _customer_import_is_company(self, columns, data, starts):
        """``{first_line: bool}`` from the *is_company* or *company_type*
        column, converted as Odoo's import converts them."""
        converter = self.env["ir.fields.converter"]
        result = {}
        for fname in ("is_company", "company_type"):
            index = columns.get((fname,))
            if index is None:
                continue
            field = self._fields[fname]
            for start in starts:
                value = data[start][index]
                if not value:
                    continue
                try:
                    if fname == "is_company":
                        result[start] = converter._str_to_boolean(self, field, value)[0]
                    else:
                        selected = converter._str_to_selection(self, field, value)[0]
                        result[start] = selected == "company"
                except ValueError:
                    continue  # Odoo's import reports it
        return result

    def _customer_import_updated_ids(self, columns, data, starts):
        """``{first_line: id}`` of the rows that update an existing customer
        (by database id or external id): it is no duplicate of itself."""
        updated = {}
        index = columns.get((".id",))
        if index is not None:
            for start in starts:
                value = str(data[start][index] or "").strip()
                if value.isdigit():
                    updated[start] = int(value)
        index = columns.get(("id",))
        if index is not None:
            module = self.env.context.get("_import_current_module", "__import__")
            xmlids = {}
            for start in starts:
                value = str(data[start][index] or "").strip()
                if value:
                    xmlids[start] = value if "." in value else f"{module}.{value}"
            by_module = {}
            for xmlid in set(xmlids.values()):
                module_name, name = xmlid.split(".", 1)
                by_module.setdefault(module_name, []).append(name)
            res_ids = {}
            for module_name, names in by_module.items():
                for xml_data in (
                    self.env["ir.model.data"]
                    .sudo()
                    .search_fetch(
                        [
                            ("model", "=", self._name),
                            ("module", "=", module_name),
                            ("name", "in", names),
                        ],
                        ["module", "name", "res_id"],
                    )
                ):
                    res_ids[f"{xml_data.module}.{xml_data.name}"] = xml_data.res_id
            for start, xmlid in xmlids.items():
                if xmlid in res_ids:
                    updated[start] = res_ids[xmlid]
        return updated

    def _customer_import_existing(self, values):
        """``{key: {value: partner}}``: the active customers already holding
        one of the imported values (their own fields or contact points)."""
        existing = {key: {} for key in IMPORT_DUPLICATE_KEYS}
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
                existing["vat"].setdefault(_compact_vat(partner.vat), partner)
        if values["fiscal_code"]:
            for partner in self.search_fetch(
                [("fiscal_code", "in", list(values["fiscal_code"]))], ["fiscal_code"]
            ):
                existing["fiscal_code"].setdefault(partner.fiscal_code, partner)
        if values["email"]:
            emails = list(values["email"])
            for partner in self.search_fetch(
                [("email_normalized", "in", emails)], ["email_normalized"]
            ):
                existing["email"].setdefault(partner.email_normalized, partner)
            for point in Point.search_fetch(
                [("kind", "=", "email"), ("value", "in", emails)],
                ["value", "partner_id"],
            ):
                existing["email"].setdefault(point.value, point.partner_id)
        if values["mobile"]:
            numbers = list(values["mobile"])
            for partner in self.search_fetch(
                ["|", ("phone_sanitized", "in", numbers), ("mobile", "in", numbers)],
                ["phone_sanitized", "mobile"],
            ):
                for number in (partner.phone_sanitized, partner.mobile):
                    if number in values["mobile"]:
                        existing["mobile"].setdefault(number, partner)
            for point in Point.search_fetch(
                [("kind", "in", ("mobile", "phone")), ("value", "in", numbers)],
                ["value", "partner_id"],
            ):
                existing["mobile"].setdefault(point.value, point.partner_id)
        return existing

    def _customer_import_duplicates(self, columns, data, keys, field_labels):
        """``{first_line: reason}`` of the rows that share a VAT, fiscal code,
        e-mail or mobile with an existing customer or an earlier row."""
        values = {key: set() for key in IMPORT_DUPLICATE_KEYS}
        for row_keys in keys.values():
            for key, value in row_keys.items():
                values[key].add(value)
        existing = self._customer_import_existing(values)
        updated = self._customer_import_updated_ids(columns, data, list(keys))
        seen = {key: {} for key in IMPORT_DUPLICATE_KEYS}
        refused = {}
        for start, row_keys in keys.items():
            problems = []
            for key, value in row_keys.items():
                partner = existing[key].get(value)
                if partner and partner.id != updated.get(start):
                    problems.append(
                        _(
                            "a customer with the same %(field)s (%(value)s) already "
                            "exists: %(customer)s.",
                            field=field_labels[key],
                            value=value,
                            customer=partner.display_name,
                        )
                    )
                elif value in seen[key]:
                    problems.append(
                        _(
                            "same %(field)s (%(value)s) as row %(row)s.",
                            field=field_labels[key],
                            value=value,
                            row=self._customer_import_row([seen[key][value]]),
                        )
                    )
            if problems:
                refused[start] = " ".join(problems)
                continue
            for key, value in row_keys.items():
                seen[key][value] = start
        return refused

    def _customer_import_interests(self, paths, columns, data, starts):
        """Interests given by name (comma-separated): found whatever their
        case, created when missing, and given to Odoo's import by id."""
        index = columns.get(("interest_group_ids",))
        if index is None:
            return
        Interest = self.env["res.partner.interest.group"]
        names = {}
        for start in starts:
            for name in str(data[start][index] or "").split(","):
                if name.strip():
                    names.setdefault(name.strip().casefold(), name.strip())
        if not names:
            return
        # a few dozen interests: read them all, compare names case-insensitively
        found = {
            interest.name.casefold(): interest.id
            for interest in Interest.search_fetch([], ["name"])
        }
        missing = [name for key, name in names.items() if key not in found]
        for interest in Interest.create([{"name": name} for name in missing]):
            found[interest.name.casefold()] = interest.id
        for start in starts:
            data[start][index] = ",".join(
                str(found[name.strip().casefold()])
                for name in str(data[start][index] or "").split(",")
                if name.strip()
            )
        paths[index] = ["interest_group_ids", ".id"]
