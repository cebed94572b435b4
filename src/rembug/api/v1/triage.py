"""Routing suggestions: which agency of a government should handle a text, and its category.

The same suggestion the coordinator sees in the queue and the resident in the reporting form,
for other systems (a call centre's ticketing tool, a chat bot). Nothing is stored.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rembug.api.throttling import PublicWriteThrottle
from rembug.api.v1.responses import errors_4xx
from rembug.governments.access import government_get
from rembug.governments.models import Agency
from rembug.regions.models import Region
from rembug.triage.emergency import emergency_detect
from rembug.triage.ranking import Report
from rembug.triage.selectors import routing_suggest, triage_model_active

router = Router(tags=["triage"])


class SuggestIn(Schema):
    title: str = Field("", max_length=200)
    text: str = Field(..., min_length=3, max_length=4000)
    kecamatan: str | None = Field(None, max_length=13, description="Kemendagri code")


class AgencyChoiceOut(Schema):
    agency: str = Field(..., description="Slug of the agency")
    name: str
    urusan_codes: list[str]
    confidence: float = Field(..., ge=0, le=1)
    words: list[str] = Field(..., description="The words that drove the suggestion")


class CategoryChoiceOut(Schema):
    category: str
    confidence: float = Field(..., ge=0, le=1)


class SuggestOut(Schema):
    agencies: list[AgencyChoiceOut] = Field(..., description="At most 3, most likely first")
    categories: list[CategoryChoiceOut]
    auto_route: bool = Field(..., description="Confident enough to route without a person")
    emergency: str = Field(..., description="Kind of emergency (call 112), or empty")
    model_version: int | None = Field(None, description="Empty: the built-in seed corpus")


@router.post(
    "/governments/{slug}/triage/suggest",
    response={200: SuggestOut, **errors_4xx},
    throttle=[PublicWriteThrottle()],
    summary="Suggest the agency and category for a report's text (nothing is stored)",
)
def triage_suggest(request: HttpRequest, slug: str, payload: SuggestIn) -> dict[str, Any]:
    government = government_get(slug)
    kecamatan = ""
    if payload.kecamatan:
        kecamatan = (
            Region.objects.filter(
                code=payload.kecamatan, parent_id=government.region_id, level=Region.Level.DISTRICT
            )
            .values_list("name", flat=True)
            .first()
            or ""
        )
    routing = routing_suggest(
        government, Report(title=payload.title, text=payload.text, kecamatan=kecamatan)
    )
    agencies = {
        a.name: a
        for a in Agency.objects.filter(
            government=government, name__in=[c.label for c in routing.agencies]
        )
    }
    emergency = emergency_detect(f"{payload.title}\n{payload.text}")
    model = triage_model_active(government)
    return {
        "agencies": [
            {
                "agency": agencies[c.label].slug,
                "name": c.label,
                "urusan_codes": [str(code) for code in agencies[c.label].urusan_codes],
                "confidence": round(min(max(c.confidence, 0.0), 1.0), 4),
                "words": list(c.words)[:5],
            }
            for c in routing.agencies
            if c.label in agencies
        ],
        "categories": [
            {"category": c.label, "confidence": round(min(max(c.confidence, 0.0), 1.0), 4)}
            for c in routing.categories
        ],
        "auto_route": routing.auto_route,
        "emergency": emergency.kind if emergency.is_emergency else "",
        "model_version": model.version if model else None,
    }
