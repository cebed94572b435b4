from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from rembug.regions.models import Region


@pytest.fixture(autouse=True)
def _english():
    """Reasons are matched in English; the Indonesian wording is the translators' to change."""
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_it_imports_a_file_and_prints_counts_per_level(tmp_path):
    path = tmp_path / "wilayah.csv"
    path.write_text("kode,nama,level\n36,Banten,1\n36.73,Kota Serang,2\n", encoding="utf-8")
    out = StringIO()
    call_command("import_regions", str(path), stdout=out)
    assert Region.objects.count() == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    assert lines[0].endswith(": 1") and lines[1].endswith(": 1") and lines[3].endswith(": 0")


@pytest.mark.django_db
def test_a_malformed_file_fails_with_the_line_and_imports_nothing(tmp_path):
    path = tmp_path / "wilayah.csv"
    path.write_text("kode,nama,level\n36,Banten,1\n36.7,Kota Serang,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 3") as error:
        call_command("import_regions", str(path))
    assert "Nothing was imported" in str(error.value)
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        call_command("import_regions", str(tmp_path / "tidak-ada.csv"))
