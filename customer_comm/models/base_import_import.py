# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.models import fix_import_export_id_paths

from ..tools import customer_import
from ..tools.customer_import import IMPORT_BATCH, ImportBatch, cell

COUNTRY_PATHS = (("country_id",), ("country_id", "id"), ("country_id", ".id"))


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
        data = super()._parse_import_data(data, import_fields, options)
        batch = self.env.context.get(IMPORT_BATCH)
        if batch is not None:
            self._prepare_customer_batch(batch, import_fields, data, options)
        return data

    def _prepare_customer_batch(self, batch, import_fields, data, options):
        """The customers of this batch (``data`` holds the rows from its
        first one to the end of the file): their values normalised and
        checked by ``res.partner._import_check_rows``, which refuses the
        invalid rows and the duplicates in ``batch``; interests given by name
        in the spelling of the existing ones and created by Odoo when
        missing; countries handed to Odoo by external id."""
        Partner = self.env["res.partner"]
        paths = [fix_import_export_id_paths(name) for name in import_fields]
        columns = {tuple(path): index for index, path in enumerate(paths)}
        batch.spans = self._customer_batch_spans(paths, data, options.get("limit"))
        rows = {first: data[first] for first in batch.starts()}
        countries = self._customer_countries(columns, rows)
        companies = dict.fromkeys(rows, False)
        companies.update(self._customer_converted(columns, rows, ("is_company",)))
        company_types = self._customer_converted(columns, rows, ("company_type",))
        companies.update(
            (first, kind == "company") for first, kind in company_types.items()
        )
        Partner._import_check_rows(batch, columns, rows, countries, companies)
        self._customer_interests_by_name(paths, rows, options)
        self._customer_countries_by_external_id(import_fields, columns, rows, countries)

    def _customer_batch_spans(self, paths, data, limit):
        """The first and last line of the records of the batch, as Odoo's
        ``load`` will split them (a record's one2many values may go on the
        next lines)."""
        Partner = self.env["res.partner"]
        limit = limit or float("inf")
        if not any(
            path[0] in Partner._fields and Partner._fields[path[0]].type == "one2many"
            for path in paths
        ):
            return [(line, line) for line in range(min(len(data), limit))]
        return [
            (info["rows"]["from"], info["rows"]["to"])
            for _record, info in Partner._extract_records(paths, data, limit=limit)
        ]

    def _customer_converted(self, columns, rows, path):
        """``{first line: value}``: the cells of the column of ``path``
        converted as Odoo's import converts them, once per distinct value;
        the rows whose cell is empty or cannot be converted are left out
        (Odoo's load reports them)."""
        index = columns.get(path)
        if index is None:
            return {}
        Partner = self.env["res.partner"]
        field = Partner._fields[path[0]]
        convert = self.env["ir.fields.converter"].to_field(Partner, field)
        subfield = path[1] if len(path) > 1 else None
        found = {}
        for value in {cell(row, index) for row in rows.values()} - {""}:
            try:
                found[value] = convert(
                    [{subfield: value}] if field.relational else value
                )[0]
            except ValueError:
                continue
        cells = {first: cell(row, index) for first, row in rows.items()}
        return {first: found[value] for first, value in cells.items() if value in found}

    def _customer_countries(self, columns, rows):
        """``{first line: res.country}``: the country of each row (a name, an
        ISO code, an external id or a database id); empty when not given or
        not found."""
        path = next((path for path in COUNTRY_PATHS if path in columns), None)
        country_ids = self._customer_converted(columns, rows, path) if path else {}
        Country = self.env["res.country"]
        return {first: Country.browse(country_ids.get(first)) for first in rows}

    def _customer_countries_by_external_id(
        self, import_fields, columns, rows, countries
    ):
        """Hand the countries given by name or code to Odoo's ``load`` by
        external id: it looks each one up once (its import cache) instead of
        searching each row's country by name. Left as given when one of them
        was not found (Odoo's load reports it on its row)."""
        index = columns.get(("country_id",))
        if index is None:
            return
        given = [first for first, row in rows.items() if cell(row, index)]
        if not all(countries[first] for first in given):
            return
        found = self.env["res.country"].union(*(countries[first] for first in given))
        xmlids = found.get_external_id()
        if not all(xmlids.get(country.id) for country in found):
            return
        for first in given:
            rows[first][index] = xmlids[countries[first].id]
        import_fields[index] = "country_id/id"

    def _customer_interests_by_name(self, paths, rows, options):
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
