from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from rembug.governments.models import Government
from rembug.monitoring.exports import FORMATS, export_document, render


@require_GET
def export(
    request: HttpRequest, government: str, table: str, document_id: int, fmt: str
) -> HttpResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    if fmt not in FORMATS:
        raise Http404
    built = export_document(table, government=current, document_id=document_id, user=request.user)
    response = HttpResponse(render(built, fmt), content_type=FORMATS[fmt][1])
    response["Content-Disposition"] = f'attachment; filename="{built.filename}.{fmt}"'
    return response
