from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who changed what, when: one row per create, update, delete or workflow transition.

    An entry is written *pending*: its ``mac`` (an HMAC of its content under the secret key) is
    set, ``seq``, ``prev_hash`` and ``hash`` are empty. The sealer (``core.audit.audit_seal``)
    later links pending entries into a hash chain in ``seq`` order (each hash covers the previous
    one), so a changed, deleted or reordered entry is detected by ``rembug audit verify``.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        TRANSITION = "transition", _("status changed")

    government = models.ForeignKey(
        "governments.Government",
        verbose_name=_("government"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    # Entries never change, not even when their actor's account is deleted (the hash covers the
    # actor's id): no database constraint, and the id stays; ``actor_label`` names them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The chain: position, the previous entry's hash and this one's, given when sealed.
    seq = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # HMAC-SHA256 of the content under SECRET_KEY, from the moment it is written ("" on entries
    # written before pending entries existed: those were chained at once).
    mac = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "id"], name="audit_record"),
            models.Index(fields=["government", "id"], name="audit_government"),
            models.Index(fields=["id"], condition=Q(seq__isnull=True), name="audit_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    @property
    def change_pairs(self) -> list[tuple[str, Any]]:
        """``changes`` as (field, [before, after]) pairs. Templates need this: for a dict with
        an ``items`` key (a Renja made from a Renstra), ``changes.items`` is that key's value."""
        return list(self.changes.items()) if isinstance(self.changes, dict) else []


class AuditHead(models.Model):
    """The chain's tail, kept in one row advanced by each seal: how many entries are sealed, the
    last one's id and hash, and an HMAC of those under the server's secret key. Deleting the last
    entries leaves the head pointing past the end, so ``rembug audit verify`` notices; rewriting
    the head to match needs the secret key, which is not in the database. Only the sealer locks
    this row; writers of entries never touch it."""

    entry_count = models.PositiveBigIntegerField(default=0)
    last_entry_id = models.BigIntegerField(null=True)
    last_hash = models.CharField(max_length=64, blank=True)
    seal = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")

    def __str__(self) -> str:
        return f"{self.entry_count}:{self.last_hash}"


class GovernmentDayOff(models.Model):
    """A day a government's offices are closed beyond weekends and national holidays: its share of
    *cuti bersama* or a local holiday (e.g. the city's anniversary). Read by ``core.calendar``."""

    class Kind(models.TextChoices):
        CUTI_BERSAMA = "cuti_bersama", _("cuti bersama (collective leave)")
        LOCAL_HOLIDAY = "local_holiday", _("local holiday")

    government = models.ForeignKey(
        "governments.Government",
        verbose_name=_("government"),
        on_delete=models.CASCADE,
        related_name="days_off",
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.CUTI_BERSAMA
    )

    class Meta:
        verbose_name = _("day off")
        verbose_name_plural = _("days off")
        ordering = ["government", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "date"], name="dayoff_government_date_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
