"""PPID pages: ask for information, follow the request, answer it, object, and the public
register, yearly statistics and Daftar Informasi Publik."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rembug.governments.access import agency_get_for_user, roles_for
from rembug.governments.models import Agency, Government
from rembug.ppid import forms, selectors, services
from rembug.ppid.access import (
    SUPERIOR_ROLES,
    may_keep_list,
    request_get_for_user,
    require_list_keeper,
    sees_identity,
)
from rembug.ppid.models import (
    InformationCategory,
    InformationRequest,
    PublicInformation,
    Status,
    tracking_code_normalise,
)
from rembug.ppid.workflow import REQUESTER, allowed_targets

PAGE_SIZE = 50
HUMAN_CHECK_FIELDS = ("website", "form_started")  # the honeypot and time stamp of the form


def _government(request: HttpRequest) -> Government:
    return request.government  # type: ignore[attr-defined, no-any-return]


@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    initial: dict[str, Any] = {}
    if request.user.is_authenticated:
        initial = {"name": getattr(request.user, "full_name", ""), "email": request.user.email}
    if request.GET.get("agency"):
        initial["agency"] = (
            Agency.objects.filter(government=current, slug=request.GET["agency"])
            .values_list("pk", flat=True)
            .first()
        )
    form = forms.RequestForm(request.POST or None, government=current, initial=initial)
    if request.method != "POST":
        return render(request, "ppid/request_new.html", {"form": form})
    if not form.is_valid():
        return render(request, "ppid/request_new.html", {"form": form}, status=422)
    try:
        data = {k: v for k, v in form.cleaned_data.items() if k not in HUMAN_CHECK_FIELDS}
        made = services.request_submit(government=current, by=request.user, **data)
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "ppid/request_new.html", {"form": form}, status=422)
    request.session["ppid_submitted"] = made.tracking_code
    return redirect("ppid:track", government=current.slug, code=made.tracking_code)


@require_GET
def track_lookup(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    form = forms.TrackForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = tracking_code_normalise(form.cleaned_data["code"])
        if InformationRequest.objects.filter(government=current, tracking_code=code).exists():
            return redirect("ppid:track", government=current.slug, code=code)
        form.add_error("code", _("No request has this tracking code. Check it and try again."))
        return render(request, "ppid/track_lookup.html", {"form": form}, status=404)
    return render(request, "ppid/track_lookup.html", {"form": form})


@require_GET
def track(request: HttpRequest, government: str, code: str) -> HttpResponse:
    found, actors = request_get_for_user(request.user, _government(request), code)
    just_sent = request.session.pop("ppid_submitted", None) == found.tracking_code
    return _detail(request, found, actors, by_code=True, just_sent=just_sent)


@login_required
@require_GET
def request_detail(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    found, actors = request_get_for_user(request.user, _government(request), pk)
    return _detail(request, found, actors, by_code=False)


def _action_forms(
    found: InformationRequest, actors: frozenset[str], data: Any = None, only: str = ""
) -> dict[str, django_forms.Form]:
    """The forms of the steps these actors may take now, by action name."""
    targets = set(allowed_targets(found.status, actors))
    candidates: dict[str, tuple[bool, type[django_forms.Form]]] = {
        "perpanjang": (
            Status.EXTENDED in targets and found.extended_at is None,
            forms.ExtendForm,
        ),
        "jawab": (Status.GRANTED in targets, forms.AnswerForm),
        "keberatan": (
            Status.OBJECTED in targets and services.may_object(found),
            forms.ObjectionForm,
        ),
        "jawab-keberatan": (Status.OBJECTION_ANSWERED in targets, forms.ObjectionAnswerForm),
    }
    return {
        name: form_class(data if name == only else None, prefix=name)
        for name, (allowed, form_class) in candidates.items()
        if allowed and (not only or name == only)
    }


def _detail(
    request: HttpRequest,
    found: InformationRequest,
    actors: frozenset[str],
    *,
    by_code: bool,
    just_sent: bool = False,
    action_forms: dict[str, django_forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    shown = _action_forms(found, actors)
    shown.update(action_forms or {})
    return render(
        request,
        "ppid/request_detail.html",
        {
            "item": found,
            "events": selectors.timeline(found),
            "sees_identity": sees_identity(actors),
            "action_forms": shown,
            "by_code": by_code,
            "just_sent": just_sent,
            "objection_window_end": services.objection_window_end(found),
            "now": timezone.now(),
        },
        status=status,
    )


def _run(
    name: str, found: InformationRequest, data: dict[str, Any], actors: frozenset[str], by: Any
) -> None:
    if name == "perpanjang":
        services.request_extend(request=found, reason=data["reason"], actors=actors, by=by)
    elif name == "jawab":
        services.request_answer(request=found, actors=actors, by=by, **data)
    elif name == "keberatan":
        services.request_object(request=found, actors=actors, by=by, **data)
    elif name == "jawab-keberatan":
        services.objection_answer(request=found, actors=actors, by=by, **data)
    else:
        raise Http404(_("No such step."))


def _act(
    request: HttpRequest,
    found: InformationRequest,
    actors: frozenset[str],
    action: str,
    by_code: bool,
) -> HttpResponse:
    action_forms = _action_forms(found, actors, request.POST, only=action)
    form = action_forms.get(action)
    if form is None:
        raise PermissionDenied(_("You may not take this step on this request."))
    if form.is_valid():
        try:
            _run(action, found, form.cleaned_data, actors, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if by_code:
                return redirect(
                    "ppid:track", government=found.government.slug, code=found.tracking_code
                )
            return redirect(found)
    return _detail(request, found, actors, by_code=by_code, action_forms=action_forms, status=422)


@login_required
@require_POST
def request_act(request: HttpRequest, government: str, pk: int, action: str) -> HttpResponse:
    found, actors = request_get_for_user(request.user, _government(request), pk)
    return _act(request, found, actors, action, by_code=False)


@require_POST
def track_act(request: HttpRequest, government: str, code: str, action: str) -> HttpResponse:
    found, actors = request_get_for_user(request.user, _government(request), code)
    return _act(request, found, actors & {REQUESTER}, action, by_code=True)


@login_required
@require_GET
def queue(request: HttpRequest, government: str) -> HttpResponse:
    """The PPID's queue (requests to answer) and the superior's (objections to answer)."""
    current = _government(request)
    held = roles_for(request.user, current)
    is_superior = held.has(*SUPERIOR_ROLES)
    if not held.agency_ids and not is_superior:
        raise PermissionDenied(_("Only PPID officers and their superiors have a queue."))
    now = timezone.now()
    to_answer = list(selectors.agency_queue(current, held.agency_ids)) if held.agency_ids else []
    objections = list(selectors.objection_queue(current)) if is_superior else []
    for row in [*to_answer, *objections]:
        row.overdue = row.is_overdue(now)  # type: ignore[attr-defined]
    return render(
        request,
        "ppid/queue.html",
        {"to_answer": to_answer, "objections": objections, "is_superior": is_superior},
    )


@login_required
@require_GET
def my_requests(request: HttpRequest, government: str) -> HttpResponse:
    rows = selectors.requester_requests(_government(request), request.user)
    return render(request, "ppid/my_requests.html", {"rows": rows})


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("tahun", "")
    return int(value) if value.isdigit() and 1945 <= int(value) <= 2100 else None


@require_GET
def register(request: HttpRequest, government: str) -> HttpResponse:
    """The public register: every request, without the requester's identity."""
    current = _government(request)
    year = _year(request)
    page = Paginator(selectors.register(current, year=year), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "ppid/register.html",
        {"page": page, "year": year, "years": selectors.years_with_requests(current)},
    )


@require_GET
def statistics(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    years = selectors.years_with_requests(current)
    year = _year(request) or (years[0] if years else timezone.localdate().year)
    agencies = list(Agency.objects.filter(government=current, is_active=True).order_by("name"))
    return render(
        request,
        "ppid/statistics.html",
        {
            "year": year,
            "years": years,
            "total": selectors.year_statistics(current, year),
            "by_agency": [
                (agency, row)
                for agency, row in zip(
                    agencies,
                    selectors.year_statistics_by_agency(current, year, agencies),
                    strict=True,
                )
                if row.received
            ],
        },
    )


@require_GET
def information_list(request: HttpRequest, government: str) -> HttpResponse:
    """Every agency's Daftar Informasi Publik."""
    current = _government(request)
    return render(
        request,
        "ppid/information_list.html",
        {"entries": selectors.public_information(current), "agency": None},
    )


@require_http_methods(["GET", "POST"])
def agency_information(request: HttpRequest, government: str, agency: str) -> HttpResponse:
    """One agency's Daftar Informasi Publik; its PPID adds entries here."""
    current = _government(request)
    found = agency_get_for_user(request.user, current, agency)
    keeper = may_keep_list(request.user, current, found.pk)
    form = forms.PublicInformationForm(request.POST or None) if keeper else None
    if request.method == "POST":
        require_list_keeper(request.user, current, found.pk)
        assert form is not None
        if form.is_valid():
            services.public_information_add(
                government=current, agency=found, by=request.user, **form.cleaned_data
            )
            return redirect("ppid:agency_information", government=current.slug, agency=found.slug)
    return render(
        request,
        "ppid/information_list.html",
        {
            "entries": selectors.public_information(current, agency=found),
            "agency": found,
            "form": form,
            "categories": InformationCategory.choices,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def agency_information_remove(
    request: HttpRequest, government: str, agency: str, pk: int
) -> HttpResponse:
    current = _government(request)
    found = agency_get_for_user(request.user, current, agency)
    require_list_keeper(request.user, current, found.pk)
    entry = PublicInformation.objects.filter(government=current, agency=found, pk=pk).first()
    if entry is None:
        raise Http404(_("No such entry."))
    services.public_information_remove(entry=entry, by=request.user)
    return redirect("ppid:agency_information", government=current.slug, agency=found.slug)
