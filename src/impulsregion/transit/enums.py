from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ZoneKindChoice(models.TextChoices):
    CITY = "city", pgettext_lazy("tariff zone kind", "City")
    REGIO = "regio", pgettext_lazy("tariff zone kind", "Regio")


class FamilyChoice(models.TextChoices):
    CITY = "city", pgettext_lazy("tariff family", "City")
    REGIO = "regio", pgettext_lazy("tariff family", "Regio")
    CITYREGIO = "cityregio", pgettext_lazy("tariff family", "CityRegio")


class StopKind(models.TextChoices):
    STATION = "station", _("railway station")
    STOP = "stop", _("bus or tram stop")


class ValidityChoice(models.TextChoices):
    MINUTES = "minutes", _("minutes after the start, by Preisstufe")
    NEXT_DAY = "next_day", _("until a time on the next day")
    DAYS = "days", _("calendar days")
    MONTH = "month", _("one month")
