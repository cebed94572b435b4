from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

LOCKOUT_STATUS = 429


class InvalidFormIs422:
    """House rule: a form that does not validate answers 422, and nothing changed."""

    def form_invalid(self, form: Form) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 422
        return response


class LoginView(InvalidFormIs422, auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


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
