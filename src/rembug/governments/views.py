from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rembug.core.models import AuditEntry
from rembug.governments.access import agency_get_for_user, can_read_audit, roles_for
from rembug.governments.forms import AgencyForm
from rembug.governments.models import Agency, Government
from rembug.governments.services import agency_update


@require_GET
def government_list(request: HttpRequest) -> HttpResponse:
    governments = (
        Government.objects.filter(is_active=True)
        .select_related("region")
        .annotate(agency_count=Count("agencies", filter=Q(agencies__is_active=True)))
        .order_by("name")
    )
    return render(request, "governments/government_list.html", {"governments": governments})


@require_GET
def agency_list(request: HttpRequest, government: str) -> HttpResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    agencies = (
        current.agencies.filter(is_active=True).select_related("region").order_by("kind", "name")
    )
    return render(request, "governments/agency_list.html", {"agencies": agencies})


@require_GET
def agency_detail(request: HttpRequest, government: str, agency: str) -> HttpResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    found = agency_get_for_user(request.user, current, agency)
    held = roles_for(request.user, current)
    return render(
        request,
        "governments/agency_detail.html",
        {
            "agency": found,
            "can_edit": held.has("administrator", "coordinator") or held.serves(found),
            "can_audit": can_read_audit(request.user, current),
            "content_type": ContentType.objects.get_for_model(Agency),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, government: str, agency: str) -> HttpResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    found = agency_get_for_user(request.user, current, agency, write=True)
    form = AgencyForm(request.POST or None, instance=Agency.objects.get(pk=found.pk))
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "governments/agency_edit.html", {"agency": found, "form": form}, status=422
            )
        agency_update(
            agency=found,
            by=request.user,
            name=form.cleaned_data["name"],
            short_name=form.cleaned_data["short_name"],
            kind=form.cleaned_data["kind"],
            urusan_codes=form.cleaned_data["urusan"],
        )
        return redirect(found)
    return render(request, "governments/agency_edit.html", {"agency": found, "form": form})


@login_required
@require_GET
def audit_log(request: HttpRequest, government: str) -> HttpResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    if not can_read_audit(request.user, current):
        raise PermissionDenied(_("Only administrators read the audit trail."))
    entries = AuditEntry.objects.filter(government=current).select_related("content_type", "actor")
    page = Paginator(entries.order_by("-id"), 50).get_page(request.GET.get("page"))
    return render(request, "governments/audit_log.html", {"page": page, "record": None})


@login_required
@require_GET
def audit_record_history(
    request: HttpRequest, government: str, content_type: int, object_id: str
) -> HttpResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    if not can_read_audit(request.user, current):
        raise PermissionDenied(_("Only administrators read the audit trail."))
    entries = AuditEntry.objects.filter(
        government=current, content_type_id=content_type, object_id=object_id
    ).select_related("content_type", "actor")
    first = entries.first()
    if first is None:
        raise Http404(_("This record has no history in this government."))
    page = Paginator(entries.order_by("-id"), 50).get_page(request.GET.get("page"))
    return render(
        request, "governments/audit_log.html", {"page": page, "record": first.object_repr}
    )
