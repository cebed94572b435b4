"""Machine access to Rembug: REST API tokens, Open311 client keys and idempotency records.

Secrets are stored only as SHA-256 digests (see ``rembug.api.keys``); the clear value is printed
once when it is issued.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Government


class ApiToken(models.Model):
    """A person's token for the REST API (``Authorization: Bearer …``). It acts as that person,
    with the roles they hold in each government. A platform-wide table: a person may belong to
    several governments."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=20)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class Open311Client(models.Model):
    """A system allowed to post reports through Open311 (its ``api_key``), issued by the
    coordinator of one government."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=20)
    digest = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")
        ordering = ["government", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "digest"], name="open311client_government_digest"
            ),
            models.UniqueConstraint(
                fields=["government", "name"], name="open311client_government_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class IdempotencyRecord(models.Model):
    """The first answer to a write sent with an ``Idempotency-Key`` header. A retry with the same
    key gets this answer again instead of creating a second report. The row is written in the
    same transaction as the report, so a concurrent retry waits on the unique index and then
    reads the committed answer."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("key"), max_length=255)
    scope = models.CharField(_("endpoint"), max_length=40)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(default=0)
    response = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "key"], name="idempotency_government_key"
            ),
        ]
        indexes = [
            models.Index(fields=["government", "created_at"], name="idempotency_government_age"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
