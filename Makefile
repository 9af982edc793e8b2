# Customer Communication Suite: the two commands are `make run` and `make test`.
# Odoo 18.0 must be importable by python3 (see README.rst); everything else is
# installed by these targets.
PYTHON ?= python3
PROJECT = $(PYTHON) setup/project.py

.PHONY: run test test-odoo install-check lint bench i18n screenshots clean help

help:
	@echo "make run            demo database with the three addons, served on http://localhost:8069"
	@echo "make test           every test: Odoo's runner + pytest-odoo (tests/) + install check"
	@echo "make lint           ruff, pylint-odoo and the OCA checks (pre-commit, offline)"
	@echo "make bench          the benchmarks in bench/, against Odoo's own screens"
	@echo "make i18n           export the .pot files and merge them into it.po and fr.po"
	@echo "make screenshots    the README screenshots, taken from the demo database"
	@echo "make clean          drop the build folder and the cached test templates"

run:
	$(PROJECT) run

test:
	$(PROJECT) test

# Faster loop for one addon: make test-odoo ADDONS=customer_comm
test-odoo:
	$(PROJECT) test --addons $(ADDONS) --no-install-check

install-check:
	$(PROJECT) install-check

lint:
	$(PYTHON) -m pip install -q -r setup/requirements-lint.txt
	$(PYTHON) -m pre_commit run --all-files --show-diff-on-failure

bench:
	$(PROJECT) bench

# Export the .pot files of the addons and merge them into it.po / fr.po
# (click-odoo-makepot)
i18n:
	$(PROJECT) i18n

# The README screenshots (static/description/*.png), from the demo database
screenshots:
	$(PYTHON) setup/screenshots.py

clean:
	$(PROJECT) clean
	rm -rf build
