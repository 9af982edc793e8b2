# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One name for the channel: an offer's ``send_channel`` becomes ``channel``."""

from odoo.addons.customer_comm.tools.migration import rename_field


def migrate(cr, version):
    if not version:
        return
    rename_field(cr, "workshop_offer", "repair.offer", "send_channel", "channel")
