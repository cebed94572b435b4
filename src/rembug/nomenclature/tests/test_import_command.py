from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "nomenklatur_2019_kabkota_2.16.csv"


@pytest.mark.django_db
def test_it_imports_a_version_with_its_regulation():
    out = StringIO()
    call_command(
        "import_nomenclature",
        str(SAMPLE),
        version_name="Permendagri 90/2019 (sampel 2.16)",
        regulation="Permendagri 90/2019",
        stdout=out,
    )
    assert "32 baru / new" in out.getvalue()
    version = NomenclatureVersion.objects.get()
    assert version.regulation == "Permendagri 90/2019"


@pytest.mark.django_db
def test_the_version_option_is_parsed_from_the_command_line():
    out = StringIO()
    call_command("import_nomenclature", str(SAMPLE), "--version", "sampel", stdout=out)
    assert NomenclatureVersion.objects.get().name == "sampel"


@pytest.mark.django_db
def test_it_reports_items_no_longer_in_the_file(tmp_path):
    call_command("import_nomenclature", str(SAMPLE), version_name="v", stdout=StringIO())
    shorter = tmp_path / "n.csv"
    shorter.write_text(
        "\n".join(SAMPLE.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8"
    )
    out = StringIO()
    call_command("import_nomenclature", str(shorter), version_name="v", stdout=out)
    assert "2.16.03.2.02.11" in out.getvalue()
    assert NomenclatureItem.objects.count() == 32


@pytest.mark.django_db
def test_a_bad_file_fails_with_line_numbers_in_both_languages(tmp_path):
    bad = tmp_path / "n.csv"
    bad.write_text("kode,level,nama\n2.16,bidang_urusan,X\n2.16.7,program,Y\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_nomenclature", str(bad), version_name="v")
    assert "baris 3: kode 2.16.7 tidak sesuai" in str(error.value)
    assert "line 3: the code 2.16.7 fits none" in str(error.value)
    assert not NomenclatureItem.objects.exists()


@pytest.mark.django_db
def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        call_command("import_nomenclature", str(tmp_path / "tidak-ada.csv"), version_name="v")
