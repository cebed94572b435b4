from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("government", "agency").order_by(  # type: ignore[union-attr]
        "government__name", "role"
    )
    return render(request, "accounts/profile.html", {"memberships": memberships})
