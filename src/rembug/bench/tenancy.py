"""Every link between tenant rows stays inside one government: the check behind sharding.

A tenant table carries ``government``; a foreign key from one tenant table to another is only
co-located on a Citus shard (distribution column ``government_id``) when both rows belong to the
same government. The services refuse such links when they are written (e.g. ``complaint_submit``
checks the category's government); :func:`cross_government_links` checks the stored rows, one
``JOIN`` per foreign key, so a bulk load, an import or a data migration can be verified too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import F


@dataclass(frozen=True)
class TenantLink:
    model: type[models.Model]
    field: str
    target: type[models.Model]

    @property
    def label(self) -> str:
        meta = self.model._meta
        return f"{meta.app_label}.{self.model.__name__}.{self.field}"


def is_tenant(model: type[models.Model]) -> bool:
    return any(f.name == "government" for f in model._meta.concrete_fields)


def tenant_links() -> list[TenantLink]:
    """Every foreign key (and one-to-one) from a tenant table of Rembug to another tenant table."""
    links = []
    for model in apps.get_models():
        if not model.__module__.startswith("rembug.") or not is_tenant(model):
            continue
        for field in model._meta.concrete_fields:
            target = field.related_model
            if (
                isinstance(field, models.ForeignKey)
                and field.name != "government"
                and isinstance(target, type)
                and is_tenant(target)
            ):
                links.append(TenantLink(model, field.name, target))
    return links


def cross_government_links() -> dict[str, int]:
    """Rows whose linked row belongs to another government, counted per foreign key."""
    found = {}
    for link in tenant_links():
        count = (
            link.model._default_manager.filter(**{f"{link.field}__isnull": False})
            .exclude(**{f"{link.field}__government": F("government")})
            .count()
        )
        if count:
            found[link.label] = count
    return found
