# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from markupsafe import escape

from odoo import models

from .res_partner import BOOKING_PATH

BOOKING_LINK = re.compile(r'href="[^"]*' + re.escape(BOOKING_PATH) + '"')


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _personalize_outgoing_body(
        self, body, partner=False, recipients_follower_status=None
    ):
        """The booking link of an "Invite to book" e-mail becomes the
        recipient's own sign-up link in the e-mail sent to them, and only
        there: the message kept in the chatter and the history has the plain
        link (as ``privacy_consent`` does for its consent links)."""
        body = super()._personalize_outgoing_body(
            body, partner=partner, recipients_follower_status=recipients_follower_status
        )
        if not partner or BOOKING_PATH not in body:
            return body
        author = self.author_id.user_ids.filtered(lambda user: user._is_internal())[:1]
        url = partner._customer_request_signup_booking_url(author)
        return BOOKING_LINK.sub(lambda _match: f'href="{escape(url)}"', body)
