"""T-C.25–T-C.28 of a Renstra and T-C.33 of a Renja, read back from the XLSX and the PDF."""

from __future__ import annotations

import subprocess
from io import BytesIO

import openpyxl
import pytest

from rembug.core.tables import render_pdf, render_xlsx
from rembug.monitoring.tables_plan import build_plan_table

TC27_HEADERS = {
    1: "Tujuan",
    2: "Sasaran",
    3: "Kode",
    4: "Program dan Kegiatan",
    5: "Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)",
    6: "Data Capaian pada Tahun Awal Perencanaan",
    19: "Unit Kerja PD Penanggung Jawab",
    20: "Lokasi",
}


def _sheet(table):
    return openpyxl.load_workbook(BytesIO(render_xlsx(table))).active


def test_it_builds_tc27_with_twenty_numbered_columns(cascade):
    sheet = _sheet(build_plan_table("T-C.27", cascade.renstra))
    assert sheet["A1"].value == "T-C.27"
    assert sheet["A2"].value.startswith("Rencana Program, Kegiatan, dan Pendanaan Perangkat Daerah")
    # code, title, 3 subtitles, blank → header rows 7–9, numbers in row 10
    assert [sheet.cell(10, c).value for c in range(1, 21)] == list(range(1, 21))
    for col, label in TC27_HEADERS.items():
        assert sheet.cell(7, col).value == label
    assert sheet.cell(7, 7).value == "Target Kinerja Program dan Kerangka Pendanaan"
    assert (
        sheet.cell(8, 7).value == "Tahun-1 (2025)" and sheet.cell(8, 15).value == "Tahun-5 (2029)"
    )
    assert [sheet.cell(9, c).value for c in range(7, 17)] == ["Target", "Rp"] * 5
    assert [sheet.cell(8, c).value for c in (17, 18)] == ["Target", "Rp"]
    assert sheet.cell(7, 17).value == "Kondisi Kinerja pada Akhir Periode Renstra PD"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    expected = {"A7:A9", "E7:E9", "G7:P7", "G8:H8", "O8:P8", "Q7:R7", "Q8:Q9", "R8:R9", "T7:T9"}
    assert expected <= merged
    rows = list(sheet.iter_rows(min_row=11, values_only=True))
    tujuan = rows[0]
    assert tujuan[0] == "Terwujudnya pemerintahan digital" and tujuan[4] == "Indeks SPBE (indeks)"
    assert tujuan[5] == 2.5 and tujuan[6] == 2.7 and tujuan[16] == 3.5
    program = next(r for r in rows if r[2] == "2.16.03")
    assert program[7] == 200_000_000 and program[17] == 1_000_000_000  # 5 × 200 juta
    assert program[18] == "Diskominfo"
    sub = next(r for r in rows if r[2] == "2.16.03.2.02.01")
    assert sub[6] == 2 and sub[7] == 100_000_000
    data = next(sheet.iter_rows(min_row=11 + rows.index(program), max_row=11 + rows.index(program)))
    assert data[7].number_format == "#,##0" and data[6].number_format == "#,##0.00"


def test_it_renders_tc27_as_a_landscape_pdf(cascade):
    pdf = render_pdf(build_plan_table("T-C.27", cascade.renstra))
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Rencana Program, Kegiatan, dan Pendanaan" in text
    assert "200.000.000" in text and "1.000.000.000" in text
    assert "Tahun-5 (2029)" in text


@pytest.mark.parametrize(
    ("name", "columns", "header", "text"),
    [
        ("T-C.25", 9, "Indikator Tujuan/Sasaran", "Terwujudnya pemerintahan digital"),
        ("T-C.26", 4, "Arah Kebijakan", "Meningkatnya kualitas layanan SPBE"),
        ("T-C.28", 9, "Kondisi Kinerja pada Awal Periode RPJMD", "Indeks SPBE (indeks)"),
    ],
)
def test_it_builds_the_other_renstra_tables(cascade, name, columns, header, text):
    table = build_plan_table(name, cascade.renstra)
    assert len(table.columns) == columns
    sheet = _sheet(table)
    assert sheet["A1"].value == name
    assert header in [cell.value for row in sheet.iter_rows(max_row=9) for cell in row]
    assert text in [v for r in sheet.iter_rows(values_only=True) for v in r]


def test_it_builds_tc33_from_a_renja(renja):
    sheet = _sheet(build_plan_table("T-C.33", renja))
    assert sheet["A1"].value == "T-C.33"
    assert sheet.cell(7, 4).value == "Rencana Tahun 2025"
    assert sheet.cell(7, 9).value == "Prakiraan Maju Rencana Tahun 2026"
    assert [sheet.cell(9, c).value for c in range(1, 11)] == list(range(1, 11))
    rows = list(sheet.iter_rows(min_row=10, values_only=True))
    program = next(r for r in rows if r[0] == "2.16.03")
    assert program[5] == 200_000_000 and program[9] == 200_000_000


def test_it_refuses_a_table_of_another_kind(renja):
    with pytest.raises(ValueError, match=r"T-C\.27"):
        build_plan_table("T-C.27", renja)
