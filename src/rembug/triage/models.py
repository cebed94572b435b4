from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Government


class TriageModel(models.Model):
    """One trained routing model of a government: versioned, with its metrics; one is active.

    Rolling back is activating an older version. ``artifact`` holds the pickled router, written
    only by ``triage_model_train``.
    """

    government = models.ForeignKey(
        Government,
        verbose_name=_("government"),
        on_delete=models.CASCADE,
        related_name="triage_models",
    )
    version = models.PositiveIntegerField(_("version"))
    trained_at = models.DateTimeField(_("trained at"), auto_now_add=True)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trained by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    metrics = models.JSONField(_("metrics"), default=dict, blank=True)
    artifact = models.BinaryField(_("artifact"))
    is_active = models.BooleanField(_("active"), default=False)

    class Meta:
        verbose_name = _("triage model")
        verbose_name_plural = _("triage models")
        ordering = ["government", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "version"], name="triage_model_government_version_unique"
            ),
            models.UniqueConstraint(
                fields=["government"],
                condition=models.Q(is_active=True),
                name="triage_model_one_active_per_government",
            ),
        ]
        indexes = [
            models.Index(fields=["government", "is_active"], name="triage_model_government_active")
        ]

    def __str__(self) -> str:
        return f"{self.government} v{self.version}"


class RoutingFeedback(models.Model):
    """What a coordinator did with a routing suggestion: took the top agency, or chose another.

    Written when a report is routed; read to measure the live acceptance of each model version and
    to decide when enough corrections have piled up to retrain. ``subject`` names the routed thing
    (``complaints.complaint``) so triage, a lower floor, needs no link to the app above it.
    """

    government = models.ForeignKey(
        Government,
        verbose_name=_("government"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=60)
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    model_version = models.PositiveIntegerField(
        _("model version"), null=True, blank=True, help_text=_("Empty: the seed corpus.")
    )
    suggested = models.ForeignKey(
        "governments.Agency",
        verbose_name=_("suggested agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    chosen = models.ForeignKey(
        "governments.Agency",
        verbose_name=_("chosen agency"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("routing feedback")
        verbose_name_plural = _("routing feedback")
        indexes = [
            models.Index(fields=["government", "created_at"], name="triage_feedback_gov_created"),
        ]

    def __str__(self) -> str:
        return f"{self.subject}#{self.subject_id} → {self.chosen_id}"
