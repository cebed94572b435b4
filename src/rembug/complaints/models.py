"""Complaints and aspirations (*pengaduan, aspirasi, permintaan informasi*) as LAPOR! knows them.

A :class:`Complaint` belongs to one government, is routed to one of its agencies, moves through
the workflow in ``complaints.workflow`` (one transition table) and keeps every step in its
:class:`ComplaintEvent` timeline. The field set covers the LAPOR! export (tracking ID,
classification, category, anonymous/confidential type, source, routed agency, status, archive
reason, kecamatan/kelurahan) so that an import and Open311 can write the same rows.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Agency, Government
from rembug.regions.models import Region

# Crockford-like alphabet without look-alikes (0/O, 1/I/L) and without U: readable aloud and
# by phone. 10 characters give about 49 bits: a code cannot be guessed, only given.
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_LENGTH = 10


def tracking_code_new() -> str:
    """A fresh tracking code like ``K7QX3-M9TRA``."""
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def tracking_code_normalise(value: str) -> str:
    """Accept a code typed loosely: lower case, with spaces, without the dash."""
    cleaned = "".join(ch for ch in value.upper() if ch.isalnum())
    if len(cleaned) != TRACKING_LENGTH:
        return value.strip().upper()
    return f"{cleaned[:5]}-{cleaned[5:]}"


class Classification(models.TextChoices):
    """LAPOR!'s *Klasifikasi Laporan*; pengaduan is split by whether it carries supervision
    content (*berkadar pengawasan*: maladministration, abuse of office), which changes its
    service level."""

    PENGADUAN = "pengaduan", _("Pengaduan (complaint)")
    PENGADUAN_PENGAWASAN = "pengaduan_pengawasan", _("Pengaduan berkadar pengawasan")
    ASPIRASI = "aspirasi", _("Aspirasi (aspiration)")
    PERMINTAAN_INFORMASI = "permintaan_informasi", _("Permintaan informasi (information request)")


# Service levels in working days when a government has not set its own (LAPOR! practice).
DEFAULT_WORKING_DAYS = {
    Classification.PERMINTAAN_INFORMASI: 5,
    Classification.ASPIRASI: 5,
    Classification.PENGADUAN: 14,
    Classification.PENGADUAN_PENGAWASAN: 60,
}
# The call centre's time to act on an emergency, in clock minutes (no office hours apply).
EMERGENCY_DUE_MINUTES = 30
# An answered report closes by itself this many days after the answer unless the reporter objects.
AUTO_CLOSE_DAYS = 10


class Severity(models.TextChoices):
    """Rabeg's grading: light complaints are answered within 1 × 24 hours."""

    LIGHT = "ringan", _("light")
    MEDIUM = "sedang", _("medium")
    HEAVY = "berat", _("heavy")


class Privacy(models.TextChoices):
    """LAPOR!'s *Tipe Laporan*. Anonymous hides the reporter from everyone but the coordinator;
    confidential (*rahasia*) hides the content from the public. LAPOR! allows both at once."""

    PUBLIC = "publik", _("public")
    ANONYMOUS = "anonim", _("anonymous: my name is hidden")
    CONFIDENTIAL = "rahasia", _("confidential: the report is not published")
    ANONYMOUS_CONFIDENTIAL = "anonim_rahasia", _("anonymous and confidential")


class Source(models.TextChoices):
    """The channel a report came through (LAPOR!'s *Sumber Laporan* plus our own)."""

    WEB = "web", _("website")
    ANDROID = "android", _("Android app")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")
    HOTLINE = "hotline", _("hotline service")
    CALL_112 = "112", _("112 call centre")
    INSTAGRAM = "instagram", _("Instagram")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("agency e-mail")
    WALK_IN = "loket", _("service desk (walk-in)")
    LAPOR = "lapor", _("SP4N-LAPOR!")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("submitted, not yet verified")
    VERIFIED = "verified", _("verified")
    DISPATCHED = "dispatched", _("dispatched to an agency")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")
    NEEDS_INFO = "needs_info", _("waiting for more information")
    DUPLICATE = "duplicate", _("duplicate")
    FORWARDED = "forwarded", _("not our authority (forwarded)")
    ARCHIVED = "archived", _("archived")
    REOPENED = "reopened", _("reopened")


# Statuses in which a report is still somebody's work (queues, due and overdue).
OPEN_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.VERIFIED,
        Status.DISPATCHED,
        Status.IN_PROGRESS,
        Status.REOPENED,
    }
)
# Statuses an agency works on.
AGENCY_STATUSES = frozenset({Status.DISPATCHED, Status.IN_PROGRESS, Status.REOPENED})
# The agency officer's queue: those, and the reports waiting for the reporter's information.
AGENCY_QUEUE_STATUSES = AGENCY_STATUSES | {Status.NEEDS_INFO}
# What anyone may see (``ComplaintQuerySet.public``), as the condition of the lists' indexes.
PUBLIC_CONDITION = Q(privacy__in=["publik", "anonim"], verified_at__isnull=False) & ~Q(
    status="archived"
)


class ResolvedBy(models.TextChoices):
    """Who closed or archived a report (LAPOR!: *Ditutup oleh Sistem / Admin / Pelapor*)."""

    SYSTEM = "system", _("the system")
    ADMIN = "admin", _("an administrator")
    REPORTER = "reporter", _("the reporter")


class ArchiveReason(models.TextChoices):
    NO_EVIDENCE = "no_evidence", _("no supporting evidence")
    UNCLEAR = "unclear", _("unclear report")
    NOT_RELEVANT = "not_relevant", _("not relevant")
    NO_RESPONSE = "no_response", _("the reporter gave no further information")
    BLOCKED = "blocked", _("content blocked (abusive or unlawful)")
    WITHDRAWN = "withdrawn", _("withdrawn by the reporter")
    EXPIRED = "expired", _("past the time limit for complaints")
    OTHER = "other", _("other")


class Category(models.Model):
    """A government's complaint category (LAPOR!'s *Kategori*), optionally with the agency that
    usually handles it, so that routing can be suggested."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    default_agency = models.ForeignKey(
        Agency,
        verbose_name=_("usually handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    lapor_id = models.CharField(_("LAPOR! category id"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["government", "name"]
        constraints = [
            models.UniqueConstraint(fields=["government", "slug"], name="category_government_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceLevel(models.Model):
    """How long a government gives itself to answer, by classification and optionally by
    severity: in working days (LAPOR!) or in working hours (Rabeg: 3 × 24 h, light 1 × 24 h).
    Without a row the defaults in ``DEFAULT_WORKING_DAYS`` apply."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    classification = models.CharField(
        _("classification"), max_length=24, choices=Classification.choices
    )
    severity = models.CharField(
        _("severity"),
        max_length=8,
        choices=Severity.choices,
        blank=True,
        help_text=_("Empty: every severity without a row of its own."),
    )
    working_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    hours = models.PositiveSmallIntegerField(_("working hours"), null=True, blank=True)

    class Meta:
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        ordering = ["government", "classification", "severity"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "classification", "severity"],
                name="servicelevel_government_classification_severity",
            ),
            models.CheckConstraint(
                condition=(Q(working_days__isnull=False) & Q(hours__isnull=True))
                | (Q(working_days__isnull=True) & Q(hours__isnull=False)),
                name="servicelevel_days_or_hours",
            ),
        ]

    def __str__(self) -> str:
        amount = f"{self.working_days} hari kerja" if self.working_days else f"{self.hours} jam"
        return f"{self.get_classification_display()} {self.severity}: {amount}"


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def of(self, government: Government) -> ComplaintQuerySet:
        return self.filter(government=government)

    def public(self) -> ComplaintQuerySet:
        """What anyone may see: verified, not confidential, not archived."""
        return self.filter(
            privacy__in=[Privacy.PUBLIC, Privacy.ANONYMOUS], verified_at__isnull=False
        ).exclude(status=Status.ARCHIVED)

    def open(self) -> ComplaintQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now: Any = None) -> ComplaintQuerySet:
        return self.open().filter(due_at__lt=now or timezone.now())


class Complaint(models.Model):
    """One report from a resident: a complaint, an aspiration or a request for information."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    tracking_code = models.CharField(
        _("tracking code"), max_length=16, default=tracking_code_new, editable=False
    )
    lapor_tracking_id = models.CharField(
        _("LAPOR! tracking ID"), max_length=40, blank=True, help_text=_("Set for imported reports.")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("report"))
    classification = models.CharField(
        _("classification"),
        max_length=24,
        choices=Classification.choices,
        default=Classification.PENGADUAN,
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The agency the report is dispatched to (LAPOR!: instansi terdisposisi)."),
    )
    kecamatan = models.ForeignKey(
        Region,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": Region.Level.DISTRICT},
    )
    kelurahan = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": Region.Level.VILLAGE},
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("address or landmark"), max_length=300, blank=True)
    share_location = models.BooleanField(
        _("share the photos' location"),
        default=False,
        help_text=_("Keep the GPS position recorded in the photos."),
    )
    privacy = models.CharField(
        _("privacy"), max_length=16, choices=Privacy.choices, default=Privacy.PUBLIC
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=32, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices, blank=True)
    is_emergency = models.BooleanField(_("emergency"), default=False)
    emergency_kind = models.CharField(_("kind of emergency"), max_length=40, blank=True)
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.WEB
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    forwarded_to = models.CharField(
        _("forwarded to"),
        max_length=200,
        blank=True,
        help_text=_("The government or institution responsible, when it is not ours."),
    )
    archive_reason = models.CharField(
        _("archive reason"), max_length=16, choices=ArchiveReason.choices, blank=True
    )
    resolved_by = models.CharField(
        _("closed or archived by"), max_length=8, choices=ResolvedBy.choices, blank=True
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("dispatched"), null=True, blank=True)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    escalated_at = models.DateTimeField(
        _("escalated"),
        null=True,
        blank=True,
        help_text=_("When the overdue report was escalated to the coordinator."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "tracking_code"], name="complaint_government_tracking_code"
            ),
            models.UniqueConstraint(
                fields=["government", "lapor_tracking_id"],
                condition=~Q(lapor_tracking_id=""),
                name="complaint_government_lapor_id",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="complaint_lat_long_together",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="complaint_lat_long_range",
            ),
        ]
        indexes = [
            models.Index(
                fields=["government", "status", "due_at"], name="complaint_gov_status_due"
            ),
            models.Index(
                fields=["government", "agency", "status", "due_at"], name="complaint_gov_agency"
            ),
            models.Index(
                fields=["government", "-submitted_at", "id"], name="complaint_gov_submitted"
            ),
            models.Index(
                fields=["government", "kecamatan", "status"], name="complaint_gov_kecamatan"
            ),
            models.Index(
                fields=["government", "reporter", "-submitted_at"], name="complaint_gov_reporter"
            ),
            models.Index(
                fields=["government", "is_emergency", "status", "due_at"],
                name="complaint_gov_emergency",
            ),
            # The search index catches up on changed reports by (updated_at, id).
            models.Index(fields=["government", "updated_at", "id"], name="complaint_gov_updated"),
            # The summary's clock-dependent part: reports not answered yet, by due time.
            models.Index(
                fields=["government", "due_at"],
                condition=Q(first_answered_at__isnull=True),
                name="complaint_gov_unanswered_due",
            ),
            # The lists (``complaints.lists``), one index per order and filter so that a page
            # reads about a page of entries at any size, even for a filter few reports match.
            # The public list and the API, newest first, alone or by one filter:
            models.Index(
                fields=["government", "submitted_at", "id"],
                condition=PUBLIC_CONDITION,
                name="complaint_public_new",
            ),
            *(
                models.Index(
                    fields=["government", field, "submitted_at", "id"],
                    condition=PUBLIC_CONDITION,
                    name=f"complaint_public_{short}",
                )
                for field, short in (
                    ("kecamatan", "kec"),
                    ("category", "cat"),
                    ("agency", "agency"),
                    ("status", "status"),
                    ("classification", "class"),
                )
            ),
            # The coordinator's sections of open reports (overdue, new, to dispatch), by due:
            models.Index(
                fields=["government", "due_at", "id"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="complaint_open_due",
            ),
            # ... answered ones, by the answer's time:
            models.Index(
                fields=["government", "answered_at", "id"],
                condition=Q(status=Status.ANSWERED),
                name="complaint_answered_at",
            ),
            # The agency officer's queue: emergencies first, then by due time.
            models.Index(
                fields=["government", "agency", "-is_emergency", "due_at", "id"],
                condition=Q(status__in=sorted(AGENCY_QUEUE_STATUSES)),
                name="complaint_agency_queue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "complaints:detail", kwargs={"government": self.government.slug, "pk": self.pk}
        )

    @property
    def hides_identity(self) -> bool:
        return self.privacy in {Privacy.ANONYMOUS, Privacy.ANONYMOUS_CONFIDENTIAL}

    @property
    def hides_content(self) -> bool:
        return self.privacy in {Privacy.CONFIDENTIAL, Privacy.ANONYMOUS_CONFIDENTIAL}

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, now: Any = None) -> bool:
        return bool(self.is_open and self.due_at and self.due_at < (now or timezone.now()))

    @property
    def status_badge(self) -> str:
        """The CSS badge class of the status: done, attention, or trouble."""
        if self.status in {Status.ANSWERED, Status.CLOSED}:
            return "badge-ok"
        if self.status in {Status.ARCHIVED, Status.REOPENED} or self.is_overdue():
            return "badge-danger"
        if self.status in {Status.NEEDS_INFO, Status.SUBMITTED}:
            return "badge-warn"
        return ""

    @property
    def reporter_label(self) -> str:
        if self.reporter_id and self.reporter:
            return str(self.reporter)
        return self.contact_name


class ComplaintEvent(models.Model):
    """One line of a report's timeline: a status change, an answer, a reply or a note.
    Internal notes are for staff; the public and the reporter never see them."""

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("status changed")
        ANSWER = "answer", _("answer")
        REPLY = "reply", _("reporter's reply")
        NOTE = "note", _("note")
        ESCALATION = "escalation", _("escalated")

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    complaint = models.ForeignKey(
        Complaint, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_role = models.CharField(
        _("as"), max_length=16, blank=True, help_text=_("reporter, coordinator, agency, system")
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_internal = models.BooleanField(_("internal"), default=False)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["government", "complaint", "at"], name="complaintevent_gov_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.from_status}→{self.to_status}"


def _attachment_path(instance: ComplaintAttachment, filename: str) -> str:
    # Never the uploaded name: it may carry personal data and is not ours to trust.
    suffix = filename.rsplit(".", 1)[-1].lower()
    return f"complaints/{instance.government_id}/{secrets.token_hex(16)}.{suffix}"


class ComplaintAttachment(models.Model):
    """A photo (JPEG/PNG/WebP, re-encoded, metadata stripped) or, for agencies, a PDF document.
    Served through the report's access check, never as a public media file."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    complaint = models.ForeignKey(
        Complaint, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments"
    )
    event = models.ForeignKey(
        ComplaintEvent,
        verbose_name=_("timeline entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_internal = models.BooleanField(_("internal"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["government", "complaint"], name="complaintattachment_gov"),
        ]

    def __str__(self) -> str:
        return str(self.file.name)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ComplaintAnswer(models.Model):
    """An agency's (or the coordinator's) answer to the reporter. A reopened report may collect
    several; the first one counts for the time to first answer."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    complaint = models.ForeignKey(
        Complaint, verbose_name=_("report"), on_delete=models.CASCADE, related_name="answers"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    event = models.ForeignKey(
        ComplaintEvent,
        verbose_name=_("timeline entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("answer"))
    within_service_level = models.BooleanField(_("within the service level"), default=True)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["government", "complaint"], name="complaintanswer_gov"),
            models.Index(
                fields=["government", "agency", "created_at"], name="complaintanswer_agency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.text[:60]}"


class ComplaintRating(models.Model):
    """The reporter's satisfaction with the answer, 1 (poor) to 5 (very good); one per report."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    complaint = models.ForeignKey(
        Complaint, verbose_name=_("report"), on_delete=models.CASCADE, related_name="ratings"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "complaint"], name="rating_one_per_report"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["government", "agency"], name="complaintrating_agency")]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.score}"


class AnswerTemplate(models.Model):
    """A ready answer an agency officer starts from ("Terima kasih atas laporan Anda…")."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["government", "agency", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "agency", "title"], name="answertemplate_unique_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------- the summary of reports
# Kept by ``complaints.summary`` in the same transaction as every change to a report, rebuilt
# nightly from the report rows. The statistics, the map by kecamatan, the dashboards and the
# live indicators read these rows instead of the reports, so they cost the same at 1,000
# reports as at 1,000,000.


class ComplaintSummary(models.Model):
    """Counts of one government's reports that share a month of submission (in the government's
    time zone), agency, category, kecamatan, status and visibility."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=120, help_text="The dimensions below, joined.")
    month = models.DateField(_("month of submission"))
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kecamatan = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    verified = models.BooleanField(_("verified"))
    public = models.BooleanField(
        _("public"),
        help_text=_(
            "Shown to the public: verified, not confidential, not archived, "
            "not hidden by moderation."
        ),
    )
    received = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)
    with_due = models.IntegerField(default=0)
    answered_with_due = models.IntegerField(default=0)
    answered_in_time = models.IntegerField(default=0)
    rating_sum = models.IntegerField(default=0)
    rating_count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("report summary row")
        verbose_name_plural = _("report summary rows")
        constraints = [
            models.UniqueConstraint(fields=["government", "key"], name="complaintsummary_key"),
        ]
        indexes = [
            models.Index(fields=["government", "month"], name="complaintsummary_gov_month"),
        ]

    def __str__(self) -> str:
        return f"{self.government_id} {self.key}: {self.received}"


class ComplaintAnswerTime(models.Model):
    """How many reports of a month, agency, category and kecamatan were first answered within a
    duration bucket (whole hours up to three days, then coarser; ``summary.BUCKETS``), with the
    sum of their exact durations: the median is read from here to its bucket."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=120)
    month = models.DateField(_("month of submission"))
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kecamatan = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    bucket = models.IntegerField(help_text="The bucket's lower bound in hours.")
    count = models.IntegerField(default=0)
    seconds = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("first-answer time bucket")
        verbose_name_plural = _("first-answer time buckets")
        constraints = [
            models.UniqueConstraint(fields=["government", "key"], name="complaintanswertime_key"),
        ]
        indexes = [
            models.Index(fields=["government", "month"], name="complaintanswertime_gov_month"),
        ]

    def __str__(self) -> str:
        return f"{self.government_id} {self.key}: {self.count}"


class ComplaintSummaryEntry(models.Model):
    """What one report contributes to the summary, as last counted: a change subtracts this
    and adds the new contribution, whatever the change was."""

    complaint_id = models.BigIntegerField(primary_key=True)
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    summary_key = models.CharField(max_length=120)
    time_key = models.CharField(max_length=120, blank=True)
    answered = models.BooleanField(default=False)
    with_due = models.BooleanField(default=False)
    in_time = models.BooleanField(default=False)
    rating = models.PositiveSmallIntegerField(null=True)
    seconds = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["government"], name="complaintsummaryentry_gov")]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.summary_key}"


class ComplaintSummaryState(models.Model):
    """Per government: when the summary was last rebuilt and the drift that rebuild found. Every
    write to the summary holds this row shared; the rebuild holds it alone."""

    government = models.OneToOneField(
        Government, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    drift = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.government_id}: {self.rebuilt_at}"
