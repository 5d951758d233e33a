from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PublicStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    PUBLISHED = "published", pgettext_lazy("event", "published")
    REJECTED = "rejected", pgettext_lazy("event", "rejected")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("takes place as planned")
    CANCELLED = "cancelled", pgettext_lazy("event", "cancelled")
    POSTPONED = "postponed", _("postponed")
    RESCHEDULED = "rescheduled", _("rescheduled")


class SourceFormat(models.TextChoices):
    MANUAL = "manual", _("entered by hand")
    ICS = "ics", _("iCalendar")
    THUECAT = "thuecat", _("ThüCAT")
    DESTINATION_ONE = "destination-one", _("destination.one")
    CSV = "csv", _("CSV template")
    API = "api", _("API")


class Decision(models.TextChoices):
    CREATED = "created", pgettext_lazy("decision", "created")
    SUBMITTED = "submitted", pgettext_lazy("decision", "submitted")
    EDIT_SUBMITTED = "edit_submitted", _("edit submitted for review")
    PUBLISHED = "published", pgettext_lazy("decision", "published")
    REJECTED = "rejected", pgettext_lazy("decision", "rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("decision", "withdrawn")
    MERGED = "merged", pgettext_lazy("decision", "merged as duplicate")
    DISMISSED = "dismissed", _("duplicate proposal dismissed")


class DuplicateState(models.TextChoices):
    OPEN = "open", pgettext_lazy("duplicate", "open")
    MERGED = "merged", pgettext_lazy("duplicate", "merged")
    DISMISSED = "dismissed", pgettext_lazy("duplicate", "not a duplicate")


class SeriesKind(models.TextChoices):
    WEEKLY = "weekly", _("weekly")
    MONTHLY_WEEKDAY = "monthly_weekday", _("monthly on a weekday (e.g. every 4th Sunday)")
    MONTHLY_DAY = "monthly_day", _("monthly on a day of the month (e.g. every 15th)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, pgettext_lazy("week of the month", "first")
    SECOND = 2, pgettext_lazy("week of the month", "second")
    THIRD = 3, pgettext_lazy("week of the month", "third")
    FOURTH = 4, pgettext_lazy("week of the month", "fourth")
    FIFTH = 5, pgettext_lazy("week of the month", "fifth")
    LAST = -1, pgettext_lazy("week of the month", "last")
