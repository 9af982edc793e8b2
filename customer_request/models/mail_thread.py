# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import api, models

from ..tools.inbound_email import automatic_reason, sender_authenticated

_logger = logging.getLogger(__name__)

REQUEST_MODEL = "customer.request"


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        """Machines do not write requests: an automatic e-mail (out-of-office,
        bounce, mailing list, no-reply sender) creates or updates no request,
        so it is never acknowledged either. Odoo already drops the bounces it
        recognises (``_detect_is_bounce``); the other routes are untouched."""
        routes = super().message_route(
            message,
            message_dict,
            model=model,
            thread_id=thread_id,
            custom_values=custom_values,
        )
        if not any(route[0] == REQUEST_MODEL for route in routes):
            return routes
        reason = automatic_reason(message, message_dict.get("email_from"))
        if not reason:
            return routes
        _logger.info(
            "Ignored automatic e-mail %s from %s for customer requests (%s)",
            message_dict.get("message_id"),
            message_dict.get("email_from"),
            reason,
        )
        return [route for route in routes if route[0] != REQUEST_MODEL]

    def _message_route_process(self, message, message_dict, routes):
        """A request learns whether our mail server authenticated the sender
        (see ``customer.request.message_new``)."""
        if any(route[0] == REQUEST_MODEL for route in routes):
            self = self.with_context(
                customer_request_sender_authenticated=sender_authenticated(message)
            )
        return super()._message_route_process(message, message_dict, routes)
