"""The table engine: header grid, Indonesian numbers, XLSX read back with openpyxl, PDF read
back with pdftotext."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest

from rembug.core.tables import Col, Fmt, Group, Row, Table, format_value, render_pdf, render_xlsx


def _table(rows: int = 2) -> Table:
    years = tuple(
        Group(f"Tahun-{n}", (Col("Target", f"t{n}", Fmt.DECIMAL), Col("Rp", f"r{n}", Fmt.RUPIAH)))
        for n in (1, 2)
    )
    body = [
        Row(
            {
                "kode": "2.16.03",
                "nama": "Program Aplikasi Informatika",
                "t1": Decimal("12.5"),
                "r1": Decimal("1250000000"),
                "t2": "Tersedia",
                "r2": 0,
            },
            level=0,
            bold=True,
        ),
    ] + [
        Row(
            {"kode": f"2.16.03.2.{n:02d}", "nama": f"Kegiatan {n}", "t1": n, "r1": 1000 * n},
            level=1,
        )
        for n in range(1, rows)
    ]
    return Table(
        code="T-X.1",
        title="Tabel Uji",
        subtitles=["Dinas Komunikasi dan Informatika", "Periode 2025–2029"],
        headers=[
            Col("Kode", "kode", Fmt.CODE, 12),
            Col("Program dan Kegiatan", "nama", Fmt.TEXT, 30, indent=True),
            Group("Target kinerja dan kerangka pendanaan", years),
        ],
        rows=body,
    )


def test_it_lays_out_the_header_grid():
    cells = {(c.row, c.col): (c.rowspan, c.colspan, c.label) for c in _table().header_cells()}
    assert cells[(0, 0)] == (3, 1, "Kode")
    assert cells[(0, 2)] == (1, 4, "Target kinerja dan kerangka pendanaan")
    assert cells[(1, 4)] == (1, 2, "Tahun-2")
    assert cells[(2, 5)] == (1, 1, "Rp")
    assert len(_table().columns) == 6


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (Decimal("1250000000"), Fmt.RUPIAH, "1.250.000.000"),
        (Decimal("999.6"), Fmt.RUPIAH, "1.000"),
        (Decimal("-1500"), Fmt.RUPIAH, "-1.500"),
        (Decimal("12.5000"), Fmt.DECIMAL, "12,5"),
        (Decimal("1234.25"), Fmt.DECIMAL, "1.234,25"),
        (Decimal("87.5"), Fmt.PERCENT, "87,50"),
        ("Tersedia", Fmt.DECIMAL, "Tersedia"),
        (None, Fmt.RUPIAH, ""),
        ("2.16.03", Fmt.CODE, "2.16.03"),
    ],
)
def test_it_formats_numbers_the_indonesian_way(value, fmt, text):
    assert format_value(value, fmt) == text


def test_it_writes_xlsx_with_merged_numbered_headers_and_formats():
    book = openpyxl.load_workbook(BytesIO(render_xlsx(_table(3))))
    sheet = book.active
    assert sheet["A1"].value == "T-X.1"
    assert sheet["A2"].value == "Tabel Uji"
    assert sheet["A4"].value == "Periode 2025–2029"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:F1", "A2:F2", "A6:A8", "B6:B8", "C6:F6", "C7:D7", "E7:F7"} <= merged
    assert [sheet.cell(9, c).value for c in range(1, 7)] == [1, 2, 3, 4, 5, 6]
    assert sheet["C7"].value == "Tahun-1" and sheet["F8"].value == "Rp"
    assert sheet["B10"].value == "Program Aplikasi Informatika" and sheet["B10"].font.b
    assert sheet["C10"].value == 12.5 and sheet["C10"].number_format == "#,##0.00"
    assert sheet["D10"].value == 1250000000 and sheet["D10"].number_format == "#,##0"
    assert sheet["E10"].value == "Tersedia"
    assert sheet["B11"].alignment.indent == 1
    assert sheet.freeze_panes == "A10"
    assert sheet.print_title_rows == "$6:$9"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.column_dimensions["B"].width == 30


def _pdf_text(pdf: bytes, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", *args, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_it_writes_a_landscape_pdf_with_repeated_headers_and_page_numbers():
    pdf = render_pdf(_table(120))
    text = _pdf_text(pdf)
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert "Target kinerja dan kerangka pendanaan" in page  # the header repeats
        assert f"{n}/{len(pages)}" in page.replace(" ", "")
    assert "1.250.000.000" in pages[0] and "12,5" in pages[0]
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    assert "841.89 x 595.276" in info.stdout.decode()  # A4 landscape


def test_it_keeps_special_characters_and_drops_control_characters_in_xlsx():
    table = Table(
        title="Uji",
        headers=[Col("Nama", "nama"), Col("Rp", "rp", Fmt.RUPIAH)],
        rows=[Row({"nama": 'A & B <C> "D"\x01', "rp": Decimal("1e16")})],
        notes=["Catatan: sumber SIPD & Rembug"],
    )
    sheet = openpyxl.load_workbook(BytesIO(render_xlsx(table))).active
    values = [v for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert 'A & B <C> "D"' in values and 10**16 in values
    assert values[-1] == "Catatan: sumber SIPD & Rembug"


def _pages(pdf: bytes) -> list[str]:
    return _pdf_text(pdf).split("\f")[:-1]


def test_it_lays_a_long_table_out_on_a_sane_number_of_pages_with_every_row_once():
    table = _table(1000)
    pages = _pages(render_pdf(table))
    # About fifty one-line rows fit a landscape A4 page under the title and header band.
    assert 15 <= len(pages) <= 30
    text = "\n".join(pages)
    found = [
        n for n in range(1, 1000) if f"Kegiatan {n} " in text or text.endswith(f"Kegiatan {n}")
    ]
    assert len(found) == 999
    for n, page in enumerate(pages, start=1):
        assert "Program dan Kegiatan" in page and "Tahun-2" in page
        assert f"{n}/{len(pages)}" in page.replace(" ", "")
        assert "T-X.1" in page  # the table's code in the footer
    assert "Tabel Uji" in pages[0] and "Tabel Uji" not in pages[1]  # the title once


def test_it_wraps_text_keeps_numbers_whole_and_replaces_what_the_font_lacks():
    long_text = " ".join(["penyelenggaraan"] * 12)
    table = Table(
        code="T-X.2",
        title="Uji",
        headers=[
            Col("Uraian", "nama", Fmt.TEXT, 10),
            Col("Rp", "rp", Fmt.RUPIAH, 3),
            Col("Keterangan", "lain", Fmt.TEXT, 60),
        ],
        rows=[Row({"nama": f"{long_text} akhir \u4e2d", "rp": Decimal("12500000000000")})],
        notes=["Catatan: sumber SIPD & Rembug"],
    )
    text = _pdf_text(render_pdf(table))
    body = [line for line in text.splitlines() if "penyelenggaraan" in line]
    assert len(body) >= 3  # wrapped, no line loses a word
    assert sum(line.count("penyelenggaraan") for line in body) == 12
    assert "12.500.000.000.000" in text  # too wide for its column: smaller, never broken
    assert "akhir ?" in text
    assert "Catatan: sumber SIPD & Rembug" in text


def test_it_embeds_subsets_of_its_own_font():
    pdf = render_pdf(_table(3))
    fonts_used = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    lines = [line for line in fonts_used.splitlines() if "DejaVuSansCondensed" in line]
    assert len(lines) == 2  # regular and bold
    for line in lines:
        assert line.split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, unicode
    assert len(pdf) < 150_000  # two subsets, not two whole fonts (1.3 MB)


def test_its_memory_does_not_grow_with_the_rows_beyond_the_compressed_pages():
    import tracemalloc

    peaks = []
    for rows in (100, 600):
        table = _table(rows)
        render_pdf(_table(2))  # fonts loaded before measuring
        tracemalloc.start()
        render_pdf(table)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # Six times the rows (about 12 pages more): each page is kept compressed (a few KB), never
    # as laid-out boxes, so the peak grows by far less than a megabyte.
    assert peaks[1] - peaks[0] < 1_000_000, peaks
