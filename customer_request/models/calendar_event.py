# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class CalendarEvent(models.Model):
    _name = "calendar.event"
    _inherit = ["calendar.event", "customer.request.document.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        """A meeting saved from "Schedule a meeting" of a request (its
        ``customer_request_id`` comes from the action's defaults) is logged
        on both; Odoo invites the attendees then, once a time is chosen."""
        events = super().create(vals_list)
        for event in events.filtered("customer_request_id"):
            event.customer_request_id._log_generated_document(event, "meeting")
        return events


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _compute_mail_tz(self):
        """The invitation to a request's meeting shows the time in the
        customer's time zone, else in the company's (not in UTC)."""
        result = super()._compute_mail_tz()
        for attendee in self:
            if not attendee.mail_tz and attendee.event_id.customer_request_id:
                request = attendee.event_id.customer_request_id
                attendee.mail_tz = request.company_id.partner_id.tz
        return result
