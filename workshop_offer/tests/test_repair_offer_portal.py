# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re
import threading

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import RepairOfferCommon


@tagged("post_install", "-at_install")
class TestRepairOfferPortal(RepairOfferCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.offer = cls._create_offer(
            note="<script>alert('note')</script> See you soon"
        )
        cls.offer.line_ids[0].write(
            {
                "customer_explanation": "<b>worn</b> <img src=x onerror=alert(1)>",
                "mechanic_note": "Internal: customer rides like a maniac",
            }
        )
        cls.offer.action_send()
        cls.other_offer = cls._create_offer(partner_name="Paul Girard")
        cls.other_offer.action_send()

    def _get(self, offer, token):
        url = f"/my/repair_offers/{offer.id}"
        if token is not None:
            url += f"?access_token={token}"
        return self.url_open(url, allow_redirects=False)

    def _csrf_token(self, offer):
        page = self._get(offer, offer.access_token)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _confirm(self, offer, decisions, token=None, csrf=True, conditions=None):
        data = {f"decision_{line.id}": value for line, value in decisions.items()}
        data["accepted_by_name"] = "Anna Galli"
        for condition in self.condition if conditions is None else conditions:
            data[f"condition_{condition.id}"] = "1"
        if csrf:
            data["csrf_token"] = self._csrf_token(offer)
        token = offer.access_token if token is None else token
        return self.url_open(
            f"/my/repair_offers/{offer.id}/confirm?access_token={token}",
            data=data,
            allow_redirects=False,
        )

    def test_token_matrix(self):
        no_token = self._get(self.offer, None)
        self.assertEqual(no_token.status_code, 303)
        self.assertNotIn("Brake pads", no_token.text)
        wrong = self._get(self.offer, "not-the-token")
        self.assertEqual(wrong.status_code, 303)
        other = self._get(self.offer, self.other_offer.access_token)
        self.assertEqual(other.status_code, 303)
        right = self._get(self.offer, self.offer.access_token)
        self.assertEqual(right.status_code, 200)
        self.assertIn("Brake pads", right.text)
        self.assertIn("Recommended interventions", right.text)

    def _post_viewed(self, offer, headers=None):
        csrf = self._csrf_token(offer)
        return self.url_open(
            f"/my/repair_offers/{offer.id}/viewed?access_token={offer.access_token}",
            data={"csrf_token": csrf},
            headers=headers,
            allow_redirects=False,
        )

    def test_opening_the_link_does_not_mark_viewed_the_page_does(self):
        self._get(self.offer, self.offer.access_token)
        self.assertEqual(self.offer.state, "sent")
        response = self._post_viewed(self.offer)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.offer.state, "viewed")
        self.assertTrue(self.offer.date_viewed)

    def test_robots_and_colleagues_do_not_mark_viewed(self):
        for agent in (
            "WhatsApp/2.23.20.0 A",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "TelegramBot (like TwitterBot)",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        ):
            headers = {"User-Agent": agent}
            page = self.url_open(
                f"/my/repair_offers/{self.offer.id}"
                f"?access_token={self.offer.access_token}",
                headers=headers,
            )
            self.assertEqual(page.status_code, 200)
            self.assertEqual(self._post_viewed(self.offer, headers).status_code, 200)
            self.assertEqual(self.offer.state, "sent", agent)
        self.authenticate("admin", "admin")
        self._get(self.offer, self.offer.access_token)
        self._post_viewed(self.offer)
        self.assertEqual(self.offer.state, "sent")

    def test_viewed_needs_the_token_and_the_csrf_token(self):
        with mute_logger("odoo.http"):
            no_csrf = self.url_open(
                f"/my/repair_offers/{self.offer.id}/viewed"
                f"?access_token={self.offer.access_token}",
                data={"csrf_token": "forged"},
                allow_redirects=False,
            )
            forged = self.url_open(
                f"/my/repair_offers/{self.offer.id}/viewed?access_token=forged",
                data={"csrf_token": self._csrf_token(self.offer)},
                allow_redirects=False,
            )
            get = self.url_open(
                f"/my/repair_offers/{self.offer.id}/viewed"
                f"?access_token={self.offer.access_token}",
                allow_redirects=False,
            )
        self.assertEqual(no_csrf.status_code, 400)
        self.assertEqual(forged.status_code, 403)
        self.assertEqual(get.status_code, 405)
        self.assertEqual(self.offer.state, "sent")

    def test_cancelled_offer_token_refused(self):
        self.other_offer.action_cancel()
        response = self._get(self.other_offer, self.other_offer.access_token)
        self.assertEqual(response.status_code, 303)

    def test_error_text_cannot_be_injected_in_the_url(self):
        url = (
            f"/my/repair_offers/{self.offer.id}?access_token={self.offer.access_token}"
            "&message=error&error=Call+us+on+0000"
        )
        page = self.url_open(url).text
        self.assertNotIn("Call us on 0000", page)
        self.assertNotIn("o_offer_error", page)

    def test_customer_text_is_escaped(self):
        page = self._get(self.offer, self.offer.access_token).text
        self.assertNotIn("<script>alert('note')</script>", page)
        self.assertIn("&lt;script&gt;", page)
        self.assertNotIn("<img src=x onerror", page)
        self.assertIn("&lt;b&gt;worn&lt;/b&gt;", page)

    def test_proof_of_acceptance(self):
        decisions = dict.fromkeys(self.offer.line_ids, "fix")
        data = {f"decision_{line.id}": "fix" for line in decisions}
        data.update(
            {
                f"condition_{self.condition.id}": "1",
                "csrf_token": self._csrf_token(self.offer),
                "accepted_by_name": "   ",
            }
        )
        url = (
            f"/my/repair_offers/{self.offer.id}/confirm"
            f"?access_token={self.offer.access_token}"
        )
        nameless = self.url_open(url, data=data, allow_redirects=False)
        self.assertIn("message=error", nameless.headers["Location"])
        self.assertEqual(self.offer.state, "sent")
        data["accepted_by_name"] = "  Anna   Galli "
        self.url_open(
            url,
            data=data,
            headers={"User-Agent": "Mozilla/5.0 (Android 14; Mobile) Firefox/133.0"},
            allow_redirects=False,
        )
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(self.offer.accepted_by_name, "Anna Galli")
        self.assertEqual(self.offer.accepted_ip, "127.0.0.1")
        self.assertIn("Firefox/133.0", self.offer.accepted_user_agent)
        self.assertTrue(self.offer.date_confirmed)
        page = self._get(self.offer, self.offer.access_token).text
        self.assertIn("Confirmed by", page)
        # the accepted offer's PDF, through the token gate only
        pdf_url = self.offer.get_portal_url(report_type="pdf", download=True)
        pdf = self.url_open(pdf_url)
        self.assertEqual(pdf.status_code, 200)
        self.assertIn("Anna Galli", pdf.text)
        self.assertNotIn("rides like a maniac", pdf.text)
        forged = self.url_open(
            f"/my/repair_offers/{self.offer.id}?access_token=forged"
            "&report_type=pdf&download=true",
            allow_redirects=False,
        )
        self.assertNotEqual(forged.status_code, 200)
        # the proof is for repair users only
        employee = new_test_user(self.env, login="proof_employee")
        with self.assertRaises(AccessError):
            self.offer.with_user(employee).read(["accepted_ip"])

    def test_mechanic_note_never_reaches_the_customer(self):
        page = self._get(self.offer, self.offer.access_token).text
        self.assertIn("&lt;b&gt;worn", page)
        brakes, chain, service = self.offer.line_ids.sorted("id")
        confirmed = self._confirm(
            self.offer, {brakes: "fix", chain: "no_fix", service: "contact"}
        )
        pages = [page, self.url_open(confirmed.headers["Location"]).text]
        for text in pages:
            self.assertNotIn("rides like a maniac", text)

    def test_post_without_csrf_refused(self):
        decisions = dict.fromkeys(self.offer.line_ids, "fix")
        with mute_logger("odoo.http"):
            response = self._confirm(self.offer, decisions, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertNotEqual(self.offer.state, "confirmed")

    def test_confirm_then_second_confirm_changes_nothing(self):
        brakes, chain, service = self.offer.line_ids.sorted("id")
        response = self._confirm(
            self.offer, {brakes: "fix", chain: "fix", service: "contact"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("message=confirmed", response.headers["Location"])
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(service.decision, "contact")
        again = self._confirm(
            self.offer, {brakes: "no_fix", chain: "no_fix", service: "no_fix"}
        )
        self.assertIn("message=already_confirmed", again.headers["Location"])
        self.assertEqual(brakes.decision, "fix")
        page = self._get(self.offer, self.offer.access_token).text
        self.assertNotIn("o_offer_confirm", page)

    def test_decision_on_line_of_another_offer_refused(self):
        decisions = dict.fromkeys(self.offer.line_ids, "fix")
        decisions[self.other_offer.line_ids[0]] = "fix"
        with mute_logger("odoo.http"):
            response = self._confirm(self.offer, decisions)
        self.assertEqual(response.status_code, 400)
        self.assertIn("not part of your offer", response.text)
        self.assertNotEqual(self.offer.state, "confirmed")
        self.assertFalse(self.other_offer.line_ids[0].decision)

    def _post_form(self, data, files=None, token=None, offer_id=None):
        data = dict(data, csrf_token=self._csrf_token(self.offer))
        with mute_logger("odoo.http"):
            return self.url_open(
                f"/my/repair_offers/{offer_id or self.offer.id}/confirm"
                f"?access_token={token or self.offer.access_token}",
                data=data,
                files=files,
                allow_redirects=False,
            )

    def test_crafted_forms_answer_4xx_never_500(self):
        answers = {f"decision_{line.id}": "fix" for line in self.offer.line_ids}
        answers[f"condition_{self.condition.id}"] = "1"
        answers["accepted_by_name"] = "Anna Galli"
        for crafted in (
            {"decision_²": "fix"},
            {"decision_" + "9" * 5000: "fix"},
            {"decision_-4": "fix"},
            {"decision_１２": "fix"},
            {"condition_" + "7" * 5000: "1"},
            {"decision_é": "fix"},
        ):
            response = self._post_form(dict(answers, **crafted))
            self.assertEqual(response.status_code, 400, list(crafted)[0][:20])
            self.assertIn("not valid", response.text)
        line = self.offer.line_ids[0]
        upload = self._post_form(
            answers, files={f"decision_{line.id}": ("a.txt", b"fix", "text/plain")}
        )
        self.assertEqual(upload.status_code, 400)
        forged = self._post_form(answers, token="forged")
        self.assertEqual(forged.status_code, 403)
        for path in (
            "9" * 5000,
            "-3",
            "99999999999",
        ):
            with mute_logger("odoo.http"):
                response = self.url_open(
                    f"/my/repair_offers/{path}/confirm?access_token=x",
                    data={"csrf_token": self._csrf_token(self.offer)},
                    allow_redirects=False,
                )
            self.assertEqual(response.status_code, 404, path[:20])
        with mute_logger("odoo.http"):
            wrong_method = self.url_open(
                f"/my/repair_offers/{self.offer.id}/confirm"
                f"?access_token={self.offer.access_token}",
                allow_redirects=False,
            )
        self.assertEqual(wrong_method.status_code, 405)
        self.assertEqual(self.offer.state, "sent")
        # the genuine form still works
        self.assertEqual(self._post_form(answers).status_code, 303)
        self.assertEqual(self.offer.state, "confirmed")

    def test_unknown_decision_refused(self):
        decisions = dict.fromkeys(self.offer.line_ids, "fix")
        decisions[self.offer.line_ids[0]] = "burn_it"
        response = self._confirm(self.offer, decisions)
        self.assertIn("message=error", response.headers["Location"])
        self.assertNotEqual(self.offer.state, "confirmed")

    def test_required_condition_not_ticked(self):
        decisions = dict.fromkeys(self.offer.line_ids, "fix")
        response = self._confirm(
            self.offer, decisions, conditions=self.optional_condition
        )
        self.assertIn("message=error", response.headers["Location"])
        self.assertNotEqual(self.offer.state, "confirmed")
        page = self.url_open(response.headers["Location"]).text
        self.assertIn("Please accept the conditions", page)
        self.assertIn("Parts kept 30 days", page)

    def test_two_confirmations_at_the_same_time(self):
        """Two browsers submit at once: one confirmation wins, the other is
        told the offer was already confirmed; one log line, one set of
        answers."""
        csrf = self._csrf_token(self.offer)
        url = (
            f"/my/repair_offers/{self.offer.id}/confirm"
            f"?access_token={self.offer.access_token}"
        )
        lines = self.offer.line_ids.sorted("id")
        answers = [("fix", "fix", "fix"), ("no_fix", "no_fix", "no_fix")]
        barrier = threading.Barrier(2)
        locations = []

        def submit(decisions):
            data = {
                f"decision_{line.id}": d
                for line, d in zip(lines, decisions, strict=True)
            }
            data.update(
                {
                    f"condition_{self.condition.id}": "1",
                    "csrf_token": csrf,
                    "accepted_by_name": "Anna",
                }
            )
            barrier.wait(timeout=10)
            response = self.url_open(url, data=data, allow_redirects=False)
            locations.append(response.headers["Location"])

        threads = [threading.Thread(target=submit, args=(a,)) for a in answers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(len(locations), 2)
        self.assertEqual(
            sorted(loc.rsplit("message=", 1)[-1] for loc in locations),
            ["already_confirmed", "confirmed"],
        )
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(len(set(lines.mapped("decision"))), 1)
        logs = self.offer.repair_id.message_ids.filtered(
            lambda m: "confirmed the offer" in (m.body or "")
        )
        self.assertEqual(len(logs), 1)

    def test_switched_off_company_hides_the_page(self):
        self.env.company.repair_offer_enabled = False
        response = self._get(self.offer, self.offer.access_token)
        self.assertEqual(response.status_code, 303)

    def test_page_queries_do_not_grow_with_lines(self):
        big = self._create_offer(partner_name="Bruno Bassi", n=27)
        big.action_send()
        counts = []
        for offer in (self.offer, big):
            self._get(offer, offer.access_token)  # warm-up
            before = self.cr.sql_log_count
            page = self._get(offer, offer.access_token)
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(page.status_code, 200)
        self.assertEqual(len(big.line_ids), 30)
        self.assertEqual(counts[0], counts[1], counts)

    def test_preview_is_read_only_and_does_not_mark_viewed(self):
        self.authenticate("admin", "admin")
        page = self.url_open(
            f"/my/repair_offers/{self.offer.id}"
            f"?access_token={self.offer.access_token}&preview=1"
        ).text
        self.assertIn("o_offer_preview", page)
        self.assertNotIn("o_offer_confirm", page)
        self.assertEqual(self.offer.state, "sent")


@tagged("post_install", "-at_install")
class TestRepairOfferTours(RepairOfferCommon, HttpCase):
    """The customer on a phone, then the advisor in the back office."""

    browser_size = "375x740"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.offer = cls._create_offer(note="See you soon, Anna!")
        cls.offer.action_send()

    def test_tour_customer_decides_and_confirms(self):
        self.start_tour(
            f"/my/repair_offers/{self.offer.id}?access_token={self.offer.access_token}",
            "workshop_offer_portal_tour",
        )
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(
            self.offer.line_ids.sorted("id").mapped("decision"),
            ["fix", "no_fix", "contact"],
        )
        self.assertEqual(self.offer.accepted_condition_ids, self.condition)
        self.assertEqual(self.offer.repair_id.offer_state, "confirmed")
        # the page itself told the workshop it was seen
        self.assertTrue(self.offer.date_viewed)
        self.assertEqual(self.offer.accepted_by_name, "Anna Galli")


@tagged("post_install", "-at_install")
class TestRepairOfferBackendTour(RepairOfferCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.offer = cls._create_offer(partner_name="Carla Neri")
        cls.repair = cls.offer.repair_id
        company = cls.env["res.partner"].create(
            {"name": "Neri Logistica", "is_company": True}
        )
        cls.offer.partner_id.parent_id = company
        blocked = cls.env["res.partner"].create(
            {
                "name": "Otto Optout",
                "parent_id": company.id,
                "function": "Driver",
                "email": "otto@neri.example",
            }
        )
        cls.env["mail.blacklist"]._add(blocked.email)
        cls.advisor = new_test_user(
            cls.env,
            login="tour_advisor",
            password="tour_advisor",
            groups="stock.group_stock_user,base.group_partner_manager",
        )

    def test_tour_advisor_sends_then_authorises(self):
        self.start_tour(
            f"/odoo/action-repair.action_repair_order_tree/{self.repair.id}",
            "workshop_offer_send_tour",
            login="tour_advisor",
        )
        self.assertEqual(self.offer.state, "sent")
        self.assertEqual(self.offer.recipient_address, "carla@example.com")
        self.assertEqual(self.offer.note, "Ready on Friday")
        brakes, chain, service = self.offer.line_ids.sorted("id")
        self.offer.sudo()._confirm_decisions(
            {brakes: "fix", chain: "no_fix", service: "contact"}, self.condition
        )
        self.start_tour(
            f"/odoo/action-repair.action_repair_order_tree/{self.repair.id}",
            "workshop_offer_authorise_tour",
            login="tour_advisor",
        )
        self.assertEqual(brakes.authorisation, "authorised")
        self.assertEqual(chain.authorisation, "refused")
        self.assertFalse(service.authorisation)
