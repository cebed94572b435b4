"""Rembug's own search index: an inverted index of stemmed terms per public document.

Why an index table of our own rather than PostgreSQL's tsvector and SQLite's FTS5: the stemming
that makes "perbaikan jalan" find "jalan rusak diperbaiki" is PySastrawi's (``rembug.triage.text``),
which neither database has, so the text must be stemmed in Python either way; once it is, one
plain table of (government, term, entry) answers on both databases with the same code, the same
results and a B-tree index that leads with the government (Citus-ready, like every tenant table).
The filters (type, agency, kecamatan, year) are stored as terms too (``@kind:report``,
``@agency:12``, ``@kec:36.73.02``, ``@year:2026``), so a filtered search is one more AND.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Government


class Kind(models.TextChoices):
    PLAN = "plan", _("plan")
    PLAN_ITEM = "plan_item", _("plan item")
    INDICATOR = "indicator", _("indicator")
    INPUT = "input", _("forum input")
    REPORT = "report", _("public report")


class SearchEntry(models.Model):
    """One searchable public document, with what a result shows (title, snippet, link)."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=300)
    snippet = models.CharField(_("snippet"), max_length=320, blank=True)
    url = models.CharField(max_length=300)
    context = models.CharField(
        _("where"), max_length=300, blank=True, help_text=_("The plan, forum or agency it is in.")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    group = models.CharField(
        max_length=40, blank=True, help_text=_("Entries re-indexed together, e.g. plan:12.")
    )
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "kind", "object_id"], name="searchentry_unique_object"
            ),
        ]
        indexes = [models.Index(fields=["government", "group"], name="searchentry_gov_group")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchTerm(models.Model):
    """A posting: ``term`` occurs in ``entry``. The unique index (government, term, entry) is
    the one every search walks."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=40)
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="terms")

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "term", "entry"], name="searchterm_unique_posting"
            ),
        ]
        indexes = [models.Index(fields=["government", "entry"], name="searchterm_gov_entry")]

    def __str__(self) -> str:
        return f"{self.term} → {self.entry_id}"


class SearchState(models.Model):
    """How far the index has read each source, by its ``updated_at`` (incremental refresh)."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=12)
    indexed_until = models.DateTimeField(null=True, blank=True)
    last_id = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["government", "source"], name="searchstate_unique_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.government_id} {self.source} ≤ {self.indexed_until}"
