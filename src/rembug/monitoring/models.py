"""Quarterly realisation of a Renja: what each indicator reached (kinerja, K) and what each
sub kegiatan spent (Rp) in each triwulan, with notes and evidence.

- :class:`ReportingPeriod`: one Renja × one quarter, with its workflow (open → submitted →
  approved; locked after the deadline, reopened by the coordinator) and deadline.
- :class:`IndicatorRealisation`: the value of one Renja indicator in one quarter.
- :class:`ItemRealisation`: Rp spent by one Renja item (sub kegiatan) in one quarter, with the
  obstacles met and the follow-up planned.
- :class:`Evidence`: a file backing an item's realisation.
- :class:`IndicatorSetting`: how an indicator's quarters add up to its year (sum for counts, the
  last value for percentages and indexes), and the live metric it may be bound to.
- :class:`MonitoringSettings`: a government's early-warning thresholds and reporting deadline.
- :class:`ProgramSummary`: per Renja, top-level item (program) and quarter, what the dashboards
  read instead of every realisation row; kept up to date by the realisation services.

Everything carries ``government``; indexes and unique constraints lead with it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Government
from rembug.planning.models import Indicator, PlanDocument, PlanItem


class Quarter(models.IntegerChoices):
    Q1 = 1, "Triwulan I"
    Q2 = 2, "Triwulan II"
    Q3 = 3, "Triwulan III"
    Q4 = 4, "Triwulan IV"


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("open for entry")
    SUBMITTED = "submitted", _("submitted for approval")
    APPROVED = "approved", _("approved")
    LOCKED = "locked", _("locked")


P = PeriodStatus
# The one transition table of the reporting workflow. LOCKED is reached when the deadline
# passes (from any state); only the coordinator reopens it (audited).
TRANSITIONS: dict[str, frozenset[str]] = {
    P.OPEN: frozenset({P.SUBMITTED, P.LOCKED}),
    P.SUBMITTED: frozenset({P.APPROVED, P.OPEN, P.LOCKED}),
    P.APPROVED: frozenset({P.LOCKED, P.OPEN}),
    P.LOCKED: frozenset({P.OPEN}),
}

# Early-warning thresholds by default: cumulative achievement of the year's target (in %)
# below ``red`` is red, below ``amber`` amber, else green — per quarter.
DEFAULT_THRESHOLDS: dict[str, list[int]] = {
    "1": [10, 20],
    "2": [25, 45],
    "3": [50, 70],
    "4": [75, 95],
}


class MonitoringSettings(models.Model):
    government = models.ForeignKey(
        Government, on_delete=models.CASCADE, related_name="monitoring_settings"
    )
    thresholds = models.JSONField(
        _("early-warning thresholds"),
        default=dict,
        blank=True,
        help_text=_('Per quarter, [red below, amber below] in %: {"3": [50, 70]}.'),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("days after the quarter's end until the period locks"), default=15
    )

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")
        constraints = [
            models.UniqueConstraint(fields=["government"], name="monsettings_one_per_government")
        ]

    def __str__(self) -> str:
        return f"{self.government_id}"

    def threshold(self, quarter: int) -> tuple[Decimal, Decimal]:
        red, amber = {**DEFAULT_THRESHOLDS, **(self.thresholds or {})}[str(quarter)]
        return Decimal(red), Decimal(amber)


class ReportingPeriod(models.Model):
    Status = PeriodStatus

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        PlanDocument, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=Quarter.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    deadline = models.DateField(_("deadline"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "document", "quarter"], name="period_unique_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="period_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.get_quarter_display()}"


class PeriodEvent(models.Model):
    """The timeline of a period: every transition (who, when, from, to, note)."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(_("from"), max_length=10, choices=PeriodStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=PeriodStatus.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["government", "period", "at"], name="periodevent_gov")]

    def __str__(self) -> str:
        return f"{self.period_id}: {self.from_status} → {self.to_status}"


class IndicatorRealisation(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(
        _("realisation (K)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(
        _("provenance"), max_length=300, blank=True, help_text=_("Set when a live metric fed it.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["government", "period", "indicator"], name="indreal_unique"
            ),
        ]
        indexes = [models.Index(fields=["government", "indicator"], name="indreal_gov_ind")]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.period_id}: {self.value}"


class ItemRealisation(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="item_values"
    )
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="+")
    amount = models.DecimalField(
        _("realisation (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    obstacles = models.TextField(_("obstacles"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["government", "period", "item"], name="itemreal_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0) | models.Q(amount__isnull=True),
                name="itemreal_amount_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["government", "item"], name="itemreal_gov_item")]

    def __str__(self) -> str:
        return f"{self.item_id}@{self.period_id}: {self.amount}"


class Evidence(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="evidence")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("file"), upload_to="monitoring/evidence/%Y/%m/")
    title = models.CharField(_("title"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["government", "period", "item"], name="evidence_gov")]

    def __str__(self) -> str:
        return self.title


class Aggregation(models.TextChoices):
    SUM = "sum", _("quarters add up (counts)")
    LAST = "last", _("latest quarter's value (percentages, indexes)")


class LiveMetric(models.TextChoices):
    COMPLAINTS_ON_TIME = "complaints_on_time", _("share of complaints answered within the SLA")
    COMPLAINT_FIRST_ANSWER_DAYS = "complaint_first_answer_days", _("median days to first answer")
    FORUM_INPUTS_ACCEPTED = "forum_inputs_accepted", _("forum inputs accepted")
    RENJA_ANSWERING_INPUTS = (
        "renja_answering_inputs",
        _("share of Renja sub kegiatan answering a public input"),
    )


class LiveScope(models.TextChoices):
    AGENCY = "agency", _("the Renja's agency")
    GOVERNMENT = "government", _("the whole government")


class IndicatorSetting(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    aggregation = models.CharField(
        _("how quarters add up"), max_length=4, choices=Aggregation.choices
    )
    # A name in ``rembug.monitoring.live.METRICS`` (not fixed choices: other apps register
    # metrics, e.g. PPID requests answered on time).
    live_metric = models.CharField(_("live metric"), max_length=64, blank=True)
    live_scope = models.CharField(
        _("counted over"), max_length=10, choices=LiveScope.choices, default=LiveScope.AGENCY
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["government", "indicator"], name="indsetting_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.aggregation}"


class ProgramSummary(models.Model):
    """The progress of one program (a top-level item of a Renja) in one quarter, derived from
    the realisation rows: written in the same transaction as every realisation change and
    rebuilt by ``rembug monitoring-refresh``. A government's dashboard reads these tens of rows
    instead of its hundreds of thousands of realisation rows.

    The Renja's achievement in a quarter is ``Σ capaian_sum / Σ capaian_count`` over its
    programs (the mean of every sub kegiatan output's achievement), its absorption
    ``Σ spent up to the quarter / Σ pagu``; ``spent`` adds up the Rp of the sub kegiatan (the
    leaves, where the grid takes Rp), ``amounts`` counts them.
    """

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="+")
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=Quarter.choices)
    capaian_sum = models.DecimalField(max_digits=24, decimal_places=2, default=Decimal(0))
    capaian_count = models.PositiveIntegerField(default=0)
    spent = models.DecimalField(
        _("spent in the quarter (Rp)"), max_digits=20, decimal_places=2, default=Decimal(0)
    )
    amounts = models.PositiveIntegerField(_("Rp values entered in the quarter"), default=0)
    pagu = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    entered = models.PositiveIntegerField(_("values entered in the quarter"), default=0)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["government", "document", "program", "quarter"],
                name="progsummary_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program_id}@{self.quarter}: {self.capaian_sum}/{self.capaian_count}"
