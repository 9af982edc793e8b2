#!/usr/bin/env python3
# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tasks run inside Odoo, as click-odoo commands: ``odoo_tasks.py TASK -c CONF``.

``test-db`` creates a test database from click-odoo-contrib's template cache
(the cache of ``click-odoo-initdb``: one template per hash of the files of the
modules' dependency closure, the most recently used kept, attachments stored in
the database so that a copy needs no filestore). It drives the same cache as
``click-odoo-initdb`` with two more steps before a new template is stored, for
which the command line has no hook: the Italian and French languages, and the
web assets built once (otherwise rebuilt by the first browser test of each run).
A template whose build logged an error or an unexpected warning is not stored.
"""

import hashlib
import logging
import subprocess
import sys
from contextlib import closing
from datetime import timedelta

import click
import click_odoo
import psycopg2
from click_odoo import odoo
from click_odoo_contrib.initdb import DbCache, addons_hash, odoo_createdb

# Bump when the recipe below changes what a template holds.
RECIPE = 1


def load_languages(env, langs):
    """Languages installed beside English, which stays the default.

    (``--load-language`` on a new database would make the first of them the
    default language of every user and deactivate English.)"""
    for code in langs:
        env["res.lang"]._activate_lang(code)
    env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
        langs
    )


def pregenerate_assets(env):
    """Build the web asset bundles, stored in the database like the other
    attachments of the template, so that each copy starts with them."""
    params = env["ir.config_parameter"]
    params.set_param("ir_attachment.location", "db")
    env["ir.qweb"]._pregenerate_assets_bundles()
    params.set_param("ir_attachment.location", False)


def template_hash(modules, langs):
    digest = hashlib.sha1(addons_hash(modules, True).encode())
    digest.update(repr((odoo.release.version, sorted(langs), RECIPE)).encode())
    return digest.hexdigest()


def check_build_log(checklog_config):
    """checklog-odoo on this process's log file: the build must be clean."""
    for handler in logging.getLogger().handlers:
        handler.flush()
    logfile = odoo.tools.config["logfile"]
    cmd = [sys.executable, "-m", "checklog_odoo", "-c", checklog_config, logfile]
    if subprocess.run(cmd, check=False).returncode:
        raise click.ClickException(f"the template's build logged errors ({logfile})")


def build_template(db, modules, langs, checklog_config):
    odoo_createdb(db, True, modules, True, exists=False)
    with click_odoo.OdooEnvironment(db) as env:
        load_languages(env, langs)
        pregenerate_assets(env)
    check_build_log(checklog_config)


@click.group()
def cli():
    """Tasks run inside Odoo."""


@cli.command("test-db")
@click_odoo.env_options(with_database=False, with_rollback=False)
@click.option("--new-database", "-n", required=True)
@click.option("--modules", "-m", required=True, help="comma separated")
@click.option("--languages", required=True, help="comma separated, e.g. it_IT")
@click.option("--cache-prefix", required=True)
@click.option("--checklog-config", required=True, type=click.Path(exists=True))
@click.option("--cache-max-size", default=5, show_default=True)
@click.option("--cache-max-age", default=30, show_default=True, help="days")
def test_db(env, new_database, modules, languages, cache_prefix, **options):
    """Create NEW_DATABASE from the cached template, building it when missing."""
    modules, langs = modules.split(","), languages.split(",")
    hashsum = template_hash(modules, langs)
    _db, info = odoo.sql_db.connection_info_for("postgres")
    with closing(psycopg2.connect(**info)) as conn:
        conn.autocommit = True
        with conn.cursor() as pgcr:
            cache = DbCache(cache_prefix, pgcr)
            if cache.create(new_database, hashsum):
                click.echo(f"{new_database}: copy of the cached template")
            else:
                click.echo(f"{new_database}: building a template (a few minutes)")
                build_template(new_database, modules, langs, options["checklog_config"])
                cache.add(new_database, hashsum)
            cache.trim_size(options["cache_max_size"])
            cache.trim_age(timedelta(days=options["cache_max_age"]))


@cli.command("load-languages")
@click_odoo.env_options(with_rollback=False)
@click.option("--languages", required=True, help="comma separated, e.g. it_IT")
def load_languages_cmd(env, languages):
    """Install these languages in the database, English staying the default."""
    load_languages(env, languages.split(","))


if __name__ == "__main__":
    cli()
