from decimal import Decimal

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from rembug.planning.checks import plan_check
from rembug.planning.models import Funding, Indicator, IndicatorTarget, PlanItemAlignment
from rembug.planning.services import plan_item_input_link, renja_create_from_renstra
from rembug.planning.tests.factories import item, nomenclature
from rembug.testing.fixtures import count_queries

pytestmark = pytest.mark.django_db


def codes(document):
    return {f.code for f in plan_check(document).errors}


def test_it_passes_a_complete_renstra(cascade):
    report = plan_check(cascade.renstra)
    assert report.errors == []
    assert report.passed


def test_it_flags_a_sasaran_without_indicator(cascade):
    Indicator.objects.filter(item=cascade.sasaran).delete()
    assert "sasaran_no_indicator" in codes(cascade.renstra)


def test_it_flags_an_indicator_without_unit_baseline_or_target(cascade):
    found = Indicator.objects.get(item=cascade.program)
    found.unit = ""
    found.baseline_value = None
    found.save()
    IndicatorTarget.objects.filter(indicator=found, year=2027).delete()
    assert {"indicator_no_unit", "indicator_no_baseline", "indicator_missing_target"} <= codes(
        cascade.renstra
    )


def test_it_flags_targets_against_the_direction(cascade):
    found = Indicator.objects.get(item=cascade.program)
    IndicatorTarget.objects.filter(indicator=found, year=2027).update(value=Decimal("1"))
    assert "target_against_direction" in codes(cascade.renstra)
    found.direction = Indicator.Direction.LOWER
    found.save()
    assert "target_against_direction" in codes(cascade.renstra)


def test_it_flags_an_end_target_unlike_the_last_year(cascade):
    Indicator.objects.filter(item=cascade.kegiatan).update(end_target=Decimal("999"))
    assert "end_target_mismatch" in codes(cascade.renstra)


def test_it_flags_qualitative_targets_without_justification(cascade):
    found = Indicator.objects.get(item=cascade.kegiatan)
    IndicatorTarget.objects.filter(indicator=found, year=2026).update(
        value=None, qualitative_text="Tersedia"
    )
    assert "qualitative_no_justification" in codes(cascade.renstra)
    found.qualitative_justification = "Keluaran berupa dokumen kebijakan."
    found.save()
    assert "qualitative_no_justification" not in codes(cascade.renstra)


def test_it_flags_codes_outside_the_version_or_the_urusan(cascade, people):
    stray = item(cascade.renstra, "kegiatan", cascade.program, text="Kegiatan tanpa kode")
    assert "no_code" in codes(cascade.renstra)
    stray.delete()
    cascade.renstra.agency.urusan_codes = ["1.03"]
    cascade.renstra.agency.save()
    assert "code_outside_urusan" in codes(cascade.renstra)


def test_it_flags_a_code_under_the_wrong_parent(cascade):
    item(cascade.renstra, "sub_kegiatan", cascade.kegiatan, code="2.16.02.2.01.06")
    assert "code_not_under_parent" in codes(cascade.renstra)


def test_it_flags_funding_that_does_not_add_up(cascade):
    Funding.objects.filter(item=cascade.kegiatan, year=2026).update(amount=Decimal("1"))
    found = codes(cascade.renstra)
    assert "funding_mismatch" in found


def test_it_flags_a_sasaran_aligned_to_nothing(cascade):
    PlanItemAlignment.objects.filter(item=cascade.sasaran).delete()
    assert "sasaran_not_aligned" in codes(cascade.renstra)


def test_it_flags_renja_items_without_renstra_parent(cascade, people):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    assert plan_check(renja).errors == []
    item(renja, "program", text="Program tanpa Renstra", code="2.16.02")
    assert "renja_no_renstra" in codes(renja)


def test_it_reports_the_share_of_sub_kegiatan_answering_inputs(cascade, people):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    subs = list(renja.items.filter(kind="sub_kegiatan"))
    plan_item_input_link(item=subs[0], source_kind="forum_input", source_id=7, by=people.officer)
    report = plan_check(renja)
    assert (report.sub_kegiatan_answering, report.sub_kegiatan_total) == (1, 2)
    assert report.input_share == Decimal("50.0")


def test_its_query_count_does_not_depend_on_the_tree(cascade):
    with count_queries() as small:
        plan_check(cascade.renstra)
    for n in range(3, 12):
        sub = item(cascade.renstra, "sub_kegiatan", cascade.kegiatan, code=f"2.16.03.2.02.{n:02d}")
        item(cascade.renstra, "kegiatan", cascade.program, code="2.16.03.2.01")
        assert sub
    with count_queries() as large:
        plan_check(cascade.renstra)
    assert len(large) == len(small)


def test_the_command_lists_and_checks(cascade, capsys):
    call_command("plan", "list", "--government", "kota-serang")
    out = capsys.readouterr().out
    assert "renstra" in out and "Diskominfo" in out
    call_command(
        "plan", "check", "--government", "kota-serang", "--document", str(cascade.renstra.pk)
    )
    assert "0 error(s)" in capsys.readouterr().out
    Indicator.objects.filter(item=cascade.sasaran).delete()
    with pytest.raises(SystemExit) as exited:
        call_command(
            "plan", "check", "--government", "kota-serang", "--document", str(cascade.renstra.pk)
        )
    assert exited.value.code == 1
    assert "sasaran" in capsys.readouterr().out


def test_the_command_writes_json(cascade, capsys):
    import json

    call_command("plan", "list", "--government", "kota-serang", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert {row["kind"] for row in rows} == {"rpjpd", "rpjmd", "renstra"}
    assert nomenclature("2.16.03").level == "program"


def test_it_warns_about_renja_sub_kegiatan_without_location_or_sumber_dana(cascade, people):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    warnings = {f.code for f in plan_check(renja).warnings}
    assert {"no_location", "no_funding_source"} <= warnings
    assert plan_check(renja).passed


def test_it_warns_about_a_baseline_not_of_the_year_before(cascade):
    Indicator.objects.filter(item=cascade.program).update(baseline_year=2020)
    assert "baseline_year" in {f.code for f in plan_check(cascade.renstra).warnings}


def test_it_flags_a_qualitative_end_target_unlike_the_last_year(cascade):
    found = Indicator.objects.get(item=cascade.kegiatan)
    found.qualitative_justification = "Keluaran berupa dokumen."
    found.end_target = None
    found.end_target_text = "Tersusun"
    found.save()
    IndicatorTarget.objects.filter(indicator=found, year=2029).update(
        value=None, qualitative_text="Terlaksana"
    )
    assert "end_target_mismatch" in codes(cascade.renstra)


def test_it_warns_about_a_period_outside_the_higher_documents(cascade):
    cascade.rpjmd.period_start, cascade.rpjmd.period_end = 2030, 2034
    cascade.rpjmd.save()
    assert "period_outside" in {f.code for f in plan_check(cascade.renstra).warnings}


@given(st.decimals(min_value=0, max_value=10**15, places=2, allow_nan=False))
def test_rupiah_keeps_every_digit(amount):
    from rembug.planning.templatetags.rupiah import rupiah

    text = rupiah(amount)
    assert text.startswith("Rp ")
    whole, _sep, cents = text[3:].partition(",")
    assert Decimal(whole.replace(".", "") + ("." + cents if cents else "")) == amount
    assert all(len(group) == 3 for group in whole.split(".")[1:])
