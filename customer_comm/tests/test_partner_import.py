# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import csv
import io

import openpyxl

from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CustomerCommCase

HEADER = (
    "name",
    "is_company",
    "email",
    "mobile",
    "country_id",
    "vat",
    "fiscal_code",
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
    ["Bianchi bis", "1", "", "", "Italy", "it00743110158", "", ""],
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
            {"name": "Bianchi S.p.A.", "is_company": True, "vat": "IT 00743110158"}
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
        self.assertIn("IT00743110158", self._message(result, 10))
        self.assertIn("Sara Esistente", self._message(result, 11))
        self.assertFalse(
            self.Partner.search(
                [("name", "in", ["Anna Bianchi", "Luca Verdi", "Paola Neri"])]
            )
        )
        by_name = {partner.name: partner for partner in imported}
        mario = by_name["Mario Rossetti"]
        self.assertEqual(mario.mobile, "+393477650101")
        self.assertEqual(mario.fiscal_code, "RSSMRA85T10A562S")
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
        self.assertEqual(result["messages"], [])
        self.assertEqual(self._imported(["Mario Rossetti"]).mobile, "347 765 0101")

    def test_customers_menu_imports_valid_rows(self):
        action = self.env.ref("customer_comm.res_partner_action_customers").sudo()
        context = safe_eval(action.context)
        result = self._import(self._csv(ROWS), context=context)
        self.assertEqual(len(result["ids"]), 4)
