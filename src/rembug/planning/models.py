"""The plan cascade: RPJPD → RPJMD → Renstra PD → Renja PD.

Design
------
Every plan is one :class:`PlanDocument` (kind, government, agency for Renstra/Renja, period,
declared nomenclature version, lifecycle state, version number and the version it amends) and its
content is one tree of :class:`PlanItem` rows (visi, misi, tujuan, sasaran, strategi, arah
kebijakan, program, kegiatan, sub kegiatan). One tree table instead of a table per level because
the levels share everything that matters — text, code, position, indicators, funding, alignment,
links to public inputs — and because the official tables, the check and the UI all walk the tree
the same way. Which kinds may hang under which is one table per document kind
(:data:`ALLOWED_CHILDREN`), checked in the services.

Links across documents:

- ``PlanDocument.based_on``: the document this one translates (RPJMD → RPJPD, Renstra → RPJMD,
  Renja → Renstra).
- :class:`PlanItemAlignment`: an item serves an item of a higher document (RPJMD misi → RPJPD
  misi, Renstra sasaran → RPJMD sasaran).
- ``PlanItem.source_item``: a Renja item traces to the Renstra item it carries out.
- ``PlanItem.previous_item`` / ``Indicator.previous_indicator``: the row this one was copied from
  (an amendment's previous version, or last year's Renja) — how two versions are compared.

Measures: :class:`Indicator` (with one :class:`IndicatorTarget` per year) on tujuan, sasaran,
program (outcome), kegiatan and sub kegiatan (output); :class:`Funding` (pagu indikatif per year)
on program, kegiatan and sub kegiatan. A Renja's period is its single year ``n``; its targets and
funding may also carry ``n + 1`` (prakiraan maju).

:class:`PlanItemInput` is the link table through which complaints and forums (higher floors)
record which public inputs a plan item answers; they write it through
``planning.services.plan_item_input_link``.

Every table carries ``government`` and its indexes lead with it (tenant sharding).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Agency, Government
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.regions.models import Region


class DocumentKind(models.TextChoices):
    RPJPD = "rpjpd", "RPJPD"
    RPJMD = "rpjmd", "RPJMD"
    RENSTRA = "renstra", "Renstra PD"
    RENJA = "renja", "Renja PD"


class ItemKind(models.TextChoices):
    VISI = "visi", _("visi")
    MISI = "misi", _("misi")
    TUJUAN = "tujuan", _("tujuan")
    SASARAN = "sasaran", _("sasaran")
    STRATEGI = "strategi", _("strategi")
    ARAH_KEBIJAKAN = "arah_kebijakan", _("arah kebijakan")
    PROGRAM = "program", _("program")
    KEGIATAN = "kegiatan", _("kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("sub kegiatan")


K = ItemKind
# Which kinds may stand at the root (key None) or under a kind, per document kind.
ALLOWED_CHILDREN: dict[str, dict[str | None, tuple[str, ...]]] = {
    DocumentKind.RPJPD: {None: (K.VISI,), K.VISI: (K.MISI,)},
    DocumentKind.RPJMD: {
        None: (K.VISI,),
        K.VISI: (K.MISI,),
        K.MISI: (K.TUJUAN,),
        K.TUJUAN: (K.SASARAN,),
        K.SASARAN: (K.STRATEGI, K.PROGRAM),
        K.STRATEGI: (K.ARAH_KEBIJAKAN,),
    },
    DocumentKind.RENSTRA: {
        None: (K.TUJUAN,),
        K.TUJUAN: (K.SASARAN,),
        K.SASARAN: (K.STRATEGI, K.PROGRAM),
        K.STRATEGI: (K.ARAH_KEBIJAKAN,),
        K.PROGRAM: (K.KEGIATAN,),
        K.KEGIATAN: (K.SUB_KEGIATAN,),
    },
    DocumentKind.RENJA: {
        None: (K.PROGRAM,),
        K.PROGRAM: (K.KEGIATAN,),
        K.KEGIATAN: (K.SUB_KEGIATAN,),
    },
}
# Kinds whose code comes from the nomenclature, mapped to the nomenclature level.
NOMENCLATURE_KINDS: dict[str, str] = {
    K.PROGRAM: NomenclatureItem.Level.PROGRAM,
    K.KEGIATAN: NomenclatureItem.Level.KEGIATAN,
    K.SUB_KEGIATAN: NomenclatureItem.Level.SUB_KEGIATAN,
}
INDICATOR_KINDS = frozenset({K.TUJUAN, K.SASARAN, K.PROGRAM, K.KEGIATAN, K.SUB_KEGIATAN})
FUNDED_KINDS = frozenset({K.PROGRAM, K.KEGIATAN, K.SUB_KEGIATAN})


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("working draft")
    RANCANGAN_AWAL = "rancangan_awal", _("rancangan awal")
    RANCANGAN = "rancangan", _("rancangan")
    RANCANGAN_AKHIR = "rancangan_akhir", _("rancangan akhir")
    DITETAPKAN = "ditetapkan", _("ditetapkan (adopted)")
    DIGANTI = "diganti", _("replaced by a perubahan")


S = DocumentState
# The one transition table of the document workflow. A perubahan (amendment) is not a
# transition: it opens a new version (see services.plan_document_amend); adopting that version
# moves the one it amends to DIGANTI.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.RANCANGAN_AWAL}),
    S.RANCANGAN_AWAL: frozenset({S.RANCANGAN, S.DRAFT}),
    S.RANCANGAN: frozenset({S.RANCANGAN_AKHIR, S.RANCANGAN_AWAL}),
    S.RANCANGAN_AKHIR: frozenset({S.DITETAPKAN, S.RANCANGAN}),
    S.DITETAPKAN: frozenset({S.DIGANTI}),
    S.DIGANTI: frozenset(),
}
FROZEN_STATES = frozenset({S.DITETAPKAN, S.DIGANTI})


class PlanDocument(models.Model):
    """One version of one plan document of a government."""

    Kind = DocumentKind
    State = DocumentState

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=DocumentKind.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_documents",
        help_text=_("The Perangkat Daerah of a Renstra or Renja."),
    )
    title = models.CharField(_("title"), max_length=300)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    nomenclature_version = models.ForeignKey(
        NomenclatureVersion,
        verbose_name=_("nomenclature version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derived",
        help_text=_("The higher document this one translates (e.g. the Renstra of a Renja)."),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=DocumentState.choices, default=DocumentState.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
    )
    amendment_reason = models.TextField(_("reason for the perubahan"), blank=True)
    adopted_at = models.DateField(_("adopted on"), null=True, blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=300, blank=True, help_text=_("e.g. Peraturan Wali Kota No. …")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")
        ordering = ["government", "kind", "-period_start", "version"]
        indexes = [
            models.Index(fields=["government", "kind", "period_start"], name="plandoc_gov_kind"),
            models.Index(fields=["government", "agency", "kind"], name="plandoc_gov_agency"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="plandoc_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["rpjpd", "rpjmd"], agency__isnull=True)
                | models.Q(kind__in=["renstra", "renja"], agency__isnull=False),
                name="plandoc_agency_by_kind",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="renja") | models.Q(period_end=models.F("period_start")),
                name="plandoc_renja_one_year",
            ),
        ]

    def __str__(self) -> str:
        version = f" (perubahan {self.version - 1})" if self.version > 1 else ""
        return f"{self.title}{version}"

    def get_absolute_url(self) -> str:
        return reverse(
            "planning:document", kwargs={"government": self.government.slug, "pk": self.pk}
        )

    @property
    def years(self) -> list[int]:
        """The years of the period (a Renja: its one year)."""
        return list(range(self.period_start, self.period_end + 1))

    @property
    def target_years(self) -> list[int]:
        """Years that carry targets and funding: the period, plus n+1 (prakiraan maju) for a
        Renja."""
        extra = [self.period_end + 1] if self.kind == DocumentKind.RENJA else []
        return [*self.years, *extra]

    @property
    def is_frozen(self) -> bool:
        return self.state in FROZEN_STATES

    @property
    def is_public(self) -> bool:
        """Working drafts stay inside the government; from rancangan awal on, a draft is
        discussed with stakeholders (FGD, Forum Renja) and so is public."""
        return self.state != DocumentState.DRAFT

    @property
    def period_label(self) -> str:
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"


class PlanDocumentEvent(models.Model):
    """The timeline of a document: every state transition and perubahan (who, when, from, to)."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_state = models.CharField(
        _("from"), max_length=16, choices=DocumentState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=16, choices=DocumentState.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("document event")
        verbose_name_plural = _("document events")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["government", "document", "at"], name="plandocevent_gov_doc")
        ]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.from_state} → {self.to_state}"


class PlanItem(models.Model):
    """One node of a document's tree."""

    Kind = ItemKind

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(_("level"), max_length=16, choices=ItemKind.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    # For program/kegiatan/sub kegiatan the code and name come from the declared nomenclature
    # version; the code is kept here too so that documents read without the join.
    code = models.CharField(_("code"), max_length=24, blank=True)
    nomenclature_item = models.ForeignKey(
        NomenclatureItem,
        verbose_name=_("nomenclature item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("text"))
    source_item = models.ForeignKey(
        "self",
        verbose_name=_("Renstra item carried out"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renja_items",
    )
    previous_item = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_items"
    )
    funding_source = models.CharField(
        _("sumber dana"), max_length=100, blank=True, help_text=_("e.g. DAU, PAD, DAK")
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["position", "id"]
        indexes = [
            models.Index(
                fields=["government", "document", "parent", "position"], name="planitem_gov_tree"
            ),
            models.Index(fields=["government", "source_item"], name="planitem_gov_source"),
            models.Index(fields=["government", "document", "kind"], name="planitem_gov_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}".strip()

    def get_absolute_url(self) -> str:
        return reverse("planning:item", kwargs={"government": self.government.slug, "pk": self.pk})

    @property
    def label(self) -> str:
        return self.get_kind_display()

    @property
    def takes_indicators(self) -> bool:
        return self.kind in INDICATOR_KINDS

    @property
    def takes_funding(self) -> bool:
        return self.kind in FUNDED_KINDS


class PlanItemAlignment(models.Model):
    """``item`` serves ``target``, an item of a higher document (e.g. a Renstra sasaran serving
    an RPJMD sasaran)."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="alignments")
    target = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="aligned_from")

    class Meta:
        verbose_name = _("alignment")
        verbose_name_plural = _("alignments")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "item", "target"], name="planalign_unique"
            ),
        ]
        indexes = [models.Index(fields=["government", "target"], name="planalign_gov_target")]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.target_id}"


class PlanItemLocation(models.Model):
    """Where a Renja item is carried out: a kecamatan or kelurahan."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="locations")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(fields=["government", "item", "region"], name="planloc_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} @ {self.region_id}"


class Indicator(models.Model):
    """An indikator kinerja: of a tujuan or sasaran (impact/outcome), a program (outcome), a
    kegiatan or sub kegiatan (output)."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")
        EXACT = "exact", _("on target exactly")

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("indicator"), max_length=500)
    unit = models.CharField(_("unit (satuan)"), max_length=100, blank=True)
    definition = models.TextField(_("definition / formula"), blank=True)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline (kondisi awal)"), null=True, blank=True, max_digits=20, decimal_places=4
    )
    end_target = models.DecimalField(
        _("end-of-period target"), null=True, blank=True, max_digits=20, decimal_places=4
    )
    end_target_text = models.CharField(
        _("end-of-period target (qualitative)"), max_length=300, blank=True
    )
    qualitative_justification = models.TextField(
        _("why the target is qualitative"),
        blank=True,
        help_text=_("Required when a target is not a number."),
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    previous_indicator = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["government", "item", "position"], name="indicator_gov_item")
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    """The target of one indicator in one year: a number, or a qualitative statement."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), null=True, blank=True, max_digits=20, decimal_places=4)
    qualitative_text = models.CharField(_("qualitative target"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "indicator", "year"], name="indicatortarget_unique_year"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | ~models.Q(qualitative_text=""),
                name="indicatortarget_value_or_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value if self.value is not None else self.qualitative_text}"


class Funding(models.Model):
    """Pagu indikatif of a program, kegiatan or sub kegiatan in one year, in Rupiah."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("pagu indikatif (Rp)"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "item", "year"], name="funding_unique_year"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funding_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class PlanItemInput(models.Model):
    """A public input this plan item answers: a complaint or a forum proposal (usulan).

    Complaints and forums live on a higher floor; they write here through
    ``services.plan_item_input_link`` and read it back by ``(source_kind, source_id)``.
    """

    class SourceKind(models.TextChoices):
        COMPLAINT = "complaint", _("complaint")
        FORUM_INPUT = "forum_input", _("forum proposal")

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="inputs")
    source_kind = models.CharField(_("source"), max_length=12, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField(_("source id"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public input answered")
        verbose_name_plural = _("public inputs answered")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "item", "source_kind", "source_id"], name="planinput_unique"
            ),
        ]
        indexes = [
            models.Index(
                fields=["government", "source_kind", "source_id"], name="planinput_gov_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} ← {self.source_kind} {self.source_id}"
