"""My data (UU 27/2022): download everything Rembug holds about me, or delete my account."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from rembug.portal.personal_data import account_erase, personal_data_export


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be restored.")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/my_data.html", {"form": EraseForm(user=request.user)})


@login_required
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    data = personal_data_export(request.user)  # type: ignore[arg-type]
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"rembug-data-{request.user.get_username()}-{timezone.now():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["POST"])
def my_account_delete(request: HttpRequest) -> HttpResponse:
    form = EraseForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "portal/my_data.html", {"form": form}, status=422)
    user = request.user
    logout(request)
    account_erase(user=user)  # type: ignore[arg-type]
    return redirect("account_deleted")


@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/account_deleted.html")
