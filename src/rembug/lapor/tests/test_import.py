"""The LAPOR! importer on small synthetic exports written by the tests (no real rows)."""

import csv
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from rembug.complaints.models import (
    ArchiveReason,
    Category,
    Classification,
    Complaint,
    ComplaintEvent,
    Privacy,
    ResolvedBy,
    Source,
    Status,
)
from rembug.complaints.tests.factories import serang_regions
from rembug.core.models import AuditEntry
from rembug.lapor.services import lapor_import

OFFICIAL = [
    "Tracking ID",
    "Tanggal Laporan Masuk",
    "Waktu Laporan Masuk",
    "Klasifikasi Laporan",
    "ID Kategori",
    "Kategori",
    "Judul Laporan",
    "Isi Laporan Awal",
    "Isi Laporan Akhir",
    "Tipe Laporan (Anonim/Rahasia)",
    "Sumber Laporan",
    "Instansi Induk",
    "ID Instansi Terdisposisi",
    "Instansi Terdisposisi",
    "Status Laporan",
    "Alasan Tunda/Arsip",
    "Provinsi",
    "Kota/Kabupaten",
    "Kecamatan",
    "Kelurahan",
]
BANDUNG = [
    "tracking_id",
    "tanggal_masuk",
    "waktu_masuk",
    "klasifikasi",
    "id_kategori",
    "kategori",
    "judul",
    "isi_laporan_awal",
    "isi_laporan_akhir",
    "sumber_laporan",
    "instansi_induk",
    "dinas_tujuan",
    "status",
    "alasan_tunda",
    "provinsi",
    "kota_kabupaten",
    "status_final",
    "kecamatan_final",
]


def row(tracking, **values):
    base = {
        "Tracking ID": tracking,
        "Tanggal Laporan Masuk": "23 Sep 2024",
        "Waktu Laporan Masuk": "08:15:00",
        "Klasifikasi Laporan": "Pengaduan Tidak Berkadar Pengawasan",
        "ID Kategori": "950",
        "Kategori": "Jalan Rusak",
        "Judul Laporan": "Jalan rusak di Kasemen",
        "Isi Laporan Awal": "jalan rusak parah",
        "Isi Laporan Akhir": "Jalan rusak parah di depan pasar, mohon segera diperbaiki.",
        "Tipe Laporan (Anonim/Rahasia)": "",
        "Sumber Laporan": "Website",
        "Instansi Induk": "Pemerintah Kota Serang",
        "ID Instansi Terdisposisi": "131410",
        "Instansi Terdisposisi": "Dinas Pekerjaan Umum dan Penataan Ruang Kota Serang",
        "Status Laporan": "Ditutup oleh Sistem",
        "Alasan Tunda/Arsip": "",
        "Provinsi": "Banten",
        "Kota/Kabupaten": "Kota Serang",
        "Kecamatan": "KASEMEN",
        "Kelurahan": "Banten",
    }
    base.update(values)
    return base


def write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def serang(people):
    serang_regions()
    return people


@pytest.mark.django_db
def test_it_imports_the_official_layout(serang, tmp_path):
    path = write_csv(
        tmp_path / "lapor.csv",
        OFFICIAL,
        [
            row("5000001"),
            row(
                "5000002",
                **{
                    "Klasifikasi Laporan": "Pengaduan Berkadar Pengawasan",
                    "Tipe Laporan (Anonim/Rahasia)": "Anonim|Rahasia",
                    "Status Laporan": "Diarsipkan oleh Admin",
                    "Alasan Tunda/Arsip": "Laporan ini diarsipkan karena Tidak Jelas",
                    "Tanggal Laporan Masuk": "5 Agu 2024",
                    "Instansi Terdisposisi": "",
                },
            ),
            row(
                "5000003",
                **{
                    "Klasifikasi Laporan": "Aspirasi",
                    "Tipe Laporan (Anonim/Rahasia)": "Anonim",
                    "Status Laporan": "Menunggu Kelengkapan Informasi",
                    "Kecamatan": "Kecamatan Tidak Ada",
                },
            ),
            row(
                "5000004",
                **{
                    "Status Laporan": "Diarsipkan oleh Pelapor",
                    "Kategori": "Sampah",
                    "ID Kategori": "951",
                },
            ),
        ],
    )
    result = lapor_import(government=serang.government, path=path)
    assert (result.rows, result.created, result.bad_count) == (4, 4, 0)
    first = Complaint.objects.get(lapor_tracking_id="5000001")
    assert first.government == serang.government
    assert first.classification == Classification.PENGADUAN
    assert first.privacy == Privacy.PUBLIC
    assert first.status == Status.CLOSED and first.resolved_by == ResolvedBy.SYSTEM
    assert first.verified_at == first.submitted_at  # closed in LAPOR!: it had been verified
    assert first.source == Source.LAPOR
    assert first.agency == serang.agency_b  # "… Kota Serang" matched by name
    assert (first.kecamatan_id, first.kelurahan_id) == ("36.73.02", "36.73.02.1007")
    assert first.category.name == "Jalan Rusak" and first.category.lapor_id == "950"
    assert first.submitted_at == dt.datetime(2024, 9, 23, 8, 15, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert first.text.startswith("Jalan rusak parah di depan pasar")  # the final text
    second = Complaint.objects.get(lapor_tracking_id="5000002")
    assert second.classification == Classification.PENGADUAN_PENGAWASAN
    assert second.privacy == Privacy.ANONYMOUS_CONFIDENTIAL
    assert second.status == Status.ARCHIVED and second.resolved_by == ResolvedBy.ADMIN
    assert second.archive_reason == ArchiveReason.OTHER
    assert second.submitted_at.date() == dt.date(2024, 8, 5)
    assert second.agency is None and second.verified_at is None
    third = Complaint.objects.get(lapor_tracking_id="5000003")
    assert third.status == Status.NEEDS_INFO and third.kecamatan is None
    assert (
        Complaint.objects.get(lapor_tracking_id="5000004").archive_reason == ArchiveReason.WITHDRAWN
    )
    assert Category.objects.filter(government=serang.government).count() == 2
    event = ComplaintEvent.objects.get(complaint=first)
    assert "5000001" in event.note and event.to_status == Status.CLOSED
    assert AuditEntry.objects.filter(note__contains="LAPOR!").count() == 1
    assert list(Complaint.objects.of(serang.government).public()) == [first]


@pytest.mark.django_db
def test_importing_twice_adds_nothing(serang, tmp_path):
    path = write_csv(tmp_path / "lapor.csv", OFFICIAL, [row(str(5000100 + n)) for n in range(5)])
    assert lapor_import(government=serang.government, path=path, batch_size=2).created == 5
    again = lapor_import(government=serang.government, path=path, batch_size=2)
    assert (again.created, again.already_there) == (0, 5)
    assert Complaint.objects.count() == 5


@pytest.mark.django_db
def test_bad_rows_are_reported_by_row_number_and_the_rest_imported(serang, tmp_path):
    path = write_csv(
        tmp_path / "lapor.csv",
        OFFICIAL,
        [
            row("5000201"),
            row("5000202", **{"Tanggal Laporan Masuk": "kemarin sore"}),
            row("5000203", **{"Status Laporan": "Dibakar"}),
            row("5000204", **{"Isi Laporan Awal": "", "Isi Laporan Akhir": ""}),
            row("5000201"),
            row("", **{"Judul Laporan": "tanpa nomor"}),
            row("5000207", **{"Klasifikasi Laporan": "Pujian"}),
            row("5000208", **{"Tipe Laporan (Anonim/Rahasia)": "Terbuka"}),
            row("5000209", **{"Tanggal Laporan Masuk": "31 Feb 2024"}),
            row("5000210"),
        ],
    )
    result = lapor_import(government=serang.government, path=path)
    assert result.created == 2
    assert [(bad.row, bad.tracking_id) for bad in result.bad] == [
        (3, "5000202"),
        (4, "5000203"),
        (5, "5000204"),
        (6, "5000201"),
        (7, ""),
        (8, "5000207"),
        (9, "5000208"),
        (10, "5000209"),
    ]
    assert "row 2" in result.bad[3].reason


@pytest.mark.django_db
def test_it_reads_the_bandung_layout_and_hides_what_it_cannot_classify(serang, tmp_path):
    path = write_csv(
        tmp_path / "bandung.csv",
        BANDUNG,
        [
            {
                "tracking_id": "6000001",
                "tanggal_masuk": "2023-05-29 00:00:00",
                "waktu_masuk": "04:05:34",
                "klasifikasi": "",
                "id_kategori": "1454",
                "kategori": "Bantuan Sosial",
                "judul": "Bantuan banjir",
                "isi_laporan_awal": "Warga belum menerima bantuan banjir.",
                "isi_laporan_akhir": "Warga belum menerima bantuan banjir sejak bulan lalu.",
                "sumber_laporan": "Hotline Service",
                "instansi_induk": "Pemerintah Kota Serang",
                "dinas_tujuan": "Dinas Komunikasi dan Informatika Kab. Serang",
                "status": "Ditutup Oleh Admin",
                "alasan_tunda": "",
                "provinsi": "Banten",
                "kota_kabupaten": "Kota Serang",
                "status_final": "Selesai",
                "kecamatan_final": "Serang",
            }
        ],
    )
    result = lapor_import(government=serang.government, path=path)
    assert result.created == 1
    complaint = Complaint.objects.get()
    assert complaint.privacy == Privacy.ANONYMOUS_CONFIDENTIAL  # no Tipe column: hide
    assert complaint.classification == Classification.PENGADUAN
    assert complaint.resolved_by == ResolvedBy.ADMIN
    assert complaint.agency == serang.agency
    assert complaint.kecamatan_id == "36.73.01"
    assert complaint.submitted_at.astimezone(ZoneInfo("Asia/Jakarta")).hour == 4


@pytest.mark.django_db
def test_it_reads_xlsx(serang, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(OFFICIAL)
    values = row("5000301")
    values["Tanggal Laporan Masuk"] = dt.date(2024, 3, 1)  # Excel cells carry no zone
    values["Tracking ID"] = 5000301
    sheet.append([values[name] for name in OFFICIAL])
    path = tmp_path / "lapor.xlsx"
    workbook.save(path)
    result = lapor_import(government=serang.government, path=path)
    assert result.created == 1
    assert Complaint.objects.get().lapor_tracking_id == "5000301"


@pytest.mark.django_db
def test_an_interrupted_import_leaves_whole_batches_and_resumes(serang, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "lapor.csv", OFFICIAL, [row(str(5000400 + n)) for n in range(6)])
    from rembug.lapor import services

    real = services.insert_many
    calls = {"n": 0}

    def failing(model, objects):
        calls["n"] += 1
        if calls["n"] == 4:  # the second batch's timeline entries, after its reports
            raise RuntimeError("listrik padam")
        return real(model, objects)

    monkeypatch.setattr(services, "insert_many", failing)
    with pytest.raises(RuntimeError):
        lapor_import(government=serang.government, path=path, batch_size=2)
    assert Complaint.objects.count() == 2  # batch 1 whole, batch 2 not at all
    assert ComplaintEvent.objects.count() == 2
    monkeypatch.setattr(services, "insert_many", real)
    resumed = lapor_import(government=serang.government, path=path, batch_size=2)
    assert (resumed.created, resumed.already_there) == (4, 2)
    assert Complaint.objects.count() == ComplaintEvent.objects.count() == 6


@pytest.mark.django_db
def test_the_command_writes_a_mapping_to_edit_and_uses_it(serang, tmp_path, capsys):
    path = write_csv(
        tmp_path / "lapor.csv",
        OFFICIAL,
        [
            row("5000501", **{"Instansi Terdisposisi": "Dinas Kominfo Serang"}),
            row("5000502"),
        ],
    )
    mapping = tmp_path / "mapping.csv"
    call_command(
        "import_lapor", str(path), "--government", "kota-serang", "--write-mapping", str(mapping)
    )
    assert Complaint.objects.count() == 0
    with mapping.open() as handle:
        draft = list(csv.DictReader(handle))
    assert draft == [
        {"lapor_instansi": "Dinas Kominfo Serang", "agency_short_name": ""},
        {
            "lapor_instansi": "Dinas Pekerjaan Umum dan Penataan Ruang Kota Serang",
            "agency_short_name": "DPUPR",
        },
    ]
    mapping.write_text(
        "lapor_instansi,agency_short_name\nDinas Kominfo Serang,Diskominfo\n", encoding="utf-8"
    )
    capsys.readouterr()
    call_command(
        "import_lapor",
        str(path),
        "--government",
        "kota-serang",
        "--mapping",
        str(mapping),
        "--quiet",
    )
    out = capsys.readouterr().out
    assert "2 imported" in out
    assert Complaint.objects.get(lapor_tracking_id="5000501").agency == serang.agency


@pytest.mark.django_db
def test_the_command_lists_bad_rows_and_unmatched_agencies(serang, tmp_path, capsys):
    path = write_csv(
        tmp_path / "lapor.csv",
        OFFICIAL,
        [
            row("5000601", **{"Instansi Terdisposisi": "Badan Entah"}),
            row("5000602", **{"Status Laporan": "?"}),
        ],
    )
    call_command("import_lapor", str(path), "--government", "kota-serang")
    out = capsys.readouterr().out
    assert "row 3 (Tracking ID 5000602)" in out
    assert "Badan Entah" in out


@pytest.mark.django_db
def test_the_command_refuses_a_file_that_is_not_an_export(serang, tmp_path):
    path = tmp_path / "lain.csv"
    path.write_text("nama,alamat\nSiti,Serang\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Not a LAPOR! export"):
        call_command("import_lapor", str(path), "--government", "kota-serang")
    with pytest.raises(CommandError, match="No government"):
        call_command("import_lapor", str(path), "--government", "tidak-ada")


@pytest.mark.django_db
def test_the_tracking_id_lookup_uses_the_unique_index(serang):
    from django.db import connection

    from rembug.lapor.services import LaporImporter

    plan = LaporImporter(government=serang.government)._by_tracking_id(["1", "2"]).explain()
    if connection.vendor == "sqlite":
        assert "complaint_government_lapor_id" in plan


@pytest.mark.django_db
def test_the_imported_history_trains_the_routing_model(serang, tmp_path, capsys):
    from rembug.triage.models import TriageModel

    rows = []
    for i in range(20):
        rows.append(row(f"51000{i:02}", **{"Isi Laporan Akhir": f"Jalan rusak berlubang RT {i}"}))
        rows.append(
            row(
                f"52000{i:02}",
                **{
                    "Kategori": "Internet",
                    "Judul Laporan": "Wifi publik mati",
                    "Isi Laporan Akhir": f"Wifi gratis di taman {i} tidak tersambung internet",
                    "Instansi Terdisposisi": "Dinas Komunikasi dan Informatika Kota Serang",
                },
            )
        )
    path = write_csv(tmp_path / "lapor.csv", OFFICIAL, rows)
    call_command("import_lapor", str(path), "--government", "kota-serang", "--quiet")
    assert "retraining queued" in capsys.readouterr().out
    model = TriageModel.objects.get(government=serang.government, is_active=True)
    assert model.metrics["n_reports"] == 40 and model.metrics["n_agencies"] == 2

    more = write_csv(tmp_path / "more.csv", OFFICIAL, [row("5300001"), row("5300002")])
    call_command(
        "import_lapor", str(more), "--government", "kota-serang", "--quiet", "--no-retrain"
    )
    assert "retraining" not in capsys.readouterr().out
    assert TriageModel.objects.filter(government=serang.government).count() == 1
