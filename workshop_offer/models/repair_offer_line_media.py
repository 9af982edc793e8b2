# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import binascii

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.media_metadata import (
    VIDEO_MIMETYPES,
    MediaError,
    strip_image_metadata,
    strip_video_location,
    video_mimetype,
)

# a short video of the worn part, not a film
VIDEO_MAX_BYTES = 50 * 1024 * 1024
IMAGE_FIELDS = ("image_1920", "image_1024", "image_512", "image_256", "image_128")
# the sizes the offer page may ask for (image.mixin's variants)
IMAGE_SIZES = {"128", "256", "512", "1024", "1920"}
# the customer decided on what they saw: the photos stay as they were
FROZEN_STATES = ("confirmed", "closed", "done", "cancelled")


class RepairOfferLineMedia(models.Model):
    """A photo or a short video of an intervention, taken in the workshop
    and shown to the customer on the offer page (through its token only).

    Where it was taken is removed on write: photos are encoded again without
    their metadata (then resized by image.mixin), videos have their location
    boxes neutralised. The files are attachments of this model, never public:
    only repair users read them, the customer through the offer's route."""

    _name = "repair.offer.line.media"
    _description = "Repair Offer Intervention Photo or Video"
    _inherit = ["image.mixin"]
    _order = "line_id, sequence, id"
    _check_company_auto = True

    line_id = fields.Many2one(
        comodel_name="repair.offer.line",
        string="Intervention",
        required=True,
        index=True,
        ondelete="cascade",
    )
    offer_id = fields.Many2one(
        related="line_id.offer_id", store=True, index=True, string="Offer"
    )
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    media_type = fields.Selection(
        selection=[("image", "Photo"), ("video", "Video")],
        string="Type",
        compute="_compute_media_type",
        store=True,
    )
    video = fields.Binary(attachment=True, help="MP4, WebM or MOV, at most 50 MB.")
    video_filename = fields.Char()
    video_mimetype = fields.Char(readonly=True)

    @api.depends("video")
    def _compute_media_type(self):
        for media in self:
            media.media_type = "video" if media.video else "image"

    @api.constrains("image_1920", "video")
    def _check_photo_or_video(self):
        for media in self:
            if bool(media.image_1920) == bool(media.video):
                raise ValidationError(
                    _(
                        "Add either a photo or a video to %(line)s.",
                        line=media.line_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = self.env["repair.offer.line"].browse(
            [vals["line_id"] for vals in vals_list if vals.get("line_id")]
        )
        self._check_not_frozen(lines.offer_id)
        vals_list = [self._clean_media_values(vals) for vals in vals_list]
        media = super().create(vals_list)
        media._check_photo_or_video()
        return media

    def write(self, vals):
        self._check_not_frozen(self.offer_id)
        if vals.get("line_id"):
            line = self.env["repair.offer.line"].browse(vals["line_id"])
            self._check_not_frozen(line.offer_id)
        return super().write(self._clean_media_values(vals))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self._check_not_frozen(self.offer_id)

    @api.model
    def _check_not_frozen(self, offers):
        """Photos are what the customer saw when deciding: once the offer is
        confirmed (or closed, done, cancelled) they are kept as they were,
        for everyone; while it is open, a better photo does not change what
        the customer pays, so no answer is reset."""
        frozen = offers.filtered(lambda offer: offer.state in FROZEN_STATES)
        if frozen:
            raise UserError(
                _(
                    "The customer already answered the offer for %(repair)s: its "
                    "photos and videos are kept as the customer saw them.",
                    repair=frozen[0].repair_id.name,
                )
            )

    @api.model
    def _clean_media_values(self, vals):
        """``vals`` with photos and videos free of location metadata (and
        the video's type read from its bytes)."""
        vals = dict(vals)
        for name in IMAGE_FIELDS:
            if vals.get(name):
                vals[name] = self._clean_image(vals[name])
        if "video" not in vals:
            # the type is read from the video's bytes, never written alone
            vals.pop("video_mimetype", None)
        elif vals["video"]:
            raw = self._decode(vals["video"])
            vals["video_mimetype"] = self._check_video(raw)
            vals["video"] = base64.b64encode(strip_video_location(raw))
        else:
            vals["video_mimetype"] = False
        return vals

    @api.model
    def _decode(self, value):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, TypeError) as error:
            raise UserError(_("This file could not be read.")) from error

    @api.model
    def _clean_image(self, value):
        try:
            return base64.b64encode(strip_image_metadata(self._decode(value)))
        except MediaError as error:
            raise UserError(
                _("This photo could not be read: please take it as JPEG or PNG.")
            ) from error

    @api.model
    def _check_video(self, raw):
        """The video's type, or a refusal a mechanic understands."""
        if len(raw) > VIDEO_MAX_BYTES:
            raise UserError(
                _("This video is too large: keep it under 50 MB (a few seconds).")
            )
        mimetype = video_mimetype(raw)
        if mimetype not in VIDEO_MIMETYPES:
            raise UserError(
                _("Only MP4, WebM and MOV videos can be added to an intervention.")
            )
        try:
            strip_video_location(raw)
        except MediaError as error:
            raise UserError(
                _("This video file is damaged and cannot be added.")
            ) from error
        return mimetype

    def _portal_url(self, size, access_token):
        """The URL of this photo (``size``: 128 ... 1920) or video
        (``"video"``) on the offer page: through the offer's token, with the
        version in the URL so that browsers keep it."""
        self.ensure_one()
        return portal_media_url(
            self.offer_id.access_url, self.id, self.write_date, size, access_token
        )


def portal_media_url(offer_url, media_id, write_date, size, access_token):
    unique = int(write_date.timestamp()) if write_date else 0
    return (
        f"{offer_url}/media/{media_id}/{size}"
        f"?access_token={access_token}&unique={unique}"
    )
