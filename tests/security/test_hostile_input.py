"""Hostile input (issue 10, point 4): script in text fields comes back escaped on every page that
shows it; fake-typed, oversized and bomb-like plan workbooks are refused with a clear message and
change nothing. (Photo bombs, fake images and EXIF: complaints/tests/test_photos.py; LAPOR!,
nomenclature and region imports: their own tests.)"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rembug.complaints.models import Complaint
from rembug.complaints.tests.factories import serang_regions, verified
from rembug.forums.tests.factories import ForumFactory
from rembug.planning.models import PlanItem
from rembug.planning.tests.factories import complete_renstra

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("rembug")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;rembug&quot;)&lt;/script&gt;"


def test_script_in_a_report_is_shown_escaped_to_the_public_and_the_staff(client, people):
    serang_regions()
    response = client.post(
        "/kota-serang/aduan/baru/",
        {
            "title": f"Judul {SCRIPT}",
            "text": f"Isi laporan yang cukup panjang untuk diterima {SCRIPT}",
            "classification": "pengaduan",
            "privacy": "publik",
            "contact_name": f"Nama {SCRIPT}",
        },
    )
    assert response.status_code == 302, response.content[:500]
    complaint = Complaint.objects.get()
    assert SCRIPT in complaint.title  # stored as typed: escaping is the page's job
    verified_report = verified(
        government=people.government, title=f"Terverifikasi {SCRIPT}", text=f"Isi {SCRIPT}"
    )
    pages = [f"/kota-serang/aduan/{verified_report.pk}/", "/kota-serang/aduan/"]
    client.force_login(people.coordinator)
    pages += [f"/kota-serang/aduan/{complaint.pk}/", "/kota-serang/aduan/koordinator/"]
    for url in pages:
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert ESCAPED in html, url


def test_script_in_a_forum_input_is_shown_escaped(client, people):
    forum = ForumFactory(government=people.government, organiser=people.agency)
    client.force_login(people.stakeholder)
    response = client.post(
        f"/kota-serang/forum/{forum.pk}/usulan/baru/",
        {
            "title": f"Usulan {SCRIPT}",
            "text": f"Penjelasan usulan {SCRIPT}",
            "proposer_name": f"Pengusul {SCRIPT}",
            "institution": "Kecamatan Kasemen",
            "institution_kind": "kecamatan",
        },
    )
    assert response.status_code in {302, 422}, response.status_code
    for url in [f"/kota-serang/forum/{forum.pk}/", response.get("Location") or ""]:
        if not url:
            continue
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html, url


def xlsx_bomb(inflated_mb: int) -> bytes:
    """A small .xlsx whose one sheet inflates to ``inflated_mb`` MB of XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        book.writestr("xl/worksheets/sheet1.xml", b"<x>" + b" " * (inflated_mb << 20) + b"</x>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rencana.xlsx", b"Ini bukan buku kerja, hanya teks.", "bukan workbook XLSX"),
        ("rencana.xlsx", b"PK\x03\x04 rusak", "bukan workbook XLSX"),
        ("bom.xlsx", None, "bukan workbook XLSX"),
    ],
    ids=["text-named-xlsx", "truncated-zip", "decompression-bomb"],
)
def test_a_hostile_plan_workbook_is_refused_and_changes_nothing(
    client, people, name, content, message
):
    cascade = complete_renstra(people.government, people.agency)
    before = PlanItem.objects.filter(document=cascade.renstra).count()
    client.force_login(people.planner)
    upload = SimpleUploadedFile(name, content if content is not None else xlsx_bomb(200))
    response = client.post(
        f"/kota-serang/rencana/dokumen/{cascade.renstra.pk}/impor/", {"file": upload}
    )
    assert response.status_code == 422
    assert message in response.text
    assert PlanItem.objects.filter(document=cascade.renstra).count() == before


def test_an_oversized_plan_workbook_is_refused(client, people, settings):
    cascade = complete_renstra(people.government, people.agency)
    client.force_login(people.planner)
    big = SimpleUploadedFile("besar.xlsx", b"0" * (20 * 1024 * 1024 + 1))
    response = client.post(
        f"/kota-serang/rencana/dokumen/{cascade.renstra.pk}/impor/", {"file": big}
    )
    assert response.status_code == 422
    assert "lebih dari 20 MB" in response.text
