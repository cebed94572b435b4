"""The public reports on a picture: an SVG point plot of where they were made, drawn on the
server (no map library, no tiles, nothing for the CSP to allow), beside the by-kecamatan table
that says the same in words and numbers.

Reports are counted per cell of 0.01° (about 1 km), in SQL, so the picture costs one query and
at most ``MAX_CELLS`` points however many reports there are. The public API already rounds
coordinates to about 100 m; a 1 km cell says less still about where anyone lives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, DecimalField
from django.db.models.functions import Cast, Round

from rembug.complaints.selectors import public_complaints
from rembug.governments.models import Government

MAX_CELLS = 2000
WIDTH = 600
HEIGHT = 400
MARGIN = 16


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    r: float
    count: int
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    y: int
    width: float


def report_cells(
    government: Government, filters: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Public reports with coordinates, counted per 0.01° cell (busiest first)."""
    cell: DecimalField[Any, Any] = DecimalField(max_digits=9, decimal_places=2)
    return list(
        public_complaints(government, filters)
        .order_by()
        .filter(latitude__isnull=False)
        .values(lat=Cast(Round("latitude", 2), cell), lon=Cast(Round("longitude", 2), cell))
        .annotate(count=Count("id"))
        .order_by("-count", "lat", "lon")[:MAX_CELLS]
    )


def point_plot(cells: list[dict[str, Any]]) -> list[Point]:
    """Cells placed in a WIDTH × HEIGHT box (equirectangular, north up, aspect kept), with a
    radius growing with the square root of the count."""
    if not cells:
        return []
    lats = [float(c["lat"]) for c in cells]
    lons = [float(c["lon"]) for c in cells]
    mid = math.cos(math.radians((max(lats) + min(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * mid, 0.01)
    span_y = max(max(lats) - min(lats), 0.01)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    biggest = max(c["count"] for c in cells)
    return [
        Point(
            x=round(MARGIN + (lon - min(lons)) * mid * scale, 1),
            y=round(HEIGHT - MARGIN - (lat - min(lats)) * scale, 1),
            r=round(3 + 9 * math.sqrt(c["count"] / biggest), 1),
            count=c["count"],
            latitude=lat,
            longitude=lon,
        )
        for c, lat, lon in zip(cells, lats, lons, strict=True)
    ]


BAR_HEIGHT = 22
LABEL_WIDTH = 150
BAR_SPACE = WIDTH - LABEL_WIDTH - 60


def kecamatan_bars(rows: list[dict[str, Any]], unknown_label: str) -> list[Bar]:
    """One horizontal bar per kecamatan row of ``kecamatan_counts``."""
    biggest = max((row["total"] for row in rows), default=0) or 1
    return [
        Bar(
            label=row["kecamatan"].name if row["kecamatan"] else unknown_label,
            total=row["total"],
            y=index * BAR_HEIGHT,
            width=round(BAR_SPACE * row["total"] / biggest, 1),
        )
        for index, row in enumerate(rows)
    ]
