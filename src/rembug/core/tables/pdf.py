"""A table as a landscape A4 PDF, laid out and drawn here rather than by an HTML engine.

An official table of a Renstra runs to 15,000 rows × 20 columns; a general layout engine spends
a millisecond or two on every cell (a minute and 700 MB for 1,500 rows). A table needs much less:
the column widths come from the spec, text is wrapped with the font's own advance widths, a row
is as tall as its tallest cell, and a page ends when the next row does not fit. So this writer

- scales the spec's column widths to the page and wraps text word by word (a word wider than
  its cell, such as a long code, is broken between characters);
- draws the title block on the first page and the header band (merged cells, the row of column
  numbers) at the top of every page;
- right-aligns numbers in Indonesian format (:func:`format_value`) and never wraps them;
- numbers every page "n / N" with the table's code at the bottom left, in a small content
  stream added to each page once the page count is known;
- compresses each page's drawing as soon as the page is full, so memory holds compressed pages
  rather than laid-out boxes;
- embeds DejaVu Sans Condensed (regular and bold), subset to the characters used.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from io import BytesIO

import pydyf  # type: ignore[import-untyped]

from rembug.core.tables import fonts
from rembug.core.tables.numbers import format_value
from rembug.core.tables.spec import Col, Table

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 297 * MM, 210 * MM
MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM = 12 * MM, 10 * MM, 14 * MM
PAD_X, PAD_Y = 1.5, 0.6
LEADING = 1.2
INDENT = 4.0  # points per tree level
MAX_INDENT = 6
BORDER = 0.4
SHRINK = 0.8  # the smallest a too-long word is drawn, of the table's size
SHRINK_NUMBER = 0.5  # and a too-long number
HEAD_FILL = "0.851 0.886 0.953 rg"  # #d9e2f3
NUMBER_FILL = "0.929 g"  # #ededed
FOOTER_SIZE = 7.0
TITLE_SIZE, SUBTITLE_SIZE, NOTE_SIZE = 10.0, 8.0, 7.0


def _wrap(font: fonts.Font, text: str, size: float, width: float) -> list[str]:
    """``text`` (cleaned) broken into lines no wider than ``width`` points: at spaces, and
    inside a word only when the word alone is too wide."""
    if not text:
        return []
    lines: list[str] = []
    measure = font.measure
    space = font.width[" "] * size
    for paragraph in text.split("\n"):
        if measure(paragraph, size) <= width:
            lines.append(paragraph)
            continue
        line, line_width = "", 0.0
        for word in paragraph.split(" "):
            word_width = measure(word, size)
            if line and line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append(line)
            if word_width <= width:
                line, line_width = word, word_width
                continue
            # A word wider than the cell (a long code): break it, after a dot if it can.
            line = ""
            for char in word:
                if line and measure(line + char, size) > width:
                    cut = line.rfind(".") + 1
                    if 0 < cut < len(line):
                        lines.append(line[:cut])
                        line = line[cut:]
                    else:
                        lines.append(line)
                        line = ""
                line += char
            line_width = measure(line, size)
        lines.append(line)
    return lines


def _fit(font: fonts.Font, text: str, size: float, width: float) -> tuple[float, list[str]]:
    """The size and lines of ``text`` in a cell ``width`` wide: a word a little wider than the
    cell makes the text smaller (down to ``SHRINK`` of ``size``); a longer one is broken."""
    if font.measure(text, size) <= width:
        return size, text.split("\n") if "\n" in text else [text]
    longest = max(font.measure(word, size) for word in text.split())
    if width < longest <= width / SHRINK:
        size = size * width / longest
    return size, _wrap(font, text, size, max(width, size))


@dataclass
class _Page:
    """The drawing operators of the page being filled: fills, text and strokes apart, so that
    text is drawn in one text object and borders over the fills."""

    fills: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    strokes: list[str] = field(default_factory=list)
    font: str = ""

    def show(self, font: fonts.Font, size: float, x: float, baseline: float, line: str) -> None:
        key = f"/{font.pdf_name} {size:g} Tf"
        if key != self.font:
            self.text.append(key)
            self.font = key
        self.text.append(f"1 0 0 1 {x:.2f} {PAGE_HEIGHT - baseline:.2f} Tm {font.encode(line)} Tj")

    def box(self, x: float, top: float, width: float, height: float) -> str:
        return f"{x:.2f} {PAGE_HEIGHT - top - height:.2f} {width:.2f} {height:.2f} re"

    def content(self) -> bytes:
        parts = [*self.fills, "0 g", f"{BORDER} w"]
        if self.text:
            parts += ["BT", *self.text, "ET"]
        parts += self.strokes
        return zlib.compress("\n".join(parts).encode("ascii"), 6)


class _Writer:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.size = table.font_size
        self.line = self.size * LEADING
        self.regular = fonts.regular()
        self.bold = fonts.bold()
        self.used: dict[str, set[str]] = {"regular": set(), "bold": set()}
        self.columns: list[Col] = table.columns
        total = sum(col.width for col in self.columns)
        inner = PAGE_WIDTH - 2 * MARGIN_SIDE
        self.widths = [inner * col.width / total for col in self.columns]
        self.lefts = [MARGIN_SIDE + sum(self.widths[:i]) for i in range(len(self.columns))]
        self.right = MARGIN_SIDE + inner
        self.bottom = PAGE_HEIGHT - MARGIN_BOTTOM
        self.pages: list[bytes] = []
        self.page = _Page()
        self.y = MARGIN_TOP
        self.body_top = 0.0
        self.row_lines: list[float] = []
        self._head = self._layout_head()

    # Text ---------------------------------------------------------------------------------

    def _font(self, bold: bool) -> fonts.Font:
        return self.bold if bold else self.regular

    def _use(self, bold: bool, text: str) -> None:
        self.used["bold" if bold else "regular"].update(text)

    def _baseline(
        self, top: float, font: fonts.Font, size: float, line: float | None = None
    ) -> float:
        """The baseline of text of ``size`` centred in a line box ``line`` tall (by default
        ``size × LEADING``) that starts at ``top``."""
        line = size * LEADING if line is None else line
        return top + (line - (font.ascent - font.descent) * size) / 2 + font.ascent * size

    def _lines(
        self, text: str, *, bold: bool, size: float, width: float, wrap: bool = True
    ) -> list[str]:
        font = self._font(bold)
        text = font.clean(text)
        self._use(bold, text)
        if not wrap:
            return [text.replace("\n", " ")] if text else []
        return _wrap(font, text, size, max(width, size))

    def _centred(self, lines: list[str], *, bold: bool, size: float, top: float) -> None:
        font = self._font(bold)
        for n, line in enumerate(lines):
            x = (PAGE_WIDTH - font.measure(line, size)) / 2
            self.page.show(
                font, size, x, self._baseline(top + n * size * LEADING, font, size), line
            )

    # The header band ----------------------------------------------------------------------

    def _layout_head(self) -> list[tuple[float, float, float, float, float, list[str]]]:
        """The header cells as (x, top offset, width, height, font size, lines), a size of 0
        for the row of column numbers; the band's height is ``self.head_height``."""
        table = self.table
        depth = table.header_depth
        cells = table.header_cells()
        minimum = self.line + 2 * PAD_Y
        heights = [minimum] * depth
        wrapped: list[tuple[float, list[str]]] = []
        for cell in cells:
            width = sum(self.widths[cell.col : cell.col + cell.colspan]) - 2 * PAD_X
            label = self.bold.clean(cell.label)
            self._use(True, label)
            cell_size, lines = _fit(self.bold, label, self.size, width)
            wrapped.append((cell_size, lines))
            if cell.rowspan == 1:
                need = len(lines) * self.line + 2 * PAD_Y
                heights[cell.row] = max(heights[cell.row], need)
        for cell, (_size, lines) in zip(cells, wrapped, strict=True):
            if cell.rowspan > 1:
                need = len(lines) * self.line + 2 * PAD_Y
                spanned = sum(heights[cell.row : cell.row + cell.rowspan])
                if need > spanned:
                    heights[cell.row + cell.rowspan - 1] += need - spanned
        tops = [sum(heights[:r]) for r in range(depth)]
        head = []
        for cell, (cell_size, lines) in zip(cells, wrapped, strict=True):
            width = sum(self.widths[cell.col : cell.col + cell.colspan])
            height = sum(heights[cell.row : cell.row + cell.rowspan])
            head.append((self.lefts[cell.col], tops[cell.row], width, height, cell_size, lines))
        self.head_height = sum(heights)
        if table.numbered:
            for first, span, number in table.number_cells():
                width = sum(self.widths[first : first + span])
                text = str(number)
                self._use(False, text)
                head.append((self.lefts[first], self.head_height, width, minimum, 0.0, [text]))
            self.head_height += minimum
        return head

    def _draw_head(self) -> None:
        page, top = self.page, self.y
        for x, offset, width, height, cell_size, lines in self._head:
            cell_top = top + offset
            is_number = not cell_size
            size = cell_size or self.size
            fill = NUMBER_FILL if is_number else HEAD_FILL
            page.fills.append(f"{fill} {page.box(x, cell_top, width, height)} f")
            page.strokes.append(f"{page.box(x, cell_top, width, height)} S")
            font = self._font(not is_number)
            text_top = cell_top + (height - len(lines) * self.line) / 2
            for n, line in enumerate(lines):
                left = x + (width - font.measure(line, size)) / 2
                baseline = self._baseline(text_top + n * self.line, font, size, self.line)
                page.show(font, size, left, baseline, line)
        self.y = top + self.head_height
        self.body_top = self.y
        self.row_lines = []

    # Pages --------------------------------------------------------------------------------

    def _close_body(self) -> None:
        """The body's borders on this page: a line under every row, the column rules."""
        if not self.row_lines:
            return
        page = self.page
        left, right, bottom = self.lefts[0], self.right, self.row_lines[-1]
        rules = [
            f"{left:.2f} {PAGE_HEIGHT - y:.2f} m {right:.2f} {PAGE_HEIGHT - y:.2f} l"
            for y in self.row_lines
        ]
        for x in [*self.lefts, right]:
            rules.append(
                f"{x:.2f} {PAGE_HEIGHT - self.body_top:.2f} m {x:.2f} {PAGE_HEIGHT - bottom:.2f} l"
            )
        page.strokes.append("\n".join(rules) + "\nS")
        self.row_lines = []

    def _new_page(self) -> None:
        self._close_body()
        self.pages.append(self.page.content())
        self.page = _Page()
        self.y = MARGIN_TOP
        self._draw_head()

    def _title_block(self) -> None:
        table = self.table
        inner = PAGE_WIDTH - 2 * MARGIN_SIDE
        if table.code:
            font = self.bold
            code = font.clean(table.code)
            self._use(True, code)
            x = self.right - font.measure(code, self.size)
            self.page.show(font, self.size, x, self._baseline(self.y, font, self.size), code)
            self.y += self.line
        lines = self._lines(table.title, bold=True, size=TITLE_SIZE, width=inner)
        self._centred(lines, bold=True, size=TITLE_SIZE, top=self.y)
        self.y += len(lines) * TITLE_SIZE * LEADING + 1 * MM
        for subtitle in table.subtitles:
            lines = self._lines(subtitle, bold=False, size=SUBTITLE_SIZE, width=inner)
            self._centred(lines, bold=False, size=SUBTITLE_SIZE, top=self.y)
            self.y += len(lines) * SUBTITLE_SIZE * LEADING
        self.y += 3 * MM

    # The body -----------------------------------------------------------------------------

    def _rows(self) -> None:
        columns, widths, lefts = self.columns, self.widths, self.lefts
        size, line_height = self.size, self.line
        regular, bold = self.regular, self.bold
        for row in self.table.rows:
            font = bold if row.bold else regular
            used = self.used["bold" if row.bold else "regular"]
            level = min(row.level, MAX_INDENT)
            cells: list[tuple[int, list[str], float, float]] = []
            tallest = 1
            for index, col in enumerate(columns):
                value = row.values.get(col.key)
                if value is None or value == "":
                    continue
                text = font.clean(format_value(value, col.fmt))
                used.update(text)
                indent = INDENT * level if col.indent else 0.0
                room = widths[index] - 2 * PAD_X - indent
                if col.numeric:  # never broken: made smaller when it is too wide
                    text_width = font.measure(text, size)
                    cell_size = size if text_width <= room else size * room / text_width
                    cells.append((index, [text], indent, max(cell_size, size * SHRINK_NUMBER)))
                    continue
                cell_size, lines = _fit(font, text, size, room)
                cells.append((index, lines, indent, cell_size))
                tallest = max(tallest, len(lines))
            height = tallest * line_height + 2 * PAD_Y
            room = self.bottom - self.body_top
            if height > room:  # a cell longer than a page: keep what fits
                keep = max(1, int((room - 2 * PAD_Y) // line_height))
                cells = [(i, lines[:keep], indent, s) for i, lines, indent, s in cells]
                height = keep * line_height + 2 * PAD_Y
            if self.y + height > self.bottom and self.row_lines:
                self._new_page()
            top = self.y + PAD_Y
            show = self.page.show
            for index, lines, indent, cell_size in cells:
                numeric = columns[index].numeric
                for n, text in enumerate(lines):
                    baseline = self._baseline(top + n * line_height, font, cell_size, line_height)
                    if numeric:
                        x = lefts[index] + widths[index] - PAD_X - font.measure(text, cell_size)
                    else:
                        x = lefts[index] + PAD_X + indent
                    show(font, cell_size, x, baseline, text)
            self.y += height
            self.row_lines.append(self.y)
        self._close_body()

    def _notes(self) -> None:
        inner = PAGE_WIDTH - 2 * MARGIN_SIDE
        self.y += 1 * MM
        for note in self.table.notes:
            lines = self._lines(note, bold=False, size=NOTE_SIZE, width=inner)
            for text in lines:
                if self.y + NOTE_SIZE * LEADING > self.bottom:
                    self.pages.append(self.page.content())
                    self.page = _Page()
                    self.y = MARGIN_TOP
                baseline = self._baseline(self.y, self.regular, NOTE_SIZE)
                self.page.show(self.regular, NOTE_SIZE, MARGIN_SIDE, baseline, text)
                self.y += NOTE_SIZE * LEADING

    # The document -------------------------------------------------------------------------

    def _footer(self, number: int, count: int) -> bytes:
        page = _Page()
        baseline = PAGE_HEIGHT - 7 * MM
        font = self.regular
        if self.table.code:
            code = font.clean(self.table.code)
            page.text.append("0.267 g")  # #444
            page.show(font, FOOTER_SIZE, MARGIN_SIDE, baseline, code)
            page.text.append("0 g")
        text = f"{number} / {count}"
        page.show(font, FOOTER_SIZE, self.right - font.measure(text, FOOTER_SIZE), baseline, text)
        return page.content()

    def write(self) -> bytes:
        self._title_block()
        self._draw_head()
        self._rows()
        self._notes()
        self.pages.append(self.page.content())
        self.page = _Page()

        self._use(False, "0123456789 /" + self.regular.clean(self.table.code))
        document = pydyf.PDF()
        document.info["Title"] = pydyf.String(f"{self.table.code} {self.table.title}".strip())
        document.info["Producer"] = pydyf.String("Rembug")
        resources = pydyf.Dictionary(
            {
                "Font": pydyf.Dictionary(
                    {
                        self.regular.pdf_name: self.regular.embed(
                            document, self.used["regular"]
                        ).reference,
                        self.bold.pdf_name: self.bold.embed(document, self.used["bold"]).reference,
                    }
                )
            }
        )
        document.add_object(resources)
        count = len(self.pages)
        for number, body in enumerate(self.pages, start=1):
            streams = []
            for data in (body, self._footer(number, count)):
                stream = pydyf.Stream([data], {"Filter": "/FlateDecode"})
                document.add_object(stream)
                streams.append(stream.reference)
            document.add_page(
                pydyf.Dictionary(
                    {
                        "Type": "/Page",
                        "Parent": document.pages.reference,
                        "MediaBox": pydyf.Array(
                            [0, 0, round(PAGE_WIDTH, 3), round(PAGE_HEIGHT, 3)]
                        ),
                        "Contents": pydyf.Array(streams),
                        "Resources": resources.reference,
                    }
                )
            )
        self.pages = []
        output = BytesIO()
        document.write(output, compress=True)
        return output.getvalue()


def render_pdf(table: Table) -> bytes:
    """``table`` as a landscape A4 PDF: title block, header band repeated on every page,
    numbered pages."""
    return _Writer(table).write()


__all__ = ["render_pdf"]
