"""The coordinator's page for Open311 clients: issue a key (shown once), see and revoke keys."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from rembug.api.models import Open311Client
from rembug.api.open311.clients import open311_client_issue, open311_client_revoke
from rembug.governments.access import require_role
from rembug.governments.models import Government, Role

MANAGERS = (Role.COORDINATOR, Role.ADMINISTRATOR)


class ClientForm(forms.Form):
    name = forms.CharField(
        label=_("Client name"),
        max_length=100,
        help_text=_("The system that will send reports, e.g. “Aplikasi Serang Siaga”."),
    )


def _page(
    request: HttpRequest, government: Government, form: ClientForm, **extra: object
) -> dict[str, object]:
    clients = Open311Client.objects.filter(government=government).order_by("name")
    return {"clients": clients, "form": form, **extra}


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def client_list(request: HttpRequest, government: str) -> HttpResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    require_role(request.user, current, MANAGERS)
    form = ClientForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                client, key = open311_client_issue(
                    government=current, name=form.cleaned_data["name"], by=request.user
                )
            except ValidationError as error:
                form.add_error("name", error)
            else:
                context = _page(request, current, ClientForm(), issued=client, key=key)
                return render(request, "open311/clients.html", context, status=201)
        return render(request, "open311/clients.html", _page(request, current, form), status=422)
    return render(request, "open311/clients.html", _page(request, current, form))


@login_required
@require_POST
def client_revoke(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    require_role(request.user, current, MANAGERS)
    client = get_object_or_404(Open311Client, government=current, pk=pk)
    open311_client_revoke(client=client, by=request.user)
    return redirect("open311_clients:list", government=current.slug)
