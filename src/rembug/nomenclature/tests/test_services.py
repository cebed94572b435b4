from pathlib import Path

import pytest
from openpyxl import Workbook

from rembug.core.models import AuditEntry
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.nomenclature.services import NomenclatureFileError, nomenclature_import

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "nomenklatur_2019_kabkota_2.16.csv"
V2019 = "Permendagri 90/2019 (sampel 2.16)"

# Real codes and names of Kepmendagri 050-5889/2021 (4-digit sub kegiatan), urusan 2.16.
HEADER_2021 = "kode,level,nama,kinerja,indikator,satuan"
ROWS_2021 = [
    "2,urusan,URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR,,,",
    "2.16,bidang_urusan,URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA,,,",
    "2.16.03,program,PROGRAM APLIKASI INFORMATIKA,,,",
    "2.16.03.2.02,kegiatan,Pengelolaan e-Government di Lingkup Pemerintah Daerah Kabupaten/Kota,,,",
    "2.16.03.2.02.0007,sub_kegiatan,Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis"
    " Elektronik,Aplikasi yang dikembangkan,Jumlah aplikasi yang dikembangkan,Aplikasi",
]


def write(tmp_path: Path, lines: list[str], name: str = "n.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def lines_of(error: pytest.ExceptionInfo[NomenclatureFileError]) -> list[int]:
    return [p.line for p in error.value.problems]


@pytest.mark.django_db
def test_it_imports_the_shipped_2019_sample_and_links_parents():
    result = nomenclature_import(path=SAMPLE, version_name=V2019, regulation="Permendagri 90/2019")
    assert result.created == 32
    version = result.version
    assert version.code_format == NomenclatureVersion.CodeFormat.SUB_2_DIGIT
    counts = {
        level: version.items.filter(level=level).count() for level in NomenclatureItem.Level.values
    }
    assert counts == {
        "urusan": 0,
        "bidang_urusan": 1,
        "program": 2,
        "kegiatan": 3,
        "sub_kegiatan": 26,
    }
    sub = version.items.get(code="2.16.02.2.01.04")
    assert sub.parent.code == "2.16.02.2.01"
    assert sub.parent.parent.code == "2.16.02"
    assert sub.parent.parent.parent.code == "2.16"
    assert sub.parent.parent.parent.parent is None
    assert sub.name == "Pengelolaan Konten dan Perencanaan Media Komunikasi Publik"


@pytest.mark.django_db
def test_it_records_the_import_in_the_audit_trail():
    nomenclature_import(path=SAMPLE, version_name=V2019)
    entry = AuditEntry.objects.get()
    assert entry.action == "create"
    assert entry.changes["items"]["created"] == 32


@pytest.mark.django_db
def test_it_reads_4_digit_codes_and_the_standard_output_columns(tmp_path):
    path = write(tmp_path, [HEADER_2021, *ROWS_2021])
    result = nomenclature_import(path=path, version_name="Kepmendagri 050-5889/2021")
    assert result.version.code_format == NomenclatureVersion.CodeFormat.SUB_4_DIGIT
    sub = result.version.items.get(code="2.16.03.2.02.0007")
    assert sub.unit == "Aplikasi"
    assert sub.indicator == "Jumlah aplikasi yang dikembangkan"
    assert result.version.items.get(code="2.16").parent.code == "2"


@pytest.mark.django_db
def test_it_derives_the_level_when_the_column_is_missing(tmp_path):
    path = write(
        tmp_path,
        [
            "nama;kode",
            "URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA;2.16",
            "PROGRAM APLIKASI INFORMATIKA;2.16.03",
        ],
    )
    result = nomenclature_import(path=path, version_name="v")
    assert result.version.items.get(code="2.16.03").level == "program"
    assert result.version.items.get(code="2.16").level == "bidang_urusan"


@pytest.mark.django_db
def test_it_reads_xlsx(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["kode", "level", "nama"])
    sheet.append(["2.16", "Bidang Urusan", "URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA"])
    sheet.append(["2.16.03", "program", "PROGRAM APLIKASI INFORMATIKA"])
    sheet.append([None, None, None])
    path = tmp_path / "n.xlsx"
    book.save(path)
    result = nomenclature_import(path=path, version_name="v")
    assert result.created == 2


@pytest.mark.django_db
def test_a_code_stored_as_a_number_in_xlsx_is_refused(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["kode", "level", "nama"])
    sheet.append([2.2, "bidang_urusan", "URUSAN PEMERINTAHAN BIDANG STATISTIK"])
    path = tmp_path / "n.xlsx"
    book.save(path)
    with pytest.raises(NomenclatureFileError, match="format the column as text") as error:
        nomenclature_import(path=path, version_name="v")
    assert lines_of(error) == [2]


@pytest.mark.django_db
def test_reimport_is_idempotent():
    nomenclature_import(path=SAMPLE, version_name=V2019)
    again = nomenclature_import(path=SAMPLE, version_name=V2019)
    assert (again.created, again.updated, again.unchanged, again.unlisted) == (0, 0, 32, [])
    assert NomenclatureItem.objects.count() == 32
    assert NomenclatureVersion.objects.count() == 1


@pytest.mark.django_db
def test_reimport_updates_names_adds_items_and_reports_missing_ones_without_deleting(tmp_path):
    path = write(tmp_path, [HEADER_2021, *ROWS_2021])
    first = nomenclature_import(path=path, version_name="v")
    kept = first.version.items.get(code="2.16.03.2.02.0007")
    renamed = ROWS_2021[2].replace(
        "PROGRAM APLIKASI INFORMATIKA", "PROGRAM APLIKASI INFORMATIKA (ubah)"
    )
    new = "2.16.03.2.02.0008,sub_kegiatan,Penyelenggaraan Sistem Penghubung Layanan Pemerintah,,,"
    path = write(tmp_path, [HEADER_2021, *ROWS_2021[:2], renamed, ROWS_2021[3], new])
    result = nomenclature_import(path=path, version_name="v")
    assert (result.created, result.updated, result.unchanged) == (1, 1, 3)
    assert result.unlisted == ["2.16.03.2.02.0007"]
    kept.refresh_from_db()
    assert kept.is_listed is False
    assert result.version.items.get(code="2.16.03").name.endswith("(ubah)")
    # Listed again when a later file has it back.
    path = write(tmp_path, [HEADER_2021, *ROWS_2021])
    nomenclature_import(path=path, version_name="v")
    kept.refresh_from_db()
    assert kept.is_listed is True


@pytest.mark.django_db
def test_reimport_may_add_children_of_items_already_held(tmp_path):
    nomenclature_import(path=write(tmp_path, [HEADER_2021, *ROWS_2021]), version_name="v")
    extra = (
        "2.16.03.2.02.0009,sub_kegiatan,Pengelolaan Government Chief Information Officer (GCIO),,,"
    )
    result = nomenclature_import(
        path=write(tmp_path, [HEADER_2021, *ROWS_2021, extra]), version_name="v"
    )
    assert result.version.items.get(code="2.16.03.2.02.0009").parent.code == "2.16.03.2.02"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lines", "bad_lines", "reason"),
    [
        (["code,name", "2.16,X"], [1], "kode and nama"),
        (["kode,level,nama", "2.16,bidang_urusan"], [2], "expected 3 columns"),
        (["kode,level,nama", ",program,X"], [2], "code is empty"),
        (["kode,level,nama", "2.16.3,program,X"], [2], "fits none"),
        (["kode,level,nama", "2.16.03.3.01,kegiatan,X"], [2], "fits none"),
        (["kode,level,nama", "2.16.03.2.01.123,sub_kegiatan,X"], [2], "fits none"),
        (["kode,level,nama", "2.16,bidang,X"], [2], "unknown level"),
        (["kode,level,nama", "2.16,program,X"], [2], "level column says program"),
        (["kode,level,nama", "2.16,bidang_urusan,"], [2], "name is empty"),
        (
            ["kode,level,nama", "2.16,bidang_urusan,X", "2.16,bidang_urusan,Y"],
            [3],
            "repeats line 2",
        ),
        (["kode,level,nama", "2.16.03,program,X"], [2], "parent 2.16 of 2.16.03"),
        (["kode,level,nama", "2.16.03.2.02.0001,sub_kegiatan,X"], [2], "parent 2.16.03.2.02"),
        (["kode,level,nama"], [1], "no items"),
        (
            [
                "kode,level,nama",
                "2.16,bidang_urusan,A",
                "2.16.03,program,B",
                "2.16.03.2.02,kegiatan,C",
                "2.16.03.2.02.01,sub_kegiatan,D",
                "2.16.03.2.02.0002,sub_kegiatan,E",
            ],
            [6],
            "one version uses one code format",
        ),
    ],
)
def test_a_bad_file_is_refused_with_line_numbers_and_changes_nothing(
    tmp_path, lines, bad_lines, reason
):
    nomenclature_import(path=SAMPLE, version_name=V2019)
    before = list(NomenclatureItem.objects.values_list("code", "name", "is_listed"))
    with pytest.raises(NomenclatureFileError, match=reason) as error:
        nomenclature_import(path=write(tmp_path, lines), version_name="baru")
    assert lines_of(error) == bad_lines
    assert list(NomenclatureItem.objects.values_list("code", "name", "is_listed")) == before
    assert not NomenclatureVersion.objects.filter(name="baru").exists()


@pytest.mark.django_db
def test_a_bad_reimport_leaves_the_version_as_it_was(tmp_path):
    nomenclature_import(path=SAMPLE, version_name=V2019)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("Monitoring Opini", "Pemantauan Opini")
    lines.append("2.16.02.2.01.0013,sub_kegiatan,X,same")
    with pytest.raises(NomenclatureFileError) as error:
        nomenclature_import(path=write(tmp_path, lines), version_name=V2019)
    assert lines_of(error) == [len(lines)]
    assert (
        NomenclatureItem.objects.get(code="2.16.02.2.01.02").name
        == "Monitoring Opini dan Aspirasi Publik"
    )
    assert NomenclatureItem.objects.count() == 32


@pytest.mark.django_db
def test_a_version_keeps_its_code_format(tmp_path):
    nomenclature_import(path=SAMPLE, version_name=V2019)
    with pytest.raises(NomenclatureFileError, match="uses 2-digit sub kegiatan"):
        nomenclature_import(path=write(tmp_path, [HEADER_2021, *ROWS_2021]), version_name=V2019)


@pytest.mark.django_db
def test_errors_are_given_in_indonesian_and_english(tmp_path):
    with pytest.raises(NomenclatureFileError) as error:
        nomenclature_import(
            path=write(tmp_path, ["kode,level,nama", "2.16,bidang_urusan,"]), version_name="v"
        )
    assert str(error.value) == "baris 2: nama kosong / line 2: the name is empty"
