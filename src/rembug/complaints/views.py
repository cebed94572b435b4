from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rembug.complaints import forms as cforms
from rembug.complaints import lists, selectors, services
from rembug.complaints import map as report_map
from rembug.complaints.access import ComplaintAccess, complaint_get_for_user, is_coordinator
from rembug.complaints.emergency import EMERGENCY_NUMBER, emergency_check
from rembug.complaints.models import (
    DEFAULT_WORKING_DAYS,
    AnswerTemplate,
    Complaint,
    ComplaintAttachment,
    ComplaintRating,
    ServiceLevel,
    Status,
)
from rembug.complaints.notify import tracking_code_send
from rembug.complaints.paging import AFTER, BEFORE, keyset_page
from rembug.complaints.suggestions import (
    agency_suggestions,
    category_suggestions,
    similar_complaints,
    similar_public_reports,
)
from rembug.complaints.workflow import AGENCY, COORDINATOR, REPORTER, allowed_targets
from rembug.core.calendar import government_day_off_add, government_day_off_remove, year_days_off
from rembug.core.models import GovernmentDayOff
from rembug.governments.access import roles_for
from rembug.governments.models import Agency, Government, Role
from rembug.moderation.checks import publish_check
from rembug.moderation.ratelimit import rate_limit_check
from rembug.planning.models import PlanItemInput
from rembug.planning.selectors import plan_items_answering
from rembug.regions.models import Region

PAGE_SIZE = 25
# Below this many words a suggestion would be a guess.
MIN_WORDS_TO_SUGGEST = 4


def _government(request: HttpRequest) -> Government:
    current: Government = request.government  # type: ignore[attr-defined]
    return current


# ---------------------------------------------------------------- reporting


def _report_form(
    request: HttpRequest, government: Government, data: Any = None, files: Any = None
) -> cforms.ReportForm:
    return cforms.ReportForm(
        data,
        files,
        government=government,
        emergency_url=reverse("complaints:emergency_check", kwargs={"government": government.slug}),
        kelurahan_url=reverse(
            "complaints:kelurahan_options", kwargs={"government": government.slug}
        ),
    )


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    if request.method != "POST":
        return render(
            request, "complaints/complaint_new.html", {"form": _report_form(request, current)}
        )
    form = _report_form(request, current, request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "complaints/complaint_new.html", {"form": form}, status=422)
    data = form.cleaned_data
    try:
        rate_limit_check(request, "report")
        publish_check(government=current, user=request.user, texts=[data["title"], data["text"]])
        complaint = services.complaint_submit(
            government=current,
            title=data["title"],
            text=data["text"],
            classification=data["classification"],
            category=data["category"],
            kecamatan=data["kecamatan"],
            kelurahan=data["kelurahan"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            address=data["address"],
            privacy=data["privacy"],
            share_location=data["share_location"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            photos=data["clean_photos"],
            by=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "complaints/complaint_new.html", {"form": form}, status=422)
    tracking_code_send(complaint)
    request.session["complaints_submitted"] = complaint.tracking_code
    return redirect("complaints:track", government=current.slug, code=complaint.tracking_code)


@require_GET
def kelurahan_options(request: HttpRequest, government: str) -> HttpResponse:
    """The kelurahan of the chosen kecamatan, as <option>s for the htmx picker."""
    current = _government(request)
    villages = Region.objects.none()
    kecamatan = request.GET.get("kecamatan", "")
    if kecamatan:
        villages = Region.objects.filter(
            parent_id=kecamatan, parent__parent_id=current.region_id, level=Region.Level.VILLAGE
        ).order_by("name")
    return render(request, "complaints/_kelurahan_options.html", {"villages": villages})


@require_POST
def emergency_check_view(request: HttpRequest, government: str) -> HttpResponse:
    """On a pause in typing: the 112 message when the text reads like an emergency, and (out of
    band) the categories that fit and public reports that read nearly the same."""
    current = _government(request)
    title = request.POST.get("title", "")[:200]
    text = request.POST.get("text", "")[:4000]
    result = emergency_check(f"{title}\n{text}")
    kecamatan = None
    if request.POST.get("kecamatan", "").isdigit():
        kecamatan = cforms.kecamatan_choices(current).filter(pk=request.POST["kecamatan"]).first()
    words = len(f"{title} {text}".split())
    return render(
        request,
        "complaints/_typing_help.html",
        {
            "emergency": result,
            "number": EMERGENCY_NUMBER,
            "categories": category_suggestions(
                current,
                title=title,
                text=text,
                kecamatan=kecamatan.name if kecamatan else "",
            )
            if words >= MIN_WORDS_TO_SUGGEST
            else [],
            "similar": similar_public_reports(current, title=title, text=text, kecamatan=kecamatan)
            if words >= MIN_WORDS_TO_SUGGEST
            else [],
        },
    )


# ---------------------------------------------------------------- following a report


@require_GET
def track_lookup(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    form = cforms.TrackForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["code"]
        if Complaint.objects.filter(government=current, tracking_code=_normal(code)).exists():
            return redirect("complaints:track", government=current.slug, code=_normal(code))
        form.add_error("code", _("No report has this tracking code. Check it and try again."))
        return render(request, "complaints/track_lookup.html", {"form": form}, status=404)
    return render(request, "complaints/track_lookup.html", {"form": form})


def _normal(code: str) -> str:
    from rembug.complaints.models import tracking_code_normalise

    return tracking_code_normalise(code)


@require_GET
def track(request: HttpRequest, government: str, code: str) -> HttpResponse:
    current = _government(request)
    complaint = complaint_get_for_user(request.user, current, code)
    just_sent = request.session.pop("complaints_submitted", None) == complaint.tracking_code
    return _render_detail(request, complaint, by_code=True, extra={"just_sent": just_sent})


@require_GET
def complaint_detail(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    complaint = complaint_get_for_user(request.user, _government(request), pk)
    return _render_detail(request, complaint, by_code=False)


@login_required
@require_GET
def my_reports(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    page = keyset_page(
        selectors.reporter_complaints(current, request.user),
        lists.NEWEST_FIRST,
        request.GET,
        size=PAGE_SIZE,
    )
    return render(request, "complaints/my_reports.html", {"page": page, "query": ""})


# ---------------------------------------------------------------- actions on a report


@dataclass(frozen=True)
class Action:
    label: Any
    form: type[forms.Form]
    run: Callable[[Complaint, dict[str, Any], Any, bool], Any]
    target: str = ""  # the status it moves to (empty: no transition)
    actors: frozenset[str] = frozenset()  # for actions without a transition
    danger: bool = False


def _verify(c: Complaint, d: dict[str, Any], by: Any, code: bool) -> None:
    services.complaint_verify(
        complaint=c,
        by=by,
        category=d["category"],
        classification=d["classification"],
        severity=d["severity"],
        note=d["note"],
    )
    if d["agency"]:
        services.complaint_dispatch(complaint=c, agency=d["agency"], by=by)


def _reply(c: Complaint, d: dict[str, Any], by: Any, code: bool) -> None:
    services.complaint_reply(
        complaint=c, text=d["note"], by=by, holds_code=code, photos=d["photos"]
    )


def _email(c: Complaint, d: dict[str, Any], by: Any, code: bool) -> None:
    if c.reporter_id or not code:
        raise PermissionDenied(_("Only the reporter may set the e-mail address."))
    c.contact_email = d["email"]
    c.save(update_fields=["contact_email", "updated_at"])
    tracking_code_send(c)


ACTIONS: dict[str, Action] = {
    "verifikasi": Action(
        gettext_lazy("Verify (and dispatch)"), cforms.VerifyForm, _verify, target=Status.VERIFIED
    ),
    "disposisi": Action(
        gettext_lazy("Dispatch to an agency"),
        cforms.DispatchForm,
        lambda c, d, by, code: services.complaint_dispatch(
            complaint=c, agency=d["agency"], by=by, note=d["note"]
        ),
        target=Status.DISPATCHED,
    ),
    "proses": Action(
        gettext_lazy("Start working on it"),
        cforms.OptionalNoteForm,
        lambda c, d, by, code: services.complaint_start(complaint=c, by=by, note=d["note"]),
        target=Status.IN_PROGRESS,
    ),
    "jawab": Action(
        gettext_lazy("Answer"),
        cforms.AnswerForm,
        lambda c, d, by, code: services.complaint_answer(
            complaint=c, text=d["text"], by=by, attachments=d["attachments"]
        ),
        target=Status.ANSWERED,
    ),
    "minta-info": Action(
        gettext_lazy("Ask the reporter for information"),
        cforms.NoteForm,
        lambda c, d, by, code: services.complaint_request_info(
            complaint=c, question=d["note"], by=by
        ),
        target=Status.NEEDS_INFO,
    ),
    "kembalikan": Action(
        gettext_lazy("Send back to the coordinator"),
        cforms.NoteForm,
        lambda c, d, by, code: services.complaint_return_to_coordinator(
            complaint=c, reason=d["note"], by=by
        ),
        actors=frozenset({AGENCY}),
    ),
    "duplikat": Action(
        gettext_lazy("Mark as duplicate"),
        cforms.DuplicateForm,
        lambda c, d, by, code: services.complaint_mark_duplicate(
            complaint=c, original=d["original"], by=by, note=d["note"]
        ),
        target=Status.DUPLICATE,
    ),
    "teruskan": Action(
        gettext_lazy("Not our authority: forward"),
        cforms.ForwardForm,
        lambda c, d, by, code: services.complaint_forward(
            complaint=c, to=d["to"], by=by, note=d["note"]
        ),
        target=Status.FORWARDED,
    ),
    "arsip": Action(
        gettext_lazy("Archive"),
        cforms.ArchiveForm,
        lambda c, d, by, code: services.complaint_archive(
            complaint=c, reason=d["reason"], by=by, note=d["note"], holds_code=code
        ),
        target=Status.ARCHIVED,
        danger=True,
    ),
    "pulihkan": Action(
        gettext_lazy("Take back into the queue"),
        cforms.OptionalNoteForm,
        lambda c, d, by, code: services.complaint_restore(complaint=c, by=by, note=d["note"]),
        target=Status.VERIFIED,
    ),
    "tutup": Action(
        gettext_lazy("Close: the answer settles it"),
        cforms.OptionalNoteForm,
        lambda c, d, by, code: services.complaint_close(
            complaint=c, by=by, holds_code=code, note=d["note"]
        ),
        target=Status.CLOSED,
    ),
    "keberatan": Action(
        gettext_lazy("Object to the answer"),
        cforms.NoteForm,
        lambda c, d, by, code: services.complaint_reopen(
            complaint=c, reason=d["note"], by=by, holds_code=code
        ),
        target=Status.REOPENED,
    ),
    "balas": Action(
        gettext_lazy("Reply or add information"),
        cforms.ReplyForm,
        _reply,
        actors=frozenset({REPORTER}),
    ),
    "nilai": Action(
        gettext_lazy("Rate the answer"),
        cforms.RateForm,
        lambda c, d, by, code: services.complaint_rate(
            complaint=c, score=d["score"], comment=d["comment"], by=by, holds_code=code
        ),
        actors=frozenset({REPORTER}),
    ),
    "tarik": Action(
        gettext_lazy("Withdraw my report"),
        cforms.OptionalNoteForm,
        lambda c, d, by, code: services.complaint_archive(
            complaint=c, reason="withdrawn", by=by, note=d["note"], holds_code=code
        ),
        actors=frozenset({REPORTER}),
        danger=True,
    ),
    "catatan": Action(
        gettext_lazy("Internal note"),
        cforms.NoteForm,
        lambda c, d, by, code: services.complaint_note_add(complaint=c, note=d["note"], by=by),
        actors=frozenset({COORDINATOR, AGENCY}),
    ),
    "bukan-darurat": Action(
        gettext_lazy("Not an emergency: use the normal service level"),
        cforms.OptionalNoteForm,
        lambda c, d, by, code: services.complaint_emergency_set(
            complaint=c, is_emergency=False, by=by, note=d["note"]
        ),
        actors=frozenset({COORDINATOR}),
    ),
    "darurat": Action(
        gettext_lazy("Mark as an emergency"),
        cforms.OptionalNoteForm,
        lambda c, d, by, code: services.complaint_emergency_set(
            complaint=c, is_emergency=True, by=by, note=d["note"]
        ),
        actors=frozenset({COORDINATOR}),
        danger=True,
    ),
    "email": Action(
        gettext_lazy("Send me the code by e-mail"),
        cforms.EmailForm,
        _email,
        actors=frozenset({REPORTER}),
    ),
}
# Who may take the step is decided by the transition table; these only narrow what is offered.
_OFFER_ONLY_TO = {
    "verifikasi": frozenset({COORDINATOR}),
    "pulihkan": frozenset({COORDINATOR}),
    "arsip": frozenset({COORDINATOR}),
}
_REPLY_CLOSED = {Status.CLOSED, Status.ARCHIVED, Status.DUPLICATE, Status.FORWARDED}


def available_actions(complaint: Complaint, access: ComplaintAccess, *, by_code: bool) -> list[str]:
    """The actions to offer this person on this report (the services check again)."""
    targets = set(allowed_targets(complaint.status, access.actors))
    offered = []
    for name, action in ACTIONS.items():
        if name in _OFFER_ONLY_TO and not (access.actors & _OFFER_ONLY_TO[name]):
            continue
        if name == "verifikasi" and complaint.status != Status.SUBMITTED:
            continue
        if name == "pulihkan" and complaint.status not in {
            Status.DUPLICATE,
            Status.FORWARDED,
            Status.ARCHIVED,
        }:
            continue
        if action.target:
            if action.target in targets:
                offered.append(name)
            continue
        if not access.actors & action.actors:
            continue
        if name == "kembalikan" and complaint.status not in {
            Status.DISPATCHED,
            Status.IN_PROGRESS,
            Status.REOPENED,
        }:
            continue
        if name == "bukan-darurat" and not (complaint.is_emergency and complaint.is_open):
            continue
        if name == "darurat" and (complaint.is_emergency or not complaint.is_open):
            continue
        if name == "tarik" and complaint.status != Status.SUBMITTED:
            continue
        if name == "balas" and complaint.status in _REPLY_CLOSED:
            continue
        if name == "nilai" and complaint.status not in {Status.ANSWERED, Status.CLOSED}:
            continue
        if name == "email" and (not by_code or complaint.reporter_id or complaint.contact_email):
            continue
        offered.append(name)
    if (
        "nilai" in offered
        and ComplaintRating.objects.filter(
            government_id=complaint.government_id, complaint=complaint
        ).exists()
    ):
        offered.remove("nilai")
    return offered


_NOTE_LABELS = {
    "minta-info": gettext_lazy("What information is missing?"),
    "kembalikan": gettext_lazy("Why does it not belong to this agency?"),
    "keberatan": gettext_lazy("Why does the answer not settle your report?"),
    "catatan": gettext_lazy("Internal note (staff only)"),
}


def _action_form(
    name: str, complaint: Complaint, data: Any = None, files: Any = None
) -> forms.Form:
    form = ACTIONS[name].form(data, files, complaint=complaint, prefix=name)  # type: ignore[call-arg]
    if name in _NOTE_LABELS:
        form.fields["note"].label = _NOTE_LABELS[name]
    return form


def _render_detail(
    request: HttpRequest,
    complaint: Complaint,
    *,
    by_code: bool,
    failed: tuple[str, forms.Form] | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    access: ComplaintAccess = complaint.access  # type: ignore[attr-defined]
    names = available_actions(complaint, access, by_code=by_code)
    suggestions = []
    similar = []
    if access.is_coordinator and {"verifikasi", "disposisi"} & set(names):
        suggestions = agency_suggestions(complaint)
    if access.is_coordinator and "duplikat" in names:
        similar = similar_complaints(complaint)
    action_forms = []
    for name in names:
        form = failed[1] if failed and failed[0] == name else _action_form(name, complaint)
        if suggestions and name in {"verifikasi", "disposisi"} and not form.is_bound:
            agency_field = form.fields["agency"]
            agency_field.initial = agency_field.initial or suggestions[0].agency.pk
        if similar and name == "duplikat" and not form.is_bound:
            form.fields["original"].initial = similar[0].complaint.pk
        action_forms.append(
            {
                "name": name,
                "action": ACTIONS[name],
                "form": form,
                "open": bool(failed and failed[0] == name),
            }
        )
    base = (
        reverse(
            "complaints:track",
            kwargs={"government": complaint.government.slug, "code": complaint.tracking_code},
        )
        if by_code
        else complaint.get_absolute_url()
    )
    context = {
        "complaint": complaint,
        "access": access,
        "by_code": by_code,
        "base_url": base,
        "events": selectors.timeline(complaint, access),
        "answers": list(selectors.answers_of(complaint)),
        "photos": [
            a
            for a in selectors.attachments_for(complaint, access)
            if a.event_id is None or a.is_image
        ],
        "action_forms": action_forms,
        "rating": ComplaintRating.objects.filter(
            government_id=complaint.government_id, complaint=complaint
        ).first(),
        "is_overdue": complaint.is_overdue(),
        "plan_items": plan_items_answering(
            complaint.government, PlanItemInput.SourceKind.COMPLAINT, [complaint.pk]
        ).get(complaint.pk, []),
        "suggestions": suggestions,
        "similar": similar,
        "number": EMERGENCY_NUMBER,
        **(extra or {}),
    }
    return render(
        request, "complaints/complaint_detail.html", context, status=422 if failed else 200
    )


# What a reporter writes on a report's timeline: rate-limited like comments.
RESIDENT_WRITES = frozenset({"balas", "keberatan"})


def _act(request: HttpRequest, complaint: Complaint, name: str, *, by_code: bool) -> HttpResponse:
    if name not in ACTIONS:
        raise Http404(_("No such action."))
    form = _action_form(name, complaint, request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, complaint, by_code=by_code, failed=(name, form))
    try:
        if name in RESIDENT_WRITES:
            rate_limit_check(request, "comment")
        ACTIONS[name].run(complaint, form.cleaned_data, request.user, by_code)
    except ValidationError as error:
        form.add_error(None, error)
        return _render_detail(request, complaint, by_code=by_code, failed=(name, form))
    messages.success(request, _("Saved: %(action)s.") % {"action": ACTIONS[name].label})
    if by_code:
        return redirect(
            "complaints:track", government=complaint.government.slug, code=complaint.tracking_code
        )
    return redirect(complaint)


@login_required
@require_POST
def complaint_act(request: HttpRequest, government: str, pk: int, action: str) -> HttpResponse:
    complaint = complaint_get_for_user(request.user, _government(request), pk, write=True)
    return _act(request, complaint, action, by_code=False)


@require_POST
def track_act(request: HttpRequest, government: str, code: str, action: str) -> HttpResponse:
    complaint = complaint_get_for_user(request.user, _government(request), code, write=True)
    return _act(request, complaint, action, by_code=True)


def _serve(attachment: ComplaintAttachment) -> FileResponse:
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    disposition = "inline" if attachment.is_image else "attachment"
    extension = str(attachment.file.name).rsplit(".", 1)[-1]
    response["Content-Disposition"] = (
        f'{disposition}; filename="lampiran-{attachment.pk}.{extension}"'
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _attachment_of(complaint: Complaint, attachment: int) -> ComplaintAttachment:
    access: ComplaintAccess = complaint.access  # type: ignore[attr-defined]
    found = next(
        (a for a in selectors.attachments_for(complaint, access) if a.pk == attachment), None
    )
    if found is None:
        raise Http404(_("No such attachment."))
    return found


@require_GET
def attachment_download(
    request: HttpRequest, government: str, pk: int, attachment: int
) -> FileResponse:
    complaint = complaint_get_for_user(request.user, _government(request), pk)
    return _serve(_attachment_of(complaint, attachment))


@require_GET
def track_attachment(
    request: HttpRequest, government: str, code: str, attachment: int
) -> FileResponse:
    complaint = complaint_get_for_user(request.user, _government(request), code)
    return _serve(_attachment_of(complaint, attachment))


# ---------------------------------------------------------------- public list and statistics


@require_GET
def complaint_list(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    form = cforms.ReportListFilterForm(request.GET or None, government=current)
    # An invalid filter is shown with its error; the valid ones still apply.
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    page = keyset_page(
        lists.public_list(current, filters), lists.NEWEST_FIRST, request.GET, size=PAGE_SIZE
    )
    return render(
        request,
        "complaints/complaint_list.html",
        {"form": form, "page": page, "query": _query_without_cursor(request)},
    )


def _query_without_cursor(request: HttpRequest) -> str:
    """The request's query string without its page cursor (for the page links)."""
    query = request.GET.copy()
    for name in (AFTER, BEFORE, "page"):
        query.pop(name, None)
    return query.urlencode()


@require_GET
def by_kecamatan(request: HttpRequest, government: str) -> HttpResponse:
    """Public reports by kecamatan (table and bar chart), and where they were made (an SVG
    point plot of 1 km cells) when reports carry coordinates; filtered like the public list."""
    current = _government(request)
    form = cforms.FilterForm(request.GET or None, government=current)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.kecamatan_counts(current, filters)
    return render(
        request,
        "complaints/by_kecamatan.html",
        {
            "form": form,
            "rows": rows,
            "bars": report_map.kecamatan_bars(rows, _("No kecamatan given")),
            "bar_height": report_map.BAR_HEIGHT * max(len(rows), 1),
            "points": report_map.point_plot(report_map.report_cells(current, filters)),
            "plot": {"width": report_map.WIDTH, "height": report_map.HEIGHT},
        },
    )


@require_GET
def statistics_view(request: HttpRequest, government: str) -> HttpResponse:
    return render(
        request,
        "complaints/statistics.html",
        {"rows": selectors.agency_statistics(_government(request))},
    )


# ---------------------------------------------------------------- queues


QUEUE_SIZE = 50


@login_required
@require_GET
def coordinator_queue(request: HttpRequest, government: str) -> HttpResponse:
    """Every section's most urgent reports with how many it holds (``?antrian=KEY``: one
    section, paged)."""
    current = _government(request)
    if not is_coordinator(request.user, current):
        raise PermissionDenied(_("Only the coordinator works this queue."))
    queues = selectors.coordinator_queues(current)
    labels = {
        "emergency": _("Emergencies (112)"),
        "overdue": _("Overdue"),
        "new": _("New: to verify"),
        "to_route": _("Verified: to dispatch"),
        "waiting": _("Waiting for the reporter"),
        "answered": _("Answered: closes automatically"),
    }
    chosen = request.GET.get("antrian", "")
    if chosen and chosen not in labels:
        raise Http404(_("There is no such section of the queue."))
    keys = [chosen] if chosen else list(labels)
    sections = [
        (
            key,
            labels[key],
            keyset_page(
                queues[key],
                lists.COORDINATOR_ORDER[key],
                request.GET if chosen else {},
                size=QUEUE_SIZE,
            ),
        )
        for key in keys
    ]
    return render(
        request,
        "complaints/queue.html",
        {
            "title": _("Coordinator's queue") if not chosen else labels[chosen],
            "show_emergency_link": True,
            "sections": sections,
            "section_links": not chosen,
            "all_url": reverse("complaints:coordinator_queue", kwargs={"government": current.slug})
            if chosen
            else "",
            "query": _query_without_cursor(request),
            "now": timezone.now(),
            "show_agency": True,
        },
    )


@login_required
@require_GET
def emergency_queue(request: HttpRequest, government: str) -> HttpResponse:
    """The call centre's screen: open emergencies, oldest due first; refreshes itself (htmx)."""
    current = _government(request)
    if not is_coordinator(request.user, current):
        raise PermissionDenied(_("Only the coordinator and the call centre see emergencies."))
    rows = list(selectors.coordinator_queues(current)["emergency"][:100])
    context = {"rows": rows, "now": timezone.now()}
    if request.headers.get("HX-Request"):
        return render(request, "complaints/_emergency_rows.html", context)
    return render(request, "complaints/emergency_queue.html", context)


@login_required
@require_GET
def agency_queue_view(request: HttpRequest, government: str) -> HttpResponse:
    """The reports an officer's agencies work on, emergencies first then by due time, paged."""
    current = _government(request)
    held = roles_for(request.user, current)
    if not held.agency_ids:
        raise PermissionDenied(_("Only agency officers have an agency queue."))
    page = keyset_page(
        selectors.agency_queue(current, held.agency_ids),
        lists.AGENCY_ORDER,
        request.GET,
        size=QUEUE_SIZE,
    )
    agencies = Agency.objects.filter(government=current, pk__in=held.agency_ids)
    return render(
        request,
        "complaints/queue.html",
        {
            "title": _("Reports for %(agencies)s")
            % {"agencies": ", ".join(str(a) for a in agencies)},
            "sections": [("agency", _("To answer"), page)],
            "show_templates_link": True,
            "query": _query_without_cursor(request),
            "now": timezone.now(),
            "show_agency": len(held.agency_ids) > 1,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer_templates(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    held = roles_for(request.user, current)
    agency = (
        Agency.objects.filter(government=current, pk__in=held.agency_ids).order_by("name").first()
    )
    if agency is None or not held.has(Role.AGENCY_OFFICER):
        raise PermissionDenied(_("Only agency officers keep answer templates."))
    form = cforms.AnswerTemplateForm(request.POST or None)
    templates = AnswerTemplate.objects.filter(government=current, agency=agency).order_by("title")
    context = {"form": form, "templates": templates, "agency": agency}
    if request.method != "POST":
        return render(request, "complaints/answer_templates.html", context)
    if not form.is_valid():
        return render(request, "complaints/answer_templates.html", context, status=422)
    try:
        services.answer_template_create(
            agency=agency,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            by=request.user,
        )
    except ValidationError as error:
        form.add_error("title", error)
        return render(request, "complaints/answer_templates.html", context, status=422)
    return redirect("complaints:answer_templates", government=current.slug)


# ---------------------------------------------------------------- working-day calendar


def _calendar_context(government: Government, year: int, form: cforms.DayOffForm) -> dict[str, Any]:
    own = {
        day.date: day
        for day in GovernmentDayOff.objects.filter(government=government, date__year=year)
    }
    return {
        "year": year,
        "days": [
            {"date": day, "name": name, "kind": kind, "own": own.get(day)}
            for day, name, kind in year_days_off(government, year)
        ],
        "form": form,
        "level_form": cforms.ServiceLevelForm(),
        "levels": ServiceLevel.objects.filter(government=government),
        "defaults": DEFAULT_WORKING_DAYS.items(),
    }


@require_http_methods(["GET", "POST"])
def working_calendar(request: HttpRequest, government: str) -> HttpResponse:
    """The days that do not count for service levels; the coordinator adds the city's own."""
    current = _government(request)
    try:
        year = int(request.GET.get("tahun") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    can_edit = is_coordinator(request.user, current)
    form = cforms.DayOffForm(request.POST or None)
    template = "complaints/working_calendar.html"
    if request.method != "POST":
        context = _calendar_context(current, year, form)
        return render(request, template, {**context, "can_edit": can_edit})
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    if not can_edit:
        raise PermissionDenied(_("Only the coordinator sets the city's days off."))
    if form.is_valid():
        try:
            government_day_off_add(government=current, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("date", error)
    if not form.is_valid() or form.errors:
        context = _calendar_context(current, year, form)
        return render(request, template, {**context, "can_edit": can_edit}, status=422)
    day = form.cleaned_data["date"]
    return redirect(
        f"{reverse('complaints:calendar', kwargs={'government': current.slug})}?tahun={day.year}"
    )


@login_required
@require_POST
def service_level_save(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    if not is_coordinator(request.user, current):
        raise PermissionDenied(_("Only the coordinator sets service levels."))
    form = cforms.ServiceLevelForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.service_level_set(
            government=current,
            classification=data["classification"],
            severity=data["severity"],
            working_days=data["amount"] if data["unit"] == "days" else None,
            hours=data["amount"] if data["unit"] == "hours" else None,
            by=request.user,
        )
        return redirect("complaints:calendar", government=current.slug)
    year = timezone.localdate().year
    context = _calendar_context(current, year, cforms.DayOffForm())
    return render(
        request,
        "complaints/working_calendar.html",
        {**context, "level_form": form, "can_edit": True},
        status=422,
    )


@login_required
@require_POST
def service_level_delete(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    current = _government(request)
    if not is_coordinator(request.user, current):
        raise PermissionDenied(_("Only the coordinator sets service levels."))
    level = ServiceLevel.objects.filter(government=current, pk=pk).first()
    if level is None:
        raise Http404(_("No such service level."))
    services.service_level_remove(level=level, by=request.user)
    return redirect("complaints:calendar", government=current.slug)


@login_required
@require_POST
def working_calendar_remove(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    current = _government(request)
    if not is_coordinator(request.user, current):
        raise PermissionDenied(_("Only the coordinator sets the city's days off."))
    day_off = GovernmentDayOff.objects.filter(government=current, pk=pk).first()
    if day_off is None:
        raise Http404(_("No such day off."))
    year = day_off.date.year
    government_day_off_remove(day_off=day_off, by=request.user)
    return redirect(
        f"{reverse('complaints:calendar', kwargs={'government': current.slug})}?tahun={year}"
    )
