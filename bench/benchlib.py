# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared helpers of the benchmarks: open Odoo on a database, time and count SQL.

Each ``bench_*.py`` takes ``--config`` (Odoo configuration file) and ``--db``; it
creates its own data in one transaction, prints its figures next to the figures
of the comparable Odoo screen measured in the same run, and rolls back.
``make bench`` runs them all on a throw-away clone of the test template.
"""

import argparse
import contextlib
import statistics
import time

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.sql_db import sql_counter  # noqa: F401  (kept importable for scripts)

_CONFIGURED = []


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument("--db", required=True, help="database with our addons")
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args()


@contextlib.contextmanager
def odoo_env(args, uid=odoo.SUPERUSER_ID, context=None):
    """An environment on ``args.db`` whose transaction is always rolled back
    (a script commits explicitly what a separate server process must see)."""
    if not _CONFIGURED:
        # Odoo's configuration can be parsed only once per process
        odoo.tools.config.parse_config(
            ["-c", args.config, "-d", args.db, "--log-level=warn"]
        )
        _CONFIGURED.append(args.config)
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, dict(context or {}, tracking_disable=True))
        try:
            yield env
        finally:
            cr.rollback()


def queries():
    return odoo.sql_db.sql_counter


def measure(env, func, repeat=5, warm=False):
    """Median wall time (s) and SQL query count of ``func()``, the records'
    cache cleared; the server's caches (access rights, record rules, groups)
    cleared too, or ``warm``: filled by a first call, as on a server that
    has already served the screen (how Odoo's own performance tests count)."""
    times, counts = [], []
    for _run in range(repeat):
        if warm:
            func()
        env.invalidate_all()
        if not warm:
            env.registry.clear_cache()
        start_q, start_t = queries(), time.perf_counter()
        func()
        times.append(time.perf_counter() - start_t)
        counts.append(queries() - start_q)
    return statistics.median(times), max(counts)


def report(title, ours, theirs, target=None):
    """Print our figure next to Odoo's and the ratio; return the ratio."""
    (t_ours, q_ours), (t_theirs, q_theirs) = ours, theirs
    ratio = t_ours / t_theirs if t_theirs else float("inf")
    verdict = ""
    if target is not None:
        verdict = "  OK" if ratio <= target else f"  ABOVE TARGET {target}"
    print(
        f"{title}: ours {t_ours * 1000:.1f} ms / {q_ours} queries; "
        f"Odoo {t_theirs * 1000:.1f} ms / {q_theirs} queries; "
        f"ratio {ratio:.2f}{verdict}",
        flush=True,
    )
    return ratio
