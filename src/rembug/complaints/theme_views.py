"""The coordinator's page of recurring themes (the same category in the same kecamatan) and the
step that takes one to a forum as an input (see ``themes``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from rembug.complaints import themes
from rembug.complaints.access import is_coordinator
from rembug.complaints.forms import _model_field, kecamatan_choices
from rembug.complaints.models import Category
from rembug.forums.models import Forum
from rembug.governments.models import Government
from rembug.regions.models import Region


class ThemePromoteForm(forms.Form):
    """Take a recurring theme of reports to a forum: which forum, and the input's wording (a
    draft from the reports, for the coordinator to edit)."""

    forum = forms.ModelChoiceField(label=gettext_lazy("Forum"), queryset=Forum.objects.none())
    title = forms.CharField(label=gettext_lazy("Title of the input"), max_length=200)
    text = forms.CharField(
        label=gettext_lazy("Proposal"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=4000,
        help_text=gettext_lazy("Say what residents report and what the plan should do about it."),
    )

    def __init__(self, *args: Any, forums: list[Forum], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forum = _model_field(self, "forum")
        forum.queryset = Forum.objects.filter(pk__in=[f.pk for f in forums]).order_by("-starts_at")
        forum.empty_label = None if forums else "---------"


def _coordinator_government(request: HttpRequest) -> Government:
    government: Government = request.government  # type: ignore[attr-defined]
    if not is_coordinator(request.user, government):
        raise PermissionDenied(_("Only the coordinator takes reports to a forum."))
    return government


@login_required
@require_GET
def theme_list(request: HttpRequest, government: str) -> HttpResponse:
    current = _coordinator_government(request)
    return render(
        request,
        "complaints/themes.html",
        {
            "themes": themes.recurring_themes(current),
            "min_reports": themes.MIN_REPORTS,
            "window_days": themes.WINDOW_DAYS,
            "forums_open": themes.forums_taking_inputs(current),
        },
    )


def _theme_of(request: HttpRequest, government: Government) -> tuple[Category, Region]:
    source = request.POST if request.method == "POST" else request.GET
    category_id = source.get("kategori", "").strip()
    category = (
        Category.objects.filter(government=government, pk=category_id).first()
        if category_id.isdigit()
        else None
    )
    kecamatan = kecamatan_choices(government).filter(pk=source.get("kecamatan", "").strip()).first()
    if category is None or kecamatan is None:
        raise Http404(_("No such theme: choose one from the list of recurring themes."))
    return category, kecamatan


@login_required
@require_http_methods(["GET", "POST"])
def theme_promote(request: HttpRequest, government: str) -> HttpResponse:
    current = _coordinator_government(request)
    category, kecamatan = _theme_of(request, current)
    reports = list(themes.theme_reports(current, category=category, kecamatan=kecamatan)[:200])
    forums = themes.forums_taking_inputs(current)
    initial = {
        "title": _("%(category)s in Kecamatan %(kecamatan)s")
        % {"category": category.name, "kecamatan": kecamatan.name},
        "text": themes.theme_summary(current, category=category, kecamatan=kecamatan),
    }
    form = ThemePromoteForm(
        request.POST if request.method == "POST" else None, forums=forums, initial=initial
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = themes.complaint_theme_promote(
                    government=current,
                    category=category,
                    kecamatan=kecamatan,
                    forum=form.cleaned_data["forum"],
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(count)d reports were taken to the forum as input #%(input)d.")
                    % {"count": len(reports), "input": item.pk},
                )
                return redirect(item.get_absolute_url())
        status = 422
    return render(
        request,
        "complaints/theme_promote.html",
        {
            "form": form,
            "category": category,
            "kecamatan": kecamatan,
            "reports": reports,
            "forums_open": forums,
            "min_reports": themes.MIN_REPORTS,
        },
        status=status,
    )
