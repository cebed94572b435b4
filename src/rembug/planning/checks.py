"""The "akuntabel dan terukur" check: is a plan document accountable and measurable?

:func:`plan_check` walks the tree loaded by :func:`selectors.plan_tree` (a constant number of
queries) and returns every finding with its severity, a message a planner understands and the
address of the page where it is fixed. Errors make ``rembug plan check`` exit non-zero.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from django.urls import reverse
from django.utils.translation import gettext as _

from rembug.nomenclature.codes import parent_code
from rembug.planning.models import (
    FUNDED_KINDS,
    NOMENCLATURE_KINDS,
    DocumentKind,
    Indicator,
    ItemKind,
    PlanDocument,
    PlanItem,
)
from rembug.planning.selectors import IndicatorNode, PlanTree, TreeNode, plan_tree

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str
    message: str
    url: str
    item_id: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class CheckReport:
    document: PlanDocument
    findings: list[Finding] = field(default_factory=list)
    sub_kegiatan_total: int = 0
    sub_kegiatan_answering: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def passed(self) -> bool:
        return not self.errors

    @property
    def input_share(self) -> Decimal | None:
        """Percentage of sub kegiatan answering at least one public input (None without any)."""
        if not self.sub_kegiatan_total:
            return None
        share = Decimal(self.sub_kegiatan_answering * 100) / Decimal(self.sub_kegiatan_total)
        return share.quantize(Decimal("0.1"))


def _fix_url(item: PlanItem, view: str, pk: int | None = None) -> str:
    """The page where a finding is fixed (an edit page; its readers see the item instead)."""
    return reverse(
        f"planning:{view}",
        kwargs={"government": item.document.government.slug, "pk": pk or item.pk},
    )


def _item_url(item: PlanItem, anchor: str = "") -> str:
    url = reverse(
        "planning:item", kwargs={"government": item.document.government.slug, "pk": item.pk}
    )
    return f"{url}#{anchor}" if anchor else url


def _name(item: PlanItem) -> str:
    text = item.text if len(item.text) <= 80 else item.text[:77] + "…"
    return f"{item.get_kind_display()} {item.code} “{text}”".replace("  ", " ")


def plan_check(document: PlanDocument, tree: PlanTree | None = None) -> CheckReport:
    tree = tree or plan_tree(document)
    for node in tree.nodes.values():
        node.item.document = document
    report = CheckReport(document=document)
    report.findings.extend(_document_findings(document))
    source_documents = _source_documents(tree)
    for node in tree.walk():
        parent = tree.nodes.get(node.item.parent_id or 0)
        parent_code_ = parent.item.code if parent else ""
        report.findings.extend(_item_findings(document, node, source_documents, parent_code_))
        for indicator in node.indicators:
            report.findings.extend(_indicator_findings(document, node.item, indicator))
        if node.item.kind == ItemKind.SUB_KEGIATAN:
            report.sub_kegiatan_total += 1
            report.sub_kegiatan_answering += bool(node.inputs)
    report.findings.sort(key=lambda f: (f.severity != ERROR,))
    return report


def _document_findings(document: PlanDocument) -> Iterator[Finding]:
    url = document.get_absolute_url()
    if document.kind in (DocumentKind.RENSTRA, DocumentKind.RENJA):
        if document.nomenclature_version_id is None:
            yield Finding(
                ERROR, "no_nomenclature", _("The document declares no nomenclature version."), url
            )
        if document.based_on_id is None:
            yield Finding(
                WARNING,
                "not_based_on",
                _("The document names no higher document it translates."),
                url,
            )
    higher = document.based_on
    if higher is not None and not (
        higher.period_start <= document.period_start and document.period_end <= higher.period_end
    ):
        yield Finding(
            WARNING,
            "period_outside",
            _("The period %(period)s lies outside the period of %(higher)s (%(higher_period)s).")
            % {
                "period": document.period_label,
                "higher": higher,
                "higher_period": higher.period_label,
            },
            url,
        )


def _source_documents(tree: PlanTree) -> dict[int, PlanDocument]:
    """The documents of the Renstra items a Renja's items trace to: one query."""
    ids = {n.item.source_item_id for n in tree.nodes.values() if n.item.source_item_id}
    if not ids:
        return {}
    return {
        item.pk: item.document
        for item in PlanItem.objects.filter(government_id=tree.document.government_id, pk__in=ids)
        .select_related("document")
        .only("id", "document__kind", "document__agency_id", "document__id")
    }


def _item_findings(
    document: PlanDocument,
    node: TreeNode,
    source_documents: dict[int, PlanDocument],
    parent_code_: str,
) -> Iterator[Finding]:
    item = node.item
    name = _name(item)
    url = _item_url(item)
    if item.kind == ItemKind.SASARAN and not node.indicators:
        yield Finding(
            ERROR,
            "sasaran_no_indicator",
            _("%(item)s has no indicator.") % {"item": name},
            _fix_url(item, "indicator_create"),
            item.pk,
        )
    elif item.takes_indicators and not node.indicators and item.kind != ItemKind.TUJUAN:
        yield Finding(
            WARNING, "no_indicator", _("%(item)s has no indicator.") % {"item": name}, url, item.pk
        )
    if item.kind in NOMENCLATURE_KINDS:
        yield from _code_findings(document, node, name, _fix_url(item, "item_edit"), parent_code_)
    if item.kind in FUNDED_KINDS:
        yield from _funding_findings(document, node, name, url)
    if (
        document.kind == DocumentKind.RENSTRA
        and item.kind == ItemKind.SASARAN
        and not node.aligned_to
    ):
        yield Finding(
            ERROR,
            "sasaran_not_aligned",
            _("%(item)s serves no RPJMD sasaran.") % {"item": name},
            _fix_url(item, "item_alignment"),
            item.pk,
        )
    if document.kind == DocumentKind.RPJMD and item.kind == ItemKind.MISI and not node.aligned_to:
        yield Finding(
            WARNING,
            "misi_not_aligned",
            _("%(item)s is linked to no RPJPD misi.") % {"item": name},
            _fix_url(item, "item_alignment"),
            item.pk,
        )
    if document.kind == DocumentKind.RENJA and item.kind == ItemKind.SUB_KEGIATAN:
        if not node.locations:
            yield Finding(
                WARNING,
                "no_location",
                _("%(item)s has no location (lokasi).") % {"item": name},
                _fix_url(item, "item_locations"),
                item.pk,
            )
        if not item.funding_source:
            yield Finding(
                WARNING,
                "no_funding_source",
                _("%(item)s has no sumber dana.") % {"item": name},
                _fix_url(item, "item_edit"),
                item.pk,
            )
    if document.kind == DocumentKind.RENJA:
        source = source_documents.get(item.source_item_id or 0)
        if (
            source is None
            or source.kind != DocumentKind.RENSTRA
            or source.agency_id != document.agency_id
        ):
            yield Finding(
                ERROR,
                "renja_no_renstra",
                _("%(item)s traces to no item of the agency's Renstra.") % {"item": name},
                url,
                item.pk,
            )


def _code_findings(
    document: PlanDocument, node: TreeNode, name: str, url: str, parent: str
) -> Iterator[Finding]:
    item = node.item
    nomenclature = item.nomenclature_item
    if nomenclature is None:
        severity = WARNING if document.kind == DocumentKind.RPJMD else ERROR
        yield Finding(
            severity,
            "no_code",
            _("%(item)s has no nomenclature code.") % {"item": name},
            url,
            item.pk,
        )
        return
    if (
        nomenclature.version_id != document.nomenclature_version_id
        or nomenclature.code != item.code
        or NOMENCLATURE_KINDS[item.kind] != nomenclature.level
    ):
        yield Finding(
            ERROR,
            "code_not_in_version",
            _(
                "The code %(code)s of %(item)s is not a %(kind)s of the declared "
                "nomenclature version."
            )
            % {"code": item.code, "item": name, "kind": item.get_kind_display()},
            url,
            item.pk,
        )
    agency = document.agency
    if agency is not None and nomenclature.urusan_code not in agency.urusan_codes:
        yield Finding(
            ERROR,
            "code_outside_urusan",
            _("The code %(code)s lies outside the urusan of %(agency)s (%(urusan)s).")
            % {"code": item.code, "agency": agency, "urusan": ", ".join(agency.urusan_codes)},
            url,
            item.pk,
        )
    if (
        parent
        and item.kind != ItemKind.PROGRAM
        and parent_code(item.code, NOMENCLATURE_KINDS[item.kind]) != parent
    ):
        yield Finding(
            ERROR,
            "code_not_under_parent",
            _("The code %(code)s does not belong under %(parent)s.")
            % {"code": item.code, "parent": parent},
            url,
            item.pk,
        )


def _funding_findings(
    document: PlanDocument, node: TreeNode, name: str, url: str
) -> Iterator[Finding]:
    item = node.item
    for year, own in sorted(node.funding.items()):
        funded_children = [c for c in node.children if year in c.totals]
        if not funded_children:
            continue
        below = sum((c.totals[year] for c in funded_children), Decimal(0))
        if below != own:
            yield Finding(
                ERROR,
                "funding_mismatch",
                _(
                    "%(item)s: the pagu of %(year)s (%(own)s) differs from the sum below it "
                    "(%(below)s)."
                )
                % {
                    "item": name,
                    "year": year,
                    "own": rupiah_plain(own),
                    "below": rupiah_plain(below),
                },
                _fix_url(item, "item_funding"),
                item.pk,
            )
    if item.kind == ItemKind.SUB_KEGIATAN:
        missing = [str(y) for y in document.years if y not in node.funding]
        if missing:
            yield Finding(
                WARNING,
                "no_funding",
                _("%(item)s has no pagu indikatif for %(years)s.")
                % {"item": name, "years": ", ".join(missing)},
                _fix_url(item, "item_funding"),
                item.pk,
            )


def rupiah_plain(amount: Decimal) -> str:
    from rembug.planning.templatetags.rupiah import rupiah

    return rupiah(amount)


def _indicator_findings(
    document: PlanDocument, item: PlanItem, node: IndicatorNode
) -> Iterator[Finding]:
    indicator = node.indicator
    url = _fix_url(item, "indicator_edit", indicator.pk)
    label = _("Indicator “%(name)s” of %(item)s") % {"name": indicator.name, "item": _name(item)}

    def finding(severity: str, code: str, message: str) -> Finding:
        return Finding(severity, code, message % {"indicator": label}, url, item.pk)

    if not indicator.unit.strip():
        yield finding(ERROR, "indicator_no_unit", _("%(indicator)s has no unit."))
    if indicator.baseline_value is None or indicator.baseline_year is None:
        yield finding(
            ERROR, "indicator_no_baseline", _("%(indicator)s has no baseline (kondisi awal).")
        )
    missing = [str(y) for y in document.years if y not in node.targets]
    if missing:
        yield Finding(
            ERROR,
            "indicator_missing_target",
            _("%(indicator)s has no target for %(years)s.")
            % {"indicator": label, "years": ", ".join(missing)},
            url,
            item.pk,
        )
    qualitative = [t for t in node.targets.values() if t.value is None]
    if (qualitative or (indicator.end_target is None and indicator.end_target_text)) and not (
        indicator.qualitative_justification.strip()
    ):
        yield finding(
            ERROR,
            "qualitative_no_justification",
            _("%(indicator)s has qualitative targets without justification."),
        )
    yield from _direction_findings(document, node, label, url, item.pk)
    last = node.target(document.period_end)
    if last is not None:
        if (
            last.value is not None
            and indicator.end_target is not None
            and last.value != indicator.end_target
        ):
            yield Finding(
                ERROR,
                "end_target_mismatch",
                _(
                    "%(indicator)s: the end-of-period target (%(end)s) differs from the target "
                    "of %(year)s (%(last)s)."
                )
                % {
                    "indicator": label,
                    "end": indicator.end_target.normalize(),
                    "year": document.period_end,
                    "last": last.value.normalize(),
                },
                url,
                item.pk,
            )
        elif last.value is None and indicator.end_target_text.strip() not in (
            "",
            last.qualitative_text.strip(),
        ):
            yield finding(
                ERROR,
                "end_target_mismatch",
                _(
                    "%(indicator)s: the qualitative end-of-period target differs from the "
                    "last year's."
                ),
            )
        elif indicator.end_target is None and not indicator.end_target_text:
            yield finding(
                ERROR, "end_target_missing", _("%(indicator)s has no end-of-period target.")
            )
    if indicator.baseline_year is not None and indicator.baseline_year != document.period_start - 1:
        yield Finding(
            WARNING,
            "baseline_year",
            _(
                "%(indicator)s: the baseline is of %(year)s, not of the year before the "
                "period (%(expected)s)."
            )
            % {
                "indicator": label,
                "year": indicator.baseline_year,
                "expected": document.period_start - 1,
            },
            url,
            item.pk,
        )


def _direction_findings(
    document: PlanDocument, node: IndicatorNode, label: str, url: str, item_id: int
) -> Iterator[Finding]:
    indicator = node.indicator
    if indicator.direction == Indicator.Direction.EXACT:
        return
    series: list[tuple[int, Decimal]] = []
    if indicator.baseline_value is not None and indicator.baseline_year is not None:
        series.append((indicator.baseline_year, indicator.baseline_value))
    series.extend(
        (year, t.value)
        for year, t in sorted(node.targets.items())
        if t.value is not None and year in document.years
    )
    higher = indicator.direction == Indicator.Direction.HIGHER
    for (year_a, a), (year_b, b) in pairwise(series):
        if (higher and b < a) or (not higher and b > a):
            template = (
                _(
                    "%(indicator)s: the target falls from %(a)s (%(year_a)s) to %(b)s "
                    "(%(year_b)s) although %(direction)s."
                )
                if higher
                else _(
                    "%(indicator)s: the target rises from %(a)s (%(year_a)s) to %(b)s "
                    "(%(year_b)s) although %(direction)s."
                )
            )
            values = {
                "indicator": label,
                "a": a.normalize(),
                "year_a": year_a,
                "b": b.normalize(),
                "year_b": year_b,
                "direction": indicator.get_direction_display(),
            }
            yield Finding(ERROR, "target_against_direction", template % values, url, item_id)
            return
