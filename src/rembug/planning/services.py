"""Writes of the plan cascade. Each function is one transaction and records the audit trail.

Callers check access first (``planning.access``); the services check the rules of the data: the
document workflow (:data:`models.TRANSITIONS`), which kinds hang under which
(:data:`models.ALLOWED_CHILDREN`), the declared nomenclature and the agency's urusan, and that an
adopted document is not changed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rembug.core.audit import audit_record, audit_snapshot
from rembug.core.models import AuditEntry
from rembug.governments.models import Agency, Government
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.planning.models import (
    ALLOWED_CHILDREN,
    FUNDED_KINDS,
    NOMENCLATURE_KINDS,
    TRANSITIONS,
    DocumentKind,
    DocumentState,
    Funding,
    Indicator,
    IndicatorTarget,
    PlanDocument,
    PlanDocumentEvent,
    PlanItem,
    PlanItemAlignment,
    PlanItemInput,
    PlanItemLocation,
)
from rembug.regions.models import Region

Action = AuditEntry.Action
# The document each kind translates.
BASED_ON_KIND: dict[str, str] = {
    DocumentKind.RPJMD: DocumentKind.RPJPD,
    DocumentKind.RENSTRA: DocumentKind.RPJMD,
    DocumentKind.RENJA: DocumentKind.RENSTRA,
}
TargetValue = tuple[Decimal | None, str]


def _actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _require_editable(document: PlanDocument) -> None:
    if document.is_frozen:
        raise ValidationError(
            _("This document is adopted and read-only. Open a perubahan (amendment) to change it.")
        )


def _event(document: PlanDocument, *, by: Any, from_state: str, to_state: str, note: str) -> None:
    PlanDocumentEvent.objects.create(
        government_id=document.government_id,
        document=document,
        at=timezone.now(),
        by=_actor(by),
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


# --- documents ------------------------------------------------------------------------------


def _validate_document(document: PlanDocument) -> None:
    government_id = document.government_id
    if document.agency is not None and document.agency.government_id != government_id:
        raise ValidationError(_("The agency belongs to another government."))
    based_on = document.based_on
    if based_on is not None:
        if based_on.government_id != government_id:
            raise ValidationError(_("The higher document belongs to another government."))
        if BASED_ON_KIND.get(document.kind) != based_on.kind:
            raise ValidationError(
                _("A %(kind)s cannot be based on a %(other)s.")
                % {"kind": document.get_kind_display(), "other": based_on.get_kind_display()}
            )
        if document.kind == DocumentKind.RENJA:
            if based_on.agency_id != document.agency_id:
                raise ValidationError(_("A Renja is based on the Renstra of the same agency."))
            if document.period_start not in based_on.years:
                raise ValidationError(_("The Renja's year lies outside the Renstra's period."))
    document.full_clean()


@transaction.atomic
def plan_document_create(
    *,
    government: Government,
    kind: str,
    title: str,
    period_start: int,
    period_end: int,
    by: Any,
    agency: Agency | None = None,
    nomenclature_version: NomenclatureVersion | None = None,
    based_on: PlanDocument | None = None,
) -> PlanDocument:
    """Start a document as a working draft."""
    document = PlanDocument(
        government=government,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        agency=agency,
        nomenclature_version=nomenclature_version,
        based_on=based_on,
        created_by=_actor(by),
    )
    _validate_document(document)
    document.save()
    _event(document, by=by, from_state="", to_state=document.state, note=_("created"))
    audit_record(instance=document, by=by, action=Action.CREATE)
    return document


@transaction.atomic
def plan_document_update(
    *,
    document: PlanDocument,
    by: Any,
    title: str,
    legal_basis: str = "",
    nomenclature_version: NomenclatureVersion | None = None,
) -> PlanDocument:
    _require_editable(document)
    before = audit_snapshot(document)
    document.title = title
    document.legal_basis = legal_basis
    document.nomenclature_version = nomenclature_version
    _validate_document(document)
    document.save(update_fields=["title", "legal_basis", "nomenclature_version", "updated_at"])
    audit_record(instance=document, by=by, action=Action.UPDATE, before=before)
    return document


def transition_check(document: PlanDocument, *, to: str) -> None:
    if to not in TRANSITIONS.get(document.state, frozenset()):
        raise ValidationError(
            _("A document in state “%(from)s” cannot move to “%(to)s”.")
            % {"from": document.get_state_display(), "to": DocumentState(to).label}
        )


def _set_state(document: PlanDocument, *, to: str, by: Any, note: str) -> None:
    transition_check(document, to=to)
    before = document.state
    document.state = to
    fields = ["state", "updated_at"]
    if to == DocumentState.DITETAPKAN and document.adopted_at is None:
        document.adopted_at = timezone.localdate()
        fields.append("adopted_at")
    document.save(update_fields=fields)
    _event(document, by=by, from_state=before, to_state=to, note=note)
    audit_record(
        instance=document,
        by=by,
        action=Action.TRANSITION,
        changes={"state": [before, to]},
        note=note,
    )


def _require_passing_check(document: PlanDocument) -> None:
    """A document is adopted only when it is accountable and measurable: no error in the check."""
    from rembug.planning.checks import plan_check  # the check reads; it never calls services

    errors = plan_check(document).errors
    if errors:
        raise ValidationError(
            _(
                "The check (akuntabel dan terukur) finds %(count)s error(s), the first: %(first)s "
                "Fix them before adopting the document."
            )
            % {"count": len(errors), "first": errors[0].message}
        )


@transaction.atomic
def plan_document_transition(
    *,
    document: PlanDocument,
    to: str,
    by: Any,
    note: str = "",
    adopted_at: dt.date | None = None,
    legal_basis: str = "",
) -> PlanDocument:
    """Move a document along the workflow. Adopting a perubahan replaces the version it amends."""
    if to == DocumentState.DIGANTI:
        raise ValidationError(_("A version is replaced only by adopting its perubahan."))
    if to == DocumentState.DITETAPKAN:
        _require_passing_check(document)
        if adopted_at is not None:
            document.adopted_at = adopted_at
        if legal_basis:
            document.legal_basis = legal_basis
            document.save(update_fields=["legal_basis"])
    _set_state(document, to=to, by=by, note=note)
    previous = document.previous_version
    if (
        to == DocumentState.DITETAPKAN
        and previous is not None
        and previous.state == DocumentState.DITETAPKAN
    ):
        _set_state(
            previous,
            to=DocumentState.DIGANTI,
            by=by,
            note=_("Replaced by version %(version)s.") % {"version": document.version},
        )
    return document


@transaction.atomic
def plan_document_amend(*, document: PlanDocument, reason: str, by: Any) -> PlanDocument:
    """Open a perubahan of an adopted document: a new version, a copy of the whole tree, in
    working draft. The adopted version stays as it is (and readable) until the new one is
    adopted."""
    if document.state != DocumentState.DITETAPKAN:
        raise ValidationError(_("Only an adopted document can be amended."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the perubahan."))
    if document.amendments.exclude(state=DocumentState.DIGANTI).exists():
        raise ValidationError(_("A perubahan of this document is already open."))
    amended = PlanDocument(
        government_id=document.government_id,
        kind=document.kind,
        agency=document.agency,
        title=document.title,
        period_start=document.period_start,
        period_end=document.period_end,
        nomenclature_version=document.nomenclature_version,
        based_on=document.based_on,
        version=document.version + 1,
        previous_version=document,
        amendment_reason=reason.strip(),
        created_by=_actor(by),
    )
    amended.save()
    _copy_tree(document, amended, copy_inputs=True)
    _event(amended, by=by, from_state="", to_state=amended.state, note=reason.strip())
    audit_record(instance=amended, by=by, action=Action.CREATE, note=reason.strip())
    return amended


# --- copying trees ----------------------------------------------------------------------------


def _copy_tree(
    source: PlanDocument,
    target: PlanDocument,
    *,
    copy_inputs: bool,
    year_map: Mapping[int, int] | None = None,
) -> dict[int, int]:
    """Copy every item of ``source`` into ``target`` with indicators, targets, funding,
    alignments and locations, in a number of queries that grows with the tree's depth only.
    ``year_map`` maps new years to the old year whose values they take (default: same year).
    Returns old item id → new item id."""
    government_id = source.government_id
    items = list(
        PlanItem.objects.filter(government_id=government_id, document=source).order_by("id")
    )
    by_parent: dict[int | None, list[PlanItem]] = defaultdict(list)
    for item in items:
        by_parent[item.parent_id].append(item)
    mapping: dict[int, int] = {}
    level = by_parent[None]
    while level:
        copies = [
            PlanItem(
                government_id=government_id,
                document=target,
                parent_id=mapping[old.parent_id] if old.parent_id else None,
                kind=old.kind,
                position=old.position,
                code=old.code,
                nomenclature_item_id=old.nomenclature_item_id,
                text=old.text,
                source_item_id=old.source_item_id,
                previous_item_id=old.pk,
                funding_source=old.funding_source,
                note=old.note,
            )
            for old in level
        ]
        PlanItem.objects.bulk_create(copies)
        mapping.update({old.pk: new.pk for old, new in zip(level, copies, strict=True)})
        level = [child for old in level for child in by_parent[old.pk]]

    old_indicators = list(
        Indicator.objects.filter(government_id=government_id, item__document=source)
    )
    new_indicators = [
        Indicator(
            government_id=government_id,
            item_id=mapping[old.item_id],
            previous_indicator_id=old.pk,
            **{f: getattr(old, f) for f in INDICATOR_COPY_FIELDS},
        )
        for old in old_indicators
    ]
    Indicator.objects.bulk_create(new_indicators)
    indicator_map = {
        old.pk: new.pk for old, new in zip(old_indicators, new_indicators, strict=True)
    }

    years = year_map or {year: year for year in source.target_years}
    targets = {
        (row.indicator_id, row.year): row
        for row in IndicatorTarget.objects.filter(
            government_id=government_id, indicator__item__document=source
        )
    }
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(
            government_id=government_id,
            indicator_id=indicator_map[old_id],
            year=new_year,
            value=targets[(old_id, old_year)].value,
            qualitative_text=targets[(old_id, old_year)].qualitative_text,
        )
        for old_id in indicator_map
        for new_year, old_year in years.items()
        if (old_id, old_year) in targets
    )
    funding = {
        (row.item_id, row.year): row.amount
        for row in Funding.objects.filter(government_id=government_id, item__document=source)
    }
    Funding.objects.bulk_create(
        Funding(
            government_id=government_id,
            item_id=mapping[old_id],
            year=new_year,
            amount=funding[(old_id, old_year)],
        )
        for old_id in mapping
        for new_year, old_year in years.items()
        if (old_id, old_year) in funding
    )
    PlanItemAlignment.objects.bulk_create(
        PlanItemAlignment(
            government_id=government_id, item_id=mapping[row.item_id], target_id=row.target_id
        )
        for row in PlanItemAlignment.objects.filter(
            government_id=government_id, item__document=source
        )
    )
    PlanItemLocation.objects.bulk_create(
        PlanItemLocation(
            government_id=government_id, item_id=mapping[row.item_id], region_id=row.region_id
        )
        for row in PlanItemLocation.objects.filter(
            government_id=government_id, item__document=source
        )
    )
    if copy_inputs:
        PlanItemInput.objects.bulk_create(
            PlanItemInput(
                government_id=government_id,
                item_id=mapping[row.item_id],
                source_kind=row.source_kind,
                source_id=row.source_id,
                note=row.note,
                created_by_id=row.created_by_id,
            )
            for row in PlanItemInput.objects.filter(
                government_id=government_id, item__document=source
            )
        )
    return mapping


INDICATOR_COPY_FIELDS = (
    "position",
    "name",
    "unit",
    "definition",
    "data_source",
    "direction",
    "baseline_year",
    "baseline_value",
    "end_target",
    "end_target_text",
    "qualitative_justification",
    "responsible_unit",
)


def _require_no_renja(document: PlanDocument, year: int) -> None:
    """One Renja per agency and year (its perubahan aside)."""
    exists = PlanDocument.objects.filter(
        government_id=document.government_id,
        kind=DocumentKind.RENJA,
        agency=document.agency,
        period_start=year,
    ).exclude(state=DocumentState.DIGANTI)
    if exists.exists():
        raise ValidationError(
            _("A Renja of %(year)s already exists for this agency.") % {"year": year}
        )


@transaction.atomic
def renja_create_from_renstra(
    *, renstra: PlanDocument, year: int, by: Any, title: str = ""
) -> PlanDocument:
    """Create the Renja of ``year`` from its Renstra: the Renstra's programs, kegiatan and sub
    kegiatan with their indicators, the targets and pagu indikatif of ``year`` and ``year + 1``
    (prakiraan maju) prefilled, every item tracing back to its Renstra item."""
    if renstra.kind != DocumentKind.RENSTRA:
        raise ValidationError(_("A Renja is created from a Renstra."))
    assert renstra.agency is not None  # a Renstra always has one (database constraint)
    _require_no_renja(renstra, year)
    renja = plan_document_create(
        government=renstra.government,
        kind=DocumentKind.RENJA,
        title=title or f"Renja {renstra.agency.short_name} {year}",
        period_start=year,
        period_end=year,
        agency=renstra.agency,
        nomenclature_version=renstra.nomenclature_version,
        based_on=renstra,
        by=by,
    )
    government_id = renstra.government_id
    items = list(
        PlanItem.objects.filter(
            government_id=government_id, document=renstra, kind__in=FUNDED_KINDS
        ).order_by("position", "id")
    )
    by_parent: dict[int | None, list[PlanItem]] = defaultdict(list)
    for item in items:
        by_parent[item.parent_id if item.kind != PlanItem.Kind.PROGRAM else None].append(item)
    mapping: dict[int, int] = {}
    level = by_parent[None]
    position = 0
    while level:
        copies = []
        for old in level:
            position += 1
            copies.append(
                PlanItem(
                    government_id=government_id,
                    document=renja,
                    parent_id=(
                        mapping.get(old.parent_id or 0)
                        if old.kind != PlanItem.Kind.PROGRAM
                        else None
                    ),
                    kind=old.kind,
                    position=position if old.kind == PlanItem.Kind.PROGRAM else old.position,
                    code=old.code,
                    nomenclature_item_id=old.nomenclature_item_id,
                    text=old.text,
                    source_item_id=old.pk,
                    funding_source=old.funding_source,
                )
            )
        PlanItem.objects.bulk_create(copies)
        mapping.update({old.pk: new.pk for old, new in zip(level, copies, strict=True)})
        level = [child for old in level for child in by_parent[old.pk]]

    targets = {
        (row.indicator_id, row.year): row
        for row in IndicatorTarget.objects.filter(
            government_id=government_id, indicator__item_id__in=mapping
        )
    }
    old_indicators = list(
        Indicator.objects.filter(government_id=government_id, item_id__in=mapping)
    )
    new_indicators = []
    for source in old_indicators:
        fields = {f: getattr(source, f) for f in INDICATOR_COPY_FIELDS}
        year_target = targets.get((source.pk, year))
        last_year = targets.get((source.pk, year - 1))
        fields["baseline_year"] = year - 1
        fields["baseline_value"] = last_year.value if last_year else source.baseline_value
        fields["end_target"] = year_target.value if year_target else None
        fields["end_target_text"] = year_target.qualitative_text if year_target else ""
        new_indicators.append(
            Indicator(government_id=government_id, item_id=mapping[source.item_id], **fields)
        )
    Indicator.objects.bulk_create(new_indicators)
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(
            government_id=government_id,
            indicator_id=new.pk,
            year=y,
            value=targets[(old.pk, y)].value,
            qualitative_text=targets[(old.pk, y)].qualitative_text,
        )
        for old, new in zip(old_indicators, new_indicators, strict=True)
        for y in (year, year + 1)
        if (old.pk, y) in targets
    )
    Funding.objects.bulk_create(
        Funding(
            government_id=government_id,
            item_id=mapping[row.item_id],
            year=row.year,
            amount=row.amount,
        )
        for row in Funding.objects.filter(
            government_id=government_id, item_id__in=mapping, year__in=[year, year + 1]
        )
    )
    audit_record(
        instance=renja,
        by=by,
        action=Action.UPDATE,
        changes={"items": [0, len(mapping)]},
        note=_("Created from %(renstra)s") % {"renstra": renstra},
    )
    return renja


@transaction.atomic
def renja_copy_from_previous(*, previous: PlanDocument, by: Any, title: str = "") -> PlanDocument:
    """The Renja of the next year as a copy of ``previous``: same items (still tracing to the
    Renstra), indicators, locations and sumber dana; last year's prakiraan maju (n+1) becomes
    the new year's target and pagu, where there was none the year's figures are carried over."""
    if previous.kind != DocumentKind.RENJA:
        raise ValidationError(_("Only a Renja can be copied to the next year."))
    assert previous.agency is not None
    year = previous.period_start + 1
    _require_no_renja(previous, year)
    renja = plan_document_create(
        government=previous.government,
        kind=DocumentKind.RENJA,
        title=title or f"Renja {previous.agency.short_name} {year}",
        period_start=year,
        period_end=year,
        agency=previous.agency,
        nomenclature_version=previous.nomenclature_version,
        based_on=previous.based_on,
        by=by,
    )
    # New year n takes last year's n+1 where present (handled by _year_values), else last n.
    _copy_tree(previous, renja, copy_inputs=False, year_map={year: year})
    _carry_over(previous, renja)
    audit_record(
        instance=renja,
        by=by,
        action=Action.UPDATE,
        changes={"copied_from": [None, previous.pk]},
        note=_("Copied from %(previous)s") % {"previous": previous},
    )
    return renja


def _carry_over(previous: PlanDocument, renja: PlanDocument) -> None:
    """Fill the new year's targets and funding from last year's where the prakiraan maju was
    missing."""
    year = renja.period_start
    government_id = renja.government_id
    indicators = dict(
        Indicator.objects.filter(government_id=government_id, item__document=renja).values_list(
            "previous_indicator_id", "pk"
        )
    )
    have = set(
        IndicatorTarget.objects.filter(
            government_id=government_id, indicator_id__in=indicators.values()
        ).values_list("indicator_id", flat=True)
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(
            government_id=government_id,
            indicator_id=indicators[row.indicator_id],
            year=year,
            value=row.value,
            qualitative_text=row.qualitative_text,
        )
        for row in IndicatorTarget.objects.filter(
            government_id=government_id, indicator_id__in=indicators, year=year - 1
        )
        if indicators[row.indicator_id] not in have
    )
    items = dict(
        PlanItem.objects.filter(government_id=government_id, document=renja).values_list(
            "previous_item_id", "pk"
        )
    )
    funded = set(
        Funding.objects.filter(government_id=government_id, item_id__in=items.values()).values_list(
            "item_id", flat=True
        )
    )
    Funding.objects.bulk_create(
        Funding(
            government_id=government_id, item_id=items[row.item_id], year=year, amount=row.amount
        )
        for row in Funding.objects.filter(
            government_id=government_id, item_id__in=items, year=year - 1
        )
        if items[row.item_id] not in funded
    )
    # The year's target is the Renja's end target; last year's target is its baseline.
    year_targets = {
        row.indicator_id: row
        for row in IndicatorTarget.objects.filter(
            government_id=government_id, indicator_id__in=indicators.values(), year=year
        )
    }
    last_targets = dict(
        IndicatorTarget.objects.filter(
            government_id=government_id, indicator_id__in=indicators, year=year - 1
        ).values_list("indicator_id", "value")
    )
    changed = list(Indicator.objects.filter(government_id=government_id, item__document=renja))
    for indicator in changed:
        target = year_targets.get(indicator.pk)
        indicator.baseline_year = year - 1
        indicator.baseline_value = last_targets.get(indicator.previous_indicator_id or 0)
        indicator.end_target = target.value if target else None
        indicator.end_target_text = target.qualitative_text if target else ""
    Indicator.objects.bulk_update(
        changed, ["baseline_year", "baseline_value", "end_target", "end_target_text"]
    )


# --- items ----------------------------------------------------------------------------------


def _check_nomenclature(
    document: PlanDocument, kind: str, nomenclature_item: NomenclatureItem
) -> None:
    if document.nomenclature_version_id != nomenclature_item.version_id:
        raise ValidationError(
            _("The code is not in the nomenclature version this document declares.")
        )
    if NOMENCLATURE_KINDS.get(kind) != nomenclature_item.level:
        raise ValidationError(
            _("The code %(code)s is a %(level)s, not a %(kind)s.")
            % {
                "code": nomenclature_item.code,
                "level": nomenclature_item.get_level_display(),
                "kind": PlanItem.Kind(kind).label,
            }
        )
    agency = document.agency
    if agency is not None and nomenclature_item.urusan_code not in agency.urusan_codes:
        raise ValidationError(
            _("The code %(code)s is outside the urusan of %(agency)s (%(urusan)s).")
            % {
                "code": nomenclature_item.code,
                "agency": agency,
                "urusan": ", ".join(agency.urusan_codes),
            }
        )


def _check_placement(document: PlanDocument, parent: PlanItem | None, kind: str) -> None:
    if parent is not None and parent.document_id != document.pk:
        raise ValidationError(_("The parent item belongs to another document."))
    allowed = ALLOWED_CHILDREN[document.kind].get(parent.kind if parent else None, ())
    if kind not in allowed:
        where = parent.get_kind_display() if parent else _("the top level")
        raise ValidationError(
            _("A %(kind)s cannot stand under %(where)s in a %(document)s.")
            % {
                "kind": PlanItem.Kind(kind).label,
                "where": where,
                "document": document.get_kind_display(),
            }
        )


def allowed_child_kinds(document: PlanDocument, parent: PlanItem | None) -> tuple[str, ...]:
    return ALLOWED_CHILDREN[document.kind].get(parent.kind if parent else None, ())


@transaction.atomic
def plan_item_create(
    *,
    document: PlanDocument,
    parent: PlanItem | None,
    kind: str,
    by: Any,
    text: str = "",
    nomenclature_item: NomenclatureItem | None = None,
    source_item: PlanItem | None = None,
    funding_source: str = "",
) -> PlanItem:
    """Add an item as the last child of ``parent`` (or at the top level)."""
    _require_editable(document)
    _check_placement(document, parent, kind)
    code = ""
    if nomenclature_item is not None:
        _check_nomenclature(document, kind, nomenclature_item)
        code = nomenclature_item.code
        text = text or nomenclature_item.name
    elif kind in NOMENCLATURE_KINDS and document.kind in (DocumentKind.RENSTRA, DocumentKind.RENJA):
        raise ValidationError(_("Choose the code from the nomenclature."))
    if not text.strip():
        raise ValidationError(_("Write the text of the item."))
    if (
        source_item is None
        and code
        and document.kind == DocumentKind.RENJA
        and document.based_on_id
    ):
        # A Renja item carries out the Renstra item of the same code.
        source_item = (
            PlanItem.objects.filter(
                government_id=document.government_id,
                document_id=document.based_on_id,
                kind=kind,
                code=code,
            )
            .order_by("id")
            .first()
        )
    if source_item is not None and source_item.government_id != document.government_id:
        raise ValidationError(_("The Renstra item belongs to another government."))
    last = PlanItem.objects.filter(
        government_id=document.government_id, document=document, parent=parent
    ).aggregate(last=Max("position"))["last"]
    item = PlanItem.objects.create(
        government_id=document.government_id,
        document=document,
        parent=parent,
        kind=kind,
        position=(last or 0) + 1,
        code=code,
        nomenclature_item=nomenclature_item,
        text=text.strip(),
        source_item=source_item,
        funding_source=funding_source,
    )
    audit_record(instance=item, by=by, action=Action.CREATE)
    return item


@transaction.atomic
def plan_item_update(
    *,
    item: PlanItem,
    by: Any,
    text: str,
    nomenclature_item: NomenclatureItem | None = None,
    funding_source: str = "",
    note: str = "",
) -> PlanItem:
    document = item.document
    _require_editable(document)
    before = audit_snapshot(item)
    if nomenclature_item is not None:
        _check_nomenclature(document, item.kind, nomenclature_item)
        item.nomenclature_item = nomenclature_item
        item.code = nomenclature_item.code
    if not text.strip():
        raise ValidationError(_("Write the text of the item."))
    item.text = text.strip()
    item.funding_source = funding_source
    item.note = note
    item.save(
        update_fields=["text", "nomenclature_item", "code", "funding_source", "note", "updated_at"]
    )
    audit_record(instance=item, by=by, action=Action.UPDATE, before=before)
    return item


@transaction.atomic
def plan_item_move(*, item: PlanItem, offset: int, by: Any) -> PlanItem:
    """Move an item up (``offset=-1``) or down (``+1``) among its siblings."""
    _require_editable(item.document)
    siblings = list(
        PlanItem.objects.filter(
            government_id=item.government_id, document_id=item.document_id, parent_id=item.parent_id
        ).order_by("position", "id")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index + offset
    if not 0 <= other < len(siblings):
        return item
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    PlanItem.objects.bulk_update(siblings, ["position"])
    item.position = other + 1
    audit_record(
        instance=item, by=by, action=Action.UPDATE, changes={"position": [index + 1, other + 1]}
    )
    return item


@transaction.atomic
def plan_item_delete(*, item: PlanItem, by: Any) -> None:
    """Remove an item and everything under it."""
    _require_editable(item.document)
    before = audit_snapshot(item)
    audit_record(instance=item, by=by, action=Action.DELETE, before=before)
    item.delete()


@transaction.atomic
def plan_item_alignments_set(*, item: PlanItem, targets: Iterable[PlanItem], by: Any) -> PlanItem:
    """Say which items of higher documents ``item`` serves (replaces the previous set)."""
    _require_editable(item.document)
    chosen = list(targets)
    for target in chosen:
        if target.government_id != item.government_id:
            raise ValidationError(_("An item can only serve a plan of its own government."))
        if target.document_id == item.document_id:
            raise ValidationError(_("An item serves an item of a higher document, not of its own."))
    old = sorted(
        PlanItemAlignment.objects.filter(government_id=item.government_id, item=item).values_list(
            "target_id", flat=True
        )
    )
    PlanItemAlignment.objects.filter(government_id=item.government_id, item=item).delete()
    PlanItemAlignment.objects.bulk_create(
        PlanItemAlignment(government_id=item.government_id, item=item, target=target)
        for target in chosen
    )
    new = sorted(target.pk for target in chosen)
    if old != new:
        audit_record(instance=item, by=by, action=Action.UPDATE, changes={"aligned_to": [old, new]})
    return item


@transaction.atomic
def plan_item_locations_set(*, item: PlanItem, regions: Iterable[Region], by: Any) -> PlanItem:
    """Where a Renja item is carried out: the whole area, or kecamatan or kelurahan of it."""
    _require_editable(item.document)
    city = item.document.government.region_id
    chosen = list(regions)
    for region in chosen:
        # the whole kabupaten/kota (city-wide work), or one of its kecamatan or kelurahan
        if region.code != city and not region.code.startswith(f"{city}."):
            raise ValidationError(_("Choose this government's area, a kecamatan or a kelurahan."))
    old = sorted(
        PlanItemLocation.objects.filter(government_id=item.government_id, item=item).values_list(
            "region_id", flat=True
        )
    )
    PlanItemLocation.objects.filter(government_id=item.government_id, item=item).delete()
    PlanItemLocation.objects.bulk_create(
        PlanItemLocation(government_id=item.government_id, item=item, region=region)
        for region in chosen
    )
    new = sorted(region.code for region in chosen)
    if old != new:
        audit_record(instance=item, by=by, action=Action.UPDATE, changes={"locations": [old, new]})
    return item


# --- indicators, targets, funding ---------------------------------------------------------


def _validate_indicator(indicator: Indicator) -> None:
    if not indicator.item.takes_indicators:
        raise ValidationError(
            _("A %(kind)s has no indicators.") % {"kind": indicator.item.get_kind_display()}
        )
    if (
        indicator.end_target is None
        and indicator.end_target_text
        and not indicator.qualitative_justification.strip()
    ):
        raise ValidationError(_("A qualitative target needs a justification."))
    indicator.full_clean(exclude=["government", "item", "previous_indicator"])


@transaction.atomic
def indicator_create(
    *,
    item: PlanItem,
    by: Any,
    name: str,
    targets: Mapping[int, TargetValue] | None = None,
    **fields: Any,
) -> Indicator:
    """Add an indicator to ``item``, with its targets per year when given."""
    _require_editable(item.document)
    last = Indicator.objects.filter(government_id=item.government_id, item=item).aggregate(
        last=Max("position")
    )["last"]
    indicator = Indicator(
        government_id=item.government_id, item=item, name=name, position=(last or 0) + 1, **fields
    )
    _validate_indicator(indicator)
    indicator.save()
    audit_record(instance=indicator, by=by, action=Action.CREATE)
    if targets:
        indicator_targets_set(indicator=indicator, values=targets, by=by)
    return indicator


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    by: Any,
    targets: Mapping[int, TargetValue] | None = None,
    **fields: Any,
) -> Indicator:
    """Change an indicator's fields and, when given, its targets per year — all or nothing."""
    _require_editable(indicator.item.document)
    before = audit_snapshot(indicator)
    for name, value in fields.items():
        setattr(indicator, name, value)
    _validate_indicator(indicator)
    indicator.save(update_fields=list(fields))
    audit_record(instance=indicator, by=by, action=Action.UPDATE, before=before)
    if targets is not None:
        indicator_targets_set(indicator=indicator, values=targets, by=by)
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by: Any) -> None:
    _require_editable(indicator.item.document)
    audit_record(instance=indicator, by=by, action=Action.DELETE, before=audit_snapshot(indicator))
    indicator.delete()


@transaction.atomic
def indicator_targets_set(
    *, indicator: Indicator, values: Mapping[int, TargetValue], by: Any
) -> Indicator:
    """Set the targets per year: ``{year: (number or None, qualitative text)}``; a year with
    neither is removed. A qualitative target needs the indicator's justification."""
    document = indicator.item.document
    _require_editable(document)
    allowed = set(document.target_years)
    government_id = indicator.government_id
    existing = {
        row.year: row
        for row in IndicatorTarget.objects.filter(government_id=government_id, indicator=indicator)
    }
    before = {
        str(y): [str(r.value) if r.value is not None else None, r.qualitative_text]
        for y, r in existing.items()
    }
    for year, (value, text) in values.items():
        if year not in allowed:
            raise ValidationError(_("%(year)s is outside the document's period.") % {"year": year})
        if value is None and text.strip() and not indicator.qualitative_justification.strip():
            raise ValidationError(
                _("The target of %(year)s is qualitative: write first why it cannot be a number.")
                % {"year": year}
            )
        row = existing.get(year)
        if value is None and not text.strip():
            if row is not None:
                row.delete()
            continue
        if row is None:
            IndicatorTarget.objects.create(
                government_id=government_id,
                indicator=indicator,
                year=year,
                value=value,
                qualitative_text=text.strip(),
            )
        elif row.value != value or row.qualitative_text != text.strip():
            row.value = value
            row.qualitative_text = text.strip()
            row.save(update_fields=["value", "qualitative_text"])
    after = {
        str(r.year): [str(r.value) if r.value is not None else None, r.qualitative_text]
        for r in IndicatorTarget.objects.filter(government_id=government_id, indicator=indicator)
    }
    if before != after:
        audit_record(
            instance=indicator, by=by, action=Action.UPDATE, changes={"targets": [before, after]}
        )
    return indicator


@transaction.atomic
def funding_set(*, item: PlanItem, amounts: Mapping[int, Decimal | None], by: Any) -> PlanItem:
    """Set the pagu indikatif per year (None removes the year's amount)."""
    document = item.document
    _require_editable(document)
    if not item.takes_funding:
        raise ValidationError(_("Only programs, kegiatan and sub kegiatan carry a pagu indikatif."))
    allowed = set(document.target_years)
    government_id = item.government_id
    existing = {
        row.year: row for row in Funding.objects.filter(government_id=government_id, item=item)
    }
    before = {str(y): str(r.amount) for y, r in existing.items()}
    for year, amount in amounts.items():
        if year not in allowed:
            raise ValidationError(_("%(year)s is outside the document's period.") % {"year": year})
        if amount is not None and amount < 0:
            raise ValidationError(_("A pagu cannot be negative."))
        row = existing.get(year)
        if amount is None:
            if row is not None:
                row.delete()
        elif row is None:
            Funding.objects.create(government_id=government_id, item=item, year=year, amount=amount)
        elif row.amount != amount:
            row.amount = amount
            row.save(update_fields=["amount"])
    after = {
        str(r.year): str(r.amount)
        for r in Funding.objects.filter(government_id=government_id, item=item)
    }
    if before != after:
        audit_record(
            instance=item, by=by, action=Action.UPDATE, changes={"funding": [before, after]}
        )
    return item


# --- public inputs answered ---------------------------------------------------------------


@transaction.atomic
def plan_item_input_link(
    *, item: PlanItem, source_kind: str, source_id: int, by: Any, note: str = ""
) -> PlanItemInput:
    """Record that ``item`` answers a public input (called by complaints and forums). Allowed
    on adopted documents too: it says what became of an input, it does not change the plan."""
    link, created = PlanItemInput.objects.get_or_create(
        government_id=item.government_id,
        item=item,
        source_kind=source_kind,
        source_id=source_id,
        defaults={"note": note, "created_by": _actor(by)},
    )
    if created:
        audit_record(instance=link, by=by, action=Action.CREATE)
    return link


@transaction.atomic
def plan_item_input_unlink(*, item: PlanItem, source_kind: str, source_id: int, by: Any) -> None:
    link = PlanItemInput.objects.filter(
        government_id=item.government_id, item=item, source_kind=source_kind, source_id=source_id
    ).first()
    if link is not None:
        audit_record(instance=link, by=by, action=Action.DELETE, before=audit_snapshot(link))
        link.delete()
