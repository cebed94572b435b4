"""Schema rules that sharding by government (Citus) needs, checked over every Rembug model:
every tenant table carries the government, and its indexes and unique constraints lead with it."""

from __future__ import annotations

from django.apps import apps
from django.db import models

# Tables that are not tenant data: reference data shared by every government, the tenant itself,
# accounts (a person may belong to several governments), and the platform-wide audit chain.
SHARED_TABLES = {
    "accounts.User",
    "accounts.TwoFactor",  # a person's authenticator and recovery codes, like the account
    "accounts.RecoveryCode",
    "regions.Region",
    "nomenclature.NomenclatureVersion",
    "nomenclature.NomenclatureItem",
    "governments.Government",
    "core.AuditEntry",
    "core.AuditHead",  # the audit chain's single tail row
    "api.ApiToken",  # a person's REST API token, like the account it acts for
}


# One-to-one links whose own uniqueness Citus cannot enforce across shards. Known debt: each must
# become a ForeignKey with UniqueConstraint(government, …) before sharding (see docs/scaling.md).
# (forums.Disposition.input and forums.ForumAnalysis.forum were paid in forums 0003.)
ONE_TO_ONE_DEBT: set[str] = set()


def _rembug_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("rembug.") and not model._meta.auto_created
    ]


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def test_every_tenant_table_has_a_government_column():
    missing = [
        _label(model)
        for model in _rembug_models()
        if _label(model) not in SHARED_TABLES
        and not any(f.name == "government" for f in model._meta.concrete_fields)
    ]
    assert missing == [], f"tenant tables without a government column: {missing}"


def test_every_index_and_unique_constraint_of_a_tenant_table_leads_with_the_government():
    offenders = []
    for model in _rembug_models():
        if _label(model) in SHARED_TABLES:
            continue
        for index in model._meta.indexes:
            fields = [f.lstrip("-") for f in index.fields]
            if fields and fields[0] not in {"government", "government_id"}:
                offenders.append(f"{_label(model)} index {index.name} {fields}")
        for constraint in model._meta.constraints:
            if (
                isinstance(constraint, models.UniqueConstraint)
                and constraint.fields
                and constraint.fields[0] not in {"government", "government_id"}
            ):
                offenders.append(f"{_label(model)} unique {constraint.name} {constraint.fields}")
        for field in model._meta.concrete_fields:
            if (
                field.unique
                and not field.primary_key
                and f"{_label(model)}.{field.name}" not in ONE_TO_ONE_DEBT
            ):
                offenders.append(f"{_label(model)} field {field.name} is unique on its own")
    assert offenders == [], "\n".join(offenders)


def test_every_link_between_rembug_tables_from_a_tenant_table_reaches_a_tenant_or_shared_table():
    """A tenant row may point at shared reference rows or at rows that carry a government too, so
    that both sides can be compared (and co-located on one shard). That the two governments are
    the same is guaranteed by the services when writing and checked over stored rows by
    ``rembug.bench.tenancy.cross_government_links`` (tested in ``bench/tests/test_tenancy.py``
    with a planted cross-government link, and run over the demo and generated data)."""
    offenders = []
    for model in _rembug_models():
        if _label(model) in SHARED_TABLES:
            continue
        for field in model._meta.concrete_fields:
            target = field.related_model
            if not field.is_relation or not isinstance(target, type) or field.name == "government":
                continue
            if not target.__module__.startswith("rembug."):
                # Django's content types are reference data too (a generic link names a model;
                # its object id is checked by the service that writes it).
                if target._meta.label == "contenttypes.ContentType":
                    continue
                offenders.append(f"{_label(model)}.{field.name} → {target._meta.label}")
            elif _label(target) not in SHARED_TABLES and not any(
                f.name == "government" for f in target._meta.concrete_fields
            ):
                offenders.append(f"{_label(model)}.{field.name} → {_label(target)}")
    assert offenders == [], "\n".join(offenders)
