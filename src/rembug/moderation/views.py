from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rembug.core.pii import pii_find, pii_mask
from rembug.governments.models import Government
from rembug.moderation import forms as mforms
from rembug.moderation import selectors, services
from rembug.moderation.access import moderated_item_get_for_user, moderator_require
from rembug.moderation.models import BlockedTerm, ModeratedItem
from rembug.moderation.ratelimit import address_hash, rate_limit_check
from rembug.moderation.registry import ContentKind, content_kind

PREVIEW_MAX = 8000


def _government(request: HttpRequest) -> Government:
    current: Government = request.government  # type: ignore[attr-defined]
    return current


def _public_content(government: Government, key: str, pk: int) -> tuple[ContentKind, Any]:
    """Published content of ``government`` that anyone may flag, or 404."""
    kind = content_kind(key)
    if kind is None:
        raise Http404(_("No such content."))
    content = kind.model._default_manager.filter(government=government, pk=pk).first()
    if content is None or not kind.is_public(content):
        raise Http404(_("No such content."))
    return kind, content


@require_http_methods(["GET", "POST"])
def flag(request: HttpRequest, government: str, kind: str, pk: int) -> HttpResponse:
    current = _government(request)
    content_kind_, content = _public_content(current, kind, pk)
    form = mforms.FlagForm(request.POST if request.method == "POST" else None)
    context = {
        "form": form,
        "kind": content_kind_,
        "title": content_kind_.title(content),
        "back": content_kind_.url(content),
        "hide_after": selectors.hide_after_flags(current),
    }
    if request.method != "POST":
        return render(request, "moderation/flag.html", context)
    if not form.is_valid():
        return render(request, "moderation/flag.html", context, status=422)
    try:
        rate_limit_check(request, "flag")
        services.content_flag(
            government=current,
            content=content,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            by=request.user,
            address=address_hash(request),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "moderation/flag.html", context, status=422)
    messages.success(request, _("Thank you. A moderator will review this content."))
    return redirect(content_kind_.url(content))


@login_required
@require_GET
def queue(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    moderator_require(request.user, current)
    tab = request.GET.get("tab", "flagged")
    if tab not in selectors.QUEUE_TABS:
        tab = "flagged"
    items = list(selectors.moderation_queue(current, tab)[:200])
    return render(
        request,
        "moderation/queue.html",
        {"tab": tab, "items": items, "counts": selectors.queue_counts(current)},
    )


def _item_context(item: ModeratedItem, **forms: Any) -> dict[str, Any]:
    kind = content_kind(item.kind)
    content = services.item_content(item)
    return {
        "item": item,
        "kind": kind,
        "content": content,
        "content_text": kind.text(content) if kind and content is not None else "",
        "content_url": kind.url(content) if kind and content is not None else "",
        "flags": item.flags.select_related("flagged_by"),
        "decisions": item.decisions.select_related("by"),
        "appeals": item.appeals.all(),
        "account_blocked": bool(item.author_id)
        and selectors.account_is_blocked(item.government, item.author),
        "decision_form": forms.get("decision_form") or mforms.DecisionForm(),
        "reject_form": forms.get("reject_form") or mforms.AppealRejectForm(),
        "block_form": forms.get("block_form") or mforms.AccountBlockForm(),
    }


@login_required
@require_GET
def item_detail(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = moderated_item_get_for_user(request.user, _government(request), pk)
    return render(request, "moderation/item.html", _item_context(item))


@login_required
@require_POST
def item_decide(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = moderated_item_get_for_user(request.user, _government(request), pk)
    form = mforms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.item_decide(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        context = _item_context(item, decision_form=form)
        return render(request, "moderation/item.html", context, status=422)
    messages.success(request, _("Decision saved; the author has been told why."))
    return redirect("moderation:item", government=government, pk=item.pk)


@login_required
@require_POST
def appeal_reject(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = moderated_item_get_for_user(request.user, _government(request), pk)
    form = mforms.AppealRejectForm(request.POST)
    if form.is_valid():
        try:
            services.appeal_reject(item=item, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        context = _item_context(item, reject_form=form)
        return render(request, "moderation/item.html", context, status=422)
    messages.success(request, _("Appeal rejected; the author has been told why."))
    return redirect("moderation:item", government=government, pk=item.pk)


@login_required
@require_POST
def account_block(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    """Block the author of an item (and, for a spam account, all they published here)."""
    current = _government(request)
    item = moderated_item_get_for_user(request.user, current, pk)
    form = mforms.AccountBlockForm(request.POST)
    if item.author is None:
        form.add_error(None, _("This content was sent without an account."))
    elif form.is_valid():
        try:
            services.account_block(
                government=current, user=item.author, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        context = _item_context(item, block_form=form)
        return render(request, "moderation/item.html", context, status=422)
    messages.success(request, _("The account may no longer publish here."))
    return redirect("moderation:item", government=government, pk=item.pk)


@login_required
@require_POST
def account_unblock(request: HttpRequest, government: str, user: int) -> HttpResponse:
    current = _government(request)
    moderator_require(request.user, current)
    account = get_object_or_404(get_user_model(), pk=user)
    services.account_unblock(government=current, user=account, by=request.user)
    messages.success(request, _("The account may publish again."))
    return redirect("moderation:settings", government=government)


def _settings_page(
    request: HttpRequest, current: Government, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "policy_form": forms.get("policy_form")
        or mforms.PolicyForm(initial={"hide_after_flags": selectors.hide_after_flags(current)}),
        "term_form": forms.get("term_form") or mforms.BlockedTermForm(),
        "terms": BlockedTerm.objects.filter(government=current),
        "blocked_accounts": selectors.blocked_accounts(current),
    }
    return render(request, "moderation/settings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def moderation_settings(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    moderator_require(request.user, current)
    if request.method != "POST":
        return _settings_page(request, current)
    if "term" in request.POST:
        term_form = mforms.BlockedTermForm(request.POST)
        if term_form.is_valid():
            try:
                services.blocked_term_add(
                    government=current, term=term_form.cleaned_data["term"], by=request.user
                )
            except ValidationError as error:
                term_form.add_error("term", error)
        if term_form.errors:
            return _settings_page(request, current, 422, term_form=term_form)
    else:
        policy_form = mforms.PolicyForm(request.POST)
        if not policy_form.is_valid():
            return _settings_page(request, current, 422, policy_form=policy_form)
        services.moderation_policy_set(
            government=current,
            hide_after_flags=policy_form.cleaned_data["hide_after_flags"],
            by=request.user,
        )
    messages.success(request, _("Saved."))
    return redirect("moderation:settings", government=government)


@login_required
@require_POST
def blocked_term_remove(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    current = _government(request)
    moderator_require(request.user, current)
    term = get_object_or_404(BlockedTerm, government=current, pk=pk)
    services.blocked_term_remove(term=term, by=request.user)
    messages.success(request, _("Removed from the block-list."))
    return redirect("moderation:settings", government=government)


def _own_item(request: HttpRequest, current: Government, pk: int) -> ModeratedItem:
    item = ModeratedItem.objects.filter(government=current, pk=pk).first()
    if item is None or item.author_id is None or item.author_id != request.user.pk:
        raise Http404(_("No such item."))
    return item


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    """The author's one appeal against hiding or blocking."""
    current = _government(request)
    item = _own_item(request, current, pk)
    form = mforms.AppealForm(request.POST if request.method == "POST" else None)
    context = {"item": item, "form": form}
    if request.method != "POST":
        return render(request, "moderation/appeal.html", context)
    if form.is_valid():
        try:
            services.appeal_submit(item=item, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        return render(request, "moderation/appeal.html", context, status=422)
    messages.success(request, _("Your appeal has been sent to the moderator."))
    kind = content_kind(item.kind)
    content = services.item_content(item)
    if kind and content is not None:
        return redirect(kind.url(content))
    return redirect("portal:home", government=government)


@require_POST
def pii_preview(request: HttpRequest, government: str) -> JsonResponse:
    """What the public will see of a text being written: identifiers masked (the form preview)."""
    text = request.POST.get("text", "")[:PREVIEW_MAX]
    return JsonResponse({"masked": pii_mask(text), "found": len(pii_find(text))})
