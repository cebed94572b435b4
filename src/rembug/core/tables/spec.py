"""The declaration of a table: header tree, numbered leaf columns, rows with levels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Fmt(StrEnum):
    """How a column's values are shown."""

    TEXT = "text"
    CODE = "code"  # text kept on one line (kode rekening)
    RUPIAH = "rupiah"  # 1.250.000.000
    DECIMAL = "decimal"  # 12,5
    PERCENT = "percent"  # 87,50 (the header says %)
    INTEGER = "integer"  # 12


NUMERIC = frozenset({Fmt.RUPIAH, Fmt.DECIMAL, Fmt.PERCENT, Fmt.INTEGER})


@dataclass(frozen=True)
class Col:
    """A leaf column: ``key`` picks the value out of each row; ``width`` in characters."""

    label: str
    key: str
    fmt: Fmt = Fmt.TEXT
    width: float = 12
    indent: bool = False  # the tree column: indented by the row's level

    @property
    def numeric(self) -> bool:
        return self.fmt in NUMERIC


@dataclass(frozen=True)
class Group:
    """A header cell spanning the columns below it."""

    label: str
    children: tuple[Col | Group, ...]
    one_number: bool = False  # its columns share one number (a K/Rp pair numbered "5")


Header = Col | Group


@dataclass
class Row:
    values: dict[str, Any]
    level: int = 0
    bold: bool = False


@dataclass(frozen=True)
class HeaderCell:
    """One cell of the header grid, 0-based, with its spans."""

    row: int
    col: int
    rowspan: int
    colspan: int
    label: str


def _leaves(header: Header) -> list[Col]:
    if isinstance(header, Col):
        return [header]
    return [leaf for child in header.children for leaf in _leaves(child)]


def _depth(header: Header) -> int:
    if isinstance(header, Col):
        return 1
    return 1 + max(_depth(child) for child in header.children)


@dataclass
class Table:
    """An official table. ``numbered`` adds the row of column numbers (1, 2, … n) under the
    header, as on the printed forms."""

    title: str
    headers: Sequence[Header]
    rows: list[Row]
    subtitles: Sequence[str] = ()
    notes: Sequence[str] = ()
    numbered: bool = True
    code: str = ""  # e.g. "T-C.27": printed above the title
    filename: str = "tabel"
    font_size: float = 6.5  # points, in the PDF: a wide table (E.81, E.80) needs a smaller one
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def columns(self) -> list[Col]:
        return [leaf for header in self.headers for leaf in _leaves(header)]

    @property
    def header_depth(self) -> int:
        return max(_depth(header) for header in self.headers)

    def header_cells(self) -> list[HeaderCell]:
        """The header grid: a group spans its leaves; a leaf above the deepest level spans the
        rows down to the bottom of the header."""
        depth = self.header_depth
        cells: list[HeaderCell] = []

        def place(header: Header, row: int, col: int) -> int:
            if isinstance(header, Col):
                cells.append(HeaderCell(row, col, depth - row, 1, header.label))
                return 1
            width = 0
            for child in header.children:
                width += place(child, row + 1, col + width)
            cells.append(HeaderCell(row, col, 1, width, header.label))
            return width

        col = 0
        for header in self.headers:
            col += place(header, 0, col)
        return sorted(cells, key=lambda c: (c.row, c.col))

    def number_cells(self) -> list[tuple[int, int, int]]:
        """The row of column numbers as (first column, span, number): one number per leaf, or
        one for all the leaves of a ``one_number`` group."""
        cells: list[tuple[int, int, int]] = []
        col = 0

        def walk(header: Header) -> None:
            nonlocal col
            if isinstance(header, Group) and header.one_number:
                span = len(_leaves(header))
                cells.append((col, span, len(cells) + 1))
                col += span
            elif isinstance(header, Group):
                for child in header.children:
                    walk(child)
            else:
                cells.append((col, 1, len(cells) + 1))
                col += 1

        for header in self.headers:
            walk(header)
        return cells
