"""What each public source contributes to the index: a :class:`Doc` per searchable record.

Only what the public may read is turned into a Doc: public reports (``Complaint.objects.public()``:
verified, neither confidential nor archived) with their title and text but never the reporter's
name or contact; plan documents past the working draft with their items and indicators; forum
inputs by their title and text, never the proposer. Snippets have e-mail addresses, phone numbers
and long digit runs (NIK, KK) blanked, as reports sometimes carry them in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from rembug.complaints.models import Complaint
from rembug.core.pii import pii_mask
from rembug.forums.models import ForumInput
from rembug.governments.models import Government
from rembug.moderation.selectors import withheld_ids
from rembug.planning.models import DocumentState, Indicator, PlanDocument, PlanItem
from rembug.search.models import Kind

SNIPPET_LENGTH = 300
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?<!\w)(?:\+62|62|0)8[\d\s-]{7,14}\d")
_DIGITS = re.compile(r"\d{8,}")
_SPACES = re.compile(r"\s+")


@dataclass
class Doc:
    kind: str
    object_id: int
    title: str
    body: str
    url: str
    context: str = ""
    date: date | None = None
    group: str = ""
    facets: list[str] = field(default_factory=list)

    @property
    def snippet(self) -> str:
        return snippet_of(self.body)


def snippet_of(text: str) -> str:
    """The start of ``text`` on one line, masked as the public pages mask it (``pii_mask``), and
    any e-mail address, phone number or long digit run left after that blanked too."""
    text = _EMAIL.sub("…", pii_mask(text))
    text = _PHONE.sub("…", text)
    text = _DIGITS.sub("…", text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= SNIPPET_LENGTH:
        return text
    return text[: SNIPPET_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def kecamatan_code(region_code: str | None) -> str | None:
    """The kecamatan of a Kemendagri code: ``36.73.02.1001`` → ``36.73.02``."""
    if not region_code or region_code.count(".") < 2:
        return None
    return ".".join(region_code.split(".")[:3])


def facets(
    kind: str,
    *,
    agency_id: int | None = None,
    kecamatan: Iterable[str | None] = (),
    years: Iterable[int] = (),
) -> list[str]:
    out = [f"@kind:{kind}"]
    if agency_id:
        out.append(f"@agency:{agency_id}")
    out.extend(sorted({f"@kec:{code}" for code in kecamatan if code}))
    out.extend(f"@year:{year}" for year in sorted(set(years)))
    return out


# ---------------------------------------------------------------- reports


def report_docs(government: Government, complaints: Iterable[Complaint]) -> list[Doc]:
    out = []
    for complaint in complaints:
        context = " · ".join(
            part
            for part in [
                complaint.category.name if complaint.category_id and complaint.category else "",
                complaint.kecamatan.name if complaint.kecamatan_id and complaint.kecamatan else "",
            ]
            if part
        )
        out.append(
            Doc(
                kind=Kind.REPORT,
                object_id=complaint.pk,
                title=complaint.title,
                body=complaint.text,
                url=reverse(
                    "complaints:detail", kwargs={"government": government.slug, "pk": complaint.pk}
                ),
                context=context,
                date=complaint.submitted_at.date(),
                facets=facets(
                    Kind.REPORT,
                    agency_id=complaint.agency_id,
                    kecamatan=[complaint.kecamatan_id],
                    years=[complaint.submitted_at.year],
                ),
            )
        )
    return out


def public_report_ids(government: Government, ids: list[int]) -> set[int]:
    """Which of ``ids`` the public may read (the one definition: ``public()``), leaving out what
    moderation withholds (which search also filters at query time, as it can change without
    touching the report)."""
    return set(
        Complaint.objects.of(government)
        .public()
        .filter(pk__in=ids)
        .exclude(pk__in=withheld_ids(government, Complaint))
        .values_list("pk", flat=True)
    )


# ---------------------------------------------------------------- forum inputs


def input_docs(government: Government, inputs: Iterable[ForumInput]) -> list[Doc]:
    out = []
    for item in inputs:
        year = item.forum.plan_year or item.created_at.year
        out.append(
            Doc(
                kind=Kind.INPUT,
                object_id=item.pk,
                title=item.title,
                body=item.text,
                url=reverse(
                    "forums:input",
                    kwargs={
                        "government": government.slug,
                        "pk": item.forum_id,
                        "input_pk": item.pk,
                    },
                ),
                context=item.forum.title,
                date=item.created_at.date(),
                facets=facets(
                    Kind.INPUT,
                    agency_id=item.target_agency_id,
                    kecamatan=[item.kecamatan_id, kecamatan_code(item.kelurahan_id)],
                    years=[year],
                ),
            )
        )
    return out


# ---------------------------------------------------------------- plans


def plan_group(document_id: int) -> str:
    return f"plan:{document_id}"


def plan_docs(government: Government, document: PlanDocument) -> list[Doc]:
    """The document, each of its items and each of their indicators (a public document only)."""
    if document.state == DocumentState.DRAFT:
        return []
    group = plan_group(document.pk)
    years = document.years
    agency_id = document.agency_id
    items = list(
        PlanItem.objects.filter(government=government, document=document)
        .prefetch_related("locations")
        .order_by("id")
    )
    indicators = Indicator.objects.filter(government=government, item__document=document)
    by_item: dict[int, list[Indicator]] = {}
    for indicator in indicators.order_by("id"):
        by_item.setdefault(indicator.item_id, []).append(indicator)
    out = [
        Doc(
            kind=Kind.PLAN,
            object_id=document.pk,
            title=str(document),
            body=" ".join([document.get_kind_display(), document.title, document.legal_basis]),
            url=reverse(
                "planning:document", kwargs={"government": government.slug, "pk": document.pk}
            ),
            context=document.agency.name if agency_id and document.agency else "",
            date=document.adopted_at,
            group=group,
            facets=facets(Kind.PLAN, agency_id=agency_id, years=years),
        )
    ]
    for item in items:
        url = reverse("planning:item", kwargs={"government": government.slug, "pk": item.pk})
        places = [kecamatan_code(location.region_id) for location in item.locations.all()]
        out.append(
            Doc(
                kind=Kind.PLAN_ITEM,
                object_id=item.pk,
                title=" ".join(part for part in [item.code, item.text] if part)[:300],
                body=" ".join([item.text, item.note]),
                url=url,
                context=str(document),
                group=group,
                facets=facets(Kind.PLAN_ITEM, agency_id=agency_id, kecamatan=places, years=years),
            )
        )
        for indicator in by_item.get(item.pk, []):
            out.append(
                Doc(
                    kind=Kind.INDICATOR,
                    object_id=indicator.pk,
                    title=indicator.name[:300],
                    body=" ".join(
                        [
                            indicator.name,
                            indicator.unit,
                            indicator.definition,
                            indicator.data_source,
                        ]
                    ),
                    url=url,
                    context=item.text[:300],
                    group=group,
                    facets=facets(
                        Kind.INDICATOR, agency_id=agency_id, kecamatan=places, years=years
                    ),
                )
            )
    return out
