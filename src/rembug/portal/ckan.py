"""The CKAN action API (read-only) at ``/<government>/api/3/action/``, so that open-data portals
(Satu Data Indonesia, data.go.id, any CKAN harvester) can harvest a government's datasets.

Responses follow CKAN: ``{"help": <url>, "success": true, "result": ...}``; errors
``{"help": ..., "success": false, "error": {"message": ..., "__type": ...}}`` with 404 for a
missing dataset, 409 for invalid parameters and 400 for an unknown action.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from rembug.governments.models import Government
from rembug.portal.catalogue import ckan_package, entries, entry

MAX_ROWS = 1000
DEFAULT_ROWS = 10


class CkanError(Exception):
    def __init__(self, status: int, error: dict[str, Any]) -> None:
        super().__init__(error.get("message", ""))
        self.status = status
        self.error = error


def _validation(**fields: str) -> CkanError:
    return CkanError(409, {"__type": "Validation Error", **{k: [v] for k, v in fields.items()}})


def _int(request: HttpRequest, name: str, default: int) -> int:
    value = request.GET.get(name, "")
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise _validation(**{name: "Invalid integer"}) from None
    if number < 0:
        raise _validation(**{name: "Must be a natural number"})
    return number


def package_list(request: HttpRequest, government: Government) -> list[str]:
    """Return a list of the names of the site's datasets (packages)."""
    return sorted(item.name for item in entries(government))


def package_show(request: HttpRequest, government: Government) -> dict[str, Any]:
    """Return the metadata of a dataset (package) and its resources.

    :param id: the id or name of the dataset
    """
    name = request.GET.get("id", "").strip()
    if not name:
        raise _validation(id="Missing value")
    # Accept the name or the id (``<government>-<name>``) as CKAN does.
    found = entry(government, name.removeprefix(f"{government.slug}-"))
    if found is None:
        raise CkanError(404, {"message": "Not found", "__type": "Not Found Error"})
    return ckan_package(request, found)


def package_search(request: HttpRequest, government: Government) -> dict[str, Any]:
    """Search for datasets: every word of ``q`` in the name, title, description or keywords.

    :param q: the words to search for (optional; ``*:*`` or empty: every dataset)
    :param rows: the maximum number of matching rows to return (default 10, at most 1000)
    :param start: the offset in the complete result (default 0)
    """
    rows = min(_int(request, "rows", DEFAULT_ROWS), MAX_ROWS)
    start = _int(request, "start", 0)
    words = [w.casefold() for w in request.GET.get("q", "").replace("*:*", "").split() if w]
    matches = []
    for item in sorted(entries(government), key=lambda e: e.name):
        text = " ".join(
            [
                item.name,
                str(item.dataset.title),
                str(item.dataset.description),
                *item.dataset.keywords,
            ]
        ).casefold()
        if all(word in text for word in words):
            matches.append(item)
    return {
        "count": len(matches),
        "sort": "score desc, metadata_modified desc",
        "facets": {},
        "search_facets": {},
        "results": [ckan_package(request, item) for item in matches[start : start + rows]],
    }


def status_show(request: HttpRequest, government: Government) -> dict[str, Any]:
    """Return a dictionary with information about the site's configuration."""
    return {
        "site_title": f"Data terbuka {government.name}",
        "site_description": str(government.tagline),
        "site_url": request.build_absolute_uri(
            reverse("portal:data_catalogue", kwargs={"government": government.slug})
        ),
        "ckan_version": CKAN_VERSION,
        "locale_default": "id",
        "extensions": [],
    }


def help_show(request: HttpRequest, government: Government) -> str:
    """Return the help string for a particular API action.

    :param name: the action's name, e.g. ``package_search``
    """
    name = request.GET.get("name", "")
    handler = ACTIONS.get(name)
    if handler is None:
        raise CkanError(404, {"message": "Not found", "__type": "Not Found Error"})
    return inspect.getdoc(handler) or ""


# The CKAN release whose action API these answers follow.
CKAN_VERSION = "2.10.0"

ACTIONS: dict[str, Callable[[HttpRequest, Government], Any]] = {
    "package_list": package_list,
    "package_show": package_show,
    "package_search": package_search,
    "status_show": status_show,
    "help_show": help_show,
}


@require_GET
def ckan_action(request: HttpRequest, government: str, action: str) -> JsonResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    help_url = request.build_absolute_uri(
        reverse("portal:ckan_action", kwargs={"government": current.slug, "action": "help_show"})
        + f"?name={action}"
    )
    handler = ACTIONS.get(action)
    try:
        if handler is None:
            raise CkanError(
                400,
                {
                    "message": f"Bad request - Action name not known: {action}",
                    "__type": "Bad Request",
                },
            )
        result = handler(request, current)
    except CkanError as error:
        response = JsonResponse(
            {"help": help_url, "success": False, "error": error.error}, status=error.status
        )
    else:
        response = JsonResponse({"help": help_url, "success": True, "result": result})
    response["Access-Control-Allow-Origin"] = "*"  # harvesters and browser clients elsewhere
    return response
