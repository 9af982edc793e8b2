# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One name for the channel: the customer's ``contact_preference`` becomes
``preferred_channel``, a communication's ``comm_type`` becomes ``channel``."""

from odoo.addons.customer_comm.tools.migration import rename_field


def migrate(cr, version):
    if not version:
        return
    rename_field(
        cr, "customer_comm", "res.partner", "contact_preference", "preferred_channel"
    )
    rename_field(cr, "customer_comm", "customer.comm.log", "comm_type", "channel")
