# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import CustomerRequestCommon

# what our receiving mail server adds on top of a message it authenticated
AUTHENTICATED = (
    "Authentication-Results: mx.example.com; spf=pass; dkim=pass; dmarc=pass\n"
)

RAW_EMAIL = """Return-Path: <{email_from}>
To: requests@example.com
{extra_headers}From: {from_header}
Subject: {subject}
Message-ID: <{message_id}@example.com>
Date: Tue, 24 Nov 2026 10:12:01 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install")
class TestCustomerRequestMailIntake(CustomerRequestCommon):
    def _process(
        self, email_from, from_header, subject, body, message_id, extra_headers=""
    ):
        raw = RAW_EMAIL.format(
            email_from=email_from,
            from_header=from_header,
            subject=subject,
            body=body,
            message_id=message_id,
            extra_headers=extra_headers,
        )
        request_id = self.env["mail.thread"].message_process(
            "customer.request", raw.encode()
        )
        return self.env["customer.request"].browse(request_id)

    def _emails_to(self, partners):
        """The messages e-mailed to ``partners`` (Odoo sends the e-mails at
        once in tests and deletes them: the notifications stay)."""
        return (
            self.env["mail.notification"]
            .search(
                [
                    ("res_partner_id", "in", partners.ids),
                    ("notification_type", "=", "email"),
                ]
            )
            .mail_message_id
        )

    def test_known_customer_matched_by_address(self):
        self.customer.email = "giulia.bianchi@example.it"
        request = self._process(
            "giulia.bianchi@example.it",
            "Giulia Bianchi <giulia.bianchi@example.it>",
            "Preventivo tagliando",
            "Buongiorno, vorrei un preventivo per il tagliando.",
            "intake-known",
        )
        self.assertEqual(request.partner_id, self.customer)
        self.assertEqual(request.title, "Preventivo tagliando")
        self.assertEqual(request.channel, "email")
        self.assertIn("tagliando", request.description)
        self.assertTrue(request.name.startswith("REQ/"))
        self.assertEqual(request.stage_id, self.stage_new)
        self.assertIn("tagliando", request.message_ids[-1].body)

    def test_unknown_sender_kept_as_address(self):
        """Company setting off (the default): no partner is created, the
        request keeps the address, and waits for its customer."""
        partners_before = self.env["res.partner"].search_count([])
        request = self._process(
            "sophie.bernard@example.fr",
            "Sophie Bernard <sophie.bernard@example.fr>",
            "Rendez-vous",
            "Bonjour, je voudrais un rendez-vous.",
            "intake-unknown",
        )
        self.assertFalse(request.partner_id)
        self.assertIn("sophie.bernard@example.fr", request.email_from)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        request = request.with_user(self.user)
        request.user_id = self.user
        with self.assertRaisesRegex(UserError, "no customer yet"):
            request.stage_id = self.stage_progress
        with self.assertRaisesRegex(UserError, "no customer yet"):
            request.action_generate_ticket()
        with self.assertRaisesRegex(UserError, "no customer yet"):
            request.action_close()
        request.action_create_customer_from_email()
        self.assertEqual(request.partner_id.name, "Sophie Bernard")
        self.assertEqual(request.partner_id.email, "sophie.bernard@example.fr")
        self.assertTrue(request.partner_id.customer_request_prospect)
        self.assertIn(request.partner_id, request.message_partner_ids)
        request.stage_id = self.stage_progress
        self.assertEqual(request.stage_id, self.stage_progress)

    def test_create_customer_from_email_finds_existing(self):
        request = self._process(
            "marco.rossi@example.it",
            "marco.rossi@example.it",
            "Info",
            "Buongiorno.",
            "intake-later-known",
        )
        marco = self.env["res.partner"].create(
            {"name": "Marco Rossi", "email": "marco.rossi@example.it"}
        )
        request.with_user(self.user).action_create_customer_from_email()
        self.assertEqual(request.partner_id, marco)

    def test_unknown_sender_becomes_prospect_when_allowed(self):
        self.env.company.customer_request_create_prospect = True
        request = self._process(
            "sophie.bernard@example.fr",
            "Sophie Bernard <sophie.bernard@example.fr>",
            "Rendez-vous",
            "Bonjour, je voudrais un rendez-vous.",
            "intake-prospect",
        )
        self.assertEqual(request.partner_id.email, "sophie.bernard@example.fr")
        self.assertEqual(request.partner_id.name, "Sophie Bernard")
        self.assertTrue(request.partner_id.customer_request_prospect)
        self.assertIn(request.partner_id, request.message_partner_ids)
        self.assertEqual(request.message_ids.author_id, request.partner_id)

    def test_automatic_emails_ignored(self):
        """No request created or updated by an automatic e-mail, and no
        acknowledgement sent to it."""
        self.env.company.customer_request_acknowledge = True
        self.env.company.customer_request_create_prospect = True
        self.customer.email = "giulia.bianchi@example.it"
        existing = self._process(
            "giulia.bianchi@example.it",
            "giulia.bianchi@example.it",
            "Tagliando",
            "Buongiorno.",
            "intake-auto-thread",
            extra_headers=AUTHENTICATED,
        )
        messages_before = len(existing.message_ids)
        cases = [
            ("Auto-Submitted: auto-replied\n", "giulia.bianchi@example.it"),
            ("Auto-Submitted: auto-generated\n", "giulia.bianchi@example.it"),
            ("X-Autoreply: yes\n", "giulia.bianchi@example.it"),
            ("X-Autorespond: Out of office\n", "giulia.bianchi@example.it"),
            ("Precedence: bulk\n", "giulia.bianchi@example.it"),
            ("Precedence: junk\n", "giulia.bianchi@example.it"),
            ("Precedence: list\n", "giulia.bianchi@example.it"),
            ("List-Id: <offers.example.com>\n", "news@example.com"),
            ("List-Unsubscribe: <mailto:off@example.com>\n", "news@example.com"),
            ("", "MAILER-DAEMON@mx.example.com"),
            ("", "postmaster@example.com"),
            ("", "noreply@shop.example.com"),
            ("", "no-reply@shop.example.com"),
        ]
        for index, (headers, sender) in enumerate(cases):
            for reply in (False, True):
                with self.subTest(headers=headers, sender=sender, reply=reply):
                    requests_before = self.env["customer.request"].search_count([])
                    messages_total = self.env["mail.message"].search_count([])
                    thread = (
                        "In-Reply-To: <intake-auto-thread@example.com>\n"
                        if reply
                        else ""
                    )
                    result = self._process(
                        sender,
                        sender,
                        "Re: Tagliando" if reply else "Out of office",
                        "I am away until Monday.",
                        f"intake-auto-{index}-{reply}",
                        extra_headers=thread + headers,
                    )
                    self.assertFalse(result)
                    self.assertEqual(
                        self.env["customer.request"].search_count([]), requests_before
                    )
                    self.assertEqual(len(existing.message_ids), messages_before)
                    self.assertEqual(
                        self.env["mail.message"].search_count([]), messages_total
                    )

    def test_person_saying_not_automatic_accepted(self):
        request = self._process(
            "luca.verdi@example.it",
            "luca.verdi@example.it",
            "Richiesta",
            "Buongiorno.",
            "intake-auto-no",
            extra_headers="Auto-Submitted: no\n",
        )
        self.assertTrue(request)
        self.assertEqual(request.email_from, "luca.verdi@example.it")

    def test_forged_from_does_not_reach_the_customer(self):
        """A From with a customer's address, not authenticated by our mail
        server: linked but flagged, the customer neither subscribed nor
        notified nor acknowledged; the Cc people are not subscribed."""
        self.env.company.customer_request_acknowledge = True
        self.customer.email = "giulia.bianchi@example.it"
        cc_partner = self.env["res.partner"].create(
            {"name": "Paolo Neri", "email": "paolo.neri@example.it"}
        )
        request = self._process(
            "giulia.bianchi@example.it",
            "Giulia Bianchi <giulia.bianchi@example.it>",
            "Cancel my order",
            "Please cancel everything.",
            "intake-forged",
            extra_headers="Cc: paolo.neri@example.it\n"
            "Authentication-Results: mx.example.com; spf=fail; dmarc=fail\n"
            "Authentication-Results: evil.example.net; dmarc=pass\n",
        )
        self.assertEqual(request.partner_id, self.customer)
        self.assertTrue(request.sender_unverified)
        self.assertFalse(request.message_partner_ids & (self.customer | cc_partner))
        self.assertFalse(
            self.env["mail.notification"].search(
                [("res_partner_id", "in", (self.customer | cc_partner).ids)]
            )
        )
        # nobody outside the request users confirms it (portal, employee)
        portal = new_test_user(
            self.env, login="intake_portal", groups="base.group_portal"
        )
        employee = new_test_user(
            self.env, login="intake_employee", groups="base.group_user"
        )
        for user in (portal, employee):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                request.with_user(user).action_confirm_sender()
        self.assertTrue(request.sender_unverified)
        # the user checked with the customer
        request.with_user(self.user).action_confirm_sender()
        self.assertFalse(request.sender_unverified)
        self.assertIn(self.customer, request.message_partner_ids)

    def test_authenticated_customer_acknowledged_once(self):
        self.env.company.customer_request_acknowledge = True
        self.customer.write({"email": "giulia.bianchi@example.it", "lang": "it_IT"})
        request = self._process(
            "giulia.bianchi@example.it",
            "Giulia Bianchi <giulia.bianchi@example.it>",
            "Tagliando",
            "Buongiorno.",
            "intake-ack",
            extra_headers=AUTHENTICATED + "Cc: paolo.neri@example.it\n",
        )
        self.assertFalse(request.sender_unverified)
        self.assertIn(self.customer, request.message_partner_ids)
        self.assertEqual(request.message_partner_ids, self.customer)
        acks = self._emails_to(self.customer)
        self.assertEqual(len(acks), 1)
        self.assertIn(request.name, acks.subject)
        self.assertIn("Abbiamo ricevuto", acks.subject)
        # an out-of-office reply to the acknowledgement is not answered
        self._process(
            "giulia.bianchi@example.it",
            "giulia.bianchi@example.it",
            f"Re: {acks.subject}",
            "Sono in ferie.",
            "intake-ack-auto",
            extra_headers=f"In-Reply-To: {acks.message_id}\n"
            "Auto-Submitted: auto-replied\n",
        )
        self.assertEqual(self._emails_to(self.customer), acks)

    def test_no_acknowledgement_by_default(self):
        self.customer.email = "giulia.bianchi@example.it"
        self._process(
            "giulia.bianchi@example.it",
            "giulia.bianchi@example.it",
            "Tagliando",
            "Buongiorno.",
            "intake-no-ack",
            extra_headers=AUTHENTICATED,
        )
        self.assertFalse(self._emails_to(self.customer))

    def test_reply_goes_to_same_request(self):
        request = self._process(
            "sophie.bernard@example.fr",
            "Sophie Bernard <sophie.bernard@example.fr>",
            "Rendez-vous",
            "Bonjour.",
            "intake-thread",
        )
        reply = RAW_EMAIL.format(
            email_from="sophie.bernard@example.fr",
            from_header="Sophie Bernard <sophie.bernard@example.fr>",
            subject="Re: Rendez-vous",
            body="Mardi matin ?",
            message_id="intake-thread-reply",
            extra_headers="",
        ).replace(
            "MIME-Version", "In-Reply-To: <intake-thread@example.com>\nMIME-Version"
        )
        self.env["mail.thread"].message_process("customer.request", reply.encode())
        self.assertEqual(
            self.env["customer.request"].search([("title", "=", "Rendez-vous")]),
            request,
        )
        self.assertIn("Mardi", request.message_ids[0].body)

    def test_alias_routes_to_requests(self):
        alias = self.env.ref("customer_request.mail_alias_customer_request")
        self.assertEqual(alias.alias_model_id.model, "customer.request")
