from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NomenclatureVersion(models.Model):
    """One edition of the national list of urusan, programs, kegiatan and sub kegiatan
    (Permendagri 90/2019 and the Kepmendagri that revised it). Plans declare the version they
    use."""

    class CodeFormat(models.TextChoices):
        SUB_2_DIGIT = "2019", _("2019 (2-digit sub kegiatan)")
        SUB_4_DIGIT = "2021", _("since 050-5889/2021 (4-digit sub kegiatan)")

    name = models.CharField(_("name"), max_length=100, unique=True)
    regulation = models.CharField(_("regulation"), max_length=300, blank=True)
    code_format = models.CharField(_("code format"), max_length=4, choices=CodeFormat.choices)
    note = models.TextField(_("note"), blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("nomenclature version")
        verbose_name_plural = _("nomenclature versions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NomenclatureItem(models.Model):
    class Level(models.TextChoices):
        URUSAN = "urusan", _("urusan")
        BIDANG_URUSAN = "bidang_urusan", _("bidang urusan")
        PROGRAM = "program", _("program")
        KEGIATAN = "kegiatan", _("kegiatan")
        SUB_KEGIATAN = "sub_kegiatan", _("sub kegiatan")

    version = models.ForeignKey(
        NomenclatureVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    code = models.CharField(_("code"), max_length=24)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    name = models.CharField(_("name"), max_length=500)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    # Since 050-5889/2021 each sub kegiatan carries its standard output, indicator and unit.
    performance = models.CharField(_("standard output (kinerja)"), max_length=500, blank=True)
    indicator = models.CharField(_("indicator"), max_length=500, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    # False once a re-import of the version no longer lists the item: kept, because plans may
    # refer to it, but not offered for new plans.
    is_listed = models.BooleanField(_("listed in the latest import"), default=True)

    class Meta:
        verbose_name = _("nomenclature item")
        verbose_name_plural = _("nomenclature items")
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="nomenclature_version_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def urusan_code(self) -> str:
        """The bidang urusan this item belongs to, e.g. ``2.16`` for ``2.16.02.2.01.0003``."""
        return ".".join(self.code.split(".")[:2])
