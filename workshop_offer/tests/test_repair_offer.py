# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import escape

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import format_amount, html2plaintext

from odoo.addons.mail.tests.common import MockEmail

from .common import RepairOfferCommon


@tagged("post_install", "-at_install")
class TestRepairOffer(RepairOfferCommon, TransactionCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.advisor = new_test_user(
            cls.env,
            login="advisor",
            groups="stock.group_stock_user,base.group_partner_manager",
        )
        cls.admin_env = cls.env
        cls.env = cls.env(user=cls.advisor)
        cls.offer = cls._create_offer()
        cls.repair = cls.offer.repair_id
        cls.customer = cls.offer.partner_id
        cls.part = (
            cls.env["product.product"]
            .sudo()
            .create({"name": "Disc rotor", "type": "consu", "list_price": 25.0})
        )

    def _decide(self, offer, *decisions, conditions=None):
        lines = offer.line_ids.sorted("id")
        return offer.sudo()._confirm_decisions(
            dict(zip(lines, decisions, strict=True)),
            self.condition if conditions is None else conditions,
        )

    def _send(self, offer, channel="email", address=None):
        wizard = self.env["repair.offer.send"].create({"offer_id": offer.id})
        options = wizard.option_ids.filtered(lambda o: o.channel == channel)
        if address:
            options = options.filtered(lambda o: o.address == address)
        wizard.write({"channel": channel, "recipient_id": options[:1].id})
        wizard.action_send()
        return wizard

    # creation and sync with the repair order

    def test_send_offer_from_repair_reuses_the_current_offer(self):
        action = self.repair.action_send_offer()
        wizard = self.env["repair.offer.send"].browse(action["res_id"])
        self.assertEqual(wizard.offer_id, self.offer)
        self.assertEqual(self.repair.offer_count, 1)
        self.offer.action_cancel()
        self.repair.invalidate_recordset()
        self.assertFalse(self.repair.offer_id)
        action = self.repair.action_create_offer()
        self.assertNotEqual(action["res_id"], self.offer.id)
        self.assertEqual(self.repair.offer_count, 2)

    def test_offer_lines_come_from_repair_lines_and_notes_flow_back(self):
        move = self.env["stock.move"].create(
            {
                "repair_id": self.repair.id,
                "repair_line_type": "add",
                "product_id": self.part.id,
                "product_uom_qty": 2.0,
                "product_uom": self.part.uom_id.id,
                "description_picking": "Warped",
            }
        )
        self.offer.action_cancel()
        offer = self.env["repair.offer"].browse(
            self.repair.action_create_offer()["res_id"]
        )
        line = offer.line_ids
        self.assertEqual(line.move_id, move)
        self.assertEqual(line.price, 50.0)
        self.assertEqual(line.mechanic_note, "Warped")
        self.assertEqual(line.line_kind, "initial")
        line.mechanic_note = "Warped beyond tolerance"
        self.assertEqual(move.description_picking, "Warped beyond tolerance")

    def test_price_flows_back_to_the_quotation_of_the_repair(self):
        self.env["stock.move"].create(
            {
                "repair_id": self.repair.id,
                "repair_line_type": "add",
                "product_id": self.part.id,
                "product_uom_qty": 2.0,
                "product_uom": self.part.uom_id.id,
            }
        )
        self.repair.sudo().action_create_sale_order()
        self.offer.action_cancel()
        offer = self.env["repair.offer"].browse(
            self.repair.action_create_offer()["res_id"]
        )
        sale_line = offer.line_ids.move_id.sale_line_id
        self.assertTrue(sale_line)
        offer.line_ids.price = 44.0
        self.assertEqual(sale_line.price_unit, 22.0)

    def test_taxes_as_the_company_shows_them(self):
        env = self.admin_env
        company = env["res.company"].create(
            {
                "name": "Prices with taxes",
                "account_price_include": "tax_included",
                "country_id": self.env.ref("base.it").id,
            }
        )
        env = env(context=dict(env.context, allowed_company_ids=company.ids))
        tax = env["account.tax"].create(
            {
                "name": "VAT 10",
                "amount": 10.0,
                "type_tax_use": "sale",
                "company_id": company.id,
                "country_id": company.country_id.id,
                "tax_group_id": env["account.tax.group"]
                .create({"name": "VAT", "company_id": company.id})
                .id,
            }
        )
        repair = env["repair.order"].create(
            {
                "partner_id": self.customer.id,
                "product_id": env.ref("product.product_product_3").id,
                "company_id": company.id,
            }
        )
        offer = env["repair.offer"].create(
            {
                "repair_id": repair.id,
                "line_ids": [
                    Command.create({"name": "Pads", "price": 40.0, "tax_ids": tax.ids})
                ],
            }
        )
        # prices of this company include taxes, as its taxes say
        line = offer.line_ids
        self.assertEqual(line.price_subtotal, 36.36)
        self.assertEqual(line.price_total, 40.0)
        self.assertEqual(line.price_shown, 40.0)
        self.assertTrue(offer.show_tax_included)
        self.assertEqual(offer.amount_untaxed, 36.36)
        self.assertEqual(offer.amount_proposed, 40.0)
        # in this company prices are shown without taxes
        own = self.offer.line_ids[0]
        own.tax_ids = self.admin_env["account.tax"].create(
            {
                "name": "VAT 10 main",
                "amount": 10.0,
                "country_id": self.env.company.country_id.id,
                "type_tax_use": "sale",
                "tax_group_id": self.admin_env["account.tax.group"]
                .create({"name": "VAT main"})
                .id,
            }
        )
        self.assertEqual(self.env.company.account_price_include, "tax_excluded")
        self.assertEqual(own.price_shown, 40.0)
        self.assertEqual(own.price_total, 44.0)

    # sending

    def test_recipients_are_the_customer_its_company_and_contacts(self):
        company = self.env["res.partner"].create(
            {
                "name": "Galli Trasporti",
                "is_company": True,
                "email": "info@galli.example",
            }
        )
        self.customer.parent_id = company
        self.env["customer.contact.point"].sudo().create(
            {
                "partner_id": self.customer.id,
                "kind": "mobile",
                "value": "+39 347 123 4567",
                "label": "Personal",
            }
        )
        self.env["res.partner"].create(
            {
                "name": "Dino Driver",
                "parent_id": company.id,
                "function": "Driver",
                "email": "dino@galli.example",
            }
        )
        self.env["mail.blacklist"].sudo()._add("dino@galli.example")
        wizard = self.env["repair.offer.send"].create({"offer_id": self.offer.id})
        options = {(o.role, o.channel, o.address): o for o in wizard.option_ids}
        self.assertIn(("Owner", "email", "anna@example.com"), options)
        self.assertIn(("Owner", "sms", "+393471234567"), options)
        self.assertIn(("Company", "email", "info@galli.example"), options)
        driver = options[("Driver", "email", "dino@galli.example")]
        self.assertTrue(driver.opted_out)
        self.assertFalse(options[("Owner", "email", "anna@example.com")].opted_out)
        # the preferred channel (e-mail by default) is preselected
        self.assertEqual(wizard.recipient_id.address, "anna@example.com")
        with self.assertRaisesRegex(ValidationError, "asked not to be contacted"):
            wizard.recipient_id = driver

    @staticmethod
    def _words(text):
        """``text`` (HTML or not) as words: amounts keep no-break spaces."""
        return " ".join(html2plaintext(text).split())

    def _history(self):
        # the history, as its readers (Customer Communication users) see it:
        # the workshop advisor writes to customers without reading it
        return self.admin_env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )

    def test_send_by_email_to_the_chosen_address(self):
        """Sent to the customer's workshop address (a contact point), not to
        their main one: the e-mail goes there only, and the history (one row)
        says so."""
        self.env["customer.contact.point"].sudo().create(
            {
                "partner_id": self.customer.id,
                "kind": "email",
                "value": "anna.work@example.com",
                "label": "Work",
            }
        )
        with self.mock_mail_gateway():
            self._send(self.offer, "email", address="anna.work@example.com")
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(
            self._mails[0]["email_to"], ['"Anna Galli" <anna.work@example.com>']
        )
        self.assertIn(escape(self.offer.get_portal_url()), self._mails[0]["body"])
        self.assertEqual(self.offer.state, "sent")
        self.assertEqual(self.offer.channel, "email")
        self.assertEqual(self.offer.recipient_address, "anna.work@example.com")
        history = self._history()
        self.assertEqual(len(history), 1)
        self.assertEqual(history.channel, "email")
        self.assertEqual(history.state, "sent")
        self.assertEqual(
            (history.res_model, history.res_id), ("repair.offer", self.offer.id)
        )
        self.assertEqual(history.recipient, "anna.work@example.com")
        self.assertIn(escape(self.offer.get_portal_url()), history.body)
        log = self.repair.message_ids[0]
        self.assertIn("anna.work@example.com", log.body)
        self.assertIn(escape(self.offer.get_portal_url()), log.body)

    def test_send_to_a_contact_of_the_customer_company(self):
        """The driver of the customer's company receives the link: the history
        of the customer (the offer's) holds it, with the driver's address."""
        company = self.env["res.partner"].create(
            {"name": "Galli Trasporti", "is_company": True}
        )
        self.customer.parent_id = company
        driver = self.env["res.partner"].create(
            {
                "name": "Dino Driver",
                "parent_id": company.id,
                "function": "Driver",
                "email": "dino@galli.example",
            }
        )
        with self.mock_mail_gateway():
            self._send(self.offer, "email", address="dino@galli.example")
        self.assertEqual(
            self._mails[0]["email_to"], ['"Dino Driver" <dino@galli.example>']
        )
        history = self._history()
        self.assertEqual((len(history), history.recipient), (1, "dino@galli.example"))
        self.assertEqual(self.offer.recipient_partner_id, driver)
        self.assertFalse(
            self.admin_env["customer.comm.log"].search([("partner_id", "=", driver.id)])
        )

    def test_send_by_sms_then_resend(self):
        self.customer.mobile = "+39 333 555 1212"
        self._send(self.offer, "sms")
        sms = self.env["sms.sms"].sudo().search([("number", "=", "+393335551212")])
        self.assertEqual(len(sms), 1)
        self.assertIn(self.offer.get_portal_url(), sms.body)
        message = self.offer.message_ids.filtered(lambda m: m.message_type == "sms")
        self.assertEqual(len(message), 1)
        history = self._history()
        self.assertEqual(len(history), 1)
        self.assertEqual(history.message_id, message)
        self.assertEqual((history.channel, history.recipient), ("sms", "+393335551212"))
        self.offer.action_resend()
        self.assertEqual(
            self.env["sms.sms"].sudo().search_count([("number", "=", "+393335551212")]),
            2,
        )
        self.assertEqual(len(self._history()), 2)

    def test_sms_without_mobile_is_refused(self):
        wizard = self.env["repair.offer.send"].create({"offer_id": self.offer.id})
        self.assertFalse(wizard.option_ids.filtered(lambda o: o.channel == "sms"))
        wizard.write({"channel": "sms", "recipient_id": False})
        with self.assertRaisesRegex(UserError, "Choose who receives the offer"):
            wizard.action_send()
        self.assertEqual(self.offer.state, "draft")

    def test_send_without_lines_refused(self):
        self.offer.line_ids.unlink()
        with self.assertRaisesRegex(UserError, "at least one intervention"):
            self.offer.action_open_send_wizard()

    def test_wizard_edits_go_to_the_offer(self):
        wizard = self.env["repair.offer.send"].create({"offer_id": self.offer.id})
        wizard.write(
            {
                "note": "Updated note",
                "line_ids": [
                    Command.update(self.offer.line_ids[0].id, {"mechanic_note": "Worn"})
                ],
            }
        )
        self.assertEqual(self.offer.note, "Updated note")
        self.assertEqual(self.offer.line_ids[0].mechanic_note, "Worn")

    # answers, authorisation, status

    def test_confirm_records_decisions_and_conditions_once(self):
        self.offer.action_send()
        self.assertTrue(self._decide(self.offer, "fix", "contact", "no_fix"))
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(self.offer.accepted_condition_ids, self.condition)
        self.assertEqual(self.offer.amount_accepted, 40.0)
        self.assertEqual(self.offer.amount_proposed, 130.0)
        currency = self.offer.currency_id
        self.assertEqual(
            self._words(self.repair.message_ids[0].body),
            self._words(
                "The customer confirmed the offer: "
                f"{format_amount(self.env, 40.0, currency)} of "
                f"{format_amount(self.env, 130.0, currency)} accepted."
            ),
        )
        self.assertFalse(self._decide(self.offer, "no_fix", "no_fix", "fix"))
        self.assertEqual(self.offer.line_ids.sorted("id")[0].decision, "fix")

    def test_required_conditions_must_be_accepted(self):
        self.offer.action_send()
        with self.assertRaisesRegex(UserError, "Parts kept 30 days"):
            self._decide(
                self.offer, "fix", "fix", "fix", conditions=self.optional_condition
            )
        self.assertEqual(self.offer.state, "sent")

    def test_confirm_needs_every_line(self):
        self.offer.action_send()
        with self.assertRaisesRegex(UserError, "decide every intervention"):
            self.offer.sudo()._confirm_decisions({self.offer.line_ids[0]: "fix"})

    def test_authorise_as_answered_in_one_click(self):
        optional = self.offer.line_ids.sorted("id")[2]
        optional.product_id = self.part
        self.offer.action_send()
        self._decide(self.offer, "fix", "no_fix", "fix")
        self.assertEqual(self.offer.lines_to_authorise, 3)
        self.repair.action_authorise_offer_answers()
        brakes, chain, service = self.offer.line_ids.sorted("id")
        self.assertEqual(brakes.authorisation, "authorised")
        self.assertEqual(chain.authorisation, "refused")
        self.assertEqual(self.offer.lines_to_authorise, 0)
        # the authorised optional part is now a line of the repair order
        self.assertEqual(service.move_id.repair_id, self.repair)
        self.assertEqual(service.move_id.product_id, self.part)
        self.assertEqual(service.move_id.offer_decision, "fix")
        self.assertEqual(service.move_id.offer_authorisation, "authorised")

    def test_contact_me_stays_for_the_advisor(self):
        self.offer.action_send()
        self._decide(self.offer, "contact", "fix", "fix")
        self.offer.action_authorise_answers()
        contact = self.offer.line_ids.sorted("id")[0]
        self.assertFalse(contact.authorisation)
        contact.action_refuse()
        self.assertEqual(contact.authorisation, "refused")

    def test_status_bar_until_the_report_can_be_sent(self):
        with self.assertRaisesRegex(UserError, "Only an offer confirmed"):
            self.offer.action_close_changes()
        self.offer.action_send()
        self._decide(self.offer, "fix", "fix", "no_fix")
        self.offer.action_close_changes()
        self.assertEqual(self.offer.state, "closed")
        self.assertEqual(self.repair.offer_state, "closed")
        with self.assertRaisesRegex(UserError, "cannot change any more"):
            self.offer.line_ids[0].price = 99.0
        repair = self.repair.sudo()
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(self.offer.state, "done")
        with self.assertRaisesRegex(UserError, "cannot be sent"):
            self.offer.action_open_send_wizard()

    def test_cancelled_offer_cannot_be_sent_or_answered(self):
        self.offer.action_send()
        self.offer.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be sent"):
            self.offer.action_send()
        with self.assertRaisesRegex(UserError, "no longer be answered"):
            self._decide(self.offer, "fix", "fix", "fix")

    # price change after the customer opened the offer

    def test_price_change_after_viewing_needs_confirmation(self):
        self._send(self.offer, "email")
        self.offer.sudo()._mark_viewed()
        brakes = self.offer.line_ids.sorted("id")[0]
        with self.assertRaisesRegex(UserError, "updated link"):
            brakes.price = 55.0
        self.assertEqual(brakes.price, 40.0)

    def test_price_change_resets_answers_and_sends_an_updated_link(self):
        with self.mock_mail_gateway():
            self._send(self.offer, "email")
        self._decide(self.offer, "fix", "fix", "no_fix")
        brakes, chain, _service = self.offer.line_ids.sorted("id")
        action = brakes.action_change_price()
        change = (
            self.env["repair.offer.change"]
            .with_context(**action["context"])
            .create({"new_price": 55.0})
        )
        self.assertEqual(change.old_price, 40.0)
        with self.mock_mail_gateway():
            change.action_confirm_changes()
        self.assertEqual(brakes.price, 55.0)
        self.assertFalse(brakes.decision)
        self.assertEqual(chain.decision, "fix")
        self.assertEqual(self.offer.state, "sent")
        # the updated link went to the same address, and is in the history
        self.assertEqual(
            self._mails[-1]["email_to"], ['"Anna Galli" <anna@example.com>']
        )
        # the link, the accepted offer's PDF, the updated link
        self.assertEqual(len(self._history()), 3)
        currency = self.offer.currency_id
        change_log = self.repair.message_ids.filtered(
            lambda message: "Offer changed" in message.body
        )
        self.assertIn(
            self._words(
                f"Brake pads: Price: {format_amount(self.env, 40.0, currency)} → "
                f"{format_amount(self.env, 55.0, currency)}"
            ),
            self._words(change_log.body),
        )

    def test_contact_from_the_repair_order(self):
        action = self.repair.action_open_customer_composer()
        composer = self.env["customer.comm.composer"].browse(action["res_id"])
        self.assertEqual(composer.partner_id, self.customer)
        composer.write(
            {"channel": "email", "subject": "Your bike", "body": "<p>Ready</p>"}
        )
        composer.action_send()
        log = self.admin_env["customer.comm.log"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(log.res_model, "repair.order")
        self.assertIn(log.message_id, self.repair.message_ids)
        self.assertEqual(log.recipient, "anna@example.com")
        self.assertEqual(log.origin_name, self.repair.display_name)
        # a colleague who may not open repair orders reads the history: the
        # origin shows with a neutral label instead of failing
        clerk = new_test_user(
            self.admin_env,
            login="history_clerk",
            groups="customer_comm.group_customer_comm_user",
        )
        self.assertFalse(self.repair.with_user(clerk).has_access("read"))
        self.assertEqual(log.with_user(clerk).origin_name, "Not visible to you")

    # company switch, access

    def test_feature_switched_off_per_company(self):
        self.env.company.sudo().repair_offer_enabled = False
        self.assertFalse(self.repair.repair_offer_enabled)
        with self.assertRaisesRegex(UserError, "switched off"):
            self.repair.action_send_offer()
        with self.assertRaisesRegex(UserError, "switched off"):
            self.offer.action_open_send_wizard()

    def test_conditions_are_configured_by_managers(self):
        with self.assertRaises(AccessError):
            self.env["repair.offer.condition"].create({"name": "X", "text": "Y"})
        manager = new_test_user(
            self.admin_env, login="workshop_manager", groups="stock.group_stock_manager"
        )
        condition = (
            self.env["repair.offer.condition"]
            .with_user(manager)
            .create({"name": "Storage", "text": "Bikes left 60 days are stored."})
        )
        self.assertEqual(condition.company_id, self.env.company)

    def test_other_company_offers_are_invisible(self):
        other = self.admin_env["res.company"].create({"name": "Other workshop"})
        repair = (
            self.admin_env["repair.order"]
            .with_company(other)
            .create(
                {
                    "partner_id": self.customer.id,
                    "product_id": self.env.ref("product.product_product_3").id,
                    "company_id": other.id,
                }
            )
        )
        offer = self.admin_env["repair.offer"].create({"repair_id": repair.id})
        self.assertFalse(self.env["repair.offer"].search([("id", "=", offer.id)]))

    def test_offer_status_of_many_repairs_in_constant_queries(self):
        repairs = self.repair
        for i in range(10):
            repairs |= self._create_offer(partner_name=f"Customer {i}").repair_id
        # 2 read_group, the offers' state, their lines and authorisations,
        # the same for 3 repairs as for 11
        for batch in (repairs[:3], repairs):
            batch.invalidate_recordset()
            self.env["repair.offer"].invalidate_model()
            self.env["repair.offer.line"].invalidate_model()
            with self.assertQueryCount(7):
                batch.mapped("offer_state")
                batch.mapped("offer_count")
