"""Kulturkalender models, one module per aggregate."""

from impulsregion.calendar.models.category import Category
from impulsregion.calendar.models.event import Event, Occurrence
from impulsregion.calendar.models.image import EventImage
from impulsregion.calendar.models.moderation import DuplicateProposal, ModerationDecision
from impulsregion.calendar.models.place import Place
from impulsregion.calendar.models.publisher import ApiToken, Publisher
from impulsregion.calendar.models.revision import CalendarRevision
from impulsregion.calendar.models.series import EventSeries, SeriesDate
from impulsregion.calendar.models.source import ImportRun, SourceRecord
from impulsregion.calendar.models.submission import PublicSubmission
from impulsregion.calendar.models.subscription import FeedSubscription
from impulsregion.calendar.models.upload import ImportUpload

__all__ = [
    "ApiToken",
    "CalendarRevision",
    "Category",
    "DuplicateProposal",
    "Event",
    "EventImage",
    "EventSeries",
    "FeedSubscription",
    "ImportRun",
    "ImportUpload",
    "ModerationDecision",
    "Occurrence",
    "Place",
    "PublicSubmission",
    "Publisher",
    "SeriesDate",
    "SourceRecord",
]
