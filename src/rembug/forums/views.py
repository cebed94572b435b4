"""Forum pages: read input → check access → call the service → render or redirect."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rembug.forums import selectors
from rembug.forums.access import (
    answers_visible,
    can_dispose,
    can_manage,
    can_take_part,
    forum_create_check,
    forum_get_for_user,
    forum_input_get,
)
from rembug.forums.forms import (
    CaptureForm,
    CodeForm,
    CriterionForm,
    DispositionForm,
    ForumForm,
    InputForm,
    ParticipantForm,
    PhaseForm,
    ReactionForm,
    ScoreForm,
    StatementForm,
    errors_from,
)
from rembug.forums.models import (
    Disposition,
    Forum,
    ForumAnalysis,
    ForumInput,
    Participant,
    Statement,
)
from rembug.forums.opinion import OpinionMap, group_letter, opinion_drawing
from rembug.forums.phases import (
    Action,
    TransitionRefused,
    phase_allows,
    phase_next,
    phase_switches,
)
from rembug.forums.services import (
    InputFields,
    criterion_add,
    forum_analysis_refresh,
    forum_attendance_mark,
    forum_attendance_register,
    forum_create,
    forum_input_dispose,
    forum_input_edit,
    forum_input_submit,
    forum_input_support,
    forum_phase_advance,
    input_score_set,
    participant_add,
    statement_add,
    statement_moderate,
    statement_react,
)
from rembug.governments.models import Government
from rembug.moderation.checks import publish_check
from rembug.moderation.ratelimit import rate_limit_check
from rembug.moderation.selectors import withheld_ids

PAGE_SIZE = 50
CAPTURE_KEEP = ("institution", "institution_kind", "kecamatan", "target_agency")


def _government(request: HttpRequest) -> Government:
    current: Government = request.government  # type: ignore[attr-defined]
    return current


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_GET
def forum_list(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    try:
        forum_create_check(request.user, current)
        can_create = True
    except PermissionDenied:
        can_create = False
    forums = selectors.forums_of(current)
    return render(request, "forums/forum_list.html", {"forums": forums, "can_create": can_create})


def _analysis(forum: Forum) -> tuple[OpinionMap, list[dict[str, Any]], Any]:
    analysis = ForumAnalysis.objects.filter(government_id=forum.government_id, forum=forum).first()
    if analysis is None:
        return OpinionMap(), [], None
    return OpinionMap.from_json(analysis.opinion), analysis.themes, analysis.computed_at


def _opinion_context(forum: Forum, opinion: OpinionMap) -> dict[str, Any]:
    texts = dict(
        Statement.objects.filter(government_id=forum.government_id, forum=forum).values_list(
            "id", "text"
        )
    )
    groups = [
        {
            "letter": group_letter(g.number),
            "size": g.size,
            "representative": [
                {"text": texts.get(r.statement_id, "—"), "direction": r.direction, "share": r.share}
                for r in g.representative
            ],
        }
        for g in opinion.groups
    ]
    consensus = [
        {"text": texts.get(c.statement_id, "—"), "score": c.score, "agree_share": c.agree_share}
        for c in opinion.consensus
    ]
    return {
        "opinion": opinion,
        "drawing": opinion_drawing(opinion),
        "groups": groups,
        "consensus": consensus,
    }


@require_GET
def forum_detail(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk)
    order = request.GET.get("urut", "supports")
    if order not in selectors.RANKINGS:
        order = "supports"
    # Inputs hidden or blocked by moderation leave the public list (the statistics count them).
    inputs = selectors.forum_inputs(forum, order=order).exclude(
        pk__in=withheld_ids(forum.government_id, ForumInput)
    )
    page = Paginator(inputs, PAGE_SIZE).get_page(request.GET.get("page"))
    opinion, themes, computed_at = _analysis(forum)
    titles = {item.pk: item.title for item in page.object_list}
    answers = answers_visible(request.user, forum)
    context = {
        "forum": forum,
        "switches": phase_switches(forum),
        "page": page,
        "order": order,
        "supported": selectors.supported_ids(forum, request.user),
        "statements": selectors.statements_with_my_reaction(forum, request.user),
        "speakers": selectors.speakers(forum),
        "timeline": selectors.phase_timeline(forum),
        "institutions": selectors.participants_by_institution(forum),
        "stats": selectors.forum_statistics(forum, drafts=answers),
        "answers_visible": answers,
        "themes": themes,
        "theme_titles": titles,
        "computed_at": computed_at,
        "can_take_part": can_take_part(request.user, forum),
        "can_manage": can_manage(request.user, forum),
        "can_dispose": can_dispose(request.user, forum),
        "may_vote": phase_allows(forum, Action.VOTE),
        "may_submit": phase_allows(forum, Action.SUBMIT),
        "may_comment": phase_allows(forum, Action.COMMENT),
        "may_attend": phase_allows(forum, Action.ATTEND),
        "statement_form": StatementForm(),
        "code_form": CodeForm(),
        **_opinion_context(forum, opinion),
    }
    return render(request, "forums/forum_detail.html", context)


@require_GET
def input_detail(request: HttpRequest, government: str, pk: int, input_pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk)
    item = forum_input_get(forum, input_pk)
    visible = answers_visible(request.user, forum)
    disposition = selectors.disposition_of(item) if visible else None
    return render(
        request,
        "forums/input_detail.html",
        {
            "forum": forum,
            "item": item,
            "disposition": disposition,
            "answer_is_draft": disposition is not None and forum.phase != Forum.Phase.PUBLISHED,
            "merged_here": (
                item.merged_inputs.filter(government_id=forum.government_id)
                if visible
                else Disposition.objects.none()
            )
            .select_related("input")
            .order_by("id"),
            "plan_item": selectors.plan_item_of(disposition),
            "attachments": item.attachments.filter(government_id=forum.government_id).order_by(
                "id"
            ),
            # The residents' reports it was raised from, by number only: each report's own
            # page decides who may read it (a confidential one stays closed to the public).
            "from_reports": list(
                item.report_links.filter(government_id=forum.government_id)
                .order_by("complaint_id")
                .values_list("complaint_id", flat=True)
            ),
            "supported": selectors.supported_ids(forum, request.user),
            "may_vote": phase_allows(forum, Action.VOTE),
            "can_take_part": can_take_part(request.user, forum),
            "may_edit": phase_allows(forum, Action.EDIT)
            and item.proposer_id is not None
            and item.proposer_id == request.user.pk,
            "can_dispose": can_dispose(request.user, forum) and phase_allows(forum, Action.DISPOSE),
        },
    )


def _submit(request: HttpRequest, government: str, pk: int, *, captured: bool) -> HttpResponse:
    forum = forum_get_for_user(
        request.user, _government(request), pk, manage=captured, take_part=not captured
    )
    form_class = CaptureForm if captured else InputForm
    template = "forums/input_capture.html" if captured else "forums/input_submit.html"
    initial: dict[str, Any] = {"proposer_name": str(request.user)}
    if captured:
        # The next speaker is often from the same table: keep what the facilitator just chose.
        initial = {name: request.GET[name] for name in CAPTURE_KEEP if request.GET.get(name)}
    form = form_class(
        request.POST or None, request.FILES or None, government=forum.government, initial=initial
    )
    context: dict[str, Any] = {
        "forum": forum,
        "form": form,
        "may_submit": phase_allows(forum, Action.SUBMIT),
    }
    if request.method != "POST":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=422)
    fields = form.input_fields()
    if not captured and not form.cleaned_data.get("confirm_new"):
        duplicates = selectors.near_duplicates(forum, f"{fields.title} {fields.text}")
        if duplicates:
            # Offer to support what is already there; submitting again confirms a new input.
            data = request.POST.copy()
            data["confirm_new"] = "on"
            context["form"] = form_class(data, government=forum.government)
            context["duplicates"] = duplicates
            return render(request, template, context)
    try:
        if not captured:
            rate_limit_check(request, "forum_input")
            texts = [fields.title, fields.text]
            publish_check(government=forum.government, user=request.user, texts=texts)
        upload = request.FILES.get("attachment")
        uploads = [upload] if isinstance(upload, UploadedFile) else []
        item = forum_input_submit(
            forum=forum, by=request.user, fields=fields, captured=captured, attachments=uploads
        )
    except ValidationError as error:
        errors_from(form, error)
        return render(request, template, context, status=422)
    if captured:
        messages.success(request, _("Recorded as input #%(number)d.") % {"number": item.pk})
        keep = {name: request.POST.get(name, "") for name in CAPTURE_KEEP}
        query = urlencode({name: value for name, value in keep.items() if value})
        return redirect(
            f"{reverse('forums:capture', args=[forum.government.slug, forum.pk])}?{query}"
        )
    messages.success(request, _("Thank you: your proposal is recorded and will be answered."))
    return redirect(item)


@login_required
@require_http_methods(["GET", "POST"])
def input_submit(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    return _submit(request, government, pk, captured=False)


@login_required
@require_http_methods(["GET", "POST"])
def input_capture(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    return _submit(request, government, pk, captured=True)


@login_required
@require_POST
def input_support(request: HttpRequest, government: str, pk: int, input_pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, take_part=True)
    item = forum_input_get(forum, input_pk)
    forum_input_support(input=item, by=request.user)
    if _is_htmx(request):
        item.refresh_from_db(fields=["support_count"])
        return render(
            request,
            "forums/_support.html",
            {
                "forum": forum,
                "item": item,
                "supported": {item.pk},
                "may_vote": True,
                "can_take_part": True,
            },
        )
    messages.success(request, _("Your support is counted."))
    return redirect(request.POST.get("next") or item.get_absolute_url())


@login_required
@require_POST
def statement_create(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, take_part=True)
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            rate_limit_check(request, "comment")
            text = form.cleaned_data["text"]
            publish_check(government=forum.government, user=request.user, texts=[text])
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        return render(
            request, "forums/statement_form.html", {"forum": forum, "form": form}, status=422
        )
    statement_add(forum=forum, by=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Your statement was added."))
    return redirect(f"{forum.get_absolute_url()}#pernyataan")


@login_required
@require_POST
def statement_reaction(
    request: HttpRequest, government: str, pk: int, statement_pk: int
) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, take_part=True)
    statement = Statement.objects.filter(
        government_id=forum.government_id, forum=forum, pk=statement_pk
    ).first()
    form = ReactionForm(request.POST)
    if statement is None:
        raise Http404(_("No such statement."))
    statement.forum = forum
    if not form.is_valid():
        return HttpResponse(_("Choose agree, disagree or pass."), status=422)
    reaction, _created = statement_react(
        statement=statement, by=request.user, value=form.cleaned_data["value"]
    )
    if _is_htmx(request):
        return render(
            request,
            "forums/_statement.html",
            {
                "forum": forum,
                "statement": statement,
                "mine": reaction.value,
                "may_vote": True,
                "can_take_part": True,
            },
        )
    return redirect(f"{forum.get_absolute_url()}#pernyataan-{statement.pk}")


@login_required
@require_POST
def attendance_register(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk)
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            forum_attendance_register(forum=forum, code=form.cleaned_data["code"], by=request.user)
        except ValidationError as error:
            errors_from(form, error)
    if not form.is_valid() or form.errors:
        return render(
            request, "forums/attendance_code.html", {"forum": forum, "form": form}, status=422
        )
    messages.success(request, _("Welcome: your attendance is recorded."))
    return redirect(forum)


@login_required
@require_http_methods(["GET", "POST"])
def forum_manage(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    """The facilitator's desk: phase, attendance, themes, inputs waiting for an answer."""
    forum = forum_get_for_user(request.user, _government(request), pk, manage=True)
    form = PhaseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                forum_phase_advance(
                    forum=forum,
                    to=form.cleaned_data["to"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except TransitionRefused as error:
                form.add_error(None, str(error))
        if form.is_valid() and not form.errors:
            messages.success(
                request,
                _("The answers are published; the proposers are told by e-mail.")
                if forum.phase == Forum.Phase.PUBLISHED
                else _("The forum is now in the phase “%(phase)s”.")
                % {"phase": forum.get_phase_display()},
            )
            return redirect("forums:manage", government=forum.government.slug, pk=forum.pk)
        status = 422
    _opinion, themes, computed_at = _analysis(forum)
    titles = dict(forum.inputs.filter(government_id=forum.government_id).values_list("id", "title"))
    return render(
        request,
        "forums/forum_manage.html",
        {
            "forum": forum,
            "form": form,
            "next_phases": [Forum.Phase(p) for p in phase_next(forum)],
            "switches": phase_switches(forum),
            "participants": Participant.objects.filter(
                government_id=forum.government_id, forum=forum
            )
            .select_related("user")
            .order_by("institution_kind", "institution", "name"),
            "may_attend": phase_allows(forum, Action.ATTEND),
            "waiting": selectors.forum_inputs(forum, order="supports").filter(
                disposition__isnull=True
            )[:200],
            "undisposed": selectors.forum_inputs(forum).filter(disposition__isnull=True).count(),
            "themes": themes,
            "theme_titles": titles,
            "computed_at": computed_at,
            "criteria": forum.criteria.filter(government_id=forum.government_id).order_by("id"),
            "criterion_form": CriterionForm(),
            "statements": Statement.objects.filter(
                government_id=forum.government_id, forum=forum
            ).order_by("id"),
            "participant_form": ParticipantForm(),
        },
        status=status,
    )


@login_required
@require_POST
def attendance_mark(
    request: HttpRequest, government: str, pk: int, participant_pk: int
) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, manage=True)
    participant = Participant.objects.filter(
        government_id=forum.government_id, forum=forum, pk=participant_pk
    ).first()
    if participant is None:
        raise Http404(_("No such participant."))
    participant.forum = forum
    forum_attendance_mark(
        participant=participant, by=request.user, present=request.POST.get("present", "1") == "1"
    )
    if _is_htmx(request):
        return render(
            request,
            "forums/_attendance_row.html",
            {"forum": forum, "participant": participant, "may_attend": True},
        )
    return redirect("forums:manage", government=forum.government.slug, pk=forum.pk)


@login_required
@require_POST
def analysis_refresh(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, manage=True)
    forum_analysis_refresh(forum=forum)
    messages.success(request, _("Themes and opinion map recomputed."))
    return redirect("forums:manage", government=forum.government.slug, pk=forum.pk)


@login_required
@require_http_methods(["GET", "POST"])
def input_dispose(request: HttpRequest, government: str, pk: int, input_pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, dispose=True)
    item = forum_input_get(forum, input_pk)
    current = selectors.disposition_of(item)
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "outcome": current.outcome,
            "plan_item": current.plan_item_id,
            "plan_item_label": current.plan_item_label,
            "merged_into": current.merged_into_id,
            "deferred_to_year": current.deferred_to_year,
            "forwarded_to": current.forwarded_to_id,
            "reason": current.reason,
        }
    form = DispositionForm(request.POST or None, item=item, initial=initial)
    context = {
        "forum": forum,
        "item": item,
        "form": form,
        "current": current,
        "may_dispose": phase_allows(forum, Action.DISPOSE),
        "may_score": phase_allows(forum, Action.SCORE) and can_manage(request.user, forum),
        "scores": item.scores.filter(government_id=forum.government_id)
        .select_related("criterion")
        .order_by("criterion_id"),
        "score_form": ScoreForm(forum=forum),
    }
    if request.method != "POST":
        return render(request, "forums/input_dispose.html", context)
    if not form.is_valid():
        return render(request, "forums/input_dispose.html", context, status=422)
    data = form.cleaned_data
    try:
        forum_input_dispose(
            input=item,
            by=request.user,
            outcome=data["outcome"],
            plan_item=data.get("plan_item"),
            plan_item_label=data.get("plan_item_label") or "",
            merged_into=data.get("merged_into"),
            deferred_to_year=data.get("deferred_to_year"),
            forwarded_to=data.get("forwarded_to"),
            reason=data.get("reason") or "",
        )
    except ValidationError as error:
        errors_from(form, error)
        return render(request, "forums/input_dispose.html", context, status=422)
    messages.success(request, _("The answer is recorded; the proposer is told."))
    return redirect("forums:manage", government=forum.government.slug, pk=forum.pk)


@login_required
@require_http_methods(["GET", "POST"])
def forum_new(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    agency_ids = forum_create_check(request.user, current)
    form = ForumForm(request.POST or None, government=current, agency_ids=agency_ids)
    if request.method != "POST":
        return render(request, "forums/forum_new.html", {"form": form})
    if not form.is_valid():
        return render(request, "forums/forum_new.html", {"form": form}, status=422)
    data = form.cleaned_data
    try:
        forum = forum_create(
            government=current,
            by=request.user,
            kind=data["kind"],
            title=data["title"],
            organiser=data["organiser"],
            starts_at=data["starts_at"],
            venue=data["venue"],
            agenda=data["agenda"],
            opened_by=data["opened_by"],
            signatories=data["signatories"],
            plan_document=data["plan_document"],
            plan_year=data["plan_year"],
            allow_public_input=data["allow_public_input"],
        )
    except ValidationError as error:
        errors_from(form, error)
        return render(request, "forums/forum_new.html", {"form": form}, status=422)
    messages.success(request, _("The forum is announced."))
    return redirect("forums:manage", government=current.slug, pk=forum.pk)


@login_required
@require_POST
def participant_create(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, manage=True)
    form = ParticipantForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "forums/small_form.html",
            {"forum": forum, "form": form, "title": _("Invite a participant")},
            status=422,
        )
    data = form.cleaned_data
    participant_add(
        forum=forum,
        by=request.user,
        name=data["name"],
        position=data["position"],
        institution=data["institution"],
        institution_kind=data["institution_kind"],
        is_speaker=data["is_speaker"],
        topic=data["topic"],
    )
    messages.success(request, _("Invited; the attendance code is in the list."))
    return redirect(f"{forum.get_absolute_url()}kelola/#hadir")


@login_required
@require_POST
def criterion_create(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, manage=True)
    form = CriterionForm(request.POST)
    if form.is_valid():
        try:
            criterion_add(
                forum=forum,
                by=request.user,
                name=form.cleaned_data["name"],
                weight=form.cleaned_data["weight"],
            )
        except ValidationError as error:
            errors_from(form, error)
    if not form.is_valid() or form.errors:
        return render(
            request,
            "forums/small_form.html",
            {"forum": forum, "form": form, "title": _("Add a scoring criterion")},
            status=422,
        )
    return redirect(f"{forum.get_absolute_url()}kelola/#kriteria")


@login_required
@require_POST
def input_score(request: HttpRequest, government: str, pk: int, input_pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, manage=True)
    item = forum_input_get(forum, input_pk)
    form = ScoreForm(request.POST, forum=forum)
    if not form.is_valid():
        return render(
            request,
            "forums/small_form.html",
            {"forum": forum, "form": form, "title": _("Score")},
            status=422,
        )
    input_score_set(
        input=item,
        criterion=form.cleaned_data["criterion"],
        score=form.cleaned_data["score"],
        by=request.user,
    )
    return redirect(
        "forums:dispose", government=forum.government.slug, pk=forum.pk, input_pk=item.pk
    )


@require_GET
def statistics(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    return render(
        request, "forums/statistics.html", {"stats": selectors.government_statistics(current)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def input_edit(request: HttpRequest, government: str, pk: int, input_pk: int) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, take_part=True)
    item = forum_input_get(forum, input_pk)
    if item.proposer_id != request.user.pk:
        raise PermissionDenied(_("Only the proposer edits a proposal."))
    initial = {name: getattr(item, name) for name in InputFields.__dataclass_fields__}
    form = InputForm(request.POST or None, government=forum.government, initial=initial)
    del form.fields["attachment"]
    context = {
        "forum": forum,
        "item": item,
        "form": form,
        "may_edit": phase_allows(forum, Action.EDIT),
    }
    if request.method != "POST":
        return render(request, "forums/input_edit.html", context)
    if not form.is_valid():
        return render(request, "forums/input_edit.html", context, status=422)
    try:
        forum_input_edit(input=item, by=request.user, fields=form.input_fields())
    except ValidationError as error:
        errors_from(form, error)
        return render(request, "forums/input_edit.html", context, status=422)
    messages.success(request, _("Your proposal is updated."))
    return redirect(item)


@login_required
@require_POST
def statement_moderation(
    request: HttpRequest, government: str, pk: int, statement_pk: int
) -> HttpResponse:
    forum = forum_get_for_user(request.user, _government(request), pk, manage=True)
    statement = Statement.objects.filter(
        government_id=forum.government_id, forum=forum, pk=statement_pk
    ).first()
    if statement is None:
        raise Http404(_("No such statement."))
    statement_moderate(statement=statement, by=request.user, out=request.POST.get("out") == "1")
    return redirect(f"{reverse('forums:manage', args=[forum.government.slug, forum.pk])}#moderasi")


@require_GET
def input_by_number(request: HttpRequest, government: str, input_pk: int) -> HttpResponse:
    """``/<government>/forum/usulan/<id>/``: an input by its number alone, for pages that know
    the number but not the forum (a plan item listing the inputs it answers)."""
    item = (
        ForumInput.objects.filter(government=_government(request), pk=input_pk)
        .select_related("government")
        .first()
    )
    if item is None:
        raise Http404(_("No such input."))
    return redirect(item)
