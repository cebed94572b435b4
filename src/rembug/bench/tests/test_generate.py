"""The synthetic data generator: deterministic, within the schema's rules, and pages work on it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from rembug.bench.generate import generate, region_codes
from rembug.bench.tenancy import cross_government_links
from rembug.complaints.models import Complaint, ComplaintEvent, Status
from rembug.forums.models import ForumInput
from rembug.governments.models import Agency, Government
from rembug.monitoring.models import IndicatorRealisation, ReportingPeriod
from rembug.planning.models import Indicator, IndicatorTarget, PlanDocument, PlanItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def _fingerprint() -> list[tuple[str, str, str, str]]:
    return list(
        Complaint.objects.order_by("tracking_code").values_list(
            "tracking_code", "title", "status", "submitted_at"
        )
    )


def test_a_city_is_built_deterministically_and_consistently(client):
    out = StringIO()
    call_command(
        "bench",
        "generate",
        "--scale",
        "city",
        "--seed",
        "7",
        "--reports",
        "400",
        "--forum-inputs",
        "40",
        stdout=out,
        stderr=StringIO(),
    )
    assert "rows/s" in out.getvalue()
    government = Government.objects.get(region_id="32.73")
    assert government.slug == "kota-bandung"
    agencies = Agency.objects.filter(government=government)
    assert agencies.count() == 40
    assert all(a.urusan_codes for a in agencies)
    planned = agencies.exclude(kind=Agency.Kind.KECAMATAN).count()
    assert PlanDocument.objects.filter(government=government, kind="renstra").count() == planned
    assert PlanDocument.objects.filter(government=government, kind="renja").count() == planned
    assert Indicator.objects.filter(government=government).count() > 0
    assert IndicatorTarget.objects.filter(government=government).count() > 0
    assert ReportingPeriod.objects.filter(government=government).count() == planned * 4
    assert IndicatorRealisation.objects.filter(government=government).exists()
    assert Complaint.objects.filter(government=government).count() == 400
    assert ForumInput.objects.filter(government=government).count() == 40
    # Realistic states: mostly closed, some still open; every report has a timeline.
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {Status.CLOSED, Status.IN_PROGRESS} <= statuses
    assert not Complaint.objects.filter(events__isnull=True).exists()
    first = ComplaintEvent.objects.filter(to_status=Status.SUBMITTED).count()
    assert first == 400
    # Every link stays inside its government.
    assert cross_government_links() == {}
    for model, link in [
        (Complaint, "agency__government"),
        (Complaint, "category__government"),
        (ComplaintEvent, "complaint__government"),
        (PlanItem, "document__government"),
        (Indicator, "item__government"),
        (IndicatorRealisation, "period__government"),
        (ForumInput, "forum__government"),
    ]:
        linked = model.objects.exclude(**{f"{link}__isnull": True})
        assert not linked.exclude(**{link: government}).exists(), (model, link)
    # Pages work on it.
    report = Complaint.objects.public().filter(government=government).first()
    for url in [
        "/kota-bandung/",
        "/kota-bandung/aduan/",
        f"/kota-bandung/aduan/{report.pk}/",
        "/kota-bandung/forum/",
        "/kota-bandung/monitoring/",
    ]:
        assert client.get(url).status_code == 200, url


def test_the_same_seed_gives_the_same_reports():
    generate(scale="city", seed=3, reports=200, forum_inputs=10, agencies=6, stream=StringIO())
    first = _fingerprint()
    titles = list(ForumInput.objects.order_by("id").values_list("title", flat=True))
    with transaction.atomic():
        sid = transaction.savepoint()
        Government.objects.filter(region_id="32.73").update(region_id="32.71")
        generate(
            scale="city",
            seed=3,
            reports=200,
            forum_inputs=10,
            agencies=6,
            slug_prefix="lagi-",
            stream=StringIO(),
        )
        again = list(
            Complaint.objects.filter(government__slug="lagi-kota-bandung")
            .order_by("tracking_code")
            .values_list("tracking_code", "title", "status", "submitted_at")
        )
        transaction.savepoint_rollback(sid)
    assert again == first
    assert len(titles) == 10


def test_a_second_run_on_the_same_places_is_refused():
    generate(scale="city", seed=1, reports=10, forum_inputs=1, agencies=3, stream=StringIO())
    with pytest.raises(ValueError, match="already exist"):
        generate(scale="city", seed=1, reports=10, forum_inputs=1, agencies=3, stream=StringIO())


def test_the_larger_scales_lie_on_real_kab_kota():
    generate(scale="city", seed=1, reports=1, forum_inputs=1, agencies=3, stream=StringIO())
    province = region_codes("province")
    assert len(province) == 10 and all(code.startswith("32.") for code in province)
    national = region_codes("national-slice")
    assert len(national) == 50
    assert len({code.split(".")[0] for code in national}) >= 20
