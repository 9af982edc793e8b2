# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cross-addon checks: the three addons installed together in one database."""

from odoo.tests import TransactionCase, tagged

ADDONS = ("customer_comm", "customer_request", "workshop_offer")


@tagged("standard", "post_install", "-at_install")
class TestSuiteInstalled(TransactionCase):
    def test_three_addons_installed_together(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(
            {m.name: m.state for m in modules}, {name: "installed" for name in ADDONS}
        )
