# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import _, fields, models
from odoo.tools import SQL

from odoo.addons.customer_comm.models.res_partner_card import CardCount

# the portal form, with the meeting type chosen: the "invite to book" link
BOOKING_PATH = "/my/requests/new?request_type=meeting"


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_request_ids = fields.One2many(
        comodel_name="customer.request",
        inverse_name="partner_id",
        string="Customer requests",
    )
    # the open requests of the customer and its contacts
    customer_request_count = fields.Integer(
        string="Open requests",
        compute="_compute_card_counts",
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

    def action_view_customer_requests(self):
        """The open requests of the customer and its contacts, on the
        board."""
        return self._card_action(
            "customer_request.customer_request_action_board",
            self._card_open_request_domain(),
            {"default_partner_id": self.id},
        )

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

    def _card_open_request_domain(self):
        return [("closed", "=", False)]

    def _card_count_specs(self):
        specs = super()._card_count_specs()
        if self._card_counted("customer_request_count"):
            specs["customer_request_count"] = CardCount(
                self.env["customer.request"], self._card_open_request_domain()
            )
        return specs

    def _card_counts(self, owners):
        counts = super()._card_counts(owners)
        if self._card_counted("card_upcoming_meeting_count"):
            counts.update(self._card_meeting_counts(owners))
        return counts

    def _card_meeting_counts(self, owners):
        """The upcoming and past meetings of the customers and their
        contacts (see ``CardCount``), in one query on the attendees'
        table, as Odoo counts a partner's meetings: only the attendees of
        ``owners`` are read, and only the meetings the user may read (their
        record rules). A meeting attended by several contacts of a customer
        counts once for that customer."""
        Event = self.env["calendar.event"]
        attendees = Event._fields["partner_ids"]
        Event.flush_model(["partner_ids", "start", "active"])
        rows = self.env.execute_query(
            SQL(
                """SELECT rel.%(partner)s, rel.%(event)s, event.start >= %(now)s
                     FROM %(rel)s rel
                     JOIN %(table)s event ON event.id = rel.%(event)s
                    WHERE rel.%(partner)s IN %(owners)s
                      AND rel.%(event)s IN %(readable)s""",
                partner=SQL.identifier(attendees.column2),
                event=SQL.identifier(attendees.column1),
                now=fields.Datetime.now(),
                rel=SQL.identifier(attendees.relation),
                table=SQL.identifier(Event._table),
                owners=tuple(owners),
                readable=Event._search([]).subselect(),
            )
        )
        upcoming, past = defaultdict(set), defaultdict(set)
        for partner_id, meeting_id, is_upcoming in rows:
            for owner_id in owners[partner_id]:
                (upcoming if is_upcoming else past)[owner_id].add(meeting_id)
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
