"""Factories for complaints: real Kota Serang kecamatan/kelurahan codes, categories, reports."""

from __future__ import annotations

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rembug.complaints.models import Category, Classification, Complaint, Status
from rembug.regions.models import Region
from rembug.testing.factories import GovernmentFactory, RegionFactory


def serang_regions() -> dict[str, Region]:
    """Kasemen and Serang (kecamatan) with two kelurahan each, under Kota Serang (36.73)."""
    city = Region.objects.get(code="36.73")
    out: dict[str, Region] = {}
    for code, name, villages in [
        ("36.73.02", "Kasemen", [("36.73.02.1001", "Kasemen"), ("36.73.02.1007", "Banten")]),
        ("36.73.01", "Serang", [("36.73.01.1002", "Cipare"), ("36.73.01.1004", "Kota Baru")]),
    ]:
        district = RegionFactory(code=code, name=name, level=3, parent=city)
        out[name] = district
        for vcode, vname in villages:
            out[f"{name}/{vname}"] = RegionFactory(code=vcode, name=vname, level=4, parent=district)
    return out


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    government = factory.SubFactory(GovernmentFactory)
    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")
    default_agency = None


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    government = factory.SubFactory(GovernmentFactory)
    title = factory.Sequence(lambda n: f"Lampu jalan padam nomor {n}")
    text = "Lampu penerangan jalan di gang kami padam sejak seminggu, jalan gelap pada malam hari."
    classification = Classification.PENGADUAN
    status = Status.SUBMITTED
    contact_name = "Siti Rahmawati"


def verified(**kwargs: object) -> Complaint:
    """A public report in the verified status."""
    from django.utils import timezone

    kwargs.setdefault("status", Status.VERIFIED)
    kwargs.setdefault("verified_at", timezone.now())
    return ComplaintFactory(**kwargs)


def photo_bytes(fmt: str = "JPEG", size: tuple[int, int] = (40, 30), exif: object = None) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    if exif is not None:
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


def photo_upload(name: str = "foto.jpg", fmt: str = "JPEG", **kwargs: object) -> SimpleUploadedFile:
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, photo_bytes(fmt, **kwargs), content_type=content_type)
