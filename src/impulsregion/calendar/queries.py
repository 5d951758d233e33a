"""Reusable read queries of the calendar: public occurrences, filters, full-text search."""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from impulsregion.calendar.domain.periods import day_bounds, named_period
from impulsregion.calendar.domain.region import in_region
from impulsregion.calendar.models import Event, Occurrence
from impulsregion.region.enums import OrganisationKind
from impulsregion.region.models import Organisation


def region_keys() -> list[str]:
    """AGS prefixes of the region: a city's full key, a district's first five digits."""
    keys = []
    for kind, ags in Organisation.objects.exclude(ags="").values_list("kind", "ags"):
        keys.append(ags[:5] if kind == OrganisationKind.LANDKREIS else ags)
    return keys


def municipality_for(ags: str) -> Organisation | None:
    """The member organisation whose municipality or district contains `ags`."""
    if not ags:
        return None
    exact = Organisation.objects.filter(ags=ags).first()
    if exact is not None:
        return exact
    for organisation in Organisation.objects.filter(kind=OrganisationKind.LANDKREIS).exclude(
        ags=""
    ):
        if in_region(ags, [organisation.ags[:5]]):
            return organisation
    return None


@dataclass(frozen=True)
class EventFilter:
    """The filters shared by the public list, the feeds and the API."""

    municipality: str = ""
    category: str = ""
    organisation: str = ""
    start: date | None = None
    end: date | None = None
    period: str = ""
    q: str = ""
    free: bool = False
    accessible: bool = False
    families: bool = False
    parent: int | None = None  # an umbrella event: only its programme


def _words(q: str) -> list[str]:
    return [w for w in re.findall(r"\w+", q) if w][:8]


def has_words(q: str) -> bool:
    """Whether the text `q` has anything to search for (punctuation alone has not)."""
    return bool(_words(q))


def _fts_match(words: list[str]) -> str:
    return " AND ".join('"' + w + '"*' for w in words)


# how the German stemmer spells a word's start in the stored vectors (lower case, no umlauts)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


class _WordQuery(SearchQuery):
    """One search word on PostgreSQL: a word with the same German stem ("Eröffnungen" finds
    "Eröffnung") or one that begins with the word as typed ("Krämer" finds
    "Krämerbrückenfest"); a stop word is left out, as the vectors leave it out. Not the stem
    as a prefix: "Bauer" (stem "bau") would find "Bauhaus", and a name all its neighbours."""

    def __init__(self, word: str) -> None:
        super().__init__(word, config="german", search_type="raw")
        self.word = word

    def as_sql(
        self, compiler: Any, connection: Any, *args: Any, **kwargs: Any
    ) -> tuple[str, list[Any]]:  # type: ignore[override]
        # the database folds the CASE into one constant query; a word that is its own stem
        # needs only the prefix, and one term less to test is faster on every row it scans
        stem = "to_tsquery('german'::regconfig, %s)"
        simple = "to_tsquery('simple'::regconfig, %s)"
        sql = (
            f"(CASE WHEN numnode({stem}) = 0 THEN ''::tsquery "
            f"WHEN {stem} = {simple} THEN {simple} ELSE {stem} || {simple} END)"
        )
        folded = self.word.lower().translate(_FOLD)
        word, prefix = self.word, folded + ":*"
        return sql, [word, word, folded, prefix, word, prefix]


def _ts_query(words: list[str]) -> Any:
    return functools.reduce(operator.and_, [_WordQuery(w) for w in words])


# the events matching an FTS5 query (SQLite)
FTS_ROWIDS = "SELECT rowid AS pk FROM calendar_event_fts WHERE calendar_event_fts MATCH %s"


def search_condition(q: str, field: str = "pk") -> Q:
    """A condition on the event id `field` for events matching the text `q`.

    PostgreSQL: the stored German tsvector (stemming: "Konzerte" finds "Konzert");
    SQLite: the FTS5 table with prefix matching of every word.
    """
    words = _words(q)
    if not words:
        return Q()
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__in": text_matches(q).values("pk")})
    return Q(**{f"{field}__in": RawSQL(FTS_ROWIDS, [_fts_match(words)])})


def text_query(q: str, field: str) -> Q:
    """PostgreSQL: `field` (a tsvector) matches every word of `q` as a prefix."""
    words = _words(q)
    return Q(**{field: _ts_query(words)}) if words else Q()


def text_matches(q: str) -> QuerySet[Event]:
    """PostgreSQL: the events (public or not) whose stored vector matches every word of `q`,
    unordered."""
    return Event.objects.filter(text_query(q, "search_vector")).order_by()


def text_events_sql(q: str) -> tuple[str, list[Any]]:
    """SQL selecting the ids (as "pk") of the events matching the text `q` (which has words),
    unordered, in the database's own order: the matches stream from the text index."""
    if connection.vendor == "postgresql":
        sql, params = text_matches(q).values("pk").query.sql_with_params()
        return sql, list(params)
    return FTS_ROWIDS, [_fts_match(_words(q))]


def text_filter(q: str) -> Any:
    """The text condition on a date as a filter tested per date, for a walk in start order
    that the many matching events must not drive: PostgreSQL joins the event and tests its
    stored vector, SQLite tests membership in the FTS hits with `event_id + 0` (no index)."""
    if connection.vendor == "postgresql":
        return text_query(q, "event__search_vector")
    return RawSQL(
        f'"calendar_occurrence"."event_id" + 0 IN ({FTS_ROWIDS})',
        [_fts_match(_words(q))],
        output_field=BooleanField(),
    )


def text_hits(q: str, limit: int | None) -> list[int] | None:
    """Ids of the events (public or not) matching the text `q`, at most `limit` of them
    (None: all); None for a text without words."""
    words = _words(q)
    if not words:
        return None
    if connection.vendor == "postgresql":
        ids = text_matches(q).values_list("pk", flat=True)
        return list(ids[:limit] if limit is not None else ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{FTS_ROWIDS} LIMIT %s",
            [_fts_match(words), -1 if limit is None else limit],  # SQLite: -1 is no limit
        )
        return [row[0] for row in cursor.fetchall()]


def date_range(filters: EventFilter, now: datetime) -> tuple[datetime, datetime | None]:
    """The instants a date must overlap: from `now` (or the first chosen day) to the end of
    the last chosen day, open-ended without one."""
    first, last = filters.start, filters.end
    if filters.period:
        period = named_period(filters.period, now)
        if period is not None:
            first, last = period
    low = day_bounds(first, first)[0] if first is not None else now
    return low, day_bounds(last, last)[1] if last is not None else None


def matching_dates(filters: EventFilter, *, now: datetime) -> QuerySet[Occurrence]:
    """Public dates matching every filter except the date range."""
    queryset = Occurrence.objects.filter(public_from__lte=now)
    if filters.municipality:
        queryset = queryset.filter(municipality__slug=filters.municipality)
    if filters.category:
        queryset = queryset.filter(event__categories__slug=filters.category)
    if filters.organisation:
        queryset = queryset.filter(event__organisation__slug=filters.organisation)
    if filters.parent is not None:
        queryset = queryset.filter(event__parent_id=filters.parent)
    if filters.free:
        queryset = queryset.filter(event__is_free=True)
    if filters.accessible:
        queryset = queryset.filter(
            Q(event__access_wheelchair=True) | Q(event__place__access_wheelchair=True)
        )
    if filters.families:
        queryset = queryset.filter(Q(event__for_families=True) | Q(event__for_children=True))
    if filters.q:
        queryset = queryset.filter(search_condition(filters.q, "event_id"))
    return queryset


def running(low: datetime) -> Q:
    """Dates not over at `low`: ending at or after it, or (without an end) starting then."""
    return Q(end__gte=low) | Q(end__isnull=True, start__gte=low)


def in_range(
    dates: QuerySet[Occurrence], low: datetime, high: datetime | None
) -> QuerySet[Occurrence]:
    """The `dates` overlapping `low` … `high` (open-ended without `high`)."""
    dates = dates.filter(running(low))
    return dates.filter(start__lt=high) if high is not None else dates


def public_occurrences(filters: EventFilter, *, now: datetime) -> QuerySet[Occurrence]:
    """Public dates matching `filters` from `now` (or the chosen range), earliest first."""
    low, high = date_range(filters, now)
    return in_range(matching_dates(filters, now=now), low, high).order_by("start", "event_id", "pk")


def with_event(queryset: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
    """Dates with everything a list shows, in a fixed number of queries."""
    return queryset.select_related("event", "event__place", "municipality").prefetch_related(
        "event__categories"
    )
