# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class CalendarEvent(models.Model):
    _name = "calendar.event"
    _inherit = ["calendar.event", "customer.request.document.mixin"]
