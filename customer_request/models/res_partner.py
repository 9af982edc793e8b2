# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import _, api, fields, models

# the portal form, with the meeting type chosen: the "invite to book" link
BOOKING_PATH = "/my/requests/new?request_type=meeting"


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_request_ids = fields.One2many(
        comodel_name="customer.request",
        inverse_name="partner_id",
        string="Customer requests",
    )
    customer_request_count = fields.Integer(
        string="Open requests",
        compute="_compute_customer_request_count",
        compute_sudo=False,
        groups="customer_request.group_customer_request_user",
    )
    # meetings are an internal user's (calendar gives every employee access)
    card_upcoming_meeting_count = fields.Integer(
        string="Upcoming meetings",
        compute="_compute_card_counts",
        groups="base.group_user",
    )
    card_past_meeting_count = fields.Integer(
        string="Past meetings",
        compute="_compute_card_counts",
        groups="base.group_user",
    )

    @api.depends("customer_request_ids.closed")
    def _compute_customer_request_count(self):
        """Open requests of each partner; a company also counts the requests
        of its contacts. One grouped query for the whole recordset."""
        counts = defaultdict(int)
        commercial_counts = defaultdict(int)
        if self.ids:
            groups = self.env["customer.request"]._read_group(
                [
                    ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                    ("closed", "=", False),
                ],
                groupby=["commercial_partner_id", "partner_id"],
                aggregates=["__count"],
            )
            for commercial, partner, count in groups:
                counts[partner.id] += count
                commercial_counts[commercial.id] += count
        for partner in self:
            if partner.is_company and partner == partner.commercial_partner_id:
                partner.customer_request_count = commercial_counts[partner.id]
            else:
                partner.customer_request_count = counts[partner.id]

    def _customer_request_domain(self):
        self.ensure_one()
        if self.is_company:
            return [("commercial_partner_id", "=", self.id)]
        return [("partner_id", "=", self.id)]

    def action_view_customer_requests(self):
        """The customer's open requests, on the board."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_request.customer_request_action_board"
        )
        action["domain"] = [("closed", "=", False)] + self._customer_request_domain()
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_new_customer_request(self):
        """One click from the customer: a new request for them."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New request"),
            "res_model": "customer.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_partner_id": self.id},
        }

    def _card_counts(self, owners):
        counts = super()._card_counts(owners)
        if self._card_counted("card_upcoming_meeting_count"):
            counts.update(self._card_meeting_counts(owners))
        return counts

    def _card_meeting_counts(self, owners):
        """The upcoming and past meetings of the customers and their
        contacts (see ``_card_count``), in one grouped query: each meeting's
        start comes with it. A meeting attended by several contacts of a
        customer counts once for that customer."""
        now = fields.Datetime.now()
        upcoming, past = defaultdict(set), defaultdict(set)
        for partner, meeting_ids, starts in self.env["calendar.event"]._read_group(
            [("partner_ids", "in", list(owners))],
            groupby=["partner_ids"],
            aggregates=["id:array_agg", "start:array_agg"],
        ):
            # the other attendees (the user...) have their group too
            for owner_id in owners.get(partner.id, ()):
                for meeting_id, start in zip(meeting_ids, starts, strict=True):
                    (upcoming if start >= now else past)[owner_id].add(meeting_id)
        return {
            "card_upcoming_meeting_count": {
                owner_id: len(ids) for owner_id, ids in upcoming.items()
            },
            "card_past_meeting_count": {
                owner_id: len(ids) for owner_id, ids in past.items()
            },
        }

    def _card_meeting_domain(self, upcoming, now=None):
        now = now or fields.Datetime.now()
        return [("start", ">=" if upcoming else "<", now)]

    def _action_view_card_meetings(self, upcoming):
        """The meetings the customer or its contacts attend, as a list
        first; a new one has the customer and the user as attendees."""
        self.ensure_one()
        action = self._card_action(
            "calendar.action_calendar_event",
            self._card_meeting_domain(upcoming),
            {"default_partner_ids": [self.id, self.env.user.partner_id.id]},
            partner_field="partner_ids",
        )
        action.pop("path", None)
        action["name"] = _("Upcoming meetings") if upcoming else _("Past meetings")
        action["view_mode"] = "list,calendar,form"
        action["views"] = [(False, "list"), (False, "calendar"), (False, "form")]
        return action

    def action_view_card_upcoming_meetings(self):
        return self._action_view_card_meetings(upcoming=True)

    def action_view_card_past_meetings(self):
        return self._action_view_card_meetings(upcoming=False)

    def _customer_request_booking_url(self):
        """The link inviting the customer to ask for a meeting, as the e-mail
        is written and kept (composer, chatter, history): the portal form
        with the meeting type chosen, without any token. The e-mail sent to
        a customer without an account gets a sign-up link instead, put in
        when it is sent (``mail.mail._personalize_outgoing_body``), so that
        no employee reads it."""
        self.ensure_one()
        return self.get_base_url() + BOOKING_PATH

    def _customer_request_signup_booking_url(self, author):
        """The booking link of the e-mail ``author`` (a user) sends to this
        customer: a sign-up link (auth_signup) that creates their account
        then opens the form, for a customer without an account and an author
        who may edit the customer (and so grant them portal access); the
        plain link otherwise (the others log in first if needed)."""
        self.ensure_one()
        if (
            self.user_ids
            or not author
            or not self.with_user(author).has_access("write")
        ):
            return self._customer_request_booking_url()
        return self.with_context(signup_valid=True)._get_signup_url_for_action(
            url=BOOKING_PATH
        )[self.id]

    def action_customer_request_invite_to_book(self):
        """One click: the composer, as an e-mail inviting the customer to
        book their next appointment."""
        self.ensure_one()
        return self.env["customer.comm.composer"]._open_for(
            self,
            mail_template=self.env.ref("customer_request.mail_template_invite_to_book"),
        )
