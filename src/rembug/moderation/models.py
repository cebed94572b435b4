"""Moderation of what residents publish: flags, the state of each flagged item, the decisions
taken on it, one appeal per item, blocked accounts and a per-government block-list.

Content lives in the apps on the floor above (complaints, forums); an item points at it by
content type and id, and ``moderation.registry`` says how to read each kind.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Government

DEFAULT_HIDE_AFTER_FLAGS = 3  # Decidim's default


class Reason(models.TextChoices):
    SARA = "sara", _("SARA (ethnicity, religion, race, inter-group hatred)")
    ABUSE = "abuse", _("abusive or offensive language")
    SPAM = "spam", _("spam or advertising")
    PERSONAL_DATA = "personal_data", _("someone's personal data")
    OFF_TOPIC = "off_topic", _("off-topic")


class State(models.TextChoices):
    VISIBLE = "visible", _("visible")
    HIDDEN = "hidden", _("hidden pending review")
    BLOCKED = "blocked", _("blocked")


class ModerationPolicy(models.Model):
    """A government's moderation settings; without a row the defaults apply."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    hide_after_flags = models.PositiveSmallIntegerField(
        _("hide after this many flags"), default=DEFAULT_HIDE_AFTER_FLAGS
    )

    class Meta:
        verbose_name = _("moderation policy")
        verbose_name_plural = _("moderation policies")
        constraints = [
            models.UniqueConstraint(fields=["government"], name="moderationpolicy_government"),
            models.CheckConstraint(
                condition=Q(hide_after_flags__gte=1), name="moderationpolicy_threshold_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.government_id}: {self.hide_after_flags}"


class ModeratedItem(models.Model):
    """One piece of published content that somebody flagged or a moderator acted on."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=24)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.VISIBLE)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices, blank=True)
    flag_count = models.PositiveIntegerField(_("flags"), default=0)
    appealed = models.BooleanField(_("appealed"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("moderated item")
        verbose_name_plural = _("moderated items")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "content_type", "object_id"],
                name="moderateditem_one_per_content",
            ),
        ]
        indexes = [
            models.Index(
                fields=["government", "state", "-updated_at"], name="moderateditem_gov_state"
            ),
            models.Index(fields=["government", "author"], name="moderateditem_gov_author"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.state}"

    @property
    def withheld(self) -> bool:
        """Hidden or blocked: the public sees a notice instead of the content."""
        return self.state != State.VISIBLE


class Flag(models.Model):
    """One person's flag on an item: signed in (one per account) or anonymous (one per address)."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(
        ModeratedItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("flagged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    address = models.CharField(_("address (hashed)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("flagged"), default=timezone.now)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "item", "flagged_by"],
                condition=Q(flagged_by__isnull=False),
                name="flag_one_per_account",
            ),
            models.UniqueConstraint(
                fields=["government", "item", "address"],
                condition=Q(flagged_by__isnull=True),
                name="flag_one_per_address",
            ),
        ]
        indexes = [models.Index(fields=["government", "item"], name="flag_gov_item")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.reason}"


class Decision(models.Model):
    """One line of an item's history: hidden by flags, hidden, restored, blocked, appealed."""

    class Action(models.TextChoices):
        AUTO_HIDDEN = "auto_hidden", _("hidden after flags")
        HIDDEN = "hidden", _("hidden by a moderator")
        RESTORED = "restored", _("restored")
        BLOCKED = "blocked", _("blocked")
        APPEALED = "appealed", _("appealed by the author")
        APPEAL_REJECTED = "appeal_rejected", _("appeal rejected")
        ACCOUNT_BLOCKED = "account_blocked", _("author's account blocked")

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(
        ModeratedItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="decisions"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=8, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=8, choices=State.choices)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["government", "item", "at"], name="decision_gov_item")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.action}"


class Appeal(models.Model):
    """The author's one appeal against hiding or blocking their content."""

    class Outcome(models.TextChoices):
        PENDING = "", _("waiting for a moderator")
        UPHELD = "upheld", _("upheld: content restored")
        REJECTED = "rejected", _("rejected")

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(
        ModeratedItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="appeals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("why the content should be restored"))
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=Outcome.choices, blank=True, default=""
    )
    created_at = models.DateTimeField(_("appealed"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(fields=["government", "item"], name="appeal_one_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.outcome or 'pending'}"


class AccountBlock(models.Model):
    """An account that may no longer publish in this government (its reading is untouched)."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("blocked"), default=timezone.now)

    class Meta:
        verbose_name = _("blocked account")
        verbose_name_plural = _("blocked accounts")
        constraints = [
            models.UniqueConstraint(fields=["government", "user"], name="accountblock_one"),
        ]

    def __str__(self) -> str:
        return f"{self.government_id}: {self.user_id}"


class BlockedTerm(models.Model):
    """A word or a link (domain) that may not appear in what residents publish."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="+"
    )
    term = models.CharField(_("word or link"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blocked word or link")
        verbose_name_plural = _("blocked words and links")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["government", "term"], name="blockedterm_unique"),
        ]

    def __str__(self) -> str:
        return self.term
