from django.db import models
from django.utils.translation import pgettext_lazy


class HoldStatus(models.TextChoices):
    HELD = "held", pgettext_lazy("hold", "held")
    CONFIRMED = "confirmed", pgettext_lazy("hold", "confirmed")
    RELEASED = "released", pgettext_lazy("hold", "released")
    EXPIRED = "expired", pgettext_lazy("hold", "expired")
