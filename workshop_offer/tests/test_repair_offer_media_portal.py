# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import LOCATION, RepairOfferCommon, gps_jpeg, image_gps, mp4_with_location


class RepairOfferMediaCommon(RepairOfferCommon):
    @classmethod
    def _add_photos(cls, lines, per_line=2):
        return cls.env["repair.offer.line.media"].create(
            [
                {
                    "line_id": line.id,
                    "sequence": i,
                    "image_1920": base64.b64encode(gps_jpeg(colour=(20 * i, 80, 120))),
                }
                for line in lines
                for i in range(per_line)
            ]
        )


@tagged("post_install", "-at_install")
class TestRepairOfferMediaPortal(RepairOfferMediaCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.offer = cls._create_offer()
        cls.brakes, cls.chain, cls.service = cls.offer.line_ids.sorted("id")
        cls.brakes.severity = "soon"
        cls.chain.severity = "urgent"
        cls.service.severity = "fine"
        cls.photo = cls._add_photos(cls.brakes, per_line=1)
        cls.video = cls.env["repair.offer.line.media"].create(
            {
                "line_id": cls.chain.id,
                "video": base64.b64encode(mp4_with_location()),
                "video_filename": "chain.mp4",
            }
        )
        cls.offer.action_send()
        cls.other_offer = cls._create_offer(partner_name="Paul Girard")
        cls.other_photo = cls._add_photos(cls.other_offer.line_ids[0], per_line=1)
        cls.other_offer.action_send()

    def _media_url(self, media, size="1920", token=None, offer=None):
        offer = offer or self.offer
        token = offer.access_token if token is None else token
        return (
            f"/my/repair_offers/{offer.id}/media/{media.id}/{size}?access_token={token}"
        )

    def _get(self, url, **kw):
        with mute_logger("odoo.http"):
            return self.url_open(url, allow_redirects=False, **kw)

    def test_photo_served_through_the_token_without_location(self):
        response = self._get(self.photo._portal_url("1920", self.offer.access_token))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "image/jpeg")
        self.assertEqual(image_gps(response.content), {})
        self.assertNotIn(b"WorkshopPhone", response.content)
        cache = response.headers["Cache-Control"]
        self.assertIn("max-age=", cache)
        self.assertIn("private", cache)
        self.assertIn("immutable", cache)
        self.assertTrue(response.headers.get("ETag"))
        thumbnail = self._get(self._media_url(self.photo, "256"))
        self.assertEqual(thumbnail.status_code, 200)
        self.assertEqual(image_gps(thumbnail.content), {})
        # the browser's copy is confirmed with its ETag
        again = self._get(
            self._media_url(self.photo, "256"),
            headers={"If-None-Match": thumbnail.headers["ETag"]},
        )
        self.assertEqual(again.status_code, 304)

    def test_token_matrix_of_the_media(self):
        self.assertEqual(self._get(self._media_url(self.photo)).status_code, 200)
        self.assertEqual(
            self._get(self._media_url(self.photo, token="")).status_code, 403
        )
        self.assertEqual(
            self._get(self._media_url(self.photo, token="forged")).status_code, 403
        )
        # another offer's photo with this offer's token, and this offer's
        # photo through another offer's token
        self.assertEqual(self._get(self._media_url(self.other_photo)).status_code, 404)
        self.assertEqual(
            self._get(self._media_url(self.photo, offer=self.other_offer)).status_code,
            404,
        )
        self.assertEqual(
            self._get(
                self._media_url(
                    self.other_photo,
                    offer=self.offer,
                    token=self.other_offer.access_token,
                )
            ).status_code,
            403,
        )
        for size in ("4096", "video", "raw", "-1"):
            self.assertEqual(
                self._get(self._media_url(self.photo, size)).status_code, 404, size
            )
        self.assertEqual(
            self._get(self._media_url(self.video, "1920")).status_code, 404
        )
        self.other_offer.action_cancel()
        self.assertEqual(
            self._get(
                self._media_url(self.other_photo, offer=self.other_offer)
            ).status_code,
            404,
        )

    def test_video_served_with_ranges_without_location(self):
        response = self._get(self._media_url(self.video, "video"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "video/mp4")
        self.assertNotIn(LOCATION, response.content)
        part = self._get(
            self._media_url(self.video, "video"), headers={"Range": "bytes=0-15"}
        )
        self.assertEqual(part.status_code, 206)
        self.assertEqual(part.content, response.content[:16])
        self.assertTrue(part.headers["Content-Range"].startswith("bytes 0-15/"))

    def test_odoo_routes_do_not_serve_the_media(self):
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "repair.offer.line.media"),
                ("res_id", "in", (self.photo | self.video).ids),
                ("res_field", "!=", False),
            ]
        )
        self.assertTrue(attachments)
        self.assertFalse(any(attachments.mapped("public")))
        raw = self.photo.image_1920
        portal = new_test_user(
            self.env,
            login="media_portal",
            password="media_portal",
            groups="base.group_portal",
        )
        photo = base64.b64decode(raw)
        for login in (None, portal.login):
            if login:
                self.authenticate(login, login)
            for url in [
                f"/web/content/repair.offer.line.media/{self.photo.id}/image_1920",
                f"/web/content/repair.offer.line.media/{self.video.id}/video",
            ] + [f"/web/content/{attachment.id}" for attachment in attachments]:
                self.assertEqual(self._get(url).status_code, 404, url)
            for url in [
                f"/web/image/repair.offer.line.media/{self.photo.id}/image_1920",
                f"/web/image/repair.offer.line.media/{self.photo.id}/image_128",
            ] + [f"/web/image/{attachment.id}" for attachment in attachments]:
                response = self._get(url)
                # Odoo's grey placeholder, never the photo
                self.assertEqual(response.headers["Content-Type"], "image/png", url)
                self.assertNotEqual(response.content, photo, url)

    def test_page_leads_with_urgent_and_asks_nothing_for_fine_items(self):
        page = self._get(self.offer.get_portal_url()).text
        urgent = page.index("o_offer_section_urgent")
        self.assertLess(urgent, page.index("New chain"))
        self.assertLess(page.index("New chain"), page.index("o_offer_section_soon"))
        self.assertLess(page.index("o_offer_section_soon"), page.index("Brake pads"))
        self.assertLess(page.index("Brake pads"), page.index("o_offer_section_fine"))
        self.assertLess(page.index("o_offer_section_fine"), page.index("Full service"))
        self.assertNotIn(f'name="decision_{self.service.id}"', page)
        self.assertIn(f'name="decision_{self.chain.id}"', page)
        self.assertIn('loading="lazy"', page)
        self.assertIn('alt="Brake pads"', page)
        thumbnails = re.findall(r'src="(/my/repair_offers/[^"]+)"', page)
        self.assertEqual(len(thumbnails), 1)
        self.assertEqual(
            self._get(thumbnails[0].replace("&amp;", "&")).status_code, 200
        )

    def _confirm(self, decisions):
        page = self._get(self.offer.get_portal_url()).text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        data = {f"decision_{line.id}": value for line, value in decisions.items()}
        data.update(
            {
                "csrf_token": csrf,
                f"condition_{self.condition.id}": "1",
                "accepted_by_name": "Anna Galli",
            }
        )
        return self._get(
            f"/my/repair_offers/{self.offer.id}/confirm"
            f"?access_token={self.offer.access_token}",
            data=data,
        )

    def test_decision_posted_for_a_fine_item_refused(self):
        refused = self._confirm(
            {self.brakes: "fix", self.chain: "fix", self.service: "fix"}
        )
        self.assertEqual(refused.status_code, 400)
        self.assertIn("needs no answer", refused.text)
        self.assertEqual(self.offer.state, "sent")
        confirmed = self._confirm({self.brakes: "fix", self.chain: "no_fix"})
        self.assertEqual(confirmed.status_code, 303)
        self.assertIn("message=confirmed", confirmed.headers["Location"])
        self.assertEqual(self.offer.state, "confirmed")
        self.assertFalse(self.service.decision)


@tagged("post_install", "-at_install")
class TestRepairOfferMediaQueries(RepairOfferMediaCommon, HttpCase):
    def test_page_queries_flat_with_lines_and_photos(self):
        self._setup_conditions()
        small = self._create_offer(partner_name="Bruno Bassi")
        big = self._create_offer(partner_name="Carlo Conti", n=27)
        self.assertEqual(len(big.line_ids), 30)
        # the big page has every section (urgent, soon, required, recommended,
        # fine), the small one two of them: sections must not cost queries
        small.line_ids[0].severity = "urgent"
        severities = ["urgent", "soon", False, False, "fine"]
        for i, line in enumerate(big.line_ids):
            line.severity = severities[i % len(severities)]
        self._add_photos(small.line_ids)
        self._add_photos(big.line_ids)
        self.assertEqual(len(big.line_ids.media_ids), 60)
        self.assertEqual(len(small.line_ids.media_ids), 6)
        (small | big).action_send()
        counts = []
        for offer in (small, big):
            url = offer.get_portal_url()
            self.url_open(url)  # warm-up
            before = self.cr.sql_log_count
            page = self.url_open(url)
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(page.status_code, 200)
            self.assertEqual(
                len(re.findall(r'class="o_offer_media_thumb"', page.text)),
                len(offer.line_ids.media_ids),
            )
        self.assertEqual(counts[0], counts[1], counts)


@tagged("post_install", "-at_install")
class TestRepairOfferPhotosTour(RepairOfferMediaCommon, HttpCase):
    """The customer on a phone: photos, urgent first, fine items apart."""

    browser_size = "375x667"
    touch_enabled = True

    def test_tour_phone_photos_urgent_first(self):
        self._setup_conditions()
        offer = self._create_offer(note=False)
        brakes, chain, service = offer.line_ids.sorted("id")
        chain.severity = "urgent"
        brakes.severity = "soon"
        service.severity = "fine"
        self._add_photos(chain | service, per_line=1)
        offer.action_send()
        self.start_tour(offer.get_portal_url(), "workshop_offer_photos_tour")
        self.assertEqual(offer.state, "confirmed")
        self.assertEqual(chain.decision, "fix")
        self.assertEqual(brakes.decision, "no_fix")
        self.assertFalse(service.decision)
        self.assertEqual(offer.accepted_by_name, "Anna Galli")
