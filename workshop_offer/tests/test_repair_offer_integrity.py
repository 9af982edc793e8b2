# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The offer binds: what the customer answered cannot be changed behind their
back, by any path. The rules are tried through JSON-RPC, as the web client
and any script would call them, by a stock user, a repair manager and a
portal user."""

from markupsafe import escape

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import RepairOfferCommon, RpcCommon


@tagged("post_install", "-at_install")
class TestRepairOfferRpcIntegrity(RepairOfferCommon, RpcCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.stock_user = cls._rpc_user("rpc_stock_user", "stock.group_stock_user")
        cls.manager = cls._rpc_user("rpc_repair_manager", "stock.group_stock_manager")
        cls.portal_user = cls._rpc_user("rpc_portal", "base.group_portal")
        cls.part = cls.env["product.product"].create(
            {"name": "Brake disc", "type": "consu", "list_price": 25.0}
        )
        cls.offer = cls._create_offer()
        cls.repair = cls.offer.repair_id
        cls.move = cls.env["stock.move"].create(
            {
                "repair_id": cls.repair.id,
                "repair_line_type": "add",
                "product_id": cls.part.id,
                "product_uom_qty": 1.0,
                "product_uom": cls.part.uom_id.id,
            }
        )
        cls.offer.line_ids[0].write(
            {"product_id": cls.part.id, "move_id": cls.move.id, "price": 40.0}
        )
        cls.offer.action_send()
        brakes, chain, service = cls.offer.line_ids.sorted("id")
        cls.brakes = brakes
        cls.offer.sudo()._confirm_decisions(
            {brakes: "fix", chain: "fix", service: "no_fix"}, cls.condition
        )

    def _refused(self, login, model, method, *args, **kwargs):
        result = self._rpc(login, model, method, *args, **kwargs)
        self.assertIn(
            result,
            ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"),
            f"{login} {model}.{method}{args} was not refused: {result}",
        )

    def _staff(self):
        return ("rpc_stock_user", "rpc_repair_manager")

    def test_nobody_confirms_or_accepts_in_the_customer_name(self):
        other = self._create_offer(partner_name="Rita Rossi")
        other.action_send()
        for login in self._staff():
            for values in (
                {"state": "confirmed"},
                {"date_confirmed": "2026-01-01 10:00:00"},
                {"accepted_condition_ids": [Command.set(self.condition.ids)]},
                {"recipient_address": "someone@example.com"},
            ):
                self._refused(login, "repair.offer", "write", other.ids, values)
            self._refused(
                login,
                "repair.offer.line",
                "write",
                other.line_ids.ids,
                {"decision": "fix"},
            )
            self._refused(
                login,
                "repair.offer",
                "create",
                {"repair_id": other.repair_id.id, "state": "confirmed"},
            )
        other.invalidate_recordset()
        self.assertEqual(other.state, "sent")
        self.assertFalse(other.accepted_condition_ids)
        self.assertFalse(any(other.line_ids.mapped("decision")))

    def test_confirmed_offer_changes_only_through_the_confirmation(self):
        chain = self.offer.line_ids.sorted("id")[1]
        accepted = self.offer.amount_accepted
        for login in self._staff():
            for values in (
                {"quantity": 30.0},
                {"price": 1552.50},
                {"product_id": self.env.ref("product.product_product_3").id},
                {"name": "Something else"},
                {"tax_ids": [Command.set([])]} if not self.brakes.tax_ids else {},
            ):
                if values:
                    self._refused(
                        login, "repair.offer.line", "write", self.brakes.ids, values
                    )
            self._refused(login, "repair.offer.line", "unlink", chain.ids)
            self._refused(
                login,
                "repair.offer.line",
                "create",
                {"offer_id": self.offer.id, "name": "Extra", "price": 10.0},
            )
            # the repair order's line the intervention comes from
            self._refused(
                login, "stock.move", "write", self.move.ids, {"product_uom_qty": 30}
            )
            self._refused(login, "stock.move", "unlink", self.move.ids)
        self.offer.invalidate_recordset()
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(self.offer.amount_accepted, accepted)
        self.assertEqual(self.brakes.price, 40.0)
        self.assertEqual(self.move.product_uom_qty, 1.0)
        # the internal note is not something the customer sees
        self.assertTrue(
            self._rpc(
                "rpc_stock_user",
                "repair.offer.line",
                "write",
                self.brakes.ids,
                {"mechanic_note": "Checked twice"},
            )
        )

    def test_quotation_line_of_an_offered_part_is_guarded(self):
        self.repair.action_create_sale_order()
        sale_line = self.move.sale_line_id
        self.assertTrue(sale_line)
        price = sale_line.price_unit
        # a repair user who may edit quotations: refused by the offer's rule,
        # not by the access rights
        seller = new_test_user(
            self.env,
            login="rpc_seller",
            password="rpc_seller",
            groups="stock.group_stock_user,sales_team.group_sale_salesman_all_leads",
        )
        self.assertTrue(sale_line.with_user(seller).has_access("write"))
        for values in ({"price_unit": 999.0}, {"discount": 50.0}):
            self.assertEqual(
                self._rpc(
                    "rpc_seller", "sale.order.line", "write", sale_line.ids, values
                ),
                "odoo.exceptions.UserError",
            )
        sale_line.invalidate_recordset()
        self.assertEqual(sale_line.price_unit, price)
        # the same price written again is no change
        self.assertTrue(
            self._rpc(
                "rpc_seller",
                "sale.order.line",
                "write",
                sale_line.ids,
                {"price_unit": price},
            )
        )

    def test_confirmation_flow_through_rpc(self):
        self.offer.sudo().write(
            {"channel": "email", "recipient_partner_id": self.offer.partner_id.id}
        )
        self.offer.sudo().recipient_address = "anna@example.com"
        wizard_id = self._rpc(
            "rpc_stock_user",
            "repair.offer.change",
            "create",
            {"line_id": self.brakes.id, "new_quantity": 2.0, "new_price": 80.0},
        )
        self.assertIsInstance(wizard_id, int)
        self._rpc(
            "rpc_stock_user",
            "repair.offer.change",
            "action_confirm_changes",
            [wizard_id],
        )
        self.offer.invalidate_recordset()
        self.brakes.invalidate_recordset()
        self.assertEqual((self.brakes.quantity, self.brakes.price), (2.0, 80.0))
        self.assertFalse(self.brakes.decision)
        self.assertEqual(self.offer.state, "sent")
        self.assertFalse(self.offer.accepted_condition_ids)
        log = self.repair.message_ids.filtered(
            lambda message: "Offer changed" in (message.body or "")
        )
        self.assertIn("Brake pads", log.body)
        self.assertIn("→", log.body)
        self.assertTrue(
            self.offer.message_ids.filtered(
                lambda message: (
                    message.message_type == "comment"
                    and escape(self.offer.get_portal_url()) in (message.body or "")
                )
            )
        )

    def test_closed_offer_is_read_only_for_everyone(self):
        self.offer.action_close_changes()
        for login in self._staff():
            self._refused(
                login,
                "repair.offer.line",
                "write",
                self.brakes.ids,
                {"mechanic_note": "Changed after closing"},
            )
            self._refused(login, "repair.offer.line", "unlink", self.brakes.ids)
            self._refused(
                login,
                "repair.offer.line",
                "create",
                {"offer_id": self.offer.id, "name": "Extra", "price": 10.0},
            )
            self._refused(
                login, "repair.offer", "write", self.offer.ids, {"note": "Changed"}
            )
            self._refused(
                login, "repair.offer", "write", self.offer.ids, {"state": "sent"}
            )
            self._refused(
                login, "stock.move", "write", self.move.ids, {"product_uom_qty": 5}
            )
        # the confirmation wizard is refused too
        wizard_id = self._rpc(
            "rpc_repair_manager",
            "repair.offer.change",
            "create",
            {"line_id": self.brakes.id, "new_price": 10.0, "new_quantity": 1.0},
        )
        self._refused(
            "rpc_repair_manager",
            "repair.offer.change",
            "action_confirm_changes",
            [wizard_id],
        )
        self.assertEqual(self.brakes.price, 40.0)
        # only a manager reopens, and it is logged
        self._refused("rpc_stock_user", "repair.offer", "action_reopen", self.offer.ids)
        self.offer.invalidate_recordset()
        self.assertEqual(self.offer.state, "closed")
        self._rpc("rpc_repair_manager", "repair.offer", "action_reopen", self.offer.ids)
        self.offer.invalidate_recordset()
        self.assertEqual(self.offer.state, "confirmed")
        self.assertIn("reopened", self.repair.message_ids[0].body)

    def test_line_added_after_sending_through_the_confirmation(self):
        """A line added to an offer the customer has: never by a direct
        create, always through the change wizard, which resets the offer to
        "sent" with the new line to answer and sends the updated link."""
        self.offer.sudo().write(
            {
                "channel": "email",
                "recipient_partner_id": self.offer.partner_id.id,
                "recipient_address": "anna@example.com",
            }
        )
        lines = self.offer.line_ids
        for login in self._staff():
            self._refused(
                login,
                "repair.offer.line",
                "create",
                {"offer_id": self.offer.id, "name": "Extra", "price": 10.0},
            )
        self.assertEqual(self.offer.line_ids, lines)
        added = {}
        for login, name in (
            ("rpc_stock_user", "Wheel truing"),
            ("rpc_repair_manager", "Brake disc check"),
        ):
            wizard_id = self._rpc(
                login,
                "repair.offer.change",
                "create",
                {
                    "offer_id": self.offer.id,
                    "new_name": name,
                    "new_line_kind": "optional",
                    "new_product_id": self.part.id,
                    "new_quantity": 2.0,
                    "new_price": 36.0,
                    "new_tax_ids": [Command.set([])],
                    "new_customer_explanation": "Found while testing the brakes.",
                    "new_severity": "soon",
                },
            )
            self.assertIsInstance(wizard_id, int)
            self._rpc(
                login, "repair.offer.change", "action_confirm_changes", [wizard_id]
            )
            self.offer.invalidate_recordset()
            added[login] = self.offer.line_ids.filtered(
                lambda line, n=name: line.name == n
            )
        new_line = added["rpc_stock_user"]
        self.assertEqual(len(new_line), 1)
        self.assertEqual(
            (
                new_line.line_kind,
                new_line.product_id,
                new_line.quantity,
                new_line.price,
                new_line.severity,
                new_line.customer_explanation,
            ),
            (
                "optional",
                self.part,
                2.0,
                36.0,
                "soon",
                "Found while testing the brakes.",
            ),
        )
        self.assertFalse(new_line.tax_ids)
        self.assertFalse(new_line.decision)
        self.assertFalse(new_line.authorisation)
        self.assertEqual(len(added["rpc_repair_manager"]), 1)
        # back to the customer: answers to give again on the page, logged
        self.assertEqual(self.offer.state, "sent")
        self.assertFalse(self.offer.accepted_condition_ids)
        self.assertEqual(self.brakes.decision, "fix")
        log = self.repair.message_ids.filtered(
            lambda message: "Offer changed" in (message.body or "")
        )
        self.assertEqual(len(log), 2)
        self.assertIn("Wheel truing: added", log[-1].body)
        self.assertTrue(
            self.offer.message_ids.filtered(
                lambda message: (
                    message.message_type == "comment"
                    and escape(self.offer.get_portal_url()) in (message.body or "")
                )
            )
        )
        # a portal user cannot use the wizard
        self._refused(
            "rpc_portal",
            "repair.offer.change",
            "create",
            {"offer_id": self.offer.id, "new_name": "Free lunch", "new_price": 0.0},
        )

    def test_no_line_added_to_a_closed_offer(self):
        self.offer.action_close_changes()
        wizard_id = self._rpc(
            "rpc_repair_manager",
            "repair.offer.change",
            "create",
            {"offer_id": self.offer.id, "new_name": "Late extra", "new_price": 10.0},
        )
        self._refused(
            "rpc_repair_manager",
            "repair.offer.change",
            "action_confirm_changes",
            [wizard_id],
        )
        self.assertFalse(
            self.offer.line_ids.filtered(lambda line: line.name == "Late extra")
        )

    def test_cancelled_offer_is_read_only(self):
        self.offer.action_cancel()
        self._refused(
            "rpc_repair_manager",
            "repair.offer.line",
            "write",
            self.brakes.ids,
            {"price": 1.0},
        )
        self._refused("rpc_repair_manager", "repair.offer", "unlink", self.offer.ids)

    def test_no_negative_quantity_or_price(self):
        draft = self._create_offer(partner_name="Nino Neri")
        line = draft.line_ids[0]
        for login in self._staff():
            for values in ({"quantity": -1.0}, {"price": -5.0}):
                result = self._rpc(
                    login, "repair.offer.line", "write", line.ids, values
                )
                self.assertEqual(result, "odoo.exceptions.ValidationError")
        line.invalidate_recordset()
        self.assertEqual(line.price, 40.0)

    def test_portal_user_reaches_nothing_through_rpc(self):
        for method, args in (
            ("read", (self.offer.ids, ["state"])),
            ("write", (self.offer.ids, {"note": "x"})),
        ):
            self._refused("rpc_portal", "repair.offer", method, *args)
        self._refused(
            "rpc_portal",
            "repair.offer.line",
            "write",
            self.brakes.ids,
            {"decision": "no_fix"},
        )
        self.assertEqual(self.brakes.decision, "fix")


@tagged("post_install", "-at_install")
class TestRepairOfferAcceptedIsDone(RepairOfferCommon, TransactionCase):
    """What the customer accepted is what is repaired and invoiced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.pads, cls.rotor, cls.lamp = cls.env["product.product"].create(
            [
                {"name": name, "type": "consu", "list_price": price}
                for name, price in (("Pads", 20.0), ("Rotor", 50.0), ("Lamp", 8.0))
            ]
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Ugo Urbani", "email": "ugo@example.com"}
        )
        cls.repair = cls.env["repair.order"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.env.ref("product.product_product_3").id,
            }
        )
        cls._add_parts(cls.repair, (cls.pads, cls.rotor))
        cls.repair.action_create_sale_order()
        cls.sale = cls.repair.sale_order_id
        cls.sale.order_line.filtered(
            lambda line: line.product_id == cls.rotor
        ).price_unit = 45.0

    def test_refused_line_is_neither_consumed_nor_invoiced(self):
        offer = self.env["repair.offer"].browse(
            self.repair.action_create_offer()["res_id"]
        )
        pads, rotor = offer.line_ids.sorted("id")
        # the price is the quotation's, not the product's list price
        self.assertEqual(rotor.price, 90.0)
        self.assertEqual(pads.price, 40.0)
        offer.line_ids.tax_ids = False
        lamp = self.env["repair.offer.line"].create(
            {
                "offer_id": offer.id,
                "line_kind": "optional",
                "product_id": self.lamp.id,
                "tax_ids": [],
            }
        )
        offer.action_send()
        offer.sudo()._confirm_decisions(
            {pads: "fix", rotor: "no_fix", lamp: "fix"}, self.condition
        )
        self.assertEqual(rotor.move_id.product_uom_qty, 0.0)
        self.assertEqual(rotor.move_id.sale_line_id.product_uom_qty, 0.0)
        # the accepted optional part is added to the repair and its quotation
        self.assertEqual(lamp.move_id.repair_id, self.repair)
        self.assertEqual(lamp.move_id.sale_line_id.order_id, self.sale)
        self.sale.action_confirm()
        self.repair.action_validate()
        self.repair.action_repair_start()
        self.repair.action_repair_end()
        self.assertEqual(self.repair.state, "done")
        self.assertEqual(rotor.move_id.quantity, 0.0)
        self.assertNotEqual(rotor.move_id.state, "done")
        self.assertEqual(pads.move_id.state, "done")
        self.assertEqual(pads.move_id.quantity, 2.0)
        invoice = self.sale._create_invoices()
        invoiced = {
            line.product_id: line.quantity
            for line in invoice.invoice_line_ids
            if line.display_type == "product"
        }
        self.assertEqual(invoiced, {self.pads: 2.0, self.lamp: 1.0})

    def test_sms_link_is_sent_only_once_committed(self):
        """The SMS is queued in the transaction that sends the offer: if that
        transaction fails after the sending, no SMS has left."""
        self.customer.mobile = "+39 333 555 1313"
        offer = self.env["repair.offer"].browse(
            self.repair.action_create_offer()["res_id"]
        )
        cron = self.env.ref("sms.ir_cron_sms_scheduler_action")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        offer._send_link("sms", self.customer, "+393335551313")
        sms = self.env["sms.sms"].search([("number", "=", "+393335551313")])
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers + 1,
        )


@tagged("post_install", "-at_install")
class TestRepairOfferAnswers(RepairOfferCommon, TransactionCase, MockEmail):
    """Answers given on the page tell the advisor; answers given by phone are
    recorded by a colleague, and shown as such."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.advisor = new_test_user(
            cls.env, login="answers_advisor", groups="stock.group_stock_user"
        )
        cls.offer = cls._create_offer()
        cls.offer.partner_id.mobile = "+39 333 777 8888"
        cls.offer.repair_id.user_id = cls.advisor
        cls.offer.with_user(cls.advisor).action_send()

    def test_customer_confirmation_tells_the_advisor(self):
        brakes, chain, service = self.offer.line_ids.sorted("id")
        self.offer.sudo()._confirm_decisions(
            {brakes: "fix", chain: "contact", service: "no_fix"}, self.condition
        )
        activities = self.offer.repair_id.activity_ids
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.advisor)
        call = activities.filtered(
            lambda activity: (
                activity.activity_type_id
                == self.env.ref("mail.mail_activity_data_call")
            )
        )
        self.assertIn("New chain", call.summary)
        # the number as customer_comm stores it (E.164), ready to dial
        self.assertIn("+393337778888", call.note)
        self.assertFalse(self.offer.answer_recorded_by_id)
        self.assertFalse(any(self.offer.line_ids.mapped("answered_by_phone")))

    def test_answer_recorded_by_phone(self):
        action = self.offer.with_user(self.advisor).action_record_answer()
        wizard = (
            self.env["repair.offer.answer"]
            .with_user(self.advisor)
            .with_context(**action["context"])
            .create({"told_by": "Anna Galli", "date_told": "2026-11-30 10:00:00"})
        )
        self.assertEqual(wizard.condition_ids, self.condition)
        for answer, decision in zip(
            wizard.line_ids.sorted(lambda a: a.line_id.id),
            ("fix", "no_fix", "fix"),
            strict=True,
        ):
            answer.decision = decision
        wizard.action_record_answer()
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(self.offer.answer_recorded_by_id, self.advisor)
        self.assertEqual(self.offer.answer_told_by, "Anna Galli")
        self.assertTrue(all(self.offer.line_ids.mapped("answered_by_phone")))
        self.assertIn("by phone", self.offer.repair_id.message_ids[0].body)
        self.assertIn("answers_advisor", self.offer.repair_id.message_ids[0].body)

    def test_portal_user_cannot_record_an_answer(self):
        portal = new_test_user(
            self.env, login="answers_portal", groups="base.group_portal"
        )
        with self.assertRaises(AccessError):
            self.env["repair.offer.answer"].with_user(portal).create(
                {"offer_id": self.offer.id, "told_by": "Me"}
            )
        self.assertEqual(self.offer.state, "sent")

    def test_accepted_offer_pdf_kept_and_sent_to_the_customer(self):
        self.offer.line_ids[0].sudo().write(
            {
                "mechanic_note": "Internal: brakes abused",
                "customer_explanation": "Pads worn out",
            }
        )
        self.offer.sudo().write(
            {
                "channel": "email",
                "recipient_partner_id": self.offer.partner_id.id,
                "recipient_address": "anna@example.com",
            }
        )
        brakes, chain, service = self.offer.line_ids.sorted("id")
        with self.mock_mail_gateway():
            self.offer.sudo()._confirm_decisions(
                {brakes: "fix", chain: "no_fix", service: "contact"},
                self.condition,
                proof={
                    "accepted_by_name": "Anna Galli",
                    "accepted_ip": "192.0.2.7",
                    "accepted_user_agent": "Firefox",
                },
            )
        report = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "repair.order"),
                ("res_id", "=", self.offer.repair_id.id),
                ("name", "like", "Accepted offer"),
            ]
        )
        self.assertEqual(len(report), 1)
        # in test mode Odoo renders reports as HTML: the text can be read
        content = report.raw.decode()
        for text in (
            "Brake pads",
            "Pads worn out",
            "Parts kept 30 days",
            "Replaced parts are kept for 30 days.",
            "Anna Galli",
            "192.0.2.7",
        ):
            self.assertIn(text, content)
        self.assertNotIn("brakes abused", content)
        self.assertIn(report, self.offer.repair_id.message_ids.attachment_ids)
        to_customer = [
            mail
            for mail in self._mails
            if mail["email_to"] == ['"Anna Galli" <anna@example.com>']
        ]
        self.assertEqual(len(to_customer), 1)
        self.assertEqual(
            [attachment[0] for attachment in to_customer[0]["attachments"]],
            [report.name],
        )
