"""``{% forum_inputs_of complaint as taken %}``: the forum inputs a report was taken to (see
``complaints.themes``), each with the plan items that carry it — what became of a voice once it
left the complaints desk. Two queries, whatever the number of inputs."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from rembug.complaints.models import Complaint
from rembug.forums.models import ForumInput, ForumInputReport
from rembug.planning.models import PlanItem, PlanItemInput
from rembug.planning.selectors import plan_items_answering

register = template.Library()


@dataclass(frozen=True)
class TakenTo:
    input: ForumInput
    plan_items: list[PlanItem]


@register.simple_tag
def forum_inputs_of(complaint: Complaint) -> list[TakenTo]:
    inputs = [
        link.input
        for link in ForumInputReport.objects.filter(
            government_id=complaint.government_id, complaint=complaint
        )
        .select_related("input__forum", "input__government")
        .order_by("input_id")
    ]
    if not inputs:
        return []
    carried = plan_items_answering(
        complaint.government, PlanItemInput.SourceKind.FORUM_INPUT, [i.pk for i in inputs]
    )
    return [TakenTo(item, carried.get(item.pk, [])) for item in inputs]
