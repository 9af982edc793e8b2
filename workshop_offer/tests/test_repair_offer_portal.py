# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import RepairOfferCommon


@tagged("post_install", "-at_install")
class TestRepairOfferPortal(RepairOfferCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.offer = cls._create_offer(
            note="<script>alert('note')</script> See you soon"
        )
        cls.offer.line_ids[0].mechanic_note = "<b>worn</b> <img src=x onerror=alert(1)>"
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

    def _confirm(self, offer, decisions, token=None, csrf=True):
        data = {f"decision_{line.id}": value for line, value in decisions.items()}
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

    def test_first_opening_marks_viewed_preview_does_not(self):
        self.assertEqual(self.offer.state, "sent")
        self._get(self.offer, self.offer.access_token)
        self.assertEqual(self.offer.state, "viewed")

    def test_cancelled_offer_token_refused(self):
        self.other_offer.action_cancel()
        response = self._get(self.other_offer, self.other_offer.access_token)
        self.assertEqual(response.status_code, 303)

    def test_customer_text_is_escaped(self):
        page = self._get(self.offer, self.offer.access_token).text
        self.assertNotIn("<script>alert('note')</script>", page)
        self.assertIn("&lt;script&gt;", page)
        self.assertNotIn("<img src=x onerror", page)
        self.assertIn("&lt;b&gt;worn&lt;/b&gt;", page)

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
        response = self._confirm(self.offer, decisions)
        self.assertIn("error=", response.headers["Location"])
        self.assertNotEqual(self.offer.state, "confirmed")
        self.assertFalse(self.other_offer.line_ids[0].decision)

    def test_unknown_decision_refused(self):
        decisions = dict.fromkeys(self.offer.line_ids, "fix")
        decisions[self.offer.line_ids[0]] = "burn_it"
        response = self._confirm(self.offer, decisions)
        self.assertIn("error=", response.headers["Location"])
        self.assertNotEqual(self.offer.state, "confirmed")

    def test_tour_customer_decides_and_confirms(self):
        self.start_tour(
            f"/my/repair_offers/{self.offer.id}?access_token={self.offer.access_token}",
            "workshop_offer_portal_tour",
        )
        self.assertEqual(self.offer.state, "confirmed")
        self.assertEqual(
            self.offer.line_ids.sorted("id").mapped("decision"),
            ["fix", "fix", "no_fix"],
        )
