import pytest

from rembug.complaints.models import Classification, Complaint, ComplaintEvent, Privacy, Status
from rembug.demo import complaints as demo_complaints
from rembug.demo import foundation
from rembug.demo.context import DemoContext
from rembug.testing.factories import RegionFactory, region_chain

DISTRICTS = {
    "36.73": ["Serang", "Kasemen", "Walantaka", "Curug", "Cipocok Jaya", "Taktakan"],
    "36.74": [
        "Serpong",
        "Serpong Utara",
        "Pondok Aren",
        "Ciputat",
        "Ciputat Timur",
        "Pamulang",
        "Setu",
    ],
}


@pytest.fixture
def ctx(db):
    for code, name in [("36.73", "Kota Serang"), ("36.74", "Kota Tangerang Selatan")]:
        city = region_chain(code, name)
        for n, district in enumerate(DISTRICTS[code], start=1):
            RegionFactory(code=f"{code}.{n:02d}", name=district, level=3, parent=city)
    RegionFactory(code="36.73.02.1001", name="Kasemen", level=4, parent_id="36.73.02")
    context = DemoContext()
    foundation.load(context)
    demo_complaints.load(context)
    return context


def test_the_demo_covers_every_status_and_classification_in_both_cities(ctx):
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Complaint.objects.values_list("classification", flat=True)) == set(
        Classification.values
    )
    for government in ctx.governments.values():
        assert Complaint.objects.filter(government=government).count() >= 5


def test_kota_serang_rabeg_style_covers_every_status(ctx):
    serang = ctx.governments["kota-serang"]
    statuses = set(Complaint.objects.filter(government=serang).values_list("status", flat=True))
    assert statuses == set(Status.values)


def test_the_demo_has_the_special_cases(ctx):
    serang = ctx.governments["kota-serang"]
    assert Complaint.objects.filter(is_emergency=True).count() == 1
    assert Complaint.objects.filter(privacy=Privacy.ANONYMOUS).exists()
    assert Complaint.objects.filter(privacy=Privacy.CONFIDENTIAL).exists()
    assert Complaint.objects.filter(status=Status.DUPLICATE, duplicate_of__isnull=False).exists()
    internet = Complaint.objects.get(
        government=serang, title=demo_complaints.KASEMEN_INTERNET_TITLE
    )
    assert internet.kecamatan.name == "Kasemen" and internet.agency.short_name == "Diskominfo"


def test_the_demo_timelines_run_forward_in_time(ctx):
    for complaint in Complaint.objects.all():
        times = list(
            ComplaintEvent.objects.filter(complaint=complaint)
            .order_by("id")
            .values_list("at", flat=True)
        )
        assert times == sorted(times), complaint.title
        assert times[0] >= complaint.submitted_at


def test_loading_again_adds_nothing(ctx):
    before = Complaint.objects.count()
    demo_complaints.load(ctx)
    assert Complaint.objects.count() == before
