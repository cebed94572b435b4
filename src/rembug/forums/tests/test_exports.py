import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from rembug.forums.models import Disposition, Forum
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory, ParticipantFactory


@pytest.fixture
def held(people):
    forum = ForumFactory(
        government=people.government,
        organiser=people.agency,
        phase=Forum.Phase.PUBLISHED,
        title="Forum Perangkat Daerah Diskominfo Kota Serang 2022",
        opened_by="Sekretaris Daerah",
        signatories="Ir. Contoh Kepala — Kepala Diskominfo\nDra. Contoh Notulis — Notulis",
    )
    ParticipantFactory(
        forum=forum,
        name="Anggota Komisi 1",
        institution="DPRD Kota Serang",
        institution_kind="dprd",
        is_speaker=True,
        attended_at=timezone.now(),
    )
    ParticipantFactory(forum=forum, name="Tidak Datang", attended_at=None)
    accepted = ForumInputFactory(
        forum=forum,
        title="Internet gratis di fasilitas publik",
        volume=Decimal(20),
        unit="titik",
        estimated_cost=Decimal(300_000_000),
        support_count=5,
    )
    rejected = ForumInputFactory(forum=forum, title="Bangun menara baru")
    Disposition.objects.create(
        government=forum.government,
        input=accepted,
        outcome="accepted",
        plan_item_label="2.16.02.2.02.01 Akses internet publik",
        decided_at=timezone.now(),
    )
    Disposition.objects.create(
        government=forum.government,
        input=rejected,
        outcome="rejected",
        reason="Bukan kewenangan daerah",
        decided_at=timezone.now(),
    )
    return forum


def export(tmp_path, table, forum, fmt):
    out = tmp_path / f"out.{fmt}"
    call_command(
        "export",
        table,
        "--government",
        "kota-serang",
        "--forum",
        str(forum.pk),
        "--format",
        fmt,
        "-o",
        str(out),
    )
    return out


@pytest.mark.django_db
def test_minutes_as_xlsx(tmp_path, held):
    sheet = load_workbook(export(tmp_path, "forum-minutes", held, "xlsx")).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Anggota Komisi 1" in cells
    assert "Tidak Datang" not in cells
    assert "Internet gratis di fasilitas publik" in cells
    assert "Bangun menara baru" not in cells  # only the agreed priorities
    assert "Ir. Contoh Kepala" in cells
    assert "Sekretaris Daerah" in cells


@pytest.mark.django_db
def test_minutes_as_pdf(tmp_path, held):
    data = export(tmp_path, "forum-minutes", held, "pdf").read_bytes()
    assert data.startswith(b"%PDF")


@pytest.mark.django_db
def test_tc32_as_xlsx_lists_every_input_with_its_answer(tmp_path, held):
    sheet = load_workbook(export(tmp_path, "T-C.32", held, "xlsx")).active
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "T-C.32" in text
    assert "Bangun menara baru" in text and "Bukan kewenangan daerah" in text
    assert "20 titik" in text
    assert "Besaran/Volume" in text


@pytest.mark.django_db
def test_tc32_as_pdf_with_its_numbered_columns_and_the_plan_items_indicator(tmp_path, held, people):
    import subprocess

    from rembug.planning.models import Indicator
    from rembug.planning.tests.factories import PlanDocumentFactory, PlanItemFactory

    renja = PlanDocumentFactory(
        government=people.government,
        kind="renja",
        agency=people.agency,
        state="rancangan",
        period_start=2023,
        period_end=2023,
    )
    sub_kegiatan = PlanItemFactory(document=renja, kind="sub_kegiatan", code="2.16.02.2.02.01")
    Indicator.objects.create(
        government=people.government,
        item=sub_kegiatan,
        name="Titik akses internet publik",
        unit="titik",
        position=1,
    )
    Disposition.objects.filter(outcome="accepted").update(plan_item=sub_kegiatan)
    data = export(tmp_path, "T-C.32", held, "pdf").read_bytes()
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    for header in ("Program/Kegiatan", "Lokasi", "Indikator Kinerja", "Besaran/Volume", "Catatan"):
        assert header in text
    assert " ".join("123456") in " ".join(text.split())  # the row of column numbers
    raw = subprocess.run(  # in drawing order: a cell's wrapped lines follow each other
        ["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "Titik akses internet publik (titik)" in " ".join(raw.split())
    assert "20 titik" in text and "Bukan kewenangan daerah" in " ".join(raw.split())
    assert "1/1" in text.replace(" ", "") and "T-C.32" in text


@pytest.mark.django_db
def test_a_forum_of_another_government_is_refused(tmp_path, people):
    foreign = ForumFactory(government=people.other_government)
    with pytest.raises(CommandError):
        export(tmp_path, "T-C.32", foreign, "xlsx")


@pytest.mark.django_db
def test_a_forum_table_needs_the_forum(tmp_path, people):
    with pytest.raises(CommandError, match="--forum"):
        call_command("export", "T-C.32", "--government", "kota-serang", "-o", str(tmp_path / "x"))


@pytest.mark.django_db
def test_forum_list_gives_the_ids(capsys, held, people):
    ForumFactory(government=people.other_government, title="Forum Tangsel")
    call_command("forum", "list", "--government", "kota-serang", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["inputs"]) for r in rows] == [(held.pk, 2)]
    call_command("forum", "list", "--government", "kota-serang")
    assert "Forum Perangkat Daerah Diskominfo Kota Serang 2022" in capsys.readouterr().out


@pytest.mark.django_db
def test_forum_analyse(capsys, held):
    call_command("forum", "analyse", "--government", "kota-serang", "--forum", str(held.pk))
    assert "themes" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("forum", "list", "--government", "tidak-ada")


@pytest.mark.django_db
def test_identifiers_written_in_an_input_are_masked_in_the_documents(tmp_path, held):
    item = held.inputs.get(title="Internet gratis di fasilitas publik")
    item.title = "Internet gratis, hubungi 0812-3456-7890"
    item.text = "Usul dari warga NIK 3204123456780001 untuk taman kota."
    item.save(update_fields=["title", "text"])
    for table in ("T-C.32", "forum-minutes"):
        sheet = load_workbook(export(tmp_path, table, held, "xlsx")).active
        text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
        assert "3204123456780001" not in text and "0812-3456-7890" not in text
        assert "Internet gratis" in text
