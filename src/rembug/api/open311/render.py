"""Open311 GeoReport v2 responses in XML (the spec's required format) and JSON.

XML follows the spec's examples exactly: a root (``<services>``, ``<service_requests>``,
``<service_definition>``, ``<discovery>``, ``<errors>``), one child per record, one element per
field, empty elements for empty values, ``true``/``false`` for booleans. Lists inside a record
repeat a singular element (``<attributes><attribute>…``, ``<values><value>…``).
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

XML_CONTENT_TYPE = "text/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"

# Element name of one item of a list field.
SINGULAR = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append(parent: ET.Element, tag: str, value: Any) -> None:
    element = ET.SubElement(parent, tag)
    if isinstance(value, dict):
        for key, inner in value.items():
            _append(element, key, inner)
    elif isinstance(value, list):
        item_tag = SINGULAR.get(tag, "item")
        for inner in value:
            _append(element, item_tag, inner)
    else:
        element.text = _text(value)


def xml_document(
    root: str, item_tag: str | None, payload: list[dict[str, Any]] | dict[str, Any]
) -> bytes:
    """``<root><item_tag>…</item_tag>…</root>`` for a list, or ``<root>…</root>`` for a dict."""
    element = ET.Element(root)
    if isinstance(payload, list):
        assert item_tag is not None
        for item in payload:
            _append(element, item_tag, item)
    else:
        for key, value in payload.items():
            _append(element, key, value)
    body = ET.tostring(element, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}'.encode()


def respond(
    fmt: str,
    root: str,
    item_tag: str | None,
    payload: list[dict[str, Any]] | dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    if fmt == "json":
        return HttpResponse(
            json.dumps(payload, ensure_ascii=False),
            content_type=JSON_CONTENT_TYPE,
            status=status,
        )
    return HttpResponse(
        xml_document(root, item_tag, payload), content_type=XML_CONTENT_TYPE, status=status
    )


def error_response(fmt: str, status: int, description: str) -> HttpResponse:
    """The spec's error list: ``<errors><error><code/><description/></error></errors>``."""
    return respond(
        fmt, "errors", "error", [{"code": status, "description": description}], status=status
    )
