#!/usr/bin/env python3
# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Small tasks run inside Odoo on a database: ``odoo_tasks.py CONF DB TASK``."""

import sys

import odoo


def pregenerate_assets(env):
    """Build the web asset bundles once, so that every clone starts with them."""
    env["ir.qweb"]._pregenerate_assets_bundles()


TASKS = {"pregenerate-assets": pregenerate_assets}


def main():
    conf, db, task, logfile = sys.argv[1:5]
    odoo.tools.config.parse_config(["-c", conf, "-d", db, f"--logfile={logfile}"])
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        TASKS[task](env)


if __name__ == "__main__":
    main()
