from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import slugify

from rembug.core.audit import audit_record, audit_snapshot
from rembug.core.models import AuditEntry
from rembug.governments.models import Agency, Government, Membership
from rembug.regions.models import Region


@transaction.atomic
def government_create(
    *, region: Region, slug: str = "", tagline: str = "", timezone: str = "", by: Any = None
) -> Government:
    kind = Government.Kind.PROVINCE
    if region.level == Region.Level.REGENCY:
        kind = Government.Kind.CITY if region.name.startswith("Kota ") else Government.Kind.REGENCY
    name = region.name if kind != Government.Kind.PROVINCE else f"Provinsi {region.name}"
    government = Government(
        region=region,
        name=name if kind == Government.Kind.PROVINCE else f"Pemerintah {name}",
        slug=slug or slugify(region.name),
        kind=kind,
        tagline=tagline,
        timezone=timezone or Government.Zone.WIB,
    )
    government.full_clean()
    government.save()
    audit_record(instance=government, by=by, action=AuditEntry.Action.CREATE)
    return government


@transaction.atomic
def agency_create(*, government: Government, by: Any = None, **fields: Any) -> Agency:
    fields.setdefault("slug", slugify(fields.get("short_name") or fields["name"]))
    agency = Agency(government=government, **fields)
    agency.full_clean()
    agency.save()
    audit_record(instance=agency, by=by, action=AuditEntry.Action.CREATE)
    return agency


@transaction.atomic
def agency_update(*, agency: Agency, by: Any, **fields: Any) -> Agency:
    before = audit_snapshot(agency)
    for name, value in fields.items():
        setattr(agency, name, value)
    agency.full_clean()
    agency.save(update_fields=[*fields, "updated_at"])
    audit_record(instance=agency, by=by, action=AuditEntry.Action.UPDATE, before=before)
    return agency


@transaction.atomic
def membership_grant(
    *,
    user: Any,
    government: Government,
    role: str,
    agency: Agency | None = None,
    institution: str = "",
    is_head: bool = False,
    by: Any = None,
) -> Membership:
    """Give ``user`` a role in ``government``; ``is_head`` designates an agency officer as the
    head of the agency (Kepala Perangkat Daerah). An existing membership is returned as is,
    except that ``is_head`` is then set on it through :func:`membership_head_set`."""
    existing = Membership.objects.filter(
        user=user, government=government, role=role, agency=agency
    ).first()
    if existing is not None:
        if is_head and not existing.is_head:
            return membership_head_set(membership=existing, is_head=True, by=by)
        return existing
    membership = Membership(
        user=user,
        government=government,
        role=role,
        agency=agency,
        institution=institution,
        is_head=is_head,
    )
    membership.full_clean()
    membership.save()
    audit_record(instance=membership, by=by, action=AuditEntry.Action.CREATE)
    return membership


@transaction.atomic
def membership_head_set(*, membership: Membership, is_head: bool, by: Any) -> Membership:
    """Designate (or stop designating) an agency officer as the head of the agency. At most one
    head per agency: designating a second one is refused until the first is unset."""
    before = audit_snapshot(membership)
    membership.is_head = is_head
    membership.full_clean()
    membership.save(update_fields=["is_head"])
    audit_record(instance=membership, by=by, action=AuditEntry.Action.UPDATE, before=before)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, by: Any) -> None:
    before = audit_snapshot(membership)
    audit_record(instance=membership, by=by, action=AuditEntry.Action.DELETE, before=before)
    membership.delete()
