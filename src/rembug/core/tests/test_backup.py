"""`rembug backup` and `rembug restore` round-trip a small world exactly: every row of every
table and every uploaded file byte for byte; a damaged or foreign file is refused untouched."""

import gzip
import io
import json
import tarfile

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from rembug.complaints.photos import photo_clean
from rembug.complaints.services import (
    complaint_answer,
    complaint_dispatch,
    complaint_submit,
    complaint_verify,
)
from rembug.complaints.tests.factories import photo_upload
from rembug.core.audit import audit_verify
from rembug.governments.services import agency_update


def _world(people):
    """People of every role, an agency's audited change, reports with photos and a timeline."""
    agency_update(agency=people.agency, by=people.coordinator, name="Diskominfo Kota Serang")
    for n in range(3):
        complaint = complaint_submit(
            government=people.government,
            title=f"Jalan berlubang nomor {n}",
            text="Jalan di depan sekolah berlubang dalam dan membahayakan pengendara motor.",
            photos=[photo_clean(photo_upload(f"foto{n}.jpg", size=(60 + n, 40)))],
            contact_name="Siti Rahmawati",
            contact_email="siti@contoh.id",
            by=people.resident,
        )
        complaint_verify(complaint=complaint, by=people.coordinator)
        complaint_dispatch(complaint=complaint, agency=people.agency, by=people.coordinator)
    complaint_answer(complaint=complaint, text="Sudah kami tambal hari ini.", by=people.officer)


def _snapshot(media_root):
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables[model._meta.label] = list(model._base_manager.order_by("pk").values())
    files = {
        p.relative_to(media_root).as_posix(): p.read_bytes()
        for p in sorted(media_root.rglob("*"))
        if p.is_file()
    }
    return tables, files


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_it_round_trips_every_table_and_every_upload(people, media, tmp_path, capsys):
    _world(people)
    before_tables, before_files = _snapshot(media)
    assert len(before_files) == 3
    assert before_tables["complaints.Complaint"] and before_tables["core.AuditEntry"]

    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(archive))
    assert "backup written" in capsys.readouterr().out

    call_command("flush", interactive=False)  # wipe: the tables, then the uploads
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert not apps.get_model("complaints", "Complaint").objects.exists()

    call_command("restore", str(archive), interactive=False)
    after_tables, after_files = _snapshot(media)
    assert after_files == before_files
    assert after_tables.keys() == before_tables.keys()
    for label, rows in before_tables.items():
        assert after_tables[label] == rows, label
    assert list(audit_verify()) == []  # the chain and its sealed head came back intact

    # New rows after a restore get fresh ids (sequences follow the restored rows).
    agency_update(agency=people.agency, by=people.coordinator, short_name="Kominfo")
    assert list(audit_verify()) == []


@pytest.mark.django_db
def test_check_reads_the_whole_archive_without_changing_anything(people, media, tmp_path, capsys):
    _world(people)
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(archive))
    call_command("restore", str(archive), "--check")
    assert "backup intact" in capsys.readouterr().out


def _rewrite(archive, target, change):
    """Copy ``archive`` to ``target``, passing each member's bytes through ``change``."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))


@pytest.fixture
def archive(people, media, tmp_path):
    _world(people)
    path = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(path))
    return path


def _refused(path, match):
    rows = apps.get_model("complaints", "Complaint").objects.count()
    with pytest.raises(CommandError, match=match):
        call_command("restore", str(path), interactive=False)
    assert apps.get_model("complaints", "Complaint").objects.count() == rows  # nothing changed


@pytest.mark.django_db
def test_a_changed_row_is_refused(archive, tmp_path):
    bad = tmp_path / "ubah.tar.gz"
    _rewrite(
        archive,
        bad,
        lambda name, data: (
            data.replace(b"Siti Rahmawati", b"Siti Rahmawatx") if name == "data.jsonl" else data
        ),
    )
    _refused(bad, "Cadangan rusak")


@pytest.mark.django_db
def test_a_changed_upload_is_refused(archive, tmp_path):
    bad = tmp_path / "foto.tar.gz"
    _rewrite(
        archive, bad, lambda name, data: data[:-1] + b"\0" if name.startswith("media/") else data
    )
    _refused(bad, "file .* is missing or changed")


@pytest.mark.django_db
def test_a_truncated_file_is_refused(archive, tmp_path):
    bad = tmp_path / "potong.tar.gz"
    bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    _refused(bad, "rusak")


@pytest.mark.django_db
def test_a_foreign_file_is_refused(people, tmp_path):
    not_tar = tmp_path / "laporan.tar.gz"
    not_tar.write_bytes(gzip.compress(b"bukan arsip"))
    _refused(not_tar, "bukan cadangan Rembug")
    other = tmp_path / "lain.tar.gz"
    with tarfile.open(other, "w:gz") as out:
        blob = json.dumps({"format": "something-else"}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(blob)
        out.addfile(info, io.BytesIO(blob))
    _refused(other, "not a Rembug backup")


@pytest.mark.django_db
def test_an_archive_from_another_schema_is_refused(archive, tmp_path):
    bad = tmp_path / "skema.tar.gz"

    def older(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"] = manifest["migrations"][:-1]
        return json.dumps(manifest).encode()

    _rewrite(archive, bad, older)
    _refused(bad, "schema differs")


@pytest.mark.django_db
def test_a_path_outside_the_media_folder_is_refused(archive, tmp_path):
    bad = tmp_path / "jahat.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(bad, "w:gz") as out:
        for member in source:
            out.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo("media/../../etc/passwd")
        info.size = 1
        out.addfile(info, io.BytesIO(b"x"))
    _refused(bad, "Unexpected file")
