import pytest

from rembug.cli import main
from rembug.regions.models import Region

REGIONS = "kode,nama,level\n36,BANTEN,1\n36.73,KOTA SERANG,2\n36.73.01,Serang,3\n"


# transaction=True: like any command run from the shell, it closes the database connections at
# the end, which would break the transaction an ordinary test runs in (on PostgreSQL).
@pytest.mark.django_db(transaction=True)
def test_import_regions_maps_to_the_management_command(tmp_path, capsys):
    file = tmp_path / "wilayah.csv"
    file.write_text(REGIONS, encoding="utf-8")
    main(["rembug", "import-regions", str(file)])
    assert Region.objects.get(code="36.73.01").parent_id == "36.73"
    assert Region.objects.count() == 3
    assert capsys.readouterr().out.strip()


@pytest.mark.django_db(transaction=True)
def test_a_failing_command_exits_with_its_message(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["rembug", "import-regions", str(tmp_path / "tidak-ada.csv")])
    assert exit_info.value.code == 1
    assert "tidak-ada.csv" in capsys.readouterr().err


def test_options_are_not_rewritten(capsys):
    main(["rembug", "--version"])
    assert capsys.readouterr().out.strip().startswith("5.2")
