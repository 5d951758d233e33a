"""A cost-sharing key as four percentages; used by agreements and by the statute's fee key."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsregion.agreements.domain.allocation import CostKey, KeyComponent, KeyKind
from impulsregion.agreements.domain.messages import RuleError
from impulsregion.agreements.texts import describe_key, error_text

_PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def _percent_field(label: str) -> models.DecimalField:
    return models.DecimalField(
        label, max_digits=5, decimal_places=2, default=Decimal(0), validators=_PERCENT
    )


class CostKeyFields(models.Model):
    key_equal = _percent_field(_("key: per cent in equal shares"))
    key_population = _percent_field(_("key: per cent by population"))
    key_usage = _percent_field(_("key: per cent by usage"))
    key_fixed = _percent_field(_("key: per cent by fixed percentages"))
    usage_unit = models.CharField(
        _("usage unit"), max_length=40, blank=True, help_text=_("e.g. tonnes delivered")
    )

    class Meta:
        abstract = True

    def cost_key(self) -> CostKey:
        """The key as a domain object (components with a zero share are left out)."""
        parts = [
            (KeyKind.EQUAL, self.key_equal),
            (KeyKind.POPULATION, self.key_population),
            (KeyKind.USAGE, self.key_usage),
            (KeyKind.FIXED, self.key_fixed),
        ]
        return CostKey(tuple(KeyComponent(kind, Decimal(p)) for kind, p in parts if p))

    def clean(self) -> None:
        super().clean()
        if not self.cost_key().components and not self.key_required:
            return
        try:
            self.cost_key().validate()
        except RuleError as error:
            raise ValidationError(error_text(error)) from error

    key_required = False
    """Whether the record must have a key (the agreement register allows agreements without costs)."""

    def key_description(self) -> str:
        return describe_key(self.cost_key())
