# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import html
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from ..models.res_partner import BOOKING_PATH
from .common import CustomerRequestCommon


def form_arch(env, user):
    """The partner form as ``user`` gets it."""
    views = env["res.partner"].with_user(user).get_views([(False, "form")])
    return etree.fromstring(views["views"]["form"]["arch"])


def form_fields(env, user):
    """The fields the partner form reads for ``user``."""
    views = env["res.partner"].with_user(user).get_views([(False, "form")])
    return set(views["models"]["res.partner"]["fields"])


@tagged("post_install", "-at_install")
class TestResPartnerRequests(MockEmail, CustomerRequestCommon):
    def test_open_request_count(self):
        company = self.env["res.partner"].create(
            {"name": "Officina Bianchi Srl", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Marco Bianchi", "parent_id": company.id}
        )
        self._new_request(partner_id=contact.id)
        self._new_request(partner_id=company.id)
        closed = self._new_request(partner_id=contact.id, user_id=self.user.id)
        closed.action_close()
        partners = (company | contact | self.customer).with_user(self.user)
        self.assertEqual(partners.mapped("customer_request_count"), [2, 1, 0])
        # the button opens what it counts
        for partner in partners:
            action = partner.action_view_customer_requests()
            self.assertEqual(
                self.Request.with_user(self.user).search_count(action["domain"]),
                partner.customer_request_count,
            )

    def test_count_is_one_query_for_many_partners(self):
        """The open requests are counted with the other counts of the card:
        as many queries for 20 customers as for one."""
        partners = self.env["res.partner"].create(
            [{"name": f"Cliente {index}"} for index in range(20)]
        )
        self.Request.create(
            [{"partner_id": partner.id} for partner in partners for _i in range(2)]
        )
        env = self.env(user=self.user)
        partners[-1].with_env(env).mapped("customer_request_count")
        env.invalidate_all()
        start = self.cr.sql_log_count
        partners[:1].with_env(env).mapped("customer_request_count")
        queries = self.cr.sql_log_count - start
        env.invalidate_all()
        with self.assertQueryCount(queries):
            counts = partners.with_env(env).mapped("customer_request_count")
        self.assertEqual(counts, [2] * 20)

    def test_request_count_hidden_from_who_may_not_read_requests(self):
        employee = new_test_user(
            self.env, login="request_count_employee", groups="base.group_user"
        )
        self._new_request()
        partner = self.customer.with_user(employee)
        self.assertNotIn("customer_request_count", form_fields(self.env, employee))
        with self.assertRaises(AccessError):
            partner.read(["customer_request_count"])
        self.assertIn("customer_request_count", form_fields(self.env, self.user))

    def test_smart_button_and_new_request_actions(self):
        request = self._new_request()
        partner = self.customer.with_user(self.user)
        action = partner.action_view_customer_requests()
        self.assertEqual(self.env["customer.request"].search(action["domain"]), request)
        new = partner.action_new_customer_request()
        self.assertEqual(new["res_model"], "customer.request")
        self.assertEqual(new["context"]["default_partner_id"], partner.id)

    def _invite_to_book(self, customer, user):
        """Send the "invite to book" e-mail to ``customer`` as ``user``: the
        composer as written, and the e-mails that left Odoo."""
        action = customer.with_user(user).action_customer_request_invite_to_book()
        composer = self.env["customer.comm.composer"].browse(action["res_id"])
        with self.mock_mail_gateway():
            composer.with_user(user).action_send()
        return composer

    def _sent_link(self, customer):
        """The booking link of the e-mail sent to ``customer``."""
        (mail,) = [
            mail for mail in self._mails if customer.email in ",".join(mail["email_to"])
        ]
        link = re.search(
            r'href="([^"]*/(?:web/signup|my/requests)[^"]*)"', mail["body"]
        )
        return urlsplit(html.unescape(link.group(1)))

    def _assert_no_token_stored(self, customer, token):
        """No message, history row or queued e-mail kept in the database has
        the customer's sign-up ``token``: only the e-mail sent had it."""
        self.env.flush_all()
        for table, column in (
            ("mail_message", "body"),
            ("mail_mail", "body_html"),
            ("mail_tracking_value", "old_value_char"),
            ("mail_tracking_value", "new_value_char"),
        ):
            self.env.cr.execute(
                f"SELECT count(*) FROM {table} WHERE {column}::text LIKE %s",
                [f"%{token}%"],
            )
            self.assertEqual(self.env.cr.fetchone()[0], 0, f"token in {table}")
        logs = self.env["customer.comm.log"].search([("partner_id", "=", customer.id)])
        self.assertTrue(logs)
        for log in logs:
            self.assertNotIn(token, log.body or "")
            self.assertNotIn("token", log.body or "")

    def test_invite_to_book_sends_the_sign_up_link_to_the_customer_only(self):
        customer = self.env["res.partner"].create(
            {"name": "Chiara Galli", "email": "chiara.galli@example.it"}
        )
        # request users write to customers: they are customer_comm users
        self.assertTrue(self.user.has_group("customer_comm.group_customer_comm_user"))
        composer = self._invite_to_book(customer, self.user)
        self.assertEqual(composer.channel, "email")
        self.assertEqual(
            composer.mail_template_id,
            self.env.ref("customer_request.mail_template_invite_to_book"),
        )
        # the composer, the chatter and the history: the plain link
        self.assertIn(
            html.escape(customer.get_base_url() + BOOKING_PATH), composer.body
        )
        self.assertNotIn("token", composer.body)
        log = self.env["customer.comm.log"].search([("partner_id", "=", customer.id)])
        self.assertEqual((log.channel, log.subject), ("email", composer.subject))
        self.assertNotIn("token", log.message_id.body)
        # the e-mail sent: the sign-up link, opening the form once signed up
        link = self._sent_link(customer)
        self.assertEqual(link.path, "/web/signup")
        query = parse_qs(link.query)
        self.assertEqual(query["redirect"], [BOOKING_PATH])
        self.assertTrue(query["token"])
        self.assertEqual(customer.signup_type, "signup")
        self._assert_no_token_stored(customer, query["token"][0])
        # an employee reading the customer's chatter does not see it either
        employee = new_test_user(
            self.env, login="request_reader", groups="base.group_user"
        )
        bodies = "".join(
            self.env["mail.message"]
            .with_user(employee)
            .search([("model", "=", "res.partner"), ("res_id", "=", customer.id)])
            .mapped("body")
        )
        self.assertNotIn(query["token"][0], bodies)

    def test_sign_up_link_only_for_who_may_edit_the_customer(self):
        """An e-mail whose author may not edit the customer (and so not
        grant them portal access) has the plain link: no sign-up token is
        prepared."""
        customer = self.env["res.partner"].create(
            {"name": "Paolo Conti", "email": "paolo.conti@example.it"}
        )
        employee = new_test_user(
            self.env, login="request_plain_employee", groups="base.group_user"
        )
        self.assertFalse(customer.with_user(employee).has_access("write"))
        plain = customer.get_base_url() + BOOKING_PATH
        self.assertEqual(customer._customer_request_signup_booking_url(employee), plain)
        self.assertEqual(customer._customer_request_signup_booking_url(False), plain)
        self.assertFalse(customer.signup_type)
        url = customer._customer_request_signup_booking_url(self.user)
        self.assertEqual(urlsplit(url).path, "/web/signup")
        self.assertEqual(customer.signup_type, "signup")


@tagged("post_install", "-at_install")
class TestCustomerCardMeetings(CustomerRequestCommon):
    """The meetings of the customer card: upcoming and past, of the customer
    and its contacts, in place of calendar's own "Meetings" button."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(
            cls.env, login="card_meeting_employee", groups="base.group_user"
        )
        Partner = cls.env["res.partner"]
        cls.companies = Partner.create(
            [{"name": f"Studio {n}", "is_company": True} for n in range(30)]
        )
        cls.company = cls.companies[0]
        cls.contact = Partner.create(
            {"name": "Anna Studio", "parent_id": cls.company.id}
        )

    def _meeting(self, name, days, attendees):
        start = fields.Datetime.now() + timedelta(days=days)
        return (
            self.env["calendar.event"]
            .with_context(no_mail_to_attendees=True)
            .create(
                {
                    "name": name,
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "partner_ids": [(6, 0, attendees.ids)],
                }
            )
        )

    def test_meetings_past_and_upcoming(self):
        past = self._meeting("Tagliando", -10, self.company)
        # the company and its contact both attend: it counts once
        both = self._meeting("Consegna", 3, self.company | self.contact)
        contact_only = self._meeting("Ritiro", 5, self.contact)
        self._meeting("Altro cliente", 2, self.companies[1])
        # every employee reads meetings (calendar's access rights)
        for user in (self.employee, self.user):
            with self.subTest(user=user.login):
                company = self.company.with_user(user)
                company.invalidate_recordset()
                self.assertEqual(
                    (
                        company.card_upcoming_meeting_count,
                        company.card_past_meeting_count,
                    ),
                    (2, 1),
                )
                contact = self.contact.with_user(user)
                self.assertEqual(
                    (
                        contact.card_upcoming_meeting_count,
                        contact.card_past_meeting_count,
                    ),
                    (2, 0),
                )
        company = self.company.with_user(self.employee)
        Event = self.env["calendar.event"]
        upcoming = company.action_view_card_upcoming_meetings()
        self.assertEqual(upcoming["res_model"], "calendar.event")
        self.assertEqual(upcoming["views"][0][1], "list")
        self.assertEqual(Event.search(upcoming["domain"]), both | contact_only)
        self.assertEqual(
            upcoming["context"]["default_partner_ids"],
            [self.company.id, self.employee.partner_id.id],
        )
        past_action = company.action_view_card_past_meetings()
        self.assertEqual(Event.search(past_action["domain"]), past)

    def test_one_meetings_count_on_the_card(self):
        """Calendar's "Meetings" counts the same meetings: only ours are on
        the card, and calendar's count is not even read."""
        arch = form_arch(self.env, self.employee)
        self.assertFalse(arch.xpath("//button[@name='schedule_meeting']"))
        self.assertEqual(
            arch.xpath("//div[@name='button_box']/button/@name")[:2],
            ["action_view_card_upcoming_meetings", "action_view_card_past_meetings"],
        )
        self.assertNotIn("meeting_count", form_fields(self.env, self.employee))

    def test_card_counts_without_query_per_customer(self):
        """The meetings are counted with the other counts of the card, both
        in one query: as many queries for 3 customers, and for 30, as for
        one."""
        for company in self.companies:
            self._meeting("Visita", 4, company)
        self.env = env = self.env(user=self.user)
        self.contact.with_env(env).mapped("card_upcoming_meeting_count")
        env.invalidate_all()
        start = self.cr.sql_log_count
        self.company.with_env(env).mapped("card_upcoming_meeting_count")
        queries = self.cr.sql_log_count - start
        for count in (3, 30):
            partners = self.companies[:count].with_env(env)
            env.invalidate_all()
            with self.assertQueryCount(request_user=queries):
                upcoming = partners.mapped("card_upcoming_meeting_count")
                partners.mapped("card_past_meeting_count")
            self.assertEqual(upcoming, [1] * count)
