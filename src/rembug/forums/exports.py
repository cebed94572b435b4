"""The forum's documents: the berita acara (minutes) and T-C.32, as XLSX and PDF.

T-C.32 (*Usulan program/kegiatan dari para pemangku kepentingan*) is an official table and goes
through the shared table engine (``core.tables``). The berita acara is a signed document rather
than a table: its own HTML page (WeasyPrint) and its own sheet. ``rembug export`` reaches both
through :data:`FORUM_EXPORTS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from rembug.core.pii import pii_mask
from rembug.core.tables import Col, Fmt, Row, Table, render_pdf, render_xlsx
from rembug.forums.models import Disposition, Forum, ForumInput, Participant
from rembug.forums.selectors import disposition_of
from rembug.governments.models import Government

HERE = Path(__file__).resolve().parent
MINUTES_CSS = HERE / "templates" / "forums" / "berita_acara.css"


def _location(item: ForumInput) -> str:
    parts = []
    if item.kelurahan is not None:
        parts.append(item.kelurahan.name)
    if item.kecamatan is not None:
        parts.append(_("Kec. %(name)s") % {"name": item.kecamatan.name})
    return ", ".join(parts)


def _answer(item: ForumInput) -> str:
    disposition = disposition_of(item)
    if disposition is None:
        return _("awaiting an answer")
    Outcome = Disposition.Outcome
    text = str(disposition.get_outcome_display())
    if disposition.outcome == Outcome.ACCEPTED:
        text += f": {disposition.plan_item_label}"
    elif disposition.outcome == Outcome.MERGED and disposition.merged_into_id:
        text += f" #{disposition.merged_into_id}"
    elif disposition.outcome == Outcome.DEFERRED:
        text += f" {disposition.deferred_to_year}"
    elif disposition.outcome == Outcome.FORWARDED and disposition.forwarded_to is not None:
        text += f": {disposition.forwarded_to}"
    if disposition.reason:
        text += f". {disposition.reason}"
    return text


def _inputs(forum: Forum) -> list[ForumInput]:
    return list(
        ForumInput.objects.filter(government_id=forum.government_id, forum=forum)
        .select_related("kecamatan", "kelurahan", "target_agency")
        .prefetch_related(
            Prefetch(
                "dispositions",
                queryset=Disposition.objects.select_related("forwarded_to", "plan_item"),
            ),
            "dispositions__plan_item__indicators",
        )
        .order_by("-support_count", "id")
    )


def _indicator(item: ForumInput) -> str:
    """The performance indicator of an accepted input: the indicators of the plan item that
    carries it; otherwise the input's category."""
    disposition = disposition_of(item)
    if disposition is not None and disposition.plan_item is not None:
        names = [
            f"{i.name} ({i.unit})" if i.unit else i.name
            for i in disposition.plan_item.indicators.all()
        ]
        if names:
            return "; ".join(names)
    return item.category


def tc32_table(forum: Forum) -> Table:
    """T-C.32 with its official columns: No, Program/Kegiatan, Lokasi, Indikator Kinerja,
    Besaran/Volume, Catatan. Who proposed it, the estimated cost and the answer go in Catatan."""
    rows: list[Row] = []
    for number, item in enumerate(_inputs(forum), start=1):
        notes = [f"{item.proposer_name}" + (f" ({item.institution})" if item.institution else "")]
        if item.estimated_cost is not None:
            notes.append(
                _("estimated Rp %(cost)s")
                % {"cost": formats.number_format(item.estimated_cost, 0, force_grouping=True)}
            )
        notes.append(_answer(item))
        volume = ""
        if item.volume is not None:
            volume = f"{formats.number_format(item.volume, -2)} {item.unit}".strip()
        rows.append(
            Row(
                {
                    "no": number,
                    "usulan": pii_mask(
                        f"{item.title}. {item.text}" if item.text != item.title else item.title
                    ),
                    "lokasi": _location(item),
                    "indikator": _indicator(item),
                    "volume": volume,
                    "catatan": pii_mask("; ".join(notes)),
                }
            )
        )
    year = forum.plan_year or forum.starts_at.year + 1
    return Table(
        code="T-C.32",
        title=_("Proposals of programs/activities from stakeholders, year %(year)s")
        % {"year": year},
        subtitles=[
            f"{forum.organiser.name} — {forum.government.name}",
            f"{forum.title} ({formats.date_format(timezone.localtime(forum.starts_at), 'j F Y')})",
        ],
        headers=[
            Col(_("No"), "no", Fmt.INTEGER, width=4),
            Col(_("Program/Kegiatan"), "usulan", width=40),
            Col(_("Lokasi"), "lokasi", width=16),
            Col(_("Indikator Kinerja"), "indikator", width=14),
            Col(_("Besaran/Volume"), "volume", width=10),
            Col(_("Catatan"), "catatan", width=36),
        ],
        rows=rows,
        filename=f"T-C.32-forum-{forum.pk}",
    )


@dataclass(frozen=True)
class Minutes:
    forum: Forum
    when: Any
    present: list[Participant]
    speakers: list[Participant]
    priorities: list[ForumInput]
    answered: dict[str, int]
    received: int
    signatories: list[tuple[str, str]]


def minutes_of(forum: Forum) -> Minutes:
    inputs = _inputs(forum)
    answered: dict[str, int] = {}
    for item in inputs:
        disposition = disposition_of(item)
        if disposition is not None:
            label = str(disposition.get_outcome_display())
            answered[label] = answered.get(label, 0) + 1
    people = list(
        Participant.objects.filter(government_id=forum.government_id, forum=forum).order_by(
            "institution_kind", "institution", "name"
        )
    )
    accepted = [
        item
        for item in inputs
        if (d := disposition_of(item)) is not None and d.outcome == Disposition.Outcome.ACCEPTED
    ]
    return Minutes(
        forum=forum,
        when=timezone.localtime(forum.starts_at),
        present=[p for p in people if p.attended_at is not None],
        speakers=[p for p in people if p.is_speaker],
        priorities=accepted,
        answered=answered,
        received=len(inputs),
        signatories=forum.signatory_lines,
    )


def minutes_pdf(forum: Forum) -> bytes:
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # heavy: only PDFs need it

    html = render_to_string(
        "forums/berita_acara.html", {"m": minutes_of(forum), "location": _location}
    )
    pdf: bytes = HTML(string=html, base_url=str(HERE)).write_pdf(
        stylesheets=[CSS(filename=str(MINUTES_CSS))]
    )
    return pdf


def minutes_xlsx(forum: Forum) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    m = minutes_of(forum)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Minutes")[:31]
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def line(*values: Any, strong: bool = False) -> None:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            if strong:
                cell.font = bold

    line(_("MINUTES (BERITA ACARA)"), strong=True)
    line(f"{forum.get_kind_display()} — {forum.title}", strong=True)
    line(_("Date"), formats.date_format(m.when, "l, j F Y H:i"))
    line(_("Venue"), forum.venue)
    line(_("Organiser"), forum.organiser.name)
    if forum.opened_by:
        line(_("Opened by"), forum.opened_by)
    line(_("Inputs received"), m.received)
    for label, count in m.answered.items():
        line(label, count)
    line()
    line(_("Speakers"), strong=True)
    for person in m.speakers:
        line(person.name, person.position, person.institution, person.topic)
    line()
    line(_("Participants present"), strong=True)
    line(_("No"), _("Name"), _("Position"), _("Institution"), strong=True)
    for number, person in enumerate(m.present, start=1):
        line(number, person.name, person.position, person.institution)
    line()
    line(_("Agreed priorities"), strong=True)
    line(
        _("No"),
        _("Proposal"),
        _("Location"),
        _("Proposer"),
        _("Plan item"),
        _("Supports"),
        strong=True,
    )
    for number, item in enumerate(m.priorities, start=1):
        disposition = disposition_of(item)
        line(
            number,
            pii_mask(item.title),
            _location(item),
            f"{item.proposer_name} ({item.institution})"
            if item.institution
            else item.proposer_name,
            disposition.plan_item_label if disposition else "",
            item.support_count,
        )
    line()
    line(_("Signatories"), strong=True)
    for name, position in m.signatories:
        line(position, name, "", _("signature"))
    for column, width in zip("ABCDEF", (8, 40, 28, 32, 40, 10), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    out = BytesIO()
    book.save(out)
    return out.getvalue()


FORUM_EXPORTS: dict[str, dict[str, Callable[[Forum], bytes]]] = {
    "forum-minutes": {"xlsx": minutes_xlsx, "pdf": minutes_pdf},
    "T-C.32": {
        "xlsx": lambda forum: render_xlsx(tc32_table(forum)),
        "pdf": lambda forum: render_pdf(tc32_table(forum)),
    },
}


def forum_export(name: str, fmt: str, *, government: Government, forum_id: int) -> bytes:
    """The document ``name`` of forum ``forum_id`` of ``government``, in the government's
    language (Indonesian by default)."""
    renderers = FORUM_EXPORTS.get(name)
    if renderers is None or fmt not in renderers:
        raise Http404(_("No such document."))
    forum = (
        Forum.objects.filter(government=government, pk=forum_id)
        .select_related("government", "organiser")
        .first()
    )
    if forum is None:
        raise Http404(_("No such forum."))
    with translation.override(settings.LANGUAGE_CODE):
        return renderers[fmt](forum)
