from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rembug.core.models import AuditEntry
from rembug.planning.checks import plan_check
from rembug.planning.models import DocumentState, Funding, IndicatorTarget, PlanItem
from rembug.planning.selectors import plan_compare
from rembug.planning.services import (
    funding_set,
    indicator_targets_set,
    plan_document_amend,
    plan_document_transition,
    plan_item_create,
    renja_copy_from_previous,
    renja_create_from_renstra,
)

pytestmark = pytest.mark.django_db


def adopt(document, by):
    for state in ("rancangan_akhir", "ditetapkan"):
        if document.state != state:
            plan_document_transition(document=document, to=state, by=by)


def test_it_moves_along_the_transition_table_with_timeline_and_audit(cascade, people):
    renstra = cascade.renstra
    plan_document_transition(
        document=renstra, to="rancangan_akhir", by=people.planner, note="Hasil FGD"
    )
    plan_document_transition(
        document=renstra, to="ditetapkan", by=people.planner, legal_basis="Perwal 1/2025"
    )
    renstra.refresh_from_db()
    assert renstra.state == DocumentState.DITETAPKAN and renstra.adopted_at is not None
    events = list(renstra.events.values_list("from_state", "to_state", "note"))
    assert events[-2:] == [
        ("rancangan", "rancangan_akhir", "Hasil FGD"),
        ("rancangan_akhir", "ditetapkan", ""),
    ]
    assert AuditEntry.objects.filter(object_id=str(renstra.pk), action="transition").count() == 2


def test_it_refuses_a_transition_outside_the_table(cascade, people):
    with pytest.raises(ValidationError):
        plan_document_transition(document=cascade.renstra, to="ditetapkan", by=people.planner)
    with pytest.raises(ValidationError):
        plan_document_transition(document=cascade.renstra, to="diganti", by=people.planner)


def test_an_adopted_document_is_read_only(cascade, people):
    adopt(cascade.renstra, people.planner)
    with pytest.raises(ValidationError):
        plan_item_create(
            document=cascade.renstra, parent=None, kind="tujuan", text="Baru", by=people.planner
        )


def test_a_perubahan_copies_the_tree_and_replaces_the_old_version_on_adoption(cascade, people):
    renstra = cascade.renstra
    adopt(renstra, people.planner)
    with pytest.raises(ValidationError):
        plan_document_amend(document=renstra, reason="  ", by=people.planner)
    amended = plan_document_amend(document=renstra, reason="Penyesuaian RPJMD", by=people.planner)
    assert amended.version == 2 and amended.previous_version == renstra and amended.state == "draft"
    assert amended.items.count() == renstra.items.count()
    assert plan_check(amended).errors == []
    with pytest.raises(ValidationError):
        plan_document_amend(document=renstra, reason="lagi", by=people.planner)

    sub = amended.items.get(previous_item=cascade.subs[0])
    funding_set(item=sub, amounts={2027: Decimal("150000000")}, by=people.officer)
    for parent in (sub.parent, sub.parent.parent):
        funding_set(item=parent, amounts={2027: Decimal("250000000")}, by=people.officer)
    indicator = sub.indicators.get()
    indicator_targets_set(
        indicator=indicator, values={2027: (Decimal("4.5"), "")}, by=people.officer
    )
    changes = plan_compare(renstra, amended)
    changed = {c.node.item.pk: c for c in changes}
    assert changed[sub.pk].funding == [(2027, Decimal("100000000.00"), Decimal("150000000"))]
    assert changed[sub.pk].targets[0][1:] == (2027, "4", "4.5")

    for state in ("rancangan_awal", "rancangan", "rancangan_akhir", "ditetapkan"):
        plan_document_transition(document=amended, to=state, by=people.planner)
    renstra.refresh_from_db()
    assert renstra.state == DocumentState.DIGANTI
    # the old version is still as it was adopted
    assert Funding.objects.get(item=cascade.subs[0], year=2027).amount == Decimal("100000000")


def test_a_renja_is_created_from_its_renstra_with_the_years_values(cascade, people):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    assert renja.period_start == renja.period_end == 2026 and renja.based_on == cascade.renstra
    program = renja.items.get(parent=None)
    assert program.kind == "program" and program.source_item == cascade.program
    sub = renja.items.get(source_item=cascade.subs[0])
    assert {f.year: f.amount for f in sub.funding.all()} == {
        2026: Decimal("100000000"),
        2027: Decimal("100000000"),
    }
    target = IndicatorTarget.objects.get(indicator__item=sub, year=2026)
    assert target.value == Decimal("3")
    indicator = sub.indicators.get()
    assert (indicator.baseline_year, indicator.baseline_value, indicator.end_target) == (
        2025,
        Decimal("2"),
        Decimal("3"),
    )
    assert plan_check(renja).passed


def test_a_renja_is_copied_to_the_next_year(cascade, people):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    following = renja_copy_from_previous(previous=renja, by=people.officer)
    assert following.period_start == 2027 and following.based_on == cascade.renstra
    sub = following.items.get(source_item=cascade.subs[0])
    # last year's prakiraan maju became this year's figures
    assert IndicatorTarget.objects.get(indicator__item=sub, year=2027).value == Decimal("4")
    assert Funding.objects.get(item=sub, year=2027).amount == Decimal("100000000")
    assert plan_check(following).errors == []
    with pytest.raises(ValidationError):
        renja_copy_from_previous(previous=renja, by=people.officer)
    assert (
        PlanItem.objects.filter(document=following).count()
        == PlanItem.objects.filter(document=renja).count()
    )


def test_a_code_outside_the_agency_urusan_is_refused(cascade, people):
    from rembug.planning.tests.factories import nomenclature

    cascade.renstra.agency.urusan_codes = ["1.03"]
    cascade.renstra.agency.save()
    with pytest.raises(ValidationError, match="urusan"):
        plan_item_create(
            document=cascade.renstra,
            parent=cascade.sasaran,
            kind="program",
            nomenclature_item=nomenclature("2.16.02"),
            by=people.planner,
        )


def test_a_program_needs_a_nomenclature_code_in_a_renstra(cascade, people):
    with pytest.raises(ValidationError, match=r"nomenclature|nomenklatur"):
        plan_item_create(
            document=cascade.renstra,
            parent=cascade.sasaran,
            kind="program",
            text="Bebas",
            by=people.planner,
        )
    with pytest.raises(ValidationError):
        plan_item_create(
            document=cascade.renstra,
            parent=cascade.sasaran,
            kind="visi",
            text="x",
            by=people.planner,
        )


def test_a_qualitative_target_needs_a_justification(cascade, people):
    indicator = cascade.kegiatan.indicators.get()
    with pytest.raises(ValidationError):
        indicator_targets_set(
            indicator=indicator, values={2026: (None, "Tersusun")}, by=people.officer
        )


def test_a_document_with_check_errors_is_not_adopted(cascade, people):
    from rembug.planning.models import Indicator

    plan_document_transition(document=cascade.renstra, to="rancangan_akhir", by=people.planner)
    Indicator.objects.filter(item=cascade.sasaran).delete()
    with pytest.raises(ValidationError, match="akuntabel dan terukur"):
        plan_document_transition(document=cascade.renstra, to="ditetapkan", by=people.planner)
    cascade.renstra.refresh_from_db()
    assert cascade.renstra.state == "rancangan_akhir"


def test_a_renja_item_added_by_code_traces_to_the_renstra(cascade, people):
    from rembug.planning.tests.factories import nomenclature

    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    kegiatan = renja.items.get(kind="kegiatan")
    sub = renja.items.filter(kind="sub_kegiatan").first()
    sub.delete()
    again = plan_item_create(
        document=renja,
        parent=kegiatan,
        kind="sub_kegiatan",
        nomenclature_item=nomenclature(sub.code),
        by=people.officer,
    )
    assert again.source_item.document == cascade.renstra


def test_one_renja_per_agency_and_year(cascade, people):
    renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    with pytest.raises(ValidationError):
        renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)


def test_an_indicator_with_a_bad_target_is_not_saved_at_all(cascade, people):
    from rembug.planning.models import Indicator

    before = Indicator.objects.count()
    with pytest.raises(ValidationError):
        from rembug.planning.services import indicator_create

        indicator_create(
            item=cascade.program,
            by=people.officer,
            name="Baru",
            unit="persen",
            targets={2040: (Decimal("1"), "")},
        )
    assert Indicator.objects.count() == before
