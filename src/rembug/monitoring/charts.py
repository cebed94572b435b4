"""Horizontal bar charts as plain data for a server-rendered SVG (no script, no inline style);
every chart's template also renders the same data as a table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ROW, LABEL, WIDTH = 26, 260, 300


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    colour: str
    y: int
    width: int
    text_y: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL
    bar_x: int = LABEL + 5
    scale: int = WIDTH
    total_width: int = LABEL + WIDTH + 70


def bar_chart(
    title: str, rows: list[tuple[str, Decimal | None, str]], *, top: Decimal = Decimal(100)
) -> Chart:
    """``rows``: (label, percentage, colour class). Bars are scaled to ``top`` (or the largest
    value when it is higher), clipped at the chart's width."""
    largest = max([v for _l, v, _c in rows if v is not None] + [top])
    bars = [
        Bar(
            label=label if len(label) <= 34 else label[:33] + "…",
            value=value,
            colour=colour,
            y=index * ROW + 4,
            width=int((value or 0) / largest * WIDTH),
            text_y=index * ROW + 18,
        )
        for index, (label, value, colour) in enumerate(rows)
    ]
    return Chart(title=title, bars=bars, height=max(len(rows), 1) * ROW + 8)
