"""Horizontal bar charts drawn on the server as SVG (no script, no inline style: colours are
SVG presentation attributes), the same SVG rendered to PNG for download. Every chart on a page
also shows its figures as a table (:class:`Figure`), downloadable as CSV."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW, LABEL, WIDTH, TITLE = 26, 260, 300, 28
COLOURS = {
    "red": "#c0392b",
    "amber": "#b9770e",
    "green": "#1e8449",
    "none": "#8a8a8a",
    "bar": "#2f5597",
}
PNG_SCALE = 2


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
    unit: str = " %"
    label_width: int = LABEL
    bar_x: int = LABEL + 5
    scale: int = WIDTH
    total_width: int = LABEL + WIDTH + 90


def bar_chart(
    title: str,
    rows: list[tuple[str, Decimal | int | None, str]],
    *,
    top: Decimal = Decimal(100),
    unit: str = " %",
) -> Chart:
    """``rows``: (label, value, colour name). Bars are scaled to ``top`` (or the largest value
    when it is higher), so percentages keep a 100 % scale and counts fill the width."""
    values = [Decimal(v) for _l, v, _c in rows if v is not None]
    largest = max([*values, top]) or Decimal(1)
    bars = [
        Bar(
            label=label if len(label) <= 32 else label[:31] + "…",
            value=None if value is None else Decimal(value),
            colour=colour,
            y=TITLE + index * ROW + 4,
            width=int(Decimal(value or 0) / largest * WIDTH),
            text_y=TITLE + index * ROW + 18,
        )
        for index, (label, value, colour) in enumerate(rows)
    ]
    return Chart(title=title, bars=bars, height=TITLE + max(len(rows), 1) * ROW + 8, unit=unit)


def _number(value: Decimal | None, unit: str) -> str:
    """``1234.5`` → ``1.234,5`` (Indonesian separators), with the unit."""
    if value is None:
        return "–"
    whole, _sep, fraction = f"{abs(value).normalize():f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    return f"{sign}{grouped}{',' + fraction if fraction else ''}{unit}"


def svg(chart: Chart, *, chart_id: str) -> SafeString:
    """The chart as an SVG element: titled for screen readers, the figures drawn beside the
    bars. Text is escaped; nothing else comes from the data."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title" viewBox="0 0 {chart.total_width} {chart.height}" '
        f'width="{chart.total_width}" height="{chart.height}" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
        f'<rect width="{chart.total_width}" height="{chart.height}" fill="#ffffff"></rect>',
        f'<text x="4" y="18" font-size="14" font-weight="bold" fill="#222222">'
        f"{escape(chart.title)}</text>",
    ]
    for bar in chart.bars:
        fill = COLOURS.get(bar.colour, COLOURS["bar"])
        parts += [
            f'<text x="{chart.label_width}" y="{bar.text_y}" text-anchor="end" '
            f'fill="#222222">{escape(bar.label)}</text>',
            f'<rect x="{chart.bar_x}" y="{bar.y}" width="{bar.width}" height="18" '
            f'fill="{fill}"></rect>',
            f'<text x="{chart.bar_x + bar.width + 4}" y="{bar.text_y}" fill="#222222">'
            f"{escape(_number(bar.value, chart.unit))}</text>",
        ]
    parts.append(
        f'<line x1="{chart.bar_x}" y1="{TITLE}" x2="{chart.bar_x}" y2="{chart.height}" '
        f'stroke="#444444" stroke-width="1"></line></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every piece of data above is escaped


def png(chart: Chart) -> bytes:
    """The chart's SVG as a PNG, twice its size (sharp on high-density screens and in print)."""
    import cairosvg  # type: ignore[import-untyped]  # only downloads need cairo

    data: bytes = cairosvg.svg2png(
        bytestring=str(svg(chart, chart_id="chart")).encode(), scale=PNG_SCALE
    )
    return data


@dataclass(frozen=True)
class Figure:
    """A chart and the table behind it: ``header`` and ``rows`` (the first cell of a row is
    its label) are what the page's table shows and what the CSV download holds."""

    slug: str
    chart: Chart
    header: list[str]
    rows: list[list[Any]]
    filename: str

    @property
    def svg(self) -> SafeString:
        return svg(self.chart, chart_id=f"chart-{self.slug}")
