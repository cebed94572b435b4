from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rembug.moderation.ratelimit import rate_limit_check
from rembug.moderation.signup import SignupForm, account_register, account_verify


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    # Bound on every POST: an empty one must show the form's errors, not reach cleaned_data.
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return render(request, "moderation/signup.html", {"form": form})
    if form.is_valid():
        data = form.cleaned_data
        try:
            rate_limit_check(request, "account")
            account_register(
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                password=data["password"],
                link_for=lambda uid, token: request.build_absolute_uri(
                    reverse("signup:verify", kwargs={"uidb64": uid, "token": token})
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        return render(request, "moderation/signup.html", {"form": form}, status=422)
    return render(request, "moderation/signup_sent.html", {"email": form.cleaned_data["email"]})


@require_GET
def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        account_verify(uidb64=uidb64, token=token)
    except ValidationError as error:
        return render(request, "moderation/signup_invalid.html", {"error": error}, status=400)
    messages.success(request, _("Your e-mail address is confirmed. You can log in now."))
    return redirect("accounts:login")
