"""``rembug export`` and the download view."""

from __future__ import annotations

from io import BytesIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse


def _url(people, table, document, fmt="xlsx"):
    return reverse(
        "monitoring:export",
        kwargs={
            "government": people.government.slug,
            "table": table,
            "document_id": document.pk,
            "fmt": fmt,
        },
    )


def test_it_exports_from_the_command_line(cascade, people, tmp_path):
    target = tmp_path / "tc27.xlsx"
    call_command(
        "export",
        "T-C.27",
        government=people.government.slug,
        document=cascade.renstra.pk,
        fmt="xlsx",
        output=str(target),
    )
    assert openpyxl.load_workbook(target).active["A1"].value == "T-C.27"


def test_it_refuses_unknown_tables_and_documents(cascade, people, tmp_path):
    with pytest.raises(CommandError, match="Unknown table"):
        call_command("export", "T-Z.9", government=people.government.slug, document=1, output="x")
    with pytest.raises(CommandError):
        call_command(
            "export",
            "T-C.27",
            government=people.other_government.slug,
            document=cascade.renstra.pk,
            output=str(tmp_path / "x"),
        )


def test_it_downloads_a_public_renstra_table_for_anyone(client, cascade, people):
    response = client.get(_url(people, "T-C.27", cascade.renstra))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="T-C.27-{cascade.renstra.pk}.xlsx"'
    )
    assert openpyxl.load_workbook(BytesIO(response.content)).active["A1"].value == "T-C.27"


def test_it_downloads_a_pdf(client, cascade, people):
    response = client.get(_url(people, "T-C.26", cascade.renstra, "pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("resident", 404), ("outsider", 404), ("officer", 200), ("planner", 200)],
)
def test_it_keeps_a_working_draft_to_staff(client, renja, people, who, status):
    user = people.all_roles()[who]
    if user is not None:
        client.force_login(user)
    assert client.get(_url(people, "T-C.33", renja)).status_code == status


def test_it_answers_404_for_a_wrong_table_kind_format_or_method(client, cascade, people):
    assert client.get(_url(people, "T-C.33", cascade.renstra)).status_code == 404
    assert client.get(_url(people, "T-C.27", cascade.renstra, "doc")).status_code == 404
    assert client.get(_url(people, "nope", cascade.renstra)).status_code == 404
    assert client.post(_url(people, "T-C.27", cascade.renstra)).status_code == 405


def test_the_renja_page_links_e81_and_the_e80_of_its_renstra(client, renja, people):
    """Both evaluation tables are reached from the UI: E.81 of the Renja and E.80 of the
    Renstra it carries out (a readable one)."""
    client.force_login(people.officer)
    page = client.get(
        reverse("monitoring:renja", kwargs={"government": people.government.slug, "pk": renja.pk})
    )
    e81, e80 = _url(people, "E.81", renja, "pdf"), _url(people, "E.80", renja.based_on, "pdf")
    assert e81 in page.text and e80 in page.text
    for url in (e81, e80, _url(people, "E.80", renja.based_on)):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith('attachment; filename="E.8')
