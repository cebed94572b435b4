import pytest

from rembug.demo import foundation
from rembug.demo.context import DEMO_PASSWORD, DemoContext
from rembug.governments.access import roles_for
from rembug.governments.models import Agency, Government, Membership, Role
from rembug.nomenclature.models import NomenclatureItem
from rembug.regions.models import Region
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

# Tangerang Selatan's planning agency also does research and development.
PLANNING_AGENCY = {"kota-serang": "Bappeda", "kota-tangerang-selatan": "Bappelitbangda"}


@pytest.fixture
def regions(db):
    """The two cities and their kecamatan, as in the shipped Kemendagri file."""
    for code, name in [("36.73", "Kota Serang"), ("36.74", "Kota Tangerang Selatan")]:
        city = region_chain(code, name)
        for n, district in enumerate(DISTRICTS[code], start=1):
            RegionFactory(code=f"{code}.{n:02d}", name=district, level=3, parent=city)


@pytest.fixture
def ctx(regions):
    context = DemoContext()
    foundation.load(context)
    return context


def test_it_creates_both_governments(ctx):
    serang = ctx.governments["kota-serang"]
    tangsel = ctx.governments["kota-tangerang-selatan"]
    assert (serang.name, serang.code, serang.kind) == ("Pemerintah Kota Serang", "36.73", "kota")
    assert (tangsel.name, tangsel.code) == ("Pemerintah Kota Tangerang Selatan", "36.74")
    assert tangsel.tagline == "Hunian nyaman, maju, sejahtera, dan berkelanjutan"


@pytest.mark.parametrize("slug", ["kota-serang", "kota-tangerang-selatan"])
def test_each_city_has_the_agencies_others_look_up_by_short_name(ctx, slug):
    government = ctx.governments[slug]
    kominfo = Agency.objects.get(government=government, short_name="Diskominfo")
    assert kominfo.name == "Dinas Komunikasi dan Informatika"
    assert kominfo.urusan_codes == ["2.16", "2.20", "2.21"]
    assert Agency.objects.get(government=government, short_name="DPUPR").urusan_codes == ["1.03"]
    assert Agency.objects.get(government=government, short_name="Dinkes").urusan_codes == ["1.02"]
    assert Agency.objects.get(government=government, short_name="Disdukcapil").urusan_codes == [
        "2.12"
    ]
    planning_agency = PLANNING_AGENCY[slug]
    assert (
        Agency.objects.get(government=government, short_name=planning_agency).urusan_codes[0]
        == "5.01"
    )
    kinds = set(government.agencies.values_list("kind", flat=True))
    assert kinds == {"sekretariat", "inspektorat", "dinas", "badan", "satpol", "rsud", "kecamatan"}


@pytest.mark.parametrize("slug", ["kota-serang", "kota-tangerang-selatan"])
def test_every_agency_passes_validation_and_every_bidang_urusan_of_a_city_has_an_owner(ctx, slug):
    government = ctx.governments[slug]
    carried = set()
    for agency in government.agencies.all():
        agency.full_clean()
        carried.update(agency.urusan_codes)
    # Affairs every kota of the demo carries (forestry, energy, transmigration are not kota work).
    expected = {
        "1.01",
        "1.02",
        "1.03",
        "1.04",
        "1.05",
        "1.06",
        "2.07",
        "2.08",
        "2.09",
        "2.10",
        "2.11",
        "2.12",
        "2.14",
        "2.15",
        "2.16",
        "2.17",
        "2.18",
        "2.19",
        "2.20",
        "2.21",
        "2.22",
        "2.23",
        "2.24",
        "3.25",
        "3.26",
        "3.27",
        "3.30",
        "3.31",
        "4.01",
        "4.02",
        "5.01",
        "5.02",
        "5.03",
        "6.01",
        "7.01",
        "8.01",
    }
    assert expected <= carried


@pytest.mark.parametrize(
    ("slug", "code"), [("kota-serang", "36.73"), ("kota-tangerang-selatan", "36.74")]
)
def test_one_kecamatan_office_per_real_kecamatan(ctx, slug, code):
    offices = Agency.objects.filter(government__slug=slug, kind=Agency.Kind.KECAMATAN).order_by(
        "region"
    )
    assert [o.region.name for o in offices] == DISTRICTS[code]
    assert [o.name for o in offices] == [f"Kecamatan {d}" for d in DISTRICTS[code]]
    assert all(o.region.parent_id == code for o in offices)


def test_it_imports_the_nomenclature_sample(ctx):
    items = NomenclatureItem.objects.filter(version__name="Permendagri 90/2019 (sampel 2.16)")
    assert items.count() == 32


def test_every_role_has_a_demo_user_in_each_city_who_can_log_in(ctx):
    for slug, government in ctx.governments.items():
        roles = set(Membership.objects.filter(government=government).values_list("role", flat=True))
        assert roles == set(Role.values), slug
    user = ctx.users["koordinator.serang"]
    assert user.check_password(DEMO_PASSWORD)
    assert user.full_name
    assert roles_for(user, ctx.governments["kota-serang"]).has(Role.COORDINATOR)
    assert not roles_for(user, ctx.governments["kota-tangerang-selatan"]).roles


def test_officers_serve_their_agency(ctx):
    serang = ctx.governments["kota-serang"]
    for login, short_name in [
        ("petugas.kominfo.serang", "Diskominfo"),
        ("petugas.pupr.serang", "DPUPR"),
        ("petugas.kasemen", "Kec. Kasemen"),
    ]:
        agency = Agency.objects.get(government=serang, short_name=short_name)
        assert roles_for(ctx.users[login], serang).serves(agency), login


def test_each_agency_with_a_renja_has_a_head_who_is_not_its_officer(ctx):
    for city, login in [
        ("kota-serang", "kepala.diskominfo.serang"),
        ("kota-tangerang-selatan", "kepala.diskominfo.tangsel"),
    ]:
        government = ctx.governments[city]
        agency = Agency.objects.get(government=government, short_name="Diskominfo")
        held = roles_for(ctx.users[login], government)
        assert held.heads(agency) and held.serves(agency), login
        assert ctx.users[login].check_password(DEMO_PASSWORD)
        officer = login.replace("kepala.diskominfo.", "petugas.kominfo.")
        assert not roles_for(ctx.users[officer], government).heads(agency), officer
    assert dict(ctx.logins)["kepala.diskominfo.serang"].startswith("Kepala Perangkat Daerah")


def test_stakeholders_speak_for_their_institution(ctx):
    membership = Membership.objects.get(user=ctx.users["pemangku.untirta"])
    assert membership.institution == "Universitas Sultan Ageng Tirtayasa (Untirta)"


def test_demo_logins_lists_the_same_users_without_creating_anything(ctx):
    users_before = type(ctx.users["admin.serang"]).objects.count()
    assert foundation.demo_logins() == ctx.logins
    assert {login for login, _ in ctx.logins} == set(ctx.users)
    assert type(ctx.users["admin.serang"]).objects.count() == users_before


def test_loading_again_changes_nothing(ctx):
    counts = (
        Government.objects.count(),
        Agency.objects.count(),
        Membership.objects.count(),
        NomenclatureItem.objects.count(),
        type(ctx.users["admin.serang"]).objects.count(),
    )
    foundation.load(DemoContext())
    assert counts == (
        Government.objects.count(),
        Agency.objects.count(),
        Membership.objects.count(),
        NomenclatureItem.objects.count(),
        type(ctx.users["admin.serang"]).objects.count(),
    )


def test_a_missing_region_fails_loudly(db):
    with pytest.raises(Region.DoesNotExist):
        foundation.load(DemoContext())
