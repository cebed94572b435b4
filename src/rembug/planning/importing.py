"""Import a Renstra or Renja from the XLSX template (``xlsx_template``): all or nothing.

Every row is checked first — placement in the tree, nomenclature code of the declared version
and of the agency's urusan, the Renstra item a Renja row carries out, numbers, locations,
alignment — and every problem is reported with its row number; only a file without errors
replaces the document's contents, in one transaction with one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from rembug.core.audit import audit_record
from rembug.core.models import AuditEntry
from rembug.nomenclature.models import NomenclatureItem
from rembug.planning.models import (
    ALLOWED_CHILDREN,
    FUNDED_KINDS,
    INDICATOR_KINDS,
    NOMENCLATURE_KINDS,
    DocumentKind,
    Funding,
    Indicator,
    IndicatorTarget,
    ItemKind,
    PlanDocument,
    PlanItem,
    PlanItemAlignment,
    PlanItemLocation,
)
from rembug.planning.services import _require_editable
from rembug.planning.xlsx_template import ItemRow, RowError, read_template
from rembug.regions.models import Region


class PlanImportError(Exception):
    """The file has errors; nothing was changed."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class _Lookups:
    codes: dict[str, NomenclatureItem]
    sources: dict[tuple[str, str], PlanItem]
    regions: dict[str, Region]
    higher: dict[str, PlanItem]


def _lookups(document: PlanDocument, rows: list[ItemRow]) -> _Lookups:
    codes = {r.code for r in rows if r.code}
    nomenclature = {
        item.code: item
        for item in NomenclatureItem.objects.filter(
            version_id=document.nomenclature_version_id, code__in=codes
        )
    }
    sources: dict[tuple[str, str], PlanItem] = {}
    higher: dict[str, PlanItem] = {}
    if document.based_on_id:
        for item in PlanItem.objects.filter(
            government_id=document.government_id, document_id=document.based_on_id
        ).order_by("-id"):
            higher[str(item.pk)] = item
            if item.code:
                sources[(item.kind, item.code)] = item
    regions = {
        region.name.lower(): region
        for region in Region.objects.filter(
            Q(code=document.government.region_id)
            | Q(
                code__startswith=f"{document.government.region_id}.",
                level__in=[Region.Level.DISTRICT, Region.Level.VILLAGE],
            )
        ).order_by("-level")  # a kecamatan wins over a kelurahan of the same name
    }
    return _Lookups(nomenclature, sources, regions, higher)


def _validate(document: PlanDocument, rows: list[ItemRow], lookups: _Lookups) -> list[RowError]:
    errors: list[RowError] = []
    seen: dict[str, ItemRow] = {}
    agency = document.agency
    for row in rows:

        def error(message: str, row: ItemRow = row) -> None:
            errors.append(RowError(row.row, message))

        if row.number in seen:
            error(_("The number %(no)s is used twice.") % {"no": row.number})
        parent = seen.get(row.parent_number) if row.parent_number else None
        if row.parent_number and parent is None:
            error(_("No item %(no)s above this row to hang it under.") % {"no": row.parent_number})
        allowed = ALLOWED_CHILDREN[document.kind].get(parent.kind if parent else None, ())
        if row.kind not in allowed:
            error(
                _("A %(kind)s cannot stand here in a %(document)s.")
                % {"kind": ItemKind(row.kind).label, "document": document.get_kind_display()}
            )
        seen[row.number] = row
        if row.kind in NOMENCLATURE_KINDS:
            code = lookups.codes.get(row.code)
            if code is None:
                error(
                    _("The code “%(code)s” is not in %(version)s.")
                    % {"code": row.code, "version": document.nomenclature_version}
                )
            else:
                if code.level != NOMENCLATURE_KINDS[row.kind]:
                    error(
                        _("The code %(code)s is a %(level)s.")
                        % {"code": row.code, "level": code.get_level_display()}
                    )
                if agency is not None and code.urusan_code not in agency.urusan_codes:
                    error(
                        _("The code %(code)s lies outside the urusan of %(agency)s.")
                        % {"code": row.code, "agency": agency}
                    )
                row.text = row.text or code.name
            if document.kind == DocumentKind.RENJA and (row.kind, row.code) not in lookups.sources:
                error(
                    _("No item %(code)s in the Renstra this Renja carries out.")
                    % {"code": row.code}
                )
        elif row.code:
            error(_("A %(kind)s has no code.") % {"kind": ItemKind(row.kind).label})
        if not row.text:
            error(_("The text (uraian) is empty."))
        if row.funding and row.kind not in FUNDED_KINDS:
            error(_("Only programs, kegiatan and sub kegiatan carry a pagu."))
        if any(a < 0 for a in row.funding.values()):
            error(_("A pagu cannot be negative."))
        if row.indicators and row.kind not in INDICATOR_KINDS:
            error(_("A %(kind)s has no indicators.") % {"kind": ItemKind(row.kind).label})
        for ind in row.indicators:
            qualitative = any(v is None for v, _t in ind.targets.values()) or bool(
                ind.end_target_text
            )
            if qualitative and not ind.qualitative_justification:
                error(
                    _("Indicator “%(name)s” has qualitative targets without a justification.")
                    % {"name": ind.name}
                )
        for name in row.locations:
            if name.lower() not in lookups.regions:
                error(
                    _("“%(name)s” is no kecamatan or kelurahan of this government.")
                    % {"name": name}
                )
        for ref in row.serves:
            if ref not in lookups.higher:
                error(_("ID %(id)s is no item of the higher document.") % {"id": ref})
    return errors


@transaction.atomic
def plan_import(*, document: PlanDocument, file: IO[bytes], by: Any) -> int:
    """Replace the document's contents with the file's. Raises :class:`PlanImportError` with
    every row error, changing nothing; returns the number of items imported."""
    _require_editable(document)
    rows, errors = read_template(file, document.target_years)
    if not errors and not rows:
        errors = [RowError(0, _("The file holds no items."))]
    lookups = _lookups(document, rows)
    errors += _validate(document, rows, lookups)
    if errors:
        raise PlanImportError(sorted(errors, key=lambda e: e.row))
    before = PlanItem.objects.filter(
        government_id=document.government_id, document=document
    ).count()
    PlanItem.objects.filter(government_id=document.government_id, document=document).delete()
    created = _create(document, rows, lookups)
    audit_record(
        instance=document,
        by=by,
        action=AuditEntry.Action.UPDATE,
        changes={"items": [before, created]},
        note=_("Imported from XLSX"),
    )
    return created


def _create(document: PlanDocument, rows: list[ItemRow], lookups: _Lookups) -> int:
    gov = document.government_id
    made: dict[str, PlanItem] = {}
    positions: dict[str, int] = {}
    depth_order = sorted(rows, key=lambda r: r.number.count("."))
    for depth in sorted({r.number.count(".") for r in rows}):
        level = [r for r in depth_order if r.number.count(".") == depth]
        items = []
        for row in level:
            positions[row.parent_number] = positions.get(row.parent_number, 0) + 1
            code = lookups.codes.get(row.code) if row.kind in NOMENCLATURE_KINDS else None
            source = (
                lookups.sources.get((row.kind, row.code))
                if document.kind == DocumentKind.RENJA
                else None
            )
            items.append(
                PlanItem(
                    government_id=gov,
                    document=document,
                    parent=made.get(row.parent_number),
                    kind=row.kind,
                    position=positions[row.parent_number],
                    code=code.code if code else "",
                    nomenclature_item=code,
                    text=row.text,
                    source_item=source,
                    funding_source=row.funding_source,
                )
            )
        PlanItem.objects.bulk_create(items)
        made.update({row.number: item for row, item in zip(level, items, strict=True)})

    indicators: list[tuple[Indicator, dict[int, tuple[Any, str]]]] = []
    for row in rows:
        for position, ind in enumerate(row.indicators, start=1):
            indicators.append(
                (
                    Indicator(
                        government_id=gov,
                        item=made[row.number],
                        position=position,
                        name=ind.name,
                        unit=ind.unit,
                        definition=ind.definition,
                        data_source=ind.data_source,
                        direction=ind.direction,
                        baseline_year=ind.baseline_year,
                        baseline_value=ind.baseline_value,
                        end_target=ind.end_target,
                        end_target_text=ind.end_target_text,
                        qualitative_justification=ind.qualitative_justification,
                        responsible_unit=ind.responsible_unit,
                    ),
                    ind.targets,
                )
            )
    Indicator.objects.bulk_create(i for i, _t in indicators)
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(
            government_id=gov, indicator=indicator, year=year, value=value, qualitative_text=text
        )
        for indicator, targets in indicators
        for year, (value, text) in targets.items()
    )
    Funding.objects.bulk_create(
        Funding(government_id=gov, item=made[row.number], year=year, amount=amount)
        for row in rows
        for year, amount in row.funding.items()
    )
    PlanItemLocation.objects.bulk_create(
        PlanItemLocation(government_id=gov, item=made[row.number], region=lookups.regions[name])
        for row in rows
        for name in dict.fromkeys(n.lower() for n in row.locations)
    )
    PlanItemAlignment.objects.bulk_create(
        PlanItemAlignment(government_id=gov, item=made[row.number], target=lookups.higher[ref])
        for row in rows
        for ref in dict.fromkeys(row.serves)
    )
    return len(made)
