# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common import CustomerRequestCommon

RAW_EMAIL = """Return-Path: <{email_from}>
To: requests@example.com
From: {from_header}
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
    def _process(self, email_from, from_header, subject, body, message_id):
        raw = RAW_EMAIL.format(
            email_from=email_from,
            from_header=from_header,
            subject=subject,
            body=body,
            message_id=message_id,
        )
        request_id = self.env["mail.thread"].message_process(
            "customer.request", raw.encode()
        )
        return self.env["customer.request"].browse(request_id)

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

    def test_unknown_sender_becomes_customer(self):
        request = self._process(
            "sophie.bernard@example.fr",
            "Sophie Bernard <sophie.bernard@example.fr>",
            "Rendez-vous",
            "Bonjour, je voudrais un rendez-vous.",
            "intake-unknown",
        )
        self.assertEqual(request.partner_id.email, "sophie.bernard@example.fr")
        self.assertEqual(request.partner_id.name, "Sophie Bernard")
        self.assertIn(request.partner_id, request.message_partner_ids)

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
