import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from rembug.planning.checks import plan_check
from rembug.planning.importing import PlanImportError, plan_import
from rembug.planning.models import DocumentState, Funding, Indicator, PlanItem
from rembug.planning.selectors import plan_tree
from rembug.planning.services import renja_create_from_renstra
from rembug.planning.tests.factories import PlanDocumentFactory
from rembug.planning.xlsx_template import plan_template_xlsx

pytestmark = pytest.mark.django_db


def empty_copy(cascade):
    return PlanDocumentFactory(
        government=cascade.renstra.government,
        kind="renstra",
        agency=cascade.renstra.agency,
        title="Renstra impor",
        nomenclature_version=cascade.renstra.nomenclature_version,
        based_on=cascade.rpjmd,
        state=DocumentState.DRAFT,
    )


def edited(data, change):
    book = load_workbook(io.BytesIO(data))
    change(book.active)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_a_renstra_makes_a_round_trip(cascade, people):
    data = plan_template_xlsx(cascade.renstra)
    target = empty_copy(cascade)
    count = plan_import(document=target, file=io.BytesIO(data), by=people.officer)
    assert count == PlanItem.objects.filter(document=cascade.renstra).count()
    assert plan_check(target).errors == []
    original, copy = plan_tree(cascade.renstra), plan_tree(target)
    assert [(n.item.kind, n.item.code, n.item.text) for n in original.walk()] == [
        (n.item.kind, n.item.code, n.item.text) for n in copy.walk()
    ]
    assert copy.totals() == original.totals()
    assert Indicator.objects.filter(item__document=target).count() == 6


def test_an_error_anywhere_changes_nothing_and_names_the_rows(cascade, people):
    target = empty_copy(cascade)
    PlanItem.objects.create(
        government=target.government, document=target, kind="tujuan", text="Tetap ada"
    )

    def spoil(sheet):
        sheet["C4"] = "9.99.99"  # program code not in the version
        sheet["B7"] = "visi"  # a visi under a kegiatan
        sheet.cell(row=5, column=16).value = "banyak"  # a pagu that is no number

    with pytest.raises(PlanImportError) as raised:
        plan_import(
            document=target,
            file=edited(plan_template_xlsx(cascade.renstra), spoil),
            by=people.officer,
        )
    rows = {e.row for e in raised.value.errors}
    assert {4, 5, 7} <= rows
    assert list(target.items.values_list("text", flat=True)) == ["Tetap ada"]


def test_a_file_of_another_shape_is_refused(cascade, people):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    with pytest.raises(PlanImportError) as raised:
        plan_import(
            document=renja, file=io.BytesIO(plan_template_xlsx(cascade.renstra)), by=people.officer
        )
    assert raised.value.errors[0].row == 1
    with pytest.raises(PlanImportError):
        plan_import(document=renja, file=io.BytesIO(b"not a workbook"), by=people.officer)


def test_a_renja_row_must_trace_to_the_renstra(cascade, people):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    data = plan_template_xlsx(renja)
    assert plan_import(document=renja, file=io.BytesIO(data), by=people.officer) == 4
    assert all(i.source_item_id for i in renja.items.all())
    assert Funding.objects.get(
        item__document=renja, item__code="2.16.03", year=2027
    ).amount == Decimal("200000000")

    def stray(sheet):
        sheet["C5"] = "2.16.03.2.02.09"  # a sub kegiatan the Renstra does not hold

    with pytest.raises(PlanImportError) as raised:
        plan_import(document=renja, file=edited(data, stray), by=people.officer)
    assert [e.row for e in raised.value.errors] == [5]


def test_the_views_download_and_import(client, people, cascade):
    page = f"/kota-serang/rencana/dokumen/{cascade.renstra.pk}/templat.xlsx"
    response = client.get(page)
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxml"
    )
    target = empty_copy(cascade)
    upload = f"/kota-serang/rencana/dokumen/{target.pk}/impor/"
    assert client.get(upload).status_code == 302
    client.force_login(people.officer_b)
    assert client.get(upload).status_code == 403
    client.force_login(people.officer)
    assert client.get(upload).status_code == 200
    bad = io.BytesIO(b"x")
    bad.name = "rencana.xlsx"
    response = client.post(upload, {"file": bad})
    assert response.status_code == 422 and not target.items.exists()
    good = io.BytesIO(response_bytes := client.get(page).content)
    good.name = "rencana.xlsx"
    assert response_bytes
    assert client.post(upload, {"file": good}).status_code == 302
    assert target.items.count() == 6


def test_the_command_imports_into_the_document_the_file_names_or_the_one_given(
    cascade, people, tmp_path, capsys
):
    from django.core.management import call_command

    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    own = tmp_path / "renja.xlsx"
    own.write_bytes(plan_template_xlsx(renja))
    call_command("plan", "import", "--government", "kota-serang", str(own))
    assert f"4 items imported into {renja}" in capsys.readouterr().out

    target = empty_copy(cascade)
    renstra = tmp_path / "renstra.xlsx"
    renstra.write_bytes(plan_template_xlsx(cascade.renstra))
    call_command(
        "plan", "import", "--government", "kota-serang", str(renstra), "--document", str(target.pk)
    )
    assert target.items.count() == PlanItem.objects.filter(document=cascade.renstra).count()
    assert plan_check(target).errors == []


def test_the_command_prints_every_row_error_imports_nothing_and_exits_1(cascade, people, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    target = empty_copy(cascade)

    def spoil(sheet):
        sheet["C4"] = "9.99.99"
        sheet["B7"] = "visi"

    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(edited(plan_template_xlsx(cascade.renstra), spoil).getvalue())
    err = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command(
            "plan", "import", "--government", "kota-serang", str(broken),
            "--document", str(target.pk), stderr=err,
        )  # fmt: skip
    assert exited.value.code == 1
    text = err.getvalue()
    assert "rusak.xlsx, row 4:" in text and "rusak.xlsx, row 7:" in text
    assert "nothing was imported" in text
    assert not target.items.exists()
    # Another government's slug, a file naming no document, an adopted document: refused.
    with pytest.raises(CommandError, match="give --document"):
        call_command("plan", "import", "--government", "kota-tangerang-selatan", str(broken))
    with pytest.raises(CommandError, match="No file"):
        call_command("plan", "import", "--government", "kota-serang", str(tmp_path / "x.xlsx"))
    target.state = DocumentState.DITETAPKAN
    target.save()
    with pytest.raises(CommandError, match=r"read-only|hanya dapat dibaca"):
        call_command(
            "plan", "import", "--government", "kota-serang", str(broken),
            "--document", str(target.pk),
        )  # fmt: skip
