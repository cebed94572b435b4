"""Back up and restore the whole platform: every table and every uploaded file, in one archive.

The archive is a gzipped tar holding ``manifest.json``, ``data.jsonl`` (every row of every model,
Django's JSON Lines serialisation with primary keys kept) and ``media/…`` (the uploads). Why
Django's serialisation rather than ``pg_dump``: the same file restores into SQLite and PostgreSQL
alike (a demo on SQLite can move to a PostgreSQL server), it needs no client tools of the right
version on the machine, and it is checked row by row against the migrations it came from. For a
very large PostgreSQL database, add ``pg_dump`` with WAL archiving (see the README); this archive
remains the portable copy.

A restore checks everything before it touches anything: the manifest, every member's SHA-256,
and that the database has the same migrations applied. Then, in one transaction, it empties every
table and loads the rows (foreign keys are checked at commit), and only after the commit swaps
the media folder (the old one is kept beside it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "rembug-backup"
VERSION = 1
BATCH = 1000
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup file that cannot be restored; the message is in Indonesian and English."""


@dataclass(frozen=True)
class BackupSummary:
    rows: int
    files: int
    path: Path


def _models(*, with_links: bool = False) -> list[type[models.Model]]:
    """Every concrete model with a table of its own, in dependency order. Many-to-many link
    tables Django makes by itself travel with their model's rows (``with_links`` adds them)."""
    found = [
        model
        for model in apps.get_models(include_auto_created=with_links)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    return serializers.sort_dependencies([(None, found)], allow_cycles=True)


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


class _ExactEncoder(DjangoJSONEncoder):
    """Times with all six digits of microseconds (Django's encoder keeps three, which would
    change every audit entry's time and so break its hash)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _dump_rows(handle: IO[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for model in _models():
        count = 0
        for obj in model._base_manager.order_by("pk").iterator(chunk_size=BATCH):
            (row,) = serializers.serialize("python", [obj])
            handle.write(json.dumps(row, cls=_ExactEncoder, ensure_ascii=False) + "\n")
            count += 1
        counts[_label(model)] = count
    return counts


def backup_create(*, path: Path) -> BackupSummary:
    """Write the archive to ``path`` (through a temporary file: a failed backup leaves no file
    that looks complete)."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="rembug-backup-") as work:
        data = Path(work) / "data.jsonl"
        # One read transaction: the rows of every table come from the same moment.
        outermost = not connection.in_atomic_block
        with transaction.atomic(), data.open("w", encoding="utf-8") as handle:
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = _dump_rows(handle)
            migrations = _applied_migrations()
        files = {name: _sha256_file(source) for name, source in _media_files()}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "rows": counts,
            "data_sha256": _sha256_file(data),
            "media": files,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            blob = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(blob)
            archive.addfile(info, io.BytesIO(blob))
            archive.add(data, arcname="data.jsonl")
            root = Path(settings.MEDIA_ROOT)
            for name in files:
                archive.add(root / name, arcname=f"media/{name}")
        partial.replace(path)
    return BackupSummary(rows=sum(counts.values()), files=len(files), path=path)


def _refuse(id_text: str, en_text: str) -> BackupError:
    return BackupError(f"{id_text} / {en_text}")


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError, EOFError) as error:
        raise _refuse(
            f"Berkas ini bukan cadangan Rembug atau rusak ({error})",
            f"This file is not a Rembug backup or it is damaged ({error})",
        ) from None


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile("manifest.json")
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError):
        manifest = None
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise _refuse(
            f"Cadangan rusak, tidak dapat dibaca ({error})",
            f"The backup is damaged and cannot be read ({error})",
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(
            "Berkas ini bukan cadangan Rembug (tidak ada manifest Rembug)",
            "This file is not a Rembug backup (no Rembug manifest)",
        )
    if manifest.get("version") != VERSION:
        raise _refuse(
            f"Versi cadangan {manifest.get('version')} tidak dikenal",
            f"Unknown backup version {manifest.get('version')}",
        )
    return manifest


def _extract_checked(archive: tarfile.TarFile, manifest: dict[str, Any], into: Path) -> Path:
    """Extract the data and the media into ``into`` and check every hash; nothing else is
    touched. Returns the data file."""
    expected_media: dict[str, str] = manifest.get("media", {})
    seen: set[str] = set()
    data = into / "data.jsonl"
    media = into / "media"
    try:
        for member in archive:
            if member.name == "manifest.json":
                continue
            if member.name == "data.jsonl" and member.isfile():
                target = data
            elif member.name.startswith("media/") and member.isfile():
                name = member.name.removeprefix("media/")
                if name not in expected_media or ".." in Path(name).parts:
                    raise _refuse(
                        f"Berkas tak terduga di cadangan: {member.name}",
                        f"Unexpected file in the backup: {member.name}",
                    )
                target = media / name
                seen.add(name)
            else:
                raise _refuse(
                    f"Isi tak terduga di cadangan: {member.name}",
                    f"Unexpected entry in the backup: {member.name}",
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            with target.open("wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise _refuse(
            f"Cadangan rusak, tidak dapat dibaca sampai akhir ({error})",
            f"The backup is damaged and cannot be read to the end ({error})",
        ) from None
    if not data.exists() or _sha256_file(data) != manifest.get("data_sha256"):
        raise _refuse(
            "Cadangan rusak: data tidak sesuai dengan sidik jarinya",
            "The backup is damaged: the data does not match its checksum",
        )
    for name, digest in expected_media.items():
        if name not in seen or _sha256_file(media / name) != digest:
            raise _refuse(
                f"Cadangan rusak: berkas {name} hilang atau berubah",
                f"The backup is damaged: file {name} is missing or changed",
            )
    return data


def _check_migrations(manifest: dict[str, Any]) -> None:
    ours = _applied_migrations()
    theirs = manifest.get("migrations", [])
    if ours != theirs:
        missing = sorted(set(theirs) - set(ours))[:5]
        extra = sorted(set(ours) - set(theirs))[:5]
        raise _refuse(
            "Skema basis data berbeda dengan cadangan; jalankan versi Rembug yang sama lalu "
            f"`rembug migrate` (kurang: {missing}, lebih: {extra})",
            "The database schema differs from the backup's; run the same Rembug version and "
            f"`rembug migrate` (missing: {missing}, extra: {extra})",
        )


def _empty_every_table(model_list: list[type[models.Model]]) -> None:
    tables = [model._meta.db_table for model in model_list]
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=False, allow_cascade=True
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _load_rows(data: Path) -> int:
    """Insert every row as it was (``raw``: no automatic time stamps, like ``loaddata``); foreign
    keys are checked when the transaction commits, so the order of the rows does not matter."""
    known = {_label(model) for model in _models()}
    links: list[tuple[models.Model, dict[str, Sequence[Any]]]] = []
    total = 0
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            for item in serializers.deserialize("python", [json.loads(line)]):
                obj = item.object
                if _label(type(obj)) not in known:
                    raise _refuse(
                        f"Cadangan memuat tabel yang tidak dikenal: {_label(type(obj))}",
                        f"The backup holds an unknown table: {_label(type(obj))}",
                    )
                obj.save_base(raw=True, force_insert=True)
                if item.m2m_data:
                    links.append((obj, item.m2m_data))
                total += 1
    for obj, relations in links:
        for name, values in relations.items():
            getattr(obj, name).set(values)
    return total


def _reset_sequences(model_list: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _swap_media(extracted: Path) -> Path | None:
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    staged = root.with_name(f"{root.name}.restoring")
    shutil.rmtree(staged, ignore_errors=True)
    if extracted.exists():
        shutil.copytree(extracted, staged)
    else:
        staged.mkdir()
    previous = None
    if root.exists():
        previous = root.with_name(f"{root.name}.before-restore-{timezone.now():%Y%m%d%H%M%S}")
        root.rename(previous)
    staged.rename(root)
    return previous


def backup_check(*, path: Path) -> dict[str, Any]:
    """Read and check the whole archive without changing anything; returns its manifest."""
    with tempfile.TemporaryDirectory(prefix="rembug-check-") as work, _open(path) as archive:
        manifest = _read_manifest(archive)
        _extract_checked(archive, manifest, Path(work))
    return manifest


def backup_restore(*, path: Path) -> BackupSummary:
    """Replace every table and the media folder with the archive's. Refuses (BackupError) a
    damaged or foreign file, or one from another schema, before changing anything."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="rembug-restore-") as work, _open(path) as archive:
        manifest = _read_manifest(archive)
        data = _extract_checked(archive, manifest, Path(work))
        _check_migrations(manifest)
        model_list = _models(with_links=True)
        with transaction.atomic():
            _empty_every_table(model_list)
            rows = _load_rows(data)
            _reset_sequences(model_list)
        _swap_media(Path(work) / "media")
    return BackupSummary(rows=rows, files=len(manifest.get("media", {})), path=path)
