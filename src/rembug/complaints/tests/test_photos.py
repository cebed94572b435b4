import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rembug.complaints.photos import GPS_IFD, MAX_BYTES, document_clean, photo_clean
from rembug.complaints.tests.factories import photo_bytes


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "KameraMerek"  # Make
    exif[GPS_IFD] = {1: "S", 2: (6.0, 7.0, 8.0), 3: "E", 4: (106.0, 9.0, 0.0)}
    return exif.tobytes()


def upload(data, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_it_accepts_and_re_encodes_jpeg_png_webp(fmt):
    clean = photo_clean(upload(photo_bytes(fmt)))
    assert Image.open(io.BytesIO(clean.content)).format == fmt
    assert (clean.width, clean.height) == (40, 30)


def test_it_strips_exif_including_gps():
    clean = photo_clean(upload(photo_bytes("JPEG", exif=exif_with_gps())))
    exif = Image.open(io.BytesIO(clean.content)).getexif()
    assert 0x010F not in exif
    assert not exif.get_ifd(GPS_IFD)


def test_it_keeps_only_the_gps_when_the_reporter_shares_the_location():
    clean = photo_clean(upload(photo_bytes("JPEG", exif=exif_with_gps())), keep_location=True)
    exif = Image.open(io.BytesIO(clean.content)).getexif()
    assert 0x010F not in exif
    assert exif.get_ifd(GPS_IFD)[1] == "S"


def test_it_refuses_a_non_image_with_an_image_name():
    with pytest.raises(ValidationError):
        photo_clean(upload(b"<html><script>alert(1)</script></html>"))


def test_it_refuses_a_gif():
    out = io.BytesIO()
    Image.new("RGB", (5, 5)).save(out, "GIF")
    with pytest.raises(ValidationError, match="JPEG"):
        photo_clean(upload(out.getvalue(), "a.gif", "image/gif"))


def test_it_refuses_more_than_5_mb():
    with pytest.raises(ValidationError, match="5 MB"):
        photo_clean(upload(b"\xff\xd8" + b"0" * MAX_BYTES))


def test_it_refuses_a_decompression_bomb():
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")  # tiny file, 400 megapixels
    assert len(out.getvalue()) < MAX_BYTES
    with pytest.raises(ValidationError):
        photo_clean(upload(out.getvalue(), "bom.png", "image/png"))


def test_it_refuses_a_truncated_photo():
    with pytest.raises(ValidationError):
        photo_clean(upload(photo_bytes("JPEG", size=(400, 300))[:300]))


def test_documents_may_be_pdf():
    clean = document_clean(upload(b"%PDF-1.4\n%test\n", "surat.pdf", "application/pdf"))
    assert clean.content_type == "application/pdf"
