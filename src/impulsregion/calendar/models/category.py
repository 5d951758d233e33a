from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """One term of the calendar's controlled vocabulary (see domain/categories.py)."""

    slug = models.SlugField(_("key"), unique=True, max_length=40)
    name_de = models.CharField(_("name (German)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name_de


auditlog.register(Category)
