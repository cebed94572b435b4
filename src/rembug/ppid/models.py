"""Requests for public information under UU 14/2008 (Keterbukaan Informasi Publik).

A person asks an agency's PPID (information and documentation officer) for information; the PPID
answers within 10 working days, may extend once by 7 with a written reason, and refuses only on a
legal ground. The requester may object (*keberatan*) to the PPID's superior within 30 working days
of the answer or of its absence; the superior answers within 30 working days. Every step is a row
of the request's timeline (``RequestEvent``) and an audit entry.

The requester's identity (name, ID number, address, phone, e-mail) is personal data: it is shown
to the requester, the agency's PPID and the superior, never in the public register or open data.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Agency, Government

# Working days (UU 14/2008 Pasal 22 ayat 7 and 8; Pasal 36 ayat 1 and 2).
ANSWER_DAYS = 10
EXTENSION_DAYS = 7
OBJECTION_WINDOW_DAYS = 30
OBJECTION_ANSWER_DAYS = 30

# The same readable alphabet as report codes, with a P prefix so a PPID code is told apart.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8

NIK = RegexValidator(r"^\d{16}$", _("A NIK has 16 digits."))


def tracking_code_new() -> str:
    """A fresh code like ``P-K7QX-3M9T`` (about 39 bits: given, not guessed)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"P-{raw[:4]}-{raw[4:]}"


def tracking_code_normalise(value: str) -> str:
    cleaned = "".join(ch for ch in value.upper() if ch.isalnum())
    if cleaned.startswith("P"):
        cleaned = cleaned[1:]
    if len(cleaned) != CODE_LENGTH:
        return value.strip().upper()
    return f"P-{cleaned[:4]}-{cleaned[4:]}"


class IdKind(models.TextChoices):
    NIK = "nik", _("NIK (resident identity number)")
    PASSPORT = "paspor", _("passport")
    ORGANISATION = "badan_hukum", _("legal entity (deed or registration number)")
    OTHER = "lainnya", _("other identity document")


class AccessMode(models.TextChoices):
    """How the requester wants to obtain the information (UU 14/2008 Pasal 4 ayat 2)."""

    SEE = "melihat", _("see or read it")
    LISTEN = "mendengarkan", _("listen to it")
    NOTE = "mencatat", _("take notes")
    SOFT_COPY = "salinan_soft", _("a soft copy (file)")
    HARD_COPY = "salinan_hard", _("a hard copy (paper)")


class Delivery(models.TextChoices):
    """How a copy reaches the requester."""

    IN_PERSON = "langsung", _("collected in person")
    EMAIL = "email", _("by e-mail")
    POST = "pos", _("by post")
    COURIER = "kurir", _("by courier")
    FAX = "faksimili", _("by fax")


class Status(models.TextChoices):
    SUBMITTED = "diterima", _("received, awaiting an answer")
    EXTENDED = "diperpanjang", _("time extended")
    GRANTED = "dipenuhi", _("granted")
    PARTLY_GRANTED = "dipenuhi_sebagian", _("partly granted")
    REFUSED = "ditolak", _("refused")
    OBJECTED = "keberatan", _("objection filed")
    OBJECTION_ANSWERED = "keberatan_dijawab", _("objection answered")


# Statuses in which the PPID still owes an answer.
AWAITING_ANSWER = frozenset({Status.SUBMITTED, Status.EXTENDED})
ANSWERED = frozenset({Status.GRANTED, Status.PARTLY_GRANTED, Status.REFUSED})


class RefusalGround(models.TextChoices):
    """The only lawful grounds to refuse: information exempt under Pasal 17 (letters a–j), or
    information the agency does not hold or has not yet documented (Pasal 22 ayat 7 huruf c)."""

    P17A = "pasal17a", _("Pasal 17a: would obstruct law enforcement")
    P17B = (
        "pasal17b",
        _("Pasal 17b: would harm intellectual property protection or fair business competition"),
    )
    P17C = "pasal17c", _("Pasal 17c: would endanger national defence and security")
    P17D = "pasal17d", _("Pasal 17d: would reveal Indonesia's natural wealth")
    P17E = "pasal17e", _("Pasal 17e: would harm national economic resilience")
    P17F = "pasal17f", _("Pasal 17f: would harm foreign relations")
    P17G = (
        "pasal17g",
        _("Pasal 17g: would reveal the content of a private authentic deed or a person's will"),
    )
    P17H = "pasal17h", _("Pasal 17h: would reveal personal secrets")
    P17I = "pasal17i", _("Pasal 17i: confidential memoranda or letters between or within agencies")
    P17J = "pasal17j", _("Pasal 17j: information that an Act forbids disclosing")
    NOT_CONTROLLED = "tidak_dikuasai", _("the information is not under this agency's control")
    NOT_DOCUMENTED = "belum_didokumentasikan", _("the information has not yet been documented")


class ObjectionReason(models.TextChoices):
    """Reasons for an objection (UU 14/2008 Pasal 35 ayat 1, letters a–g)."""

    REFUSED = "a", _("a. the request was refused on an exemption (Pasal 17)")
    NOT_PUBLISHED = "b", _("b. periodic information (Pasal 9) was not made available")
    NOT_ANSWERED = "c", _("c. the request was not responded to")
    NOT_AS_ASKED = "d", _("d. the response was not what was asked for")
    NOT_FULFILLED = "e", _("e. the request was not fulfilled")
    UNFAIR_FEE = "f", _("f. an unreasonable fee was charged")
    LATE = "g", _("g. the information was provided later than the law allows")


class ObjectionOutcome(models.TextChoices):
    UPHELD = "diterima", _("upheld: the information is to be given")
    DISMISSED = "ditolak", _("dismissed: the PPID's answer stands")


class InformationRequestQuerySet(models.QuerySet["InformationRequest"]):
    def of(self, government: Government) -> InformationRequestQuerySet:
        return self.filter(government=government)

    def overdue(self, now: Any = None) -> InformationRequestQuerySet:
        now = now or timezone.now()
        return self.filter(
            models.Q(status__in=AWAITING_ANSWER, due_at__lt=now)
            | models.Q(status=Status.OBJECTED, objection_due_at__lt=now)
        )


class InformationRequest(models.Model):
    """One request for public information to one agency."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    tracking_code = models.CharField(
        _("tracking code"), max_length=16, default=tracking_code_new, editable=False
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Personal data: never public.
    name = models.CharField(_("name"), max_length=200)
    id_kind = models.CharField(
        _("identity document"), max_length=12, choices=IdKind.choices, default=IdKind.NIK
    )
    id_number = models.CharField(_("identity number"), max_length=40)
    address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The request itself: public in the register.
    information = models.TextField(_("information requested"))
    purpose = models.TextField(_("purpose"))
    access_mode = models.CharField(_("how to obtain it"), max_length=16, choices=AccessMode.choices)
    delivery = models.CharField(
        _("how a copy is delivered"), max_length=12, choices=Delivery.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    due_at = models.DateTimeField(_("answer due"))
    extended_at = models.DateTimeField(_("extended"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=[
            (s.value, s.label) for s in (Status.GRANTED, Status.PARTLY_GRANTED, Status.REFUSED)
        ],
        blank=True,
        help_text=_("The PPID's answer; kept when an objection follows."),
    )
    answer = models.TextField(_("answer"), blank=True)
    refusal_ground = models.CharField(
        _("legal ground for the refusal"), max_length=24, choices=RefusalGround.choices, blank=True
    )
    objected_at = models.DateTimeField(_("objection filed"), null=True, blank=True)
    objection_reason = models.CharField(
        _("reason for the objection"), max_length=2, choices=ObjectionReason.choices, blank=True
    )
    objection_text = models.TextField(_("objection"), blank=True)
    objection_due_at = models.DateTimeField(_("objection answer due"), null=True, blank=True)
    objection_answered_at = models.DateTimeField(_("objection answered"), null=True, blank=True)
    objection_outcome = models.CharField(
        _("outcome of the objection"), max_length=10, choices=ObjectionOutcome.choices, blank=True
    )
    objection_answer = models.TextField(_("answer to the objection"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "tracking_code"], name="ppid_request_tracking_code"
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="ditolak") | ~models.Q(refusal_ground=""),
                name="ppid_refusal_has_ground",
            ),
            models.CheckConstraint(
                condition=models.Q(extended_at__isnull=True) | ~models.Q(extension_reason=""),
                name="ppid_extension_has_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["government", "agency", "status", "due_at"], name="ppid_request_queue"
            ),
            models.Index(fields=["government", "-submitted_at", "id"], name="ppid_request_recent"),
            models.Index(fields=["government", "requester"], name="ppid_request_requester"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.information[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("ppid:detail", kwargs={"government": self.government.slug, "pk": self.pk})

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return self.answered_at <= self.due_at

    def is_overdue(self, now: Any = None) -> bool:
        now = now or timezone.now()
        if self.status in AWAITING_ANSWER:
            return bool(self.due_at < now)
        if self.status == Status.OBJECTED and self.objection_due_at:
            return bool(self.objection_due_at < now)
        return False

    @property
    def status_badge(self) -> str:
        if self.status in {Status.GRANTED, Status.PARTLY_GRANTED, Status.OBJECTION_ANSWERED}:
            return "badge-ok"
        if self.status in {Status.REFUSED, Status.OBJECTED} or self.is_overdue():
            return "badge-danger"
        return "badge-warn"


class RequestEvent(models.Model):
    """One line of a request's timeline: who moved it from which status to which, and why."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("information request"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_role = models.CharField(_("as"), max_length=12)
    at = models.DateTimeField(_("when"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["government", "request", "at"], name="ppid_event_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_status}→{self.to_status}"


class InformationCategory(models.TextChoices):
    """UU 14/2008 Pasal 9, 10 and 11 (public), and Pasal 17 (exempt, after the consequence test
    of Pasal 19)."""

    PERIODIC = "berkala", _("periodic (berkala)")
    IMMEDIATE = "serta_merta", _("immediate (serta merta)")
    ON_REQUEST = "setiap_saat", _("available at any time (setiap saat)")
    EXEMPT = "dikecualikan", _("exempt (dikecualikan)")


# The lawful grounds to exempt information: Pasal 17 letters a–j (the refusal grounds that are
# exemptions; "not held" and "not documented" are not).
EXEMPTION_GROUNDS = [
    (value, label) for value, label in RefusalGround.choices if value.startswith("pasal17")
]


class PublicInformation(models.Model):
    """One entry of an agency's Daftar Informasi Publik (list of public information)."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    responsible = models.CharField(
        _("official responsible"),
        max_length=200,
        help_text=_("The official or unit that holds the information."),
    )
    format = models.CharField(
        _("format"), max_length=100, help_text=_("e.g. PDF document, printed book, dataset")
    )
    retention = models.CharField(
        _("retention period"), max_length=100, help_text=_("e.g. 5 years, permanent")
    )
    category = models.CharField(_("category"), max_length=12, choices=InformationCategory.choices)
    exemption_ground = models.CharField(
        _("legal ground for the exemption"),
        max_length=24,
        choices=EXEMPTION_GROUNDS,
        blank=True,
        help_text=_("For exempt information: the letter of UU 14/2008 Pasal 17 it falls under."),
    )
    exemption_reason = models.TextField(
        _("consequence test"),
        blank=True,
        help_text=_(
            "For exempt information: the harm that opening it would cause (Pasal 19), and for "
            "how long it stays exempt."
        ),
    )
    year = models.PositiveSmallIntegerField(_("year produced"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    retired_reason = models.TextField(_("reason for retiring it"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("public information entry")
        verbose_name_plural = _("Daftar Informasi Publik")
        ordering = ["government", "agency", "category", "title"]
        indexes = [
            models.Index(fields=["government", "agency", "category"], name="ppid_dip_agency"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(category="dikecualikan")
                    & ~models.Q(exemption_ground="")
                    & ~models.Q(exemption_reason="")
                )
                | (~models.Q(category="dikecualikan") & models.Q(exemption_ground="")),
                name="ppid_dip_exemption_has_ground",
            ),
            models.CheckConstraint(
                condition=models.Q(retired_at__isnull=True) | ~models.Q(retired_reason=""),
                name="ppid_dip_retired_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None
