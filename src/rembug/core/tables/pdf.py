"""A table as a landscape A4 PDF through WeasyPrint: the header repeats on every page
(``thead { display: table-header-group }``) and every page is numbered "n / N"."""

from __future__ import annotations

from html import escape
from pathlib import Path

from django.template import Context, Engine
from django.utils.safestring import mark_safe

from rembug.core.tables.numbers import format_value
from rembug.core.tables.spec import Fmt, HeaderCell, Table

HERE = Path(__file__).resolve().parent
_ENGINE = Engine(dirs=[str(HERE / "templates")], autoescape=True)
STYLESHEET = HERE / "table.css"


def _body(table: Table) -> str:
    """The body rows, built directly: a Renstra has tens of thousands of cells."""
    columns = table.columns
    classes = ["n" if col.numeric else ("c" if col.fmt == Fmt.CODE else "") for col in columns]
    parts: list[str] = []
    for row in table.rows:
        level = min(row.level, 6)
        parts.append('<tr class="b">' if row.bold else "<tr>")
        for col, css in zip(columns, classes, strict=True):
            text = escape(format_value(row.values.get(col.key), col.fmt))
            cls = f"{css} l{level}".strip() if col.indent and level else css
            parts.append(f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>")
        parts.append("</tr>")
    return "".join(parts)


def render_html(table: Table) -> str:
    columns = table.columns
    total = sum(col.width for col in columns)
    head: list[list[HeaderCell]] = [[] for _ in range(table.header_depth)]
    for cell in table.header_cells():
        head[cell.row].append(cell)
    return _ENGINE.get_template("table.html").render(
        Context(
            {
                "table": table,
                "widths": [f"{100 * col.width / total:.2f}" for col in columns],
                "head": head,
                "numbers": table.number_cells(),
                "body": mark_safe(_body(table)),  # noqa: S308 - every cell escaped above
            }
        )
    )


def render_pdf(table: Table) -> bytes:
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # imported late: it is heavy and only PDFs need it

    html = HTML(string=render_html(table), base_url=str(HERE))
    pdf: bytes = html.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
    return pdf
