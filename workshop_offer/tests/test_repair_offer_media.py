# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from ..tools.media_metadata import (
    MediaError,
    strip_image_metadata,
    strip_video_location,
    video_mimetype,
)
from .common import (
    LOCATION,
    MDAT,
    RepairOfferCommon,
    gps_jpeg,
    image_gps,
    mp4_with_location,
)


@tagged("post_install", "-at_install")
class TestMediaMetadata(TransactionCase):
    """The pure functions that remove where a photo or video was taken."""

    def test_photo_encoded_again_without_exif(self):
        raw = gps_jpeg()
        self.assertTrue(image_gps(raw), "the fixture carries a GPS position")
        clean = strip_image_metadata(raw)
        self.assertEqual(image_gps(clean), {})
        self.assertNotIn(b"Exif", clean)
        self.assertNotIn(b"WorkshopPhone", clean)

    def test_video_location_boxes_freed_in_place(self):
        for brand, mimetype in ((b"isom", "video/mp4"), (b"qt  ", "video/quicktime")):
            raw = mp4_with_location(brand)
            self.assertEqual(video_mimetype(raw), mimetype)
            clean = strip_video_location(raw)
            self.assertEqual(len(clean), len(raw))
            for marker in (b"\xa9xyz", b"loci", b"meta", LOCATION, b"ISO6709"):
                self.assertIn(marker, raw)
                self.assertNotIn(marker, clean)
            # the movie and its frames are where they were
            self.assertEqual(clean.index(b"mdat"), raw.index(b"mdat"))
            self.assertTrue(clean.endswith(MDAT))
            self.assertIn(b"mvhd", clean)
            self.assertIn(b"tkhd", clean)

    def test_unknown_or_damaged_files(self):
        self.assertIsNone(video_mimetype(b"RIFF\x00\x00\x00\x00AVI LIST"))
        self.assertEqual(
            video_mimetype(b"\x1a\x45\xdf\xa3\x9f\x42\x82\x84webm"), "video/webm"
        )
        damaged = mp4_with_location()[:60]
        with self.assertRaises(MediaError):
            strip_video_location(damaged)
        with self.assertRaises(MediaError):
            strip_image_metadata(b"not an image at all")


@tagged("post_install", "-at_install")
class TestRepairOfferMedia(RepairOfferCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_conditions()
        cls.offer = cls._create_offer()
        cls.brakes, cls.chain, cls.service = cls.offer.line_ids.sorted("id")
        cls.mechanic = new_test_user(
            cls.env, login="media_mechanic", groups="stock.group_stock_user"
        )
        cls.employee = new_test_user(cls.env, login="media_employee")
        cls.portal = new_test_user(
            cls.env, login="media_portal", groups="base.group_portal"
        )
        cls.Media = cls.env["repair.offer.line.media"]

    def _photo(self, line, user=None):
        model = self.Media.with_user(user or self.mechanic)
        return model.create(
            {"line_id": line.id, "image_1920": base64.b64encode(gps_jpeg())}
        )

    def _stored(self, media, field):
        self.env.flush_all()
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", media._name),
                    ("res_id", "=", media.id),
                    ("res_field", "=", field),
                ]
            )
        )
        self.assertEqual(len(attachment), 1, field)
        self.assertFalse(attachment.public)
        return attachment

    def test_photo_stored_without_location_in_every_size(self):
        media = self._photo(self.brakes)
        self.assertEqual(media.media_type, "image")
        self.assertEqual(media.offer_id, self.offer)
        for field in ("image_1920", "image_512", "image_128"):
            raw = self._stored(media, field).raw
            self.assertEqual(image_gps(raw), {}, field)
            self.assertNotIn(b"WorkshopPhone", raw)
        # a new photo written over it is cleaned too
        media.write({"image_1920": base64.b64encode(gps_jpeg(colour=(0, 90, 0)))})
        self.assertEqual(image_gps(self._stored(media, "image_1920").raw), {})

    def test_video_stored_without_location(self):
        media = self.Media.with_user(self.mechanic).create(
            {
                "line_id": self.brakes.id,
                "video": base64.b64encode(mp4_with_location(b"qt  ")),
                "video_filename": "brakes.mov",
                "video_mimetype": "text/html",
            }
        )
        self.assertEqual(media.media_type, "video")
        self.assertEqual(media.video_mimetype, "video/quicktime")
        raw = self._stored(media, "video").raw
        self.assertNotIn(LOCATION, raw)
        self.assertTrue(raw.endswith(MDAT))
        # the type comes from the file only
        media.with_user(self.mechanic).write({"video_mimetype": "text/html"})
        self.assertEqual(media.video_mimetype, "video/quicktime")

    def test_other_files_refused_with_a_clear_message(self):
        Media = self.Media.with_user(self.mechanic)
        avi = b"RIFF\x00\x10\x00\x00AVI LIST" + bytes(64)
        with self.assertRaisesRegex(UserError, "Only MP4, WebM and MOV"):
            Media.create({"line_id": self.brakes.id, "video": base64.b64encode(avi)})
        too_large = mp4_with_location() + bytes(50 * 1024 * 1024)
        with self.assertRaisesRegex(UserError, "too large"):
            Media.create(
                {"line_id": self.brakes.id, "video": base64.b64encode(too_large)}
            )
        with self.assertRaisesRegex(UserError, "damaged"):
            Media.create(
                {
                    "line_id": self.brakes.id,
                    "video": base64.b64encode(mp4_with_location()[:60]),
                }
            )
        with self.assertRaisesRegex(UserError, "JPEG or PNG"):
            Media.create(
                {"line_id": self.brakes.id, "image_1920": base64.b64encode(b"<html/>x")}
            )
        with self.assertRaisesRegex(UserError, "either a photo or a video"):
            Media.create({"line_id": self.brakes.id})

    def test_photo_added_from_the_line_form_after_sending(self):
        self.offer.action_send()
        action = self.brakes.with_user(self.mechanic).action_open_media()
        self.assertEqual(action["res_id"], self.brakes.id)
        view = self.env["ir.ui.view"].browse(action["views"][0][0])
        with Form(self.brakes.with_user(self.mechanic), view=view) as line_form:
            with line_form.media_ids.new() as media_form:
                media_form.image_1920 = base64.b64encode(gps_jpeg())
        self.assertEqual(len(self.brakes.media_ids), 1)
        self.assertEqual(
            image_gps(self._stored(self.brakes.media_ids, "image_1920").raw), {}
        )
        # a photo is evidence, not a term of the offer: no answer reset, still sent
        self.assertEqual(self.offer.state, "sent")

    def test_staff_only(self):
        media = self._photo(self.brakes)
        for user in (self.employee, self.portal):
            with self.assertRaises(AccessError):
                media.with_user(user).read(["image_128"])
            with self.assertRaises(AccessError):
                self._photo(self.chain, user=user)
            attachment = self._stored(media, "image_1920")
            with self.assertRaises(AccessError):
                attachment.with_user(user).read(["raw"])

    def test_photos_kept_as_the_customer_saw_them_once_answered(self):
        media = self._photo(self.brakes)
        self.offer.action_send()
        # while the offer is open, a better photo changes no answer
        second = self._photo(self.chain)
        self.offer.sudo()._confirm_decisions(
            dict.fromkeys(self.offer.line_ids, "fix"), self.condition
        )
        for model in (media, media.sudo()):
            with self.assertRaisesRegex(UserError, "kept as the customer saw them"):
                model.write(
                    {"image_1920": base64.b64encode(gps_jpeg(colour=(0, 0, 90)))}
                )
            with self.assertRaisesRegex(UserError, "kept as the customer saw them"):
                model.unlink()
        with self.assertRaisesRegex(UserError, "kept as the customer saw them"):
            self._photo(self.service)
        with self.assertRaisesRegex(UserError, "kept as the customer saw them"):
            second.sudo().write({"line_id": self.service.id})
        self.assertEqual(self.offer.line_ids.media_ids, media | second)

    def test_fine_items_ask_no_decision(self):
        self.service.severity = "fine"
        self.brakes.severity = "urgent"
        self.offer.action_send()
        self.assertEqual(
            self.offer._lines_by_severity().mapped("name"),
            ["Brake pads", "New chain", "Full service"],
        )
        self.assertEqual(self.offer.line_ids._to_decide(), self.brakes | self.chain)
        # an answer for the fine item is ignored, none is required
        self.offer.sudo()._confirm_decisions(
            {self.brakes: "fix", self.chain: "no_fix", self.service: "fix"},
            self.condition,
        )
        self.assertEqual(self.offer.state, "confirmed")
        self.assertFalse(self.service.decision)
        self.assertEqual(self.brakes.decision, "fix")

    def test_phone_answer_lists_only_items_to_decide(self):
        self.chain.severity = "fine"
        self.offer.action_send()
        wizard = (
            self.env["repair.offer.answer"]
            .with_user(self.mechanic)
            .with_context(default_offer_id=self.offer.id)
            .create({"told_by": "Anna"})
        )
        self.assertEqual(wizard.line_ids.line_id, self.brakes | self.service)
        wizard.line_ids.decision = "fix"
        wizard.condition_ids = self.condition
        wizard.action_record_answer()
        self.assertEqual(self.offer.state, "confirmed")
        self.assertFalse(self.chain.decision)

    def test_severity_order_on_the_pdf(self):
        self.chain.severity = "urgent"
        self.brakes.severity = "fine"
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "workshop_offer.action_report_repair_offer_accepted", self.offer.ids
            )[0]
        )
        self.assertLess(html.index("New chain"), html.index("Full service"))
        self.assertLess(html.index("Full service"), html.index("Brake pads"))
        self.assertIn("border-danger", html)
        self.assertIn("Checked, fine", html)
