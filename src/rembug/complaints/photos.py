"""Checking and cleaning uploaded photos before they are stored.

A photo is judged by its content, never by its name or declared type: Pillow must read it as
JPEG, PNG or WebP. It is decoded under a pixel limit (a decompression bomb is refused before it
is expanded), turned upright, scaled down to a sensible size and re-encoded, which drops every
metadata block (camera, owner, time, GPS). The GPS position is written back only when the
reporter chose to share their location.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTOS = 5
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # far above any phone camera; a 50,000 × 50,000 "photo" is a bomb
MAX_EDGE = 2560  # what a report needs; keeps storage and pages light
GPS_IFD = 0x8825
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str
    width: int | None = None
    height: int | None = None


def _refuse(message: Any) -> ValidationError:
    return ValidationError(message, code="invalid_photo")


def photo_clean(upload: Any, *, keep_location: bool = False) -> CleanFile:
    """Read an uploaded file as a photo and return it re-encoded, or raise ValidationError."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise _refuse(_("A photo may be at most 5 MB."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _refuse(_("A photo may be at most 5 MB."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise _refuse(_("Only JPEG, PNG or WebP photos are accepted."))
            if image.width * image.height > MAX_PIXELS:
                raise _refuse(_("This image is too large in pixels to be a photo."))
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(_("This file is not a JPEG, PNG or WebP photo.")) from None
    except (OSError, SyntaxError, ValueError):
        raise _refuse(_("This photo is damaged and cannot be read.")) from None
    source_format = image.format
    gps = image.getexif().get_ifd(GPS_IFD) if keep_location else {}
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((MAX_EDGE, MAX_EDGE))
    content_type, extension = FORMATS[source_format]
    exif = Image.Exif()
    if gps:
        exif[GPS_IFD] = dict(gps)
    out = io.BytesIO()
    if source_format == "JPEG":
        upright.convert("RGB").save(out, "JPEG", quality=85, optimize=True, exif=exif.tobytes())
    elif source_format == "WEBP":
        upright.save(out, "WEBP", quality=85, exif=exif.tobytes())
    else:
        upright.save(out, "PNG", optimize=True, exif=exif.tobytes())
    return CleanFile(out.getvalue(), content_type, extension, upright.width, upright.height)


def document_clean(upload: Any) -> CleanFile:
    """An agency's attachment: a photo as above, or a PDF (checked by its signature)."""
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        return photo_clean(upload)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _refuse(_("A document may be at most 5 MB."))
    return CleanFile(data, "application/pdf", "pdf")
