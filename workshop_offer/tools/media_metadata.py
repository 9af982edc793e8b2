# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where a photo or a video was taken stays in the workshop's phone: pure
functions that remove location metadata from the files a mechanic uploads.

* photos are decoded and encoded again from their pixels (turned upright as
  their EXIF orientation says): no EXIF (GPS included), XMP or text chunk
  survives. Odoo's ``image_process`` alone returns a small image unchanged,
  metadata included;
* MP4 / QuickTime videos keep the location in boxes of the ``moov`` box:
  ``©xyz`` (QuickTime, Android), ``loci`` (3GPP) and the ``meta`` box (Apple's
  ``com.apple.quicktime.location.ISO6709`` key, the camera's make and model).
  Those boxes are renamed ``free`` (a box every player skips) and their
  content zeroed: same size, no offset moves, the file plays as before.
  WebM files from phones carry no location.
"""

import io
import struct

from PIL import Image

from odoo.tools.image import IMAGE_MAX_RESOLUTION, image_fix_orientation

VIDEO_MP4 = "video/mp4"
VIDEO_QUICKTIME = "video/quicktime"
VIDEO_WEBM = "video/webm"
VIDEO_MIMETYPES = (VIDEO_MP4, VIDEO_WEBM, VIDEO_QUICKTIME)
# boxes that may hold the place a video was shot, inside "moov"
LOCATION_BOXES = {b"\xa9xyz", b"loci", b"meta"}
# the boxes of "moov" that can hold them
LOCATION_CONTAINERS = {b"moov", b"trak", b"udta"}
# the first box of a QuickTime movie without "ftyp" (older cameras)
QUICKTIME_FIRST_BOXES = {b"moov", b"mdat", b"wide", b"free", b"skip"}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"


class MediaError(ValueError):
    """The file is not a photo or a video we can clean."""


def strip_image_metadata(raw):
    """``raw`` image bytes encoded again without any metadata: PNG stays
    PNG (transparency), anything else becomes JPEG."""
    try:
        image = Image.open(io.BytesIO(raw))
        width, height = image.size
        if width * height > IMAGE_MAX_RESOLUTION:
            raise MediaError("too many pixels")
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise MediaError("not an image") from error
    source_format = (image.format or "").upper()
    image = image_fix_orientation(image)
    image.info = {}
    output = io.BytesIO()
    if source_format == "PNG":
        image.save(output, format="PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(output, format="JPEG", quality=90, optimize=True)
    return output.getvalue()


def video_mimetype(raw):
    """The video type of ``raw`` read from its first bytes (never from the
    file name), or None."""
    if raw[:4] == EBML_MAGIC and b"webm" in raw[:64]:
        return VIDEO_WEBM
    if len(raw) < 12:
        return None
    kind = raw[4:8]
    if kind == b"ftyp":
        return VIDEO_QUICKTIME if raw[8:12] == b"qt  " else VIDEO_MP4
    if kind in QUICKTIME_FIRST_BOXES:
        return VIDEO_QUICKTIME
    return None


def _boxes(data, start, end):
    """``(offset, type, header size, size)`` of the boxes of ``data``
    between ``start`` and ``end``."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            if pos + 16 > end:
                raise MediaError("truncated box")
            size = struct.unpack_from(">Q", data, pos + 8)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise MediaError("malformed box")
        yield pos, kind, header, size
        pos += size


def _free_location_boxes(data, start, end):
    for pos, kind, header, size in _boxes(data, start, end):
        if kind in LOCATION_BOXES:
            data[pos + 4 : pos + 8] = b"free"
            data[pos + header : pos + size] = bytes(size - header)
        elif kind in LOCATION_CONTAINERS:
            _free_location_boxes(data, pos + header, pos + size)


def strip_video_location(raw):
    """``raw`` MP4 / QuickTime bytes with their location boxes renamed
    ``free`` and emptied; WebM bytes unchanged."""
    if video_mimetype(raw) == VIDEO_WEBM:
        return raw
    data = bytearray(raw)
    for pos, kind, header, size in _boxes(data, 0, len(data)):
        if kind == b"moov":
            _free_location_boxes(data, pos + header, pos + size)
    return bytes(data)
