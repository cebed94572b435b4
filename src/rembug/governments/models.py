from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rembug.regions.models import Region

URUSAN_CODE = RegexValidator(r"^[1-8]\.\d{2}$", _("An urusan code looks like 2.16."))

# First path segments the site itself uses; a government cannot take them as its slug.
RESERVED_SLUGS = frozenset(
    {
        "akun",
        "admin",
        "api",
        "healthz",
        "i18n",
        "media",
        "open311",
        "static",
        "data",
        "cari",
        "nomenklatur",
    }
)


def validate_government_slug(value: str) -> None:
    from django.core.exceptions import ValidationError

    if value in RESERVED_SLUGS:
        raise ValidationError(_("This address is reserved; choose another."))


class Government(models.Model):
    """A pemda: a province or a kabupaten/kota. The tenant of every other record."""

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", _("province")
        REGENCY = "kabupaten", _("regency (kabupaten)")
        CITY = "kota", _("city (kota)")

    class Zone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    region = models.OneToOneField(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="government"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, validators=[validate_government_slug]
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    timezone = models.CharField(
        _("time zone"), max_length=20, choices=Zone.choices, default=Zone.WIB
    )
    tagline = models.CharField(_("vision"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("government")
        verbose_name_plural = _("governments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:home", kwargs={"government": self.slug})

    @property
    def code(self) -> str:
        """The Kemendagri code, e.g. ``36.73`` (also the Open311 jurisdiction id)."""
        return str(self.region_id)


class Agency(models.Model):
    """A Perangkat Daerah (PD/OPD): a dinas, badan, the secretariat, a kecamatan office."""

    class Kind(models.TextChoices):
        SECRETARIAT = "sekretariat", _("secretariat")
        DINAS = "dinas", _("agency (dinas)")
        BADAN = "badan", _("board (badan)")
        INSPECTORATE = "inspektorat", _("inspectorate")
        SATPOL = "satpol", _("civil service police")
        HOSPITAL = "rsud", _("regional hospital")
        KECAMATAN = "kecamatan", _("district office (kecamatan)")
        OTHER = "lainnya", _("other")

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="agencies"
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40)
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DINAS)
    urusan_codes = models.JSONField(
        _("urusan codes"), default=list, blank=True, help_text=_("Bidang urusan carried, e.g. 2.16")
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The kecamatan a kecamatan office serves."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["government", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "slug"], name="agency_government_slug_unique"
            ),
            models.UniqueConstraint(
                fields=["government", "short_name"], name="agency_government_short_name_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["government", "kind", "name"], name="agency_government_kind")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "governments:agency", kwargs={"government": self.government.slug, "agency": self.slug}
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not isinstance(self.urusan_codes, list):
            raise ValidationError({"urusan_codes": _("Give a list of urusan codes.")})
        for code in self.urusan_codes:
            URUSAN_CODE(str(code))


class Role(models.TextChoices):
    RESIDENT = "resident", _("resident")
    STAKEHOLDER = "stakeholder", _("stakeholder")
    AGENCY_OFFICER = "agency_officer", _("agency officer")
    COORDINATOR = "coordinator", _("coordinator")
    PLANNER = "planner", _("planner")
    LEADERSHIP = "leadership", _("leadership")
    ADMINISTRATOR = "administrator", _("administrator")


class Membership(models.Model):
    """A user's role in one government (and, for agency officers, one agency).

    ``is_head`` marks the agency officer who is the head of the agency (Kepala Perangkat
    Daerah): at most one per agency, and only on an agency officer's membership."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    government = models.ForeignKey(
        Government,
        verbose_name=_("government"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    institution = models.CharField(
        _("institution"),
        max_length=200,
        blank=True,
        help_text=_("For stakeholders: whom they speak for."),
    )
    is_head = models.BooleanField(
        _("head of the agency (Kepala Perangkat Daerah)"),
        default=False,
        help_text=_(
            "The agency officer who heads the agency: approves its quarterly realisation. "
            "At most one per agency."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "user", "role", "agency"],
                name="membership_unique_with_agency",
            ),
            models.UniqueConstraint(
                fields=["government", "user", "role"],
                condition=models.Q(agency__isnull=True),
                name="membership_unique_without_agency",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="agency_officer") | models.Q(agency__isnull=False),
                name="membership_officer_has_agency",
            ),
            models.CheckConstraint(
                condition=models.Q(is_head=False) | models.Q(role="agency_officer"),
                name="membership_head_is_officer",
                violation_error_message=_("Only an agency officer can be the head of an agency."),
            ),
            models.UniqueConstraint(
                fields=["government", "agency"],
                condition=models.Q(is_head=True),
                name="membership_one_head_per_agency",
                violation_error_message=_("This agency already has a head; unset that one first."),
            ),
        ]
        indexes = [models.Index(fields=["government", "role"], name="membership_government_role")]

    def __str__(self) -> str:
        agency = f" ({self.agency})" if self.agency_id else ""
        label = _("head of the agency")
        head = f" — {label}" if self.is_head else ""
        return f"{self.user} — {self.get_role_display()}{agency}{head}"
