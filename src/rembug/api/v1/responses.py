"""The documented error responses every operation may give (all with ``ErrorOut``)."""

from __future__ import annotations

from typing import Any

from rembug.api.errors import ErrorOut

errors_4xx: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}
