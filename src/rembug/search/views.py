"""The public search page ``/<government>/cari/``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rembug.governments.models import Government
from rembug.search.forms import SearchForm
from rembug.search.selectors import SearchPage, search


@require_GET
def search_view(request: HttpRequest, government: str) -> HttpResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    form = SearchForm(request.GET or None, government=current)
    page = None
    if form.is_valid() and form.cleaned_data["q"]:
        page = search(
            current, form.cleaned_data["q"], form.filters(), before=form.cleaned_data["before"]
        )
    status = 422 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "search/search.html",
        {"form": form, "page": page, "next_query": _next_query(request, page)},
        status=status,
    )


def _next_query(request: HttpRequest, page: SearchPage | None) -> str:
    if page is None or page.next_cursor is None:
        return ""
    query = request.GET.copy()
    query["before"] = str(page.next_cursor)
    return query.urlencode()
