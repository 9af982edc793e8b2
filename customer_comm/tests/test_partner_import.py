# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import csv
import io

import openpyxl

from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from ..tools import customer_import
from ..tools.customer_import import ImportBatch
from .common import CustomerCommCase

HEADER = (
    "name",
    "is_company",
    "email",
    "mobile",
    "country_id",
    "vat",
    "l10n_it_codice_fiscale",
    "interest_group_ids",
)
ROWS = [
    # row 2: valid; an existing interest in another case, a new one
    [
        "Mario Rossetti",
        "0",
        "mario.rossetti@example.it",
        "347 765 0101",
        "Italy",
        "",
        "rssmra85t10a562s",
        "classic SCOOTERS, Gravel bikes",
    ],
    # row 3: impossible mobile number
    ["Anna Bianchi", "0", "anna@example.it", "12", "Italy", "", "", ""],
    # row 4: e-mail of an existing customer
    ["Luca Verdi", "0", "Giorgio@Example.it", "", "Italy", "", "", ""],
    # row 5: valid
    ["Paolo Neri", "0", "paolo@example.it", "348 000 1111", "IT", "", "", ""],
    # row 6: same e-mail as row 5
    ["Paola Neri", "0", "paolo@example.it", "", "Italy", "", "", "Gravel bikes"],
    # row 7: valid company
    [
        "Officina Rossi",
        "1",
        "info@rossi.example.it",
        "",
        "Italy",
        "",
        "00743110157",
        "Classic scooters",
    ],
    # row 8: wrong check character
    ["Marta Gialli", "0", "", "", "Italy", "", "RSSMRA85T10A562X", ""],
    # row 9: valid, French mobile
    ["Claire Dubois", "0", "claire@example.fr", "06 98 76 54 32", "France", "", "", ""],
    # row 10: VAT of an existing company, written differently
    ["Bianchi bis", "1", "", "", "Italy", "it02114380377", "", ""],
    # row 11: mobile of an existing customer's contact point
    ["Sara Blu", "0", "", "333 999 8888", "Italy", "", "", ""],
]
VALID_NAMES = ["Mario Rossetti", "Paolo Neri", "Officina Rossi", "Claire Dubois"]
REFUSED_ROWS = [3, 4, 6, 8, 10, 11]


@tagged("post_install", "-at_install")
class TestPartnerImport(CustomerCommCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_comm_users()
        cls.env = cls.env(user=cls.comm_user)
        cls.Partner = cls.env["res.partner"]
        cls.Interest = cls.env["res.partner.interest.group"]
        cls.scooters = cls.Interest.create({"name": "Classic scooters"})
        cls.giorgio = cls.Partner.create(
            {"name": "Giorgio Esistente", "email": "giorgio@example.it"}
        )
        cls.bianchi = cls.Partner.create(
            {"name": "Bianchi S.p.A.", "is_company": True, "vat": "IT 02114380377"}
        )
        cls.sara = cls.Partner.create(
            {
                "name": "Sara Esistente",
                "country_id": cls.italy.id,
                "contact_point_ids": [
                    (0, 0, {"kind": "mobile", "value": "333 999 8888"})
                ],
            }
        )

    # helpers
    def _csv(self, rows, header=HEADER):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode()

    def _xlsx(self, rows, header=HEADER):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def _import(self, content, header=HEADER, dryrun=False, context=None, **options):
        xlsx = content[:2] == b"PK"
        importer = (
            self.env["base_import.import"]
            .with_context(**(context or {}))
            .create(
                {
                    "res_model": "res.partner",
                    "file": content,
                    "file_name": "customers.xlsx" if xlsx else "customers.csv",
                    "file_type": (
                        "application/vnd.openxmlformats-officedocument."
                        "spreadsheetml.sheet"
                        if xlsx
                        else "text/csv"
                    ),
                }
            )
        )
        options = dict(
            {
                "has_headers": True,
                "separator": ",",
                "quoting": '"',
                "encoding": "utf-8",
                "date_format": "",
                "datetime_format": "",
                "float_thousand_separator": ",",
                "float_decimal_separator": ".",
                "skip": 0,
                "import_skip_records": [],
                "import_set_empty_fields": [],
                "fallback_values": {},
                "name_create_enabled_fields": {},
            },
            **options,
        )
        return importer.execute_import(
            list(header), list(header), options, dryrun=dryrun
        )

    def _imported(self, names=None):
        return self.Partner.search([("name", "in", names or VALID_NAMES)])

    def _refused_rows(self, result):
        return sorted(
            message["record"] for message in result["messages"] if message.get("record")
        )

    def _message(self, result, row):
        [message] = [m for m in result["messages"] if m.get("record") == row]
        self.assertTrue(message["message"].startswith(f"Row {row}: "))
        return message["message"]

    # tests
    def test_skip_invalid_rows_imports_the_valid_ones(self):
        result = self._import(self._csv(ROWS), skip_invalid_rows=True)
        imported = self._imported()
        self.assertEqual(sorted(result["ids"]), sorted(imported.ids))
        self.assertEqual(len(imported), 4)
        self.assertEqual(self._refused_rows(result), REFUSED_ROWS)
        self.assertEqual(
            {m["type"] for m in result["messages"]}, {"warning"}, result["messages"]
        )
        self.assertIn(
            "6 of 10 rows were not imported", result["messages"][0]["message"]
        )
        self.assertIn("not valid for Italy", self._message(result, 3))
        self.assertIn(
            "same Email (giorgio@example.it) already exists: Giorgio Esistente",
            self._message(result, 4),
        )
        self.assertIn(
            "same Email (paolo@example.it) as row 5", self._message(result, 6)
        )
        self.assertIn("check character is wrong", self._message(result, 8))
        self.assertIn("IT02114380377", self._message(result, 10))
        self.assertIn("Sara Esistente", self._message(result, 11))
        self.assertFalse(
            self.Partner.search(
                [("name", "in", ["Anna Bianchi", "Luca Verdi", "Paola Neri"])]
            )
        )
        by_name = {partner.name: partner for partner in imported}
        mario = by_name["Mario Rossetti"]
        self.assertEqual(mario.mobile, "+393477650101")
        self.assertEqual(mario.l10n_it_codice_fiscale, "RSSMRA85T10A562S")
        gravel = self.Interest.search([("name", "=", "Gravel bikes")])
        self.assertEqual(len(gravel), 1, "the new interest is created once")
        self.assertEqual(mario.interest_group_ids, self.scooters | gravel)
        self.assertEqual(by_name["Officina Rossi"].interest_group_ids, self.scooters)
        self.assertTrue(by_name["Officina Rossi"].is_company)
        self.assertEqual(by_name["Claire Dubois"].mobile, "+33698765432")
        self.assertEqual(by_name["Paolo Neri"].mobile, "+393480001111")

    def test_without_the_option_nothing_is_imported(self):
        result = self._import(self._csv(ROWS))
        self.assertIs(result["ids"], False)
        self.assertEqual(self._refused_rows(result), REFUSED_ROWS)
        self.assertEqual({m["type"] for m in result["messages"]}, {"error"})
        self.assertFalse(self._imported())
        self.assertFalse(self.Interest.search([("name", "=", "Gravel bikes")]))

    def test_valid_file_imported_whole(self):
        valid = [row for row in ROWS if row[0] in VALID_NAMES]
        result = self._import(self._csv(valid))
        self.assertEqual(result["messages"], [])
        self.assertEqual(len(result["ids"]), 4)
        self.assertEqual(len(self._imported()), 4)

    def test_test_run_reports_and_writes_nothing(self):
        result = self._import(self._csv(ROWS), dryrun=True, skip_invalid_rows=True)
        self.assertEqual(self._refused_rows(result), REFUSED_ROWS)
        self.assertFalse(self._imported())
        self.assertFalse(self.Interest.search([("name", "=", "Gravel bikes")]))

    def test_xlsx_file(self):
        rows = [ROWS[0], ROWS[2], ROWS[3]]
        result = self._import(self._xlsx(rows), skip_invalid_rows=True)
        self.assertEqual(self._refused_rows(result), [3])
        self.assertEqual(
            self._imported().mapped("name"), ["Mario Rossetti", "Paolo Neri"]
        )

    def test_rows_odoo_refuses_are_skipped_too(self):
        header = ["name", "preferred_channel", "mobile", "country_id"]
        rows = [
            ["Mario Rossetti", "sms", "347 765 0101", "Italy"],
            ["Paolo Neri", "carrier pigeon", "348 000 1111", "Italy"],
            ["Claire Dubois", "email", "06 98 76 54 32", "France"],
        ]
        result = self._import(self._csv(rows, header), header, skip_invalid_rows=True)
        self.assertEqual(self._refused_rows(result), [3])
        self.assertIn("carrier pigeon", self._message(result, 3))
        self.assertEqual(
            sorted(self._imported().mapped("name")), ["Claire Dubois", "Mario Rossetti"]
        )

    def test_batches_report_file_rows(self):
        """The import screen sends big files in batches (limit and skip)."""
        first = self._import(self._csv(ROWS), limit=4, skip_invalid_rows=True)
        self.assertEqual(first["nextrow"], 4)
        self.assertEqual(self._refused_rows(first), [3, 4])
        second = self._import(self._csv(ROWS), limit=4, skip=4, skip_invalid_rows=True)
        self.assertEqual(second["nextrow"], 8)
        self.assertEqual(self._refused_rows(second), [6, 8])
        # row 5 was imported by the first batch
        self.assertIn("already exists: Paolo Neri", self._message(second, 6))

    def test_updating_a_customer_is_no_duplicate_of_itself(self):
        header = [".id", "name", "email"]
        rows = [[str(self.giorgio.id), "Giorgio Esistente", "giorgio@example.it"]]
        result = self._import(self._csv(rows, header), header)
        self.assertEqual(result["messages"], [])
        self.assertEqual(result["ids"], self.giorgio.ids)

    def test_updating_by_external_id_is_no_duplicate_of_itself(self):
        self.env["ir.model.data"].sudo().create(
            {
                "module": "__import__",
                "name": "giorgio",
                "model": "res.partner",
                "res_id": self.giorgio.id,
            }
        )
        header = ["id", "name", "email", "mobile", "country_id"]
        rows = [
            ["giorgio", "Giorgio Esistente", "giorgio@example.it", "", "Italy"],
            ["__import__.sara", "Sara Bis", "", "333 999 8888", "Italy"],
        ]
        result = self._import(self._csv(rows, header), header, skip_invalid_rows=True)
        self.assertEqual(self._refused_rows(result), [3])
        self.assertIn("Sara Esistente", self._message(result, 3))
        self.assertEqual(result["ids"], self.giorgio.ids)

    def test_interests_found_whatever_their_case(self):
        header = ["name", "interest_group_ids"]
        rows = [
            ["Mario Rossetti", "CLASSIC scooters,  cargo BIKES "],
            ["Paolo Neri", "Cargo bikes, classic scooters"],
        ]
        result = self._import(self._csv(rows, header), header)
        self.assertEqual(result["messages"], [])
        cargo = self.Interest.search([("name", "=ilike", "cargo bikes")])
        self.assertEqual(cargo.name, "cargo BIKES", "spelt as in its first row")
        for partner in self._imported(["Mario Rossetti", "Paolo Neri"]):
            self.assertEqual(partner.interest_group_ids, self.scooters | cargo)

    def test_a_customer_on_several_lines(self):
        """A customer's one2many values (its contacts here) may go on the
        lines below it: the customer goes in or is refused with all of them,
        and the rows after keep their numbers."""
        header = ["name", "email", "child_ids/name"]
        rows = [
            ["Officina Rossi", "info@rossi.example.it", "Mario Rossi"],
            ["", "", "Anna Rossi"],
            ["Officina Verdi", "verdi@", "Luca Verdi"],
            ["", "", "Sara Verdi"],
            ["Officina Neri", "info@neri.example.it", ""],
        ]
        result = self._import(self._csv(rows, header), header, skip_invalid_rows=True)
        self.assertEqual(self._refused_rows(result), [4])
        self.assertIn("verdi@ is not a valid e-mail address", self._message(result, 4))
        neri, rossi = self._imported(["Officina Rossi", "Officina Neri"]).sorted("name")
        self.assertEqual(sorted(result["ids"]), sorted((rossi | neri).ids))
        self.assertEqual(
            sorted(rossi.child_ids.mapped("name")), ["Anna Rossi", "Mario Rossi"]
        )
        self.assertFalse(self._imported(["Officina Verdi", "Luca Verdi", "Sara Verdi"]))

    def test_a_row_odoo_refuses_while_creating_leaves_the_others(self):
        """A rule checked when the customer is created (here: a company
        cannot be a legal representative) refuses that row only."""
        header = ["name", "is_company", "legal_representative_id"]
        rows = [
            ["Officina Rossi", "1", ""],
            ["Officina Verdi", "1", "Bianchi S.p.A."],
            ["Officina Neri", "1", ""],
        ]
        result = self._import(self._csv(rows, header), header, skip_invalid_rows=True)
        self.assertEqual(self._refused_rows(result), [3])
        self.assertIn("must be a person", self._message(result, 3))
        self.assertEqual(
            sorted(self._imported(["Officina Rossi", "Officina Neri"]).ids),
            sorted(result["ids"]),
        )
        self.assertEqual(len(result["ids"]), 2)
        self.assertFalse(self._imported(["Officina Verdi"]))

    def test_plain_import_has_no_additions(self):
        header = ["name", "mobile", "country_id", "email"]
        rows = [
            ["Mario Rossetti", "347 765 0101", "Italy", "giorgio@example.it"],
        ]
        result = self._import(
            self._csv(rows, header),
            header,
            context={"customer_comm_plain_import": True},
        )
        # no report and no duplicate refused (Giorgio's e-mail): only the
        # partner's own rules apply, which store its numbers in E.164
        self.assertEqual(result["messages"], [])
        self.assertEqual(self._imported(["Mario Rossetti"]).mobile, "+393477650101")

    def test_customers_menu_imports_valid_rows(self):
        action = self.env.ref("customer_comm.res_partner_action_customers").sudo()
        context = safe_eval(action.context)
        result = self._import(self._csv(ROWS), context=context)
        self.assertEqual(len(result["ids"]), 4)


@tagged("post_install", "-at_install")
class TestCustomerImportTools(BaseCase):
    """The pure part of the import, without a database."""

    def test_values(self):
        self.assertEqual(
            customer_import.compact_vat("it 007.431-10158"), "IT00743110158"
        )
        self.assertEqual(
            customer_import.normalise_phone("347 765 0101", "IT", 39),
            ("+393477650101", None),
        )
        self.assertEqual(
            customer_import.normalise_phone("+33 6 98 76 54 32", "IT", 39),
            ("+33698765432", None),
        )
        number, reason = customer_import.normalise_phone("12", "IT", 39)
        self.assertEqual(number, "12")
        self.assertIn("12", reason)
        self.assertEqual(
            customer_import.normalise_email(" Giorgio@Example.it "),
            ("Giorgio@Example.it", "giorgio@example.it"),
        )
        self.assertEqual(
            customer_import.normalise_email("giorgio@"), ("giorgio@", False)
        )

    def test_names(self):
        cells = ["classic SCOOTERS, gravel bikes", "Gravel Bikes,,", ""]
        spellings = customer_import.name_spellings(cells, ["Classic scooters"])
        self.assertEqual(
            [customer_import.respell(cell, spellings) for cell in cells],
            ["Classic scooters,gravel bikes", "gravel bikes", ""],
        )

    def test_duplicates(self):
        keys = {
            0: {"email": "a@example.it", "mobile": "+393470000001"},
            1: {"email": "a@example.it"},
            2: {"vat": "IT00743110158"},
            3: {"vat": "IT00743110158"},
            4: {"mobile": "+393470000002"},
            5: {"mobile": "+393470000002"},
        }
        existing = {"vat": {"IT00743110158": 7}, "mobile": {"+393470000002": 9}}
        self.assertEqual(
            customer_import.find_duplicates(keys, existing, updated={2: 7}),
            {
                1: [("email", "a@example.it", None, 0)],
                3: [("vat", "IT00743110158", 7, None)],
                4: [("mobile", "+393470000002", 9, None)],
                # row 4 was refused: row 5 is only the existing customer's duplicate
                5: [("mobile", "+393470000002", 9, None)],
            },
        )

    def test_batch(self):
        batch = ImportBatch(
            row_offset=12, skip_invalid=True, spans=[(0, 0), (1, 2), (3, 3), (4, 4)]
        )
        self.assertEqual(batch.end, 5)
        self.assertEqual(batch.row(3), 15)
        batch.refuse(3, "bad")
        self.assertEqual(batch.lines(), [0, 1, 2, 4])
        lines = batch.lines()
        # Odoo's messages are about the lines it was given (here 0 1 2 4)
        warning = {"type": "warning", "message": "w", "rows": {"from": 3, "to": 3}}
        self.assertEqual(
            batch.remap([warning], lines),
            [dict(warning, rows={"from": 4, "to": 4}, record=16)],
        )
        # the error that broke Odoo's batch creation, repeated at the top
        # with the rows of the first record, is not about the first record
        errors = [
            {"type": "error", "message": "same", "rows": {"from": 0, "to": 0}},
            {"type": "error", "message": "same", "rows": {"from": 2, "to": 2}},
            {"type": "error", "message": "other", "rows": {"from": 3, "to": 3}},
        ]
        self.assertEqual(batch.refused_in(errors, lines), {1: "same", 4: "other"})
        # an error about no row: the batch cannot go in without it
        self.assertIsNone(
            batch.refused_in([{"type": "error", "message": "global"}], lines)
        )
