"""Factories and builders for plan documents.

``complete_renstra`` builds a Renstra that passes the check (with the RPJPD and RPJMD it serves),
so a test can break one thing and see exactly that finding.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import factory

from rembug.governments.models import Agency, Government
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.planning.models import (
    DocumentKind,
    Funding,
    Indicator,
    IndicatorTarget,
    PlanDocument,
    PlanItem,
    PlanItemAlignment,
)

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "nomenclature"
    / "data"
    / "nomenklatur_2019_kabkota_2.16.csv"
)
SAMPLE_NAME = "Permendagri 90/2019 (sampel 2.16)"


def sample_nomenclature() -> NomenclatureVersion:
    """The shipped 2.16 sample as a nomenclature version (created once per test database)."""
    version, created = NomenclatureVersion.objects.get_or_create(
        name=SAMPLE_NAME, defaults={"code_format": NomenclatureVersion.CodeFormat.SUB_2_DIGIT}
    )
    if created:
        items: dict[str, NomenclatureItem] = {}
        with SAMPLE.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                code = row["kode"]
                parent_code = (
                    code.rsplit(".", 2)[0] if row["level"] == "kegiatan" else code.rsplit(".", 1)[0]
                )
                items[code] = NomenclatureItem.objects.create(
                    version=version,
                    code=code,
                    level=row["level"],
                    name=row["nama"],
                    parent=items.get(parent_code),
                )
    return version


def nomenclature(code: str) -> NomenclatureItem:
    return NomenclatureItem.objects.get(version=sample_nomenclature(), code=code)


class PlanDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanDocument

    government = factory.SubFactory("rembug.testing.factories.GovernmentFactory")
    kind = DocumentKind.RPJMD
    title = factory.Sequence(lambda n: f"Dokumen Rencana {n}")
    period_start = 2025
    period_end = 2029


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    document = factory.SubFactory(PlanDocumentFactory)
    government = factory.SelfAttribute("document.government")
    kind = PlanItem.Kind.VISI
    text = factory.Sequence(lambda n: f"Butir rencana {n}")
    position = factory.Sequence(lambda n: n)


def item(
    document: PlanDocument,
    kind: str,
    parent: PlanItem | None = None,
    text: str = "",
    code: str = "",
) -> PlanItem:
    nomen = nomenclature(code) if code else None
    return PlanItemFactory(
        document=document,
        kind=kind,
        parent=parent,
        text=text or (nomen.name if nomen else f"{kind} uji"),
        code=code,
        nomenclature_item=nomen,
    )


def indicator(
    node: PlanItem, *, years: list[int], start: str = "10", step: str = "5", **fields: Any
) -> Indicator:
    """An indicator rising by ``step`` a year from a baseline of ``start``."""
    base = Decimal(start)
    values = {year: base + Decimal(step) * (i + 1) for i, year in enumerate(years)}
    made = Indicator.objects.create(
        government=node.government,
        item=node,
        name=fields.pop("name", f"Indikator {node.text}"),
        unit=fields.pop("unit", "persen"),
        baseline_year=years[0] - 1,
        baseline_value=base,
        end_target=values[years[-1]],
        **fields,
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(government=node.government, indicator=made, year=year, value=value)
        for year, value in values.items()
    )
    return made


def fund(node: PlanItem, years: list[int], amount: str) -> None:
    Funding.objects.bulk_create(
        Funding(government=node.government, item=node, year=year, amount=Decimal(amount))
        for year in years
    )


def align(node: PlanItem, target: PlanItem) -> None:
    PlanItemAlignment.objects.create(government=node.government, item=node, target=target)


@dataclass
class Cascade:
    rpjpd: PlanDocument
    rpjpd_misi: PlanItem
    rpjmd: PlanDocument
    rpjmd_sasaran: PlanItem
    renstra: PlanDocument
    sasaran: PlanItem
    program: PlanItem
    kegiatan: PlanItem
    subs: list[PlanItem]


def complete_renstra(government: Government, agency: Agency, *, subs: int = 2) -> Cascade:
    """RPJPD → RPJMD → a Renstra of ``agency`` 2025–2029 that passes the check."""
    version = sample_nomenclature()
    years = list(range(2025, 2030))
    rpjpd = PlanDocumentFactory(
        government=government,
        kind=DocumentKind.RPJPD,
        period_end=2045,
        title="RPJPD 2025–2045",
        state="ditetapkan",
    )
    visi = item(rpjpd, "visi", text="Visi jangka panjang")
    rpjpd_misi = item(rpjpd, "misi", visi, text="Transformasi tata kelola yang adaptif")
    rpjmd = PlanDocumentFactory(
        government=government,
        kind=DocumentKind.RPJMD,
        title="RPJMD 2025–2029",
        based_on=rpjpd,
        state="ditetapkan",
    )
    rpjmd_visi = item(rpjmd, "visi", text="Visi lima tahun")
    rpjmd_misi = item(rpjmd, "misi", rpjmd_visi, text="Tata kelola pemerintahan digital")
    align(rpjmd_misi, rpjpd_misi)
    rpjmd_tujuan = item(rpjmd, "tujuan", rpjmd_misi, text="Meningkatkan kualitas tata kelola")
    indicator(rpjmd_tujuan, years=years)
    rpjmd_sasaran = item(rpjmd, "sasaran", rpjmd_tujuan, text="Meningkatnya penerapan SPBE")
    indicator(rpjmd_sasaran, years=years)
    renstra = PlanDocumentFactory(
        government=government,
        kind=DocumentKind.RENSTRA,
        agency=agency,
        title=f"Renstra {agency.short_name} 2025–2029",
        nomenclature_version=version,
        based_on=rpjmd,
        state="rancangan",
    )
    tujuan = item(renstra, "tujuan", text="Terwujudnya pemerintahan digital")
    indicator(tujuan, years=years, name="Indeks SPBE", unit="indeks", start="2.5", step="0.2")
    sasaran = item(renstra, "sasaran", tujuan, text="Meningkatnya kualitas layanan SPBE")
    indicator(sasaran, years=years)
    align(sasaran, rpjmd_sasaran)
    program = item(renstra, "program", sasaran, code="2.16.03")
    indicator(program, years=years)
    kegiatan = item(renstra, "kegiatan", program, code="2.16.03.2.02")
    indicator(kegiatan, years=years)
    made = []
    for n in range(subs):
        sub = item(renstra, "sub_kegiatan", kegiatan, code=f"2.16.03.2.02.{n + 1:02d}")
        indicator(sub, years=years, unit="aplikasi", start="1", step="1")
        fund(sub, years, "100000000")
        made.append(sub)
    fund(kegiatan, years, str(100000000 * subs))
    fund(program, years, str(100000000 * subs))
    return Cascade(
        rpjpd, rpjpd_misi, rpjmd, rpjmd_sasaran, renstra, sasaran, program, kegiatan, made
    )
