"""Participatory planning forums: FGD on a Renstra draft, Forum Perangkat Daerah (Forum Renja),
Musrenbang and DPRD Pokir intake. Every input (*usulan*) ends in exactly one disposition.

An accepted input points to the Renstra/Renja item that carries it; the link the plan item keeps
to the inputs it answers lives on the planning floor and is written through planning's service.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import URUSAN_CODE, Agency, Government
from rembug.planning.models import PlanDocument, PlanItem
from rembug.regions.models import Region


class Forum(models.Model):
    class Kind(models.TextChoices):
        RENSTRA_CONSULTATION = "konsultasi_renstra", _("FGD / consultation on a Renstra draft")
        FORUM_PD = "forum_pd", _("Forum Perangkat Daerah (Forum Renja)")
        MUSRENBANG_KELURAHAN = "musrenbang_kelurahan", _("Musrenbang kelurahan")
        MUSRENBANG_KECAMATAN = "musrenbang_kecamatan", _("Musrenbang kecamatan")
        MUSRENBANG_KOTA = "musrenbang_kota", _("Musrenbang kabupaten/kota")
        POKIR = "pokir", _("DPRD Pokir intake")

    class Phase(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("announcement")
        INPUT_OPEN = "input_open", _("online input open")
        FORUM_DAY = "forum_day", _("forum day")
        DELIBERATION = "deliberation", _("deliberation and prioritisation")
        DISPOSITION = "disposition", _("disposition")
        PUBLISHED = "published", _("results published")

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="forums"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    organiser = models.ForeignKey(
        Agency, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="forums"
    )
    plan_document = models.ForeignKey(
        PlanDocument,
        verbose_name=_("plan document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The plan document this forum feeds."),
    )
    plan_document_label = models.CharField(_("plan document"), max_length=250, blank=True)
    plan_year = models.PositiveSmallIntegerField(_("plan year"), null=True, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a Musrenbang: the kecamatan or kelurahan it is held for."),
    )
    starts_at = models.DateTimeField(_("date and time"))
    venue = models.CharField(_("venue"), max_length=250)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item per line."))
    opened_by = models.CharField(_("opened by"), max_length=200, blank=True)
    signatories = models.TextField(
        _("signatories of the minutes"), blank=True, help_text=_("One per line: name — position.")
    )
    allow_public_input = models.BooleanField(
        _("residents may take part without an invitation"), default=True
    )
    phase = models.CharField(
        _("phase"), max_length=16, choices=Phase.choices, default=Phase.ANNOUNCEMENT
    )
    phase_changed_at = models.DateTimeField(_("phase changed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["government", "-starts_at"], name="forum_government_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:detail", kwargs={"government": self.government.slug, "pk": self.pk})

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def signatory_lines(self) -> list[tuple[str, str]]:
        """(name, position) pairs from ``signatories``."""
        pairs = []
        for line in self.signatories.splitlines():
            name, _sep, position = line.partition("—")
            if name.strip():
                pairs.append((name.strip(), position.strip()))
        return pairs


class ForumPhaseChange(models.Model):
    """The forum's timeline: who moved it from which phase to which, and why."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("from"), max_length=16, choices=Forum.Phase.choices)
    to_phase = models.CharField(_("to"), max_length=16, choices=Forum.Phase.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("when"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["government", "forum", "at"], name="forum_phase_change_at")]

    def __str__(self) -> str:
        return f"{self.forum_id}: {self.from_phase} → {self.to_phase}"


class InstitutionKind(models.TextChoices):
    AGENCY = "agency", _("agency (perangkat daerah)")
    UNIVERSITY = "university", _("university")
    DPRD = "dprd", _("DPRD commission")
    KECAMATAN = "kecamatan", _("kecamatan")
    KELURAHAN = "kelurahan", _("kelurahan")
    COMMUNITY = "community", _("community organisation")
    PUBLIC = "public", _("resident (online)")


class Participant(models.Model):
    """A person at (or taking part online in) a forum, for an institution."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_participations",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    institution_kind = models.CharField(
        _("institution kind"), max_length=12, choices=InstitutionKind.choices
    )
    is_invited = models.BooleanField(_("invited"), default=False)
    is_speaker = models.BooleanField(_("speaker"), default=False)
    topic = models.CharField(_("topic"), max_length=250, blank=True)
    attendance_code = models.CharField(_("attendance code"), max_length=8)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["institution_kind", "institution", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "forum", "attendance_code"], name="participant_code_unique"
            ),
            models.UniqueConstraint(
                fields=["government", "forum", "user"],
                condition=Q(user__isnull=False),
                name="participant_user_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["government", "forum", "institution_kind"], name="participant_forum_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})" if self.institution else self.name


class ForumInput(models.Model):
    """An usulan: a proposal raised at or before a forum."""

    class Source(models.TextChoices):
        ONLINE = "online", _("submitted online")
        CAPTURED = "captured", _("captured by a facilitator")

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="inputs")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("proposal"))
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposer account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_inputs",
    )
    proposer_name = models.CharField(_("proposer"), max_length=200)
    proposer_email = models.EmailField(_("proposer e-mail"), blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    institution_kind = models.CharField(
        _("institution kind"),
        max_length=12,
        choices=InstitutionKind.choices,
        default=InstitutionKind.PUBLIC,
    )
    urusan_code = models.CharField(_("urusan"), max_length=5, blank=True, validators=[URUSAN_CODE])
    category = models.CharField(_("category"), max_length=100, blank=True)
    target_agency = models.ForeignKey(
        Agency,
        verbose_name=_("target agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_inputs",
    )
    kecamatan = models.ForeignKey(
        Region,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kelurahan = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    volume = models.DecimalField(
        _("volume"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    estimated_cost = models.DecimalField(
        _("estimated cost (Rp)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("input (usulan)")
        verbose_name_plural = _("inputs (usulan)")
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["government", "forum", "-support_count"], name="input_forum_supports"
            ),
            models.Index(fields=["government", "forum", "kecamatan"], name="input_forum_kecamatan"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_cost__isnull=True) | Q(estimated_cost__gte=0),
                name="input_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(volume__isnull=True) | Q(volume__gte=0),
                name="input_volume_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "forums:input",
            kwargs={"government": self.government.slug, "pk": self.forum_id, "input_pk": self.pk},
        )

    @cached_property
    def disposition(self) -> Disposition | None:
        """What became of the input, or None while it awaits an answer (read from
        ``prefetch_related("dispositions")`` when the list was prefetched)."""
        return next(iter(self.dispositions.all()), None)


class ForumInputReport(models.Model):
    """A resident's report an input was raised from: the coordinator promoted a recurring theme
    of reports (same category and kecamatan) to this input, so it reaches the next Renja.

    Complaints writes these rows (``complaints.themes``); the input's page lists its reports and
    each report's page names its input, both reading this one table."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    input = models.ForeignKey(
        ForumInput, verbose_name=_("input"), on_delete=models.CASCADE, related_name="report_links"
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="forum_links",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report behind an input")
        verbose_name_plural = _("reports behind an input")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "input", "complaint"], name="inputreport_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["government", "complaint"], name="inputreport_gov_complaint"),
        ]

    def __str__(self) -> str:
        return f"{self.input_id} ← {self.complaint_id}"


def _attachment_path(instance: ForumInputAttachment, filename: str) -> str:
    return f"forums/{instance.government_id}/{instance.input_id}/{filename}"


class ForumInputAttachment(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    input = models.ForeignKey(ForumInput, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["government", "input"], name="attachment_input")]

    def __str__(self) -> str:
        return self.name


class Support(models.Model):
    """One person's support of one input; the database refuses a second."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    input = models.ForeignKey(ForumInput, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["government", "input", "user"], name="support_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.input_id}"


class ScoringCriterion(models.Model):
    """A criterion the forum ranks inputs by (e.g. urgency, reach, fit with the RPJMD)."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "forum", "name"], name="criterion_unique"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0), name="criterion_weight_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InputScore(models.Model):
    """The score (0–10) the forum gave one input on one criterion."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    input = models.ForeignKey(ForumInput, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["government", "input", "criterion"], name="score_one_per_criterion"
            ),
            models.CheckConstraint(condition=Q(score__lte=10), name="score_at_most_10"),
        ]

    def __str__(self) -> str:
        return f"{self.input_id}/{self.criterion_id}: {self.score}"


class Statement(models.Model):
    """A short statement participants react to (agree / disagree / pass), as in Pol.is."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("statement"), max_length=280)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_moderated_out = models.BooleanField(_("moderated out"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["government", "forum", "id"], name="statement_forum")]

    def __str__(self) -> str:
        return self.text


class Reaction(models.Model):
    class Value(models.IntegerChoices):
        AGREE = 1, _("agree")
        PASS = 0, _("pass")
        DISAGREE = -1, _("disagree")

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="reactions")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="reactions")
    value = models.SmallIntegerField(_("reaction"), choices=Value.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["government", "statement", "participant"],
                name="reaction_one_per_participant",
            ),
            models.CheckConstraint(condition=Q(value__gte=-1, value__lte=1), name="reaction_value"),
        ]
        indexes = [models.Index(fields=["government", "forum"], name="reaction_forum")]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.value:+d} {self.statement_id}"


class Disposition(models.Model):
    """What became of an input. Exactly one per input; each outcome carries what it needs."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("accepted into the plan")
        MERGED = "merged", _("merged into another input")
        DEFERRED = "deferred", _("deferred to a later year")
        FORWARDED = "forwarded", _("forwarded to the agency in charge")
        REJECTED = "rejected", _("rejected")

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    # One per input, by the constraint below (led by the government, so that it holds on a
    # sharded database); ``ForumInput.disposition`` reads it.
    input = models.ForeignKey(
        ForumInput,
        on_delete=models.CASCADE,
        related_name="dispositions",
        related_query_name="disposition",
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    # The label keeps the item's code and name, so an accepted answer still reads if the item
    # is later removed from the plan (the link then becomes empty, never wrong).
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    plan_item_label = models.CharField(_("plan item"), max_length=300, blank=True)
    merged_into = models.ForeignKey(
        ForumInput,
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_inputs",
    )
    deferred_to_year = models.PositiveSmallIntegerField(
        _("deferred to year"), null=True, blank=True
    )
    forwarded_to = models.ForeignKey(
        Agency,
        verbose_name=_("forwarded to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")
        indexes = [models.Index(fields=["government", "outcome"], name="disposition_outcome")]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "input"], name="disposition_one_per_input"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="accepted")
                | Q(plan_item__isnull=False)
                | ~Q(plan_item_label=""),
                name="disposition_accepted_has_plan_item",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="merged") | Q(merged_into__isnull=False),
                name="disposition_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="deferred") | Q(deferred_to_year__isnull=False),
                name="disposition_deferred_has_year",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="forwarded") | Q(forwarded_to__isnull=False),
                name="disposition_forwarded_has_agency",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="rejected") | ~Q(reason=""),
                name="disposition_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.input}: {self.get_outcome_display()}"

    @property
    def tone(self) -> str:
        """How a page colours the outcome: ok, warn or danger."""
        return {"accepted": "ok", "rejected": "danger"}.get(self.outcome, "warn")


class ForumAnalysis(models.Model):
    """The computed opinion map and themes of a forum, refreshed by ``forum_analysis_refresh``
    so that the public page reads one row instead of recomputing 200,000 reactions per view."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="analyses", related_query_name="analysis"
    )
    opinion = models.JSONField(default=dict)
    themes = models.JSONField(default=list)
    reaction_count = models.PositiveIntegerField(default=0)
    input_count = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["government", "forum"], name="forum_analysis_one_per_forum"
            )
        ]

    def __str__(self) -> str:
        return f"{self.forum_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
