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
from rembug.moderation.ratelimit import rate_limit_check
from rembug.ppid import forms, selectors, services
from rembug.ppid.access import (
    SUPERIOR_ROLES,
    may_keep_list,
    request_get_for_user,
    require_list_keeper,
    sees_identity,
)
from rembug.ppid.models import (
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


def _site(request: HttpRequest) -> str:
    """The address links in e-mails start with, when settings.SITE_URL does not say."""
    return request.build_absolute_uri("/")


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
        rate_limit_check(request, "ppid_request")
        data = {k: v for k, v in form.cleaned_data.items() if k not in HUMAN_CHECK_FIELDS}
        made = services.request_submit(
            government=current, by=request.user, site=_site(request), **data
        )
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
        # Offered while the window is open; a late objection still reaches the service, which
        # answers with the date the window closed (a form error, not a refusal).
        "keberatan": (
            Status.OBJECTED in targets and (services.may_object(found) or only == "keberatan"),
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
    window_end = services.objection_window_end(found)
    now = timezone.now()
    objection_closed = bool(
        REQUESTER in actors
        and window_end is not None
        and window_end < now
        and found.status not in {Status.OBJECTED, Status.OBJECTION_ANSWERED}
    )
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
            "objection_window_end": window_end,
            "objection_closed": objection_closed,
            "now": now,
        },
        status=status,
    )


def _run(
    request: HttpRequest,
    name: str,
    found: InformationRequest,
    data: dict[str, Any],
    actors: frozenset[str],
) -> None:
    by, site = request.user, _site(request)
    if name == "perpanjang":
        services.request_extend(
            request=found, reason=data["reason"], actors=actors, by=by, site=site
        )
    elif name == "jawab":
        services.request_answer(request=found, actors=actors, by=by, site=site, **data)
    elif name == "keberatan":
        rate_limit_check(request, "ppid_objection")
        services.request_object(request=found, actors=actors, by=by, site=site, **data)
    elif name == "jawab-keberatan":
        services.objection_answer(request=found, actors=actors, by=by, site=site, **data)
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
            _run(request, action, found, form.cleaned_data, actors)
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


def _agency_and_keeper(request: HttpRequest, agency: str, *, keep: bool) -> tuple[Agency, bool]:
    current = _government(request)
    found = agency_get_for_user(request.user, current, agency)
    if keep:
        require_list_keeper(request.user, current, found.pk)
    return found, may_keep_list(request.user, current, found.pk)


@require_http_methods(["GET", "POST"])
def agency_information(request: HttpRequest, government: str, agency: str) -> HttpResponse:
    """One agency's Daftar Informasi Publik; its PPID adds entries here."""
    current = _government(request)
    found, keeper = _agency_and_keeper(request, agency, keep=request.method == "POST")
    form = forms.PublicInformationForm(request.POST or None) if keeper else None
    if request.method == "POST":
        assert form is not None
        if form.is_valid():
            try:
                services.public_information_add(
                    government=current, agency=found, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(
                    "ppid:agency_information", government=current.slug, agency=found.slug
                )
    return render(
        request,
        "ppid/information_list.html",
        {
            "entries": selectors.public_information(current, agency=found),
            "retired": selectors.public_information(current, agency=found, retired=True)
            if keeper
            else [],
            "agency": found,
            "form": form,
            "keeper": keeper,
        },
        status=422 if request.method == "POST" else 200,
    )


def _entry(request: HttpRequest, found: Agency, pk: int) -> PublicInformation:
    entry = PublicInformation.objects.filter(
        government=_government(request), agency=found, pk=pk
    ).first()
    if entry is None:
        raise Http404(_("No such entry."))
    return entry


@login_required
@require_http_methods(["GET", "POST"])
def agency_information_edit(
    request: HttpRequest, government: str, agency: str, pk: int
) -> HttpResponse:
    """Change an entry, or retire it; its history (who, when, what) is shown beside."""
    current = _government(request)
    found, _keeper = _agency_and_keeper(request, agency, keep=True)
    entry = _entry(request, found, pk)
    initial = {name: getattr(entry, name) for name in services.PUBLIC_INFORMATION_FIELDS}
    form = forms.PublicInformationForm(request.POST or None, initial=initial, prefix="ubah")
    retire_form = forms.RetireForm(prefix="tarik")
    if request.method == "POST":
        if entry.is_retired:
            raise PermissionDenied(_("A retired entry can no longer be changed."))
        if form.is_valid():
            try:
                services.public_information_update(
                    entry=entry, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(
                    "ppid:agency_information", government=current.slug, agency=found.slug
                )
    return _edit_page(
        request, found, entry, form, retire_form, status=422 if form.is_bound else 200
    )


def _history(entry: PublicInformation) -> list[tuple[Any, list[tuple[str, Any, Any]]]]:
    """The entry's audit entries, each with its changed fields named as on the form."""
    labels = {field.name: str(field.verbose_name) for field in PublicInformation._meta.fields}
    return [
        (
            change,
            [
                (labels.get(name, name), *values)
                for name, values in (change.changes or {}).items()
                if isinstance(values, list) and len(values) == 2
            ],
        )
        for change in selectors.public_information_history(entry)
    ]


def _edit_page(
    request: HttpRequest,
    found: Agency,
    entry: PublicInformation,
    form: django_forms.Form,
    retire_form: django_forms.Form,
    *,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "ppid/information_edit.html",
        {
            "agency": found,
            "entry": entry,
            "form": form,
            "retire_form": retire_form,
            "history": _history(entry),
        },
        status=status,
    )


@login_required
@require_POST
def agency_information_retire(
    request: HttpRequest, government: str, agency: str, pk: int
) -> HttpResponse:
    current = _government(request)
    found, _keeper = _agency_and_keeper(request, agency, keep=True)
    entry = _entry(request, found, pk)
    retire_form = forms.RetireForm(request.POST, prefix="tarik")
    if retire_form.is_valid():
        try:
            services.public_information_retire(
                entry=entry, reason=retire_form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            retire_form.add_error(None, error)
        else:
            return redirect("ppid:agency_information", government=current.slug, agency=found.slug)
    initial = {name: getattr(entry, name) for name in services.PUBLIC_INFORMATION_FIELDS}
    form = forms.PublicInformationForm(initial=initial, prefix="ubah")
    return _edit_page(request, found, entry, form, retire_form, status=422)
