# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Importing customers with our additions against Odoo's plain import.

A CSV file of 10,000 customers (Italian and French individuals and companies,
mobile numbers as people type them, e-mails, Italian fiscal codes, two
interests each, given by name) is imported through Odoo's import
(``base_import.import.execute_import``, in batches of 2,000 rows as the import
screen sends them):

* ours: phones normalised to E.164, fiscal codes checked and compacted,
  e-mails checked, interests found whatever their case or created, duplicates
  looked for (VAT, fiscal code, e-mail, mobile) against the customers and
  within the file, invalid rows skipped; then Odoo's own ``load``;
* Odoo: the same file and columns with ``customer_comm_plain_import`` (Odoo's
  own ``load`` alone: values stored as typed, interests found or created by
  name with the same "create if it does not exist" option).

Each import runs in a savepoint rolled back afterwards, ours and Odoo's in
turn (in mirrored order when repeated); everything is rolled back at the end.
Prints the time ratio (target <= 1.0, the median of each kind) and the SQL
queries per 1,000 rows.

Run: ``python bench/bench_customer_import.py --config build/odoo.conf --db <db>``
(``make bench`` does it on a throw-away database). ``--repeat`` is the number
of timed imports of each kind (default 1 here: one import takes minutes on
a busy machine; ``--repeat 2`` or more evens out a changing load).
"""

import csv
import io
import statistics
import time

from benchlib import odoo_env, parse_args, queries
from stdnum.it import codicefiscale

ROWS = 10_000
BATCH = 2_000
TARGET = 1.0
INTERESTS = [
    "Vintage motorbikes",
    "E-bikes",
    "Winter tyres",
    "Track days",
    "Cargo bikes",
    "Scooters",
]
HEADER = [
    "name",
    "is_company",
    "email",
    "mobile",
    "country_id",
    "l10n_it_codice_fiscale",
    "interest_group_ids",
]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _fiscal_code(index):
    letters = ""
    for _position in range(6):
        index, rest = divmod(index, 26)
        letters += LETTERS[rest]
    body = f"{letters}85T10A562"
    return body + codicefiscale.calc_check_digit(body)


def make_csv(rows=ROWS, offset=0):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for number in range(offset, offset + rows):
        french = number % 10 == 9
        company = number % 5 == 0
        interests = f"{INTERESTS[number % 6]}, {INTERESTS[(number + 2) % 6]}"
        if french:
            digits = f"{number:06d}"
            mobile = f"06 {digits[:2]} {digits[2:4]} {digits[4:]} 11"
        else:
            mobile = f"347 {number // 10000:03d} {number % 10000:04d}"
        writer.writerow(
            [
                f"Cliente {number}" if not company else f"Officina {number} S.r.l.",
                "1" if company else "0",
                f"cliente{number}@example.com",
                mobile,
                "France" if french else "Italy",
                "" if french or company else _fiscal_code(number),
                interests,
            ]
        )
    return out.getvalue().encode()


OPTIONS = {
    "has_headers": True,
    "separator": ",",
    "quoting": '"',
    "encoding": "utf-8",
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    # as a user ticking "create the missing interests" in Odoo's screen
    "name_create_enabled_fields": {"interest_group_ids": True},
    "skip_invalid_rows": True,
}


def run_import(env, content, context):
    """Import ``content`` batch by batch, as the import screen does; return
    the number of imported records."""
    importer = (
        env["base_import.import"]
        .with_context(**context)
        .create(
            {
                "res_model": "res.partner",
                "file": content,
                "file_name": "customers.csv",
                "file_type": "text/csv",
            }
        )
    )
    imported = skip = 0
    while True:
        result = importer.execute_import(
            HEADER, HEADER, dict(OPTIONS, skip=skip, limit=BATCH)
        )
        errors = [m for m in result["messages"] if m["type"] == "error"]
        if errors:
            raise RuntimeError(f"import failed: {errors[:3]}")
        imported += len(result["ids"] or [])
        if not result.get("nextrow"):
            return imported
        skip = result["nextrow"]


def timed(env, content, context):
    """Time (s) and queries of importing ``content``, rolled back."""
    savepoint = env.cr.savepoint()
    env.invalidate_all()
    start_q, start_t = queries(), time.perf_counter()
    imported = run_import(env, content, context)
    elapsed, count = time.perf_counter() - start_t, queries() - start_q
    savepoint.close(rollback=True)
    env.invalidate_all()
    return elapsed, count, imported


def timed_both(env, content, contexts, repeat):
    """Median time (s), queries and imported records of each import of
    ``contexts``, run in turn and in mirrored order (A B, B A, A B...) so that
    a change of the machine's load, or the table growing with each rolled
    back import, weighs on both alike."""
    runs = {name: [] for name in contexts}
    for index in range(repeat):
        order = list(contexts) if index % 2 == 0 else list(reversed(contexts))
        for name in order:
            runs[name].append(timed(env, content, contexts[name]))
    return {
        name: (
            statistics.median(run[0] for run in results),
            max(run[1] for run in results),
            results[-1][2],
        )
        for name, results in runs.items()
    }


def main():
    args = parse_args(__doc__.splitlines()[0])
    # benchlib's default of 5 repetitions would take ten minutes here
    repeat = 1 if args.repeat == 5 else args.repeat
    with odoo_env(args) as env:
        admin_env = env(user=env.ref("base.user_admin"))
        Interest = admin_env["res.partner.interest.group"]
        existing = set(Interest.search([]).mapped("name"))
        Interest.create([{"name": n} for n in INTERESTS if n not in existing])
        content = make_csv()
        contexts = {"ours": {}, "odoo": {"customer_comm_plain_import": True}}
        # warm up both paths (registry, caches) on a small file
        timed_both(admin_env, make_csv(200, offset=ROWS), contexts, 1)
        figures = timed_both(admin_env, content, contexts, repeat)
        (t_ours, q_ours, n_ours), (t_odoo, q_odoo, n_odoo) = (
            figures["ours"],
            figures["odoo"],
        )
        if n_ours != ROWS or n_odoo != ROWS:
            raise RuntimeError(f"imported {n_ours} / {n_odoo} of {ROWS} rows")
        ratio = t_ours / t_odoo
        verdict = "OK" if ratio <= TARGET else f"ABOVE TARGET {TARGET}"
        print(f"{ROWS} customers imported from CSV in batches of {BATCH}", flush=True)
        print(
            f"Import: ours {t_ours:.1f} s / {q_ours * 1000 // ROWS} queries per "
            f"1,000 rows; Odoo {t_odoo:.1f} s / {q_odoo * 1000 // ROWS} queries "
            f"per 1,000 rows; ratio {ratio:.2f}  {verdict}",
            flush=True,
        )
        print(f"ratios: {ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
