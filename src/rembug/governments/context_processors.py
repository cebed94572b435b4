from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from rembug.governments.access import roles_for


def government(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "government", None)
    if current is None:
        return {"government": None, "roles": None}
    return {"government": current, "roles": roles_for(request.user, current)}
