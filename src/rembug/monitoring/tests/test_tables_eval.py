"""E.81 and E.80 read back from the XLSX: headers, pair numbering, the formulas."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest

from rembug.core.tables import render_pdf, render_xlsx
from rembug.monitoring.services import indicator_realisation_set, item_realisation_set
from rembug.monitoring.tables_eval import e80, e81
from rembug.planning.models import PlanDocument
from rembug.planning.services import renja_create_from_renstra


@pytest.fixture
def reported(periods, renja_items, people):
    """Q1–Q3 of the 2025 Renja reported for the first sub kegiatan."""
    sub = renja_items["subs"][0]
    indicator = sub.indicators.get()  # target 2025: 2 aplikasi, Renstra end target 6
    for period, value, amount in zip(periods[:3], ("0.5", "0.5", "0"), (20, 30, 10), strict=True):
        indicator_realisation_set(
            period=period, indicator=indicator, value=Decimal(value), by=people.officer
        )
        item_realisation_set(
            period=period, item=sub, amount=Decimal(amount * 1_000_000), by=people.officer
        )
    return sub


def _sheet(table):
    return openpyxl.load_workbook(BytesIO(render_xlsx(table))).active


def test_it_builds_e81_with_fifteen_numbered_columns_and_the_formulas(renja, reported):
    sheet = _sheet(e81(renja))
    assert sheet["A1"].value == "E.81"
    # code, title, 2 subtitles, blank → header rows 6–8, numbers row 9
    numbers = [sheet.cell(9, c).value for c in range(1, sheet.max_column + 1)]
    assert [n for n in numbers if n is not None] == list(range(1, 16))
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"E9:F9", "W9:X9"} <= merged  # (5) and (14) are K/Rp pairs
    assert sheet.cell(6, 1).value == "No" and sheet.cell(6, 2).value == "Sasaran"
    assert sheet.cell(6, 11).value == "Realisasi Kinerja pada Triwulan"
    assert [sheet.cell(7, c).value for c in (11, 13, 15, 17)] == ["I", "II", "III", "IV"]
    assert [sheet.cell(8, c).value for c in (11, 12)] == ["K", "Rp"]
    assert sheet.cell(6, 25).value == "Unit PD Penanggung Jawab"
    rows = list(sheet.iter_rows(min_row=10, values_only=True))
    program = rows[0]
    assert program[0] == "1" and program[1] == "Meningkatnya kualitas layanan SPBE"
    assert program[5] == 1_000_000_000  # (5) Rp: the Renstra's 5 × 200 juta
    sub = next(r for r in rows if str(r[2]).startswith(reported.code))
    assert sub[4] == 6  # (5) K: Renstra end target
    assert sub[8] == 2 and sub[9] == 100_000_000  # (7) this year's target and pagu
    assert sub[10:16] == (0.5, 20_000_000, 0.5, 30_000_000, 0, 10_000_000)
    assert sub[18] == 1 and sub[19] == 60_000_000  # (12)
    assert sub[20] == 1 and sub[21] == 60_000_000  # (13) = (6) + (12), nothing before
    assert (
        sub[22] == pytest.approx(16.67) and sub[23] == 12
    )  # (14) = (13)/(5): 1/6, 60 juta/500 juta
    assert sheet.cell(10 + rows.index(sub), 23).number_format == "#,##0.00"


def test_it_adds_last_years_realisation_into_column_13(cascade, renja, reported, people):
    """The 2026 Renja's column (6) is what 2025 realised; (13) = (6) + (12)."""
    PlanDocument.objects.filter(pk=renja.pk).update(state="ditetapkan")
    later = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.planner)
    rows = list(_sheet(e81(later)).iter_rows(min_row=10, values_only=True))
    sub = next(r for r in rows if str(r[2]).startswith(reported.code))
    assert sub[6] == 1 and sub[7] == 60_000_000  # (6)
    assert sub[20] == 1 and sub[21] == 60_000_000  # (13) with nothing reported in 2026


def test_it_renders_e81_as_pdf(renja, reported):
    pdf = render_pdf(e81(renja))
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Evaluasi terhadap Hasil Renja Perangkat Daerah" in text
    assert "60.000.000" in text and "16,67" in text


def test_it_builds_e80_from_the_renstra(cascade, renja, reported):
    table = e80(cascade.renstra)
    assert len(table.columns) == 6 + 3 * 5 * 2 + 1
    sheet = _sheet(table)
    assert sheet["A1"].value == "E.80"
    numbers = [n for n in (sheet.cell(8, c).value for c in range(1, 38)) if n is not None]
    assert numbers == list(range(1, 23))
    rows = list(sheet.iter_rows(min_row=9, values_only=True))
    sub = next(r for r in rows if str(r[2]).startswith(reported.code))
    # Tahun-1 (2025): target K/Rp in G/H, realisation in Q/R, ratio in AA/AB
    assert (sub[6], sub[7]) == (2, 100_000_000)
    assert (sub[16], sub[17]) == (1, 60_000_000)
    assert (sub[26], sub[27]) == (50, 60)
