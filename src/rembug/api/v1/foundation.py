"""Read endpoints for the foundation: governments, agencies, regions, nomenclature, and ``me``."""

from typing import Any, Literal

from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from rembug.api.auth import TokenAuth, request_user
from rembug.api.pagination import KeysetPagination
from rembug.api.v1.responses import errors_4xx
from rembug.api.v1.schemas import (
    AgencyOut,
    GovernmentOut,
    MeOut,
    NomenclatureItemOut,
    NomenclatureVersionOut,
    RegionOut,
)
from rembug.governments.access import government_get
from rembug.governments.models import Agency, Government, Membership
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.nomenclature.selectors import nomenclature_versions
from rembug.regions.models import Region

router = Router()

# Filter values as literals (the models' TextChoices are all called "Kind"/"Level", which would
# collide in the OpenAPI components); tests check they match the choices.
GovernmentKind = Literal["provinsi", "kabupaten", "kota"]
AgencyKind = Literal[
    "sekretariat", "dinas", "badan", "inspektorat", "satpol", "rsud", "kecamatan", "lainnya"
]
RegionLevel = Literal[1, 2, 3, 4]
ItemLevel = Literal["urusan", "bidang_urusan", "program", "kegiatan", "sub_kegiatan"]


class GovernmentFilter(Schema):
    kind: GovernmentKind | None = Field(None, description="provinsi, kabupaten or kota")
    q: str | None = Field(None, max_length=100, description="Part of the name")


@router.get(
    "/governments",
    response={200: list[GovernmentOut], **errors_4xx},
    tags=["governments"],
    summary="Governments (pemda) hosted here",
)
@paginate(KeysetPagination, key="slug")
def government_list(request: HttpRequest, filters: Query[GovernmentFilter]) -> QuerySet[Any]:
    governments = Government.objects.filter(is_active=True)
    if filters.kind:
        governments = governments.filter(kind=filters.kind)
    if filters.q:
        governments = governments.filter(name__icontains=filters.q)
    return governments


@router.get(
    "/governments/{slug}",
    response={200: GovernmentOut, **errors_4xx},
    tags=["governments"],
    summary="One government",
)
def government_detail(request: HttpRequest, slug: str) -> Government:
    return government_get(slug)


class AgencyFilter(Schema):
    kind: AgencyKind | None = None
    q: str | None = Field(None, max_length=100, description="Part of the name or short name")


@router.get(
    "/governments/{slug}/agencies",
    response={200: list[AgencyOut], **errors_4xx},
    tags=["governments"],
    summary="A government's agencies (perangkat daerah)",
)
@paginate(KeysetPagination, key="slug")
def agency_list(request: HttpRequest, slug: str, filters: Query[AgencyFilter]) -> QuerySet[Any]:
    government = government_get(slug)
    agencies = Agency.objects.filter(government=government, is_active=True)
    if filters.kind:
        agencies = agencies.filter(kind=filters.kind)
    if filters.q:
        agencies = agencies.filter(
            Q(name__icontains=filters.q) | Q(short_name__icontains=filters.q)
        )
    return agencies


@router.get(
    "/governments/{slug}/agencies/{agency}",
    response={200: AgencyOut, **errors_4xx},
    tags=["governments"],
    summary="One agency",
)
def agency_detail(request: HttpRequest, slug: str, agency: str) -> Agency:
    government = government_get(slug)
    found = Agency.objects.filter(government=government, slug=agency, is_active=True).first()
    if found is None:
        raise Http404(_("No such agency."))
    return found


class RegionFilter(Schema):
    parent: str | None = Field(
        None, max_length=13, description="Children of this code, e.g. 36.73 for its kecamatan"
    )
    level: RegionLevel | None = Field(None, description="1 province … 4 desa/kelurahan")
    q: str | None = Field(None, max_length=100, description="Part of the name")


@router.get(
    "/regions",
    response={200: list[RegionOut], **errors_4xx},
    tags=["regions"],
    summary="Kemendagri regions; give `parent` for the children of a code",
)
@paginate(KeysetPagination, key="code")
def region_list(request: HttpRequest, filters: Query[RegionFilter]) -> QuerySet[Any]:
    regions = Region.objects.all()
    if filters.parent is not None:
        regions = regions.filter(parent_id=filters.parent)
    elif filters.level is None and not filters.q:
        regions = regions.filter(level=Region.Level.PROVINCE)
    if filters.level is not None:
        regions = regions.filter(level=filters.level)
    if filters.q:
        regions = regions.filter(name__icontains=filters.q)
    return regions


@router.get(
    "/regions/{code}",
    response={200: RegionOut, **errors_4xx},
    tags=["regions"],
    summary="One region by its Kemendagri code",
)
def region_detail(request: HttpRequest, code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404(_("No such region."))
    return region


@router.get(
    "/nomenclature/versions",
    response={200: list[NomenclatureVersionOut], **errors_4xx},
    tags=["nomenclature"],
    summary="Versions of the national program/kegiatan/sub kegiatan list",
)
@paginate(KeysetPagination, key="pk")
def nomenclature_version_list(request: HttpRequest) -> QuerySet[Any]:
    return nomenclature_versions()


class ItemFilter(Schema):
    level: ItemLevel | None = None
    parent: str | None = Field(None, max_length=24, description="Children of this code")
    code: str | None = Field(None, max_length=24, description="This code and everything under it")
    q: str | None = Field(None, max_length=100, description="Part of the name")


def _version_get(version_id: int) -> NomenclatureVersion:
    version = NomenclatureVersion.objects.filter(pk=version_id).first()
    if version is None:
        raise Http404(_("No such nomenclature version."))
    return version


@router.get(
    "/nomenclature/versions/{version_id}/items",
    response={200: list[NomenclatureItemOut], **errors_4xx},
    tags=["nomenclature"],
    summary="Items of one version, in code order",
)
@paginate(KeysetPagination, key="code")
def nomenclature_item_list(
    request: HttpRequest, version_id: int, filters: Query[ItemFilter]
) -> QuerySet[Any]:
    version = _version_get(version_id)
    items = NomenclatureItem.objects.filter(version=version).annotate(parent_code=F("parent__code"))
    if filters.level:
        items = items.filter(level=filters.level)
    if filters.parent:
        items = items.filter(parent__code=filters.parent)
    if filters.code:
        items = items.filter(Q(code=filters.code) | Q(code__startswith=f"{filters.code}."))
    if filters.q:
        items = items.filter(name__icontains=filters.q)
    return items


@router.get(
    "/me",
    response={200: MeOut, **errors_4xx},
    auth=TokenAuth(),
    tags=["account"],
    summary="Who the token acts as, and their roles",
)
def me(request: HttpRequest) -> dict[str, Any]:
    user = request_user(request)
    memberships = Membership.objects.filter(user=user).select_related("government", "agency")
    return {
        "username": user.get_username(),
        "name": str(user),
        "memberships": [
            {
                "government": m.government.slug,
                "role": m.role,
                "agency": m.agency.slug if m.agency_id and m.agency else None,
            }
            for m in memberships.order_by("government__slug", "role")
        ],
    }
