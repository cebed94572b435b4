from __future__ import annotations

import time
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rembug.accounts.forms import CodeForm
from rembug.accounts.middleware import two_factor_mark_checked
from rembug.accounts.models import TwoFactor
from rembug.accounts.totp import provisioning_uri, totp
from rembug.accounts.two_factor import (
    TwoFactorBlocked,
    recovery_codes_renew,
    two_factor_begin,
    two_factor_check,
    two_factor_confirm,
    two_factor_disable,
    two_factor_required,
)

LOCKOUT_STATUS = 429
PENDING = "two_factor_pending"
PENDING_SECONDS = 300


class InvalidFormIs422:
    """House rule: a form that does not validate answers 422, and nothing changed."""

    def form_invalid(self, form: Form) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 422
        return response


class LoginView(InvalidFormIs422, auth_views.LoginView):
    """Step one: the password. Someone with an authenticator is not signed in yet: the session
    remembers them for a few minutes and the code page finishes the sign-in."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).exists():
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": time.time(),
        }
        return redirect("accounts:two_factor_login")


class PasswordResetView(InvalidFormIs422, auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(InvalidFormIs422, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(InvalidFormIs422, auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("government", "agency").order_by(  # type: ignore[union-attr]
        "government__name", "role"
    )
    return render(request, "accounts/profile.html", {"memberships": memberships})


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this (AXES_LOCKOUT_CALLABLE) instead of the login view while a user name
    is locked for the requesting address; our page says how long, in the reader's language."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=LOCKOUT_STATUS)


def _pending_user(request: HttpRequest) -> tuple[Any, dict[str, Any]] | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


def _blocked_page(request: HttpRequest, until: Any) -> HttpResponse:
    minutes = max(1, int((until.timestamp() - time.time()) // 60) + 1)
    return render(request, "accounts/two_factor_blocked.html", {"minutes": minutes}, status=429)


def _demo_code(user: Any) -> str:
    """In the demo only (``REMBUG_DEMO``, with DEBUG), the page shows the current code, so that a
    newcomer can sign in as a coordinator without an authenticator app."""
    if not (settings.DEBUG and getattr(settings, "REMBUG_DEMO", False)):
        return ""
    device = TwoFactor.objects.filter(user=user).first()
    return totp(device.secret) if device else ""


@require_http_methods(["GET", "POST"])
def two_factor_login(request: HttpRequest) -> HttpResponse:
    """Step two of signing in: the code from the authenticator app or a recovery code."""
    found = _pending_user(request)
    if found is None:
        request.session.pop(PENDING, None)
        return redirect("accounts:login")
    user, pending = found
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accepted = two_factor_check(user=user, code=form.cleaned_data["code"])
        except TwoFactorBlocked as blocked:
            return _blocked_page(request, blocked.until)
        if accepted:
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            two_factor_mark_checked(request)
            return HttpResponseRedirect(pending["next"])
        form.add_error("code", _("That code is not right, or it was already used."))
    context = {"form": form, "demo_code": _demo_code(user)}
    return render(
        request, "accounts/two_factor_login.html", context, status=422 if form.errors else 200
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("accounts:profile")


def _enrolment_context(request: HttpRequest, device: TwoFactor, form: CodeForm) -> dict[str, Any]:
    uri = provisioning_uri(device.secret, account=request.user.get_username())
    return {
        "form": form,
        "device": device,
        "secret_groups": [device.secret[i : i + 4] for i in range(0, len(device.secret), 4)],
        "qr": segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
        "required": two_factor_required(request.user),
        "next": _next(request),
    }


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn on two-factor authentication (QR code and secret, then a first code), renew recovery
    codes, or turn it off (not for roles that require it)."""
    user: Any = request.user
    device = TwoFactor.objects.filter(user=user).first()
    if device is None or device.confirmed_at is None:
        return _enrol(request, user, device)
    form = CodeForm(request.POST or None)
    action = request.POST.get("action")
    context = {"form": form, "required": two_factor_required(user), "device": device}
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if action == "renew" and two_factor_check(user=user, code=code):
                codes = recovery_codes_renew(user=user)
                return render(
                    request,
                    "accounts/two_factor_codes.html",
                    {"codes": codes, "next": _next(request)},
                )
            if action == "disable" and two_factor_disable(user=user, code=code):
                return redirect("accounts:profile")
        except TwoFactorBlocked as blocked:
            return _blocked_page(request, blocked.until)
        form.add_error("code", _("That code is not right, or it was already used."))
    return render(
        request, "accounts/two_factor_manage.html", context, status=422 if form.errors else 200
    )


def _enrol(request: HttpRequest, user: Any, device: TwoFactor | None) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            codes = two_factor_confirm(user=user, code=form.cleaned_data["code"])
        except TwoFactorBlocked as blocked:
            return _blocked_page(request, blocked.until)
        if codes is not None:
            two_factor_mark_checked(request)
            return render(
                request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.add_error(
            "code", _("That code is not right. Check the time on your phone and try the next code.")
        )
        return render(
            request,
            "accounts/two_factor_enrol.html",
            _enrolment_context(request, device, form),
            status=422,
        )
    device = device or two_factor_begin(user=user)
    return render(
        request, "accounts/two_factor_enrol.html", _enrolment_context(request, device, form)
    )
