"""What the REST API returns for the foundation's records. Only public fields: no member lists,
no contact data."""

from __future__ import annotations

from ninja import Field, Schema

from rembug.governments.models import Agency, Government


class GovernmentOut(Schema):
    slug: str
    name: str
    code: str = Field(description="Kemendagri code, e.g. 36.73 (also the Open311 jurisdiction_id)")
    kind: str
    timezone: str
    tagline: str

    @staticmethod
    def resolve_code(obj: Government) -> str:
        return obj.code


class AgencyOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    urusan_codes: list[str]
    region_code: str | None = Field(None, description="The kecamatan a kecamatan office serves")

    @staticmethod
    def resolve_region_code(obj: Agency) -> str | None:
        return obj.region_id

    @staticmethod
    def resolve_urusan_codes(obj: Agency) -> list[str]:
        return [str(code) for code in obj.urusan_codes or []]


class RegionOut(Schema):
    code: str
    name: str
    level: int
    parent_code: str | None = Field(None, alias="parent_id")


class NomenclatureVersionOut(Schema):
    id: int
    name: str
    regulation: str
    code_format: str
    item_count: int = 0


class NomenclatureItemOut(Schema):
    code: str
    level: str
    name: str
    parent_code: str | None = None
    performance: str
    indicator: str
    unit: str
    is_listed: bool


class MembershipOut(Schema):
    government: str
    role: str
    agency: str | None = None


class MeOut(Schema):
    username: str
    name: str
    memberships: list[MembershipOut]
