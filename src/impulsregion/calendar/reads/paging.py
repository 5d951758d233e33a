"""Pages of public events ordered by their first matching date, without grouping every date.

The API lists events, not dates, ordered by each event's first date in the chosen range.
Grouping all matching dates per event would pass over every upcoming date of the region
(470,000 rows at 100,000 events) for each page. So a page is found the cheap way for its
shape:

- few candidates (a search word matching at most `FEW_TEXT_HITS` events, a range of a few
  days): their dates are grouped;
- otherwise the dates are walked in start order, in growing chunks, until the page and one
  more event are known. The dates that began before the range and still run come first: the
  long ones (stored flag `is_long`) and the short ones from the day before.

The number of events is exact up to `COUNT_CAP` and a lower bound beyond (`exact` false):
"more than 1,000" says enough, and an exact figure would cost the full pass again. Counting
up to the cap still reads a thousand events, so the figure is kept in the cache for the
data version (any change of an event makes a new one) and the current minute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from impulsregion.calendar.domain.periods import GridDate, day_bounds, month_cells
from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.models import Occurrence
from impulsregion.calendar.models.event import LONG_DATE
from impulsregion.calendar.reads import cache
from impulsregion.calendar.reads.filters import (
    EventFilter,
    date_range,
    matching_dates,
    with_event,
)
from impulsregion.calendar.reads.public import in_range, still_on
from impulsregion.calendar.reads.search import (
    has_words,
    quoted_table,
    search_condition,
    text_events_sql,
    text_filter,
    text_hits,
    text_matches,
)

COUNT_CAP = 1000
FEW_TEXT_HITS = 1000
SHORT_RANGE = timedelta(days=8)
MAX_CHUNK = 5000
MANY = "many"


@dataclass(frozen=True)
class EventPage:
    ids: list[int]
    count: int
    exact: bool
    has_next: bool


@dataclass(frozen=True)
class _Matching:
    """The dates matching the filters except the range, three ways: `unfiltered` ignores the
    text; `counted` lets the database start from the text matches; `walked` tests the text
    per date (for a walk in start order). `few`: the text matches few events."""

    unfiltered: QuerySet[Occurrence]
    counted: QuerySet[Occurrence]
    walked: QuerySet[Occurrence]
    few: bool
    nothing: bool = False


def _matching(filters: EventFilter, now: datetime, version: str) -> _Matching:
    dates = matching_dates(replace(filters, q=""), now=now)
    if not filters.q:
        return _Matching(dates, dates, dates, few=False)
    hits = _cached_hits(filters.q, version)
    if hits is None:
        return _Matching(dates, dates.none(), dates.none(), few=True, nothing=True)
    if hits == MANY:
        counted = dates.filter(search_condition(filters.q, "event_id"))
        return _Matching(dates, counted, dates.filter(text_filter(filters.q)), few=False)
    if connection.vendor == "postgresql":
        # the ids themselves (one array parameter): with the subquery PostgreSQL misjudges
        # how few they are and walks every upcoming date in start order
        few = dates.filter(
            RawSQL(f'{quoted_table(Occurrence)}."event_id" = ANY(%s)', [hits], BooleanField())
        )
    else:
        few = dates.filter(search_condition(filters.q, "event_id"))
    return _Matching(dates, few, few, few=True)


def _all_hits(q: str, version: str) -> frozenset[int]:
    return cache.remember(
        cache.key("all-hits", q, version),
        lambda: frozenset(text_hits(q, None) or ()),
        cache.TEXT_SECONDS,
    )


def event_page(filters: EventFilter, *, now: datetime, offset: int, limit: int) -> EventPage:
    """Ids of the events `offset` … `offset + limit` by first matching date (then id)."""
    low, high = date_range(filters, now)
    many_key, found_many = cache.key("many", filters.q), False
    if connection.vendor == "postgresql" and has_words(filters.q) and not cache.noted(many_key):
        ordered = _text_hits_grouped(filters, now, low, high)
        if ordered is not None:
            return _page_of(ordered, offset, limit)
        # a hint, kept whatever the data do: it only chooses the way (both give the same page)
        cache.note(many_key, True, cache.TEXT_SECONDS)
        found_many = True
    version = cache.data_version(now)
    if found_many:  # spares `_matching` asking the text again
        cache.note(cache.key("hits", filters.q, version), MANY, cache.TEXT_SECONDS)
    matching = _matching(filters, now, version)
    if matching.nothing:
        return EventPage([], 0, True, False)
    if matching.few or (high is not None and high - low <= SHORT_RANGE):
        return _grouped(matching.counted, low, high, offset, limit)
    wanted = offset + limit + 1
    if filters.q and connection.vendor == "sqlite":
        # the matching events as a set, kept for the data version: the walk tests its dates
        # in Python instead of materialising the FTS hits in every query
        keep = _all_hits(filters.q, version)
        key = _dates_key(replace(filters, q=""), version)  # the unfiltered dates ignore the text
        first = _walk(matching.unfiltered, low, high, wanted=wanted, key=key, keep=keep)
    else:
        first = _walk(matching.walked, low, high, wanted=wanted, key=_dates_key(filters, version))
    ids = list(first)[offset : offset + limit]
    if len(first) <= offset + limit:  # the walk reached the end: every matching event is known
        return EventPage(ids, len(first), True, False)
    if len(first) > COUNT_CAP:
        return EventPage(ids, len(first), False, True)
    total = _capped_count(
        lambda: _count_events(filters, matching, low, high), "events", filters, version, now
    )
    return EventPage(ids, min(total, COUNT_CAP), total <= COUNT_CAP, True)


def _count_events(
    filters: EventFilter, matching: _Matching, low: datetime, high: datetime | None
) -> int:
    """How many events have a matching date in the range, up to `COUNT_CAP` + 1.

    With a text matching many events: the matches one after the other, each with an index
    probe for one date in the range, until the cap. Joined with the dates instead, the
    databases first gather every match (SQLite) or merge every upcoming date (PostgreSQL)."""
    if not filters.q:
        dates = in_range(matching.counted, low, high).order_by().values("event_id").distinct()
        return dates[: COUNT_CAP + 1].count()
    dates = in_range(matching.unfiltered, low, high)
    return _count_per_match(filters.q, dates, "WHERE EXISTS ({dates})")


def _count_per_match(q: str, dates: QuerySet[Occurrence], combine: str) -> int:
    """Rows of the events matching `q` (`e`, taken one after the other as the text index gives
    them) combined with their `dates` by `combine` (SQL after `FROM … e`, with the match's
    dates as `{dates}`), counted up to `COUNT_CAP` + 1."""
    own = RawSQL(f'{quoted_table(Occurrence)}."event_id" = e."pk"', [], output_field=BooleanField())
    dates_sql, dates_params = dates.filter(own).order_by().values("pk").query.sql_with_params()
    events_sql, events_params = text_events_sql(q)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM ({events_sql}) e "
            f"{combine.format(dates=dates_sql)} LIMIT %s) counted",
            [*events_params, *dates_params, COUNT_CAP + 1],
        )
        return int(cursor.fetchone()[0])


def _capped_count(
    count: Callable[[], int], kind: str, filters: EventFilter, version: str, now: datetime
) -> int:
    """`count()` (counting up to `COUNT_CAP` + 1), kept for the data version and minute."""
    minute = now.strftime("%Y%m%d%H%M")
    return cache.remember(
        cache.key(kind, repr(filters), version, minute), count, cache.COUNT_SECONDS
    )


def _dates_key(filters: EventFilter, version: str) -> str:
    """Names the dates matching `filters` (with the text, as walked) for the data version in
    caches. The range is left out: the dates do not depend on it, so the list, the API and
    the month view share what they keep (the dates still running)."""
    return repr(replace(filters, start=None, end=None, period="")) + "|" + version


def _cached_hits(q: str, version: str) -> list[int] | str | None:
    """The ids of the events matching `q` if they are few, else `MANY`; None for a text
    without words. Kept for the data version: matching depends on the texts only."""
    key = cache.key("hits", q, version)
    hits = cache.noted(key)
    if hits is None:
        found = text_hits(q, FEW_TEXT_HITS + 1)
        if found is None:
            return None
        hits = found if len(found) <= FEW_TEXT_HITS else MANY
        cache.note(key, hits, cache.TEXT_SECONDS)
    return hits  # type: ignore[no-any-return]


def _text_hits_grouped(
    filters: EventFilter, now: datetime, low: datetime, high: datetime | None
) -> list[int] | None:
    """PostgreSQL: the events matching `filters` in their first date's order, in one query
    that finds the text's matches and groups their dates (a query less than `_matching` and
    `_grouped` for the usual search, a name or a rare word). None when the text matches more
    than `FEW_TEXT_HITS` events: then the grouping is skipped."""
    hits = text_matches(filters.q).values("pk")
    hits_sql, hits_params = hits[: FEW_TEXT_HITS + 1].query.sql_with_params()
    few = RawSQL(
        f'{quoted_table(Occurrence)}."event_id" = ANY(ARRAY(SELECT "pk" FROM hits)) AND m.n <= %s',
        [FEW_TEXT_HITS],
        output_field=BooleanField(),
    )
    dates = in_range(matching_dates(replace(filters, q=""), now=now).filter(few), low, high)
    grouped = dates.values("event_id").annotate(first=Min("start")).order_by()
    sql, params = grouped.values_list("event_id", "first").query.sql_with_params()
    with connection.cursor() as cursor:
        # the count of the matches comes first; the dates are grouped only if they are few
        cursor.execute(
            f"WITH hits AS MATERIALIZED ({hits_sql}) "
            "SELECT m.n, g.event_id FROM (SELECT COUNT(*) AS n FROM hits) m "
            f'LEFT JOIN LATERAL ({sql}) g ON TRUE ORDER BY g."first", g.event_id',
            [*hits_params, *params],
        )
        rows = cursor.fetchall()
    if rows[0][0] > FEW_TEXT_HITS:
        return None
    return [event_id for _n, event_id in rows if event_id is not None]


def _grouped(
    dates: QuerySet[Occurrence], low: datetime, high: datetime | None, offset: int, limit: int
) -> EventPage:
    grouped = in_range(dates, low, high).values("event_id").annotate(first=Min("start"))
    ordered = list(grouped.order_by("first", "event_id").values_list("event_id", flat=True))
    return _page_of(ordered, offset, limit)


def _page_of(ordered: list[int], offset: int, limit: int) -> EventPage:
    """A page of every matching event, `ordered`: its count is exact."""
    return EventPage(
        ordered[offset : offset + limit], len(ordered), True, len(ordered) > offset + limit
    )


def _starting(
    dates: QuerySet[Occurrence], low: datetime, high: datetime | None
) -> QuerySet[Occurrence]:
    """The `dates` beginning from `low` until `high` (open-ended without it)."""
    later = dates.filter(start__gte=low)
    return later.filter(start__lt=high) if high is not None else later


def _still_running(dates: QuerySet[Occurrence], low: datetime, key: str) -> list[GridDate]:
    """The dates that began before `low` and still run, as (start, end, all day, event id,
    id), in the order (start, event id, id).

    One query over two index ranges (the databases combine them: SQLite's multi-index OR,
    PostgreSQL's BitmapOr): short dates from the day before (a start range) and long ones by
    their end (the partial `is_long` index). Long ones that begin later are dropped here: a
    start condition on them would tempt the database into walking all past dates.

    The query asks for the dates running at any instant of `low`'s minute, and its rows are
    kept for that minute under `key` (which names the dates' filters and the data version);
    each request takes the exact ones for its own `low` from them.
    """
    minute = low.replace(second=0, microsecond=0)

    def window() -> list[GridDate]:
        soon = minute + timedelta(minutes=1)
        short = Q(start__gte=minute - LONG_DATE, start__lt=soon, end__gte=minute)
        long = Q(is_long=True, end__gte=minute)
        rows = dates.filter(short | long).order_by()
        return list(rows.values_list("start", "end", "all_day", "event_id", "pk"))

    rows = cache.remember(
        cache.key("running-rows", key, minute.isoformat()), window, cache.RUNNING_SECONDS
    )
    running = (row for row in rows if row[0] < low and still_on(row[0], row[1], low))
    return sorted(running, key=lambda row: (row[0], row[3], row[4]))


def _walk(
    dates: QuerySet[Occurrence],
    low: datetime,
    high: datetime | None,
    *,
    wanted: int,
    key: str,
    keep: frozenset[int] | None = None,
) -> dict[int, datetime]:
    """Events by first matching date until `wanted` are known or none is left (only events
    in `keep`, when given: then the chunks start ten times larger). `key` names `dates` for
    the cache of `_still_running`."""
    first: dict[int, datetime] = {}
    for start, _end, _all_day, event_id, _pk in _still_running(dates, low, key):
        if keep is None or event_id in keep:
            first.setdefault(event_id, start)
    later = _starting(dates, low, high)
    after: tuple[datetime, int] | None = None
    size = max(2 * (wanted - len(first)), 20) * (10 if keep is not None else 1)
    while len(first) < wanted:
        chunk = later.filter(_after(*after)) if after is not None else later
        rows = list(chunk.order_by("start", "event_id").values_list("start", "event_id")[:size])
        for start, event_id in rows:
            if keep is not None and event_id not in keep:
                continue
            if event_id not in first:
                first[event_id] = start
                if len(first) >= wanted:
                    break
        if len(rows) < size:
            break
        after = rows[-1]
        size = min(size * 4, MAX_CHUNK)
    return first


def _after(start: datetime, event_id: int) -> RawSQL:
    """Dates after (`start`, `event_id`) in the walk's order: one index range (row values)."""
    table = quoted_table(Occurrence)
    return RawSQL(
        f'({table}."start", {table}."event_id") > (%s, %s)',
        [connection.ops.adapt_datetimefield_value(start), event_id],
        output_field=BooleanField(),
    )


class DateSequence:
    """The public dates matching `filters`, earliest first, as a sequence a `Paginator` can
    count and slice. A slice is the dates still running at the range's start, then the later
    ones in start order: index ranges, not a sort of every upcoming date."""

    def __init__(self, filters: EventFilter, *, now: datetime) -> None:
        self.filters, self.now = filters, now
        self.low, self.high = date_range(filters, now)
        self.version = cache.data_version(now)
        self.matching = _matching(filters, now, self.version)
        self.key = _dates_key(filters, self.version)  # names `matching.walked` in caches

    def count(self) -> int:
        """Up to `COUNT_CAP` + 1 ("more than 1,000 dates" says enough)."""
        return _capped_count(self._count, "dates", self.filters, self.version, self.now)

    def _count(self) -> int:
        if not (self.filters.q and connection.vendor == "postgresql" and not self.matching.few):
            rows = in_range(self.matching.counted, self.low, self.high).order_by()
            return rows[: COUNT_CAP + 1].count()
        # PostgreSQL, a word matching many events: their dates one event after the other (the
        # fence keeps it so); joined, the planner merges every upcoming date with the matches
        dates = in_range(self.matching.unfiltered, self.low, self.high)
        return _count_per_match(self.filters.q, dates, "CROSS JOIN LATERAL ({dates} OFFSET 0) d")

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Occurrence]:
        offset, stop = window.start or 0, window.stop
        dates = self.matching.walked
        running_ids = [row[-1] for row in _still_running(dates, self.low, self.key)]
        ids = running_ids[offset:stop]
        missing = stop - offset - len(ids)
        if missing > 0:
            later = _starting(dates, self.low, self.high)
            skip = max(0, offset - len(running_ids))
            ids += _ordered_ids(later, few=self.matching.few, skip=skip, take=missing)
        found = with_event(Occurrence.objects.filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]

    def month(self, first: date, last: date, *, shown: int) -> dict[date, tuple[list[int], int]]:
        """The cells of a month's grid from `first` to `last` (see `month_cells`) for dates
        in this sequence's range: per day the ids of the first `shown` dates and the count.

        A busy month of the region has many thousands of dates, so the database ranks and
        counts the timed dates per local day in one pass (window functions; only each day's
        first `shown` come back, with the day's count); the dates that can cover several days
        (begun before the month, or all day) come as rows, as there are few of them.
        """
        dates = self.matching.walked
        days = (last - first).days + 1
        bounds = [day_bounds(first + timedelta(days=n), first)[0] for n in range(days + 1)]
        fields = ("start", "end", "all_day", "event_id", "pk")
        in_month = _starting(dates, bounds[0], bounds[-1])
        running = _still_running(dates, self.low, self.key)
        all_day = list(in_month.filter(all_day=True).order_by().values_list(*fields))
        timed = in_month.filter(all_day=False)
        day = Case(
            *(When(start__lt=bounds[n + 1], then=Value(n)) for n in range(days)),
            output_field=IntegerField(),
        )
        ranked = timed.annotate(
            rank=Window(RowNumber(), partition_by=[day], order_by=["start", "event_id", "pk"]),
            of_day=Window(Count("pk"), partition_by=[day]),
        )
        first_ones = list(ranked.filter(rank__lte=shown).values_list(*fields, "of_day"))
        counts = {row[0].astimezone(BERLIN).date(): row[-1] for row in first_ones}
        return month_cells(
            running + all_day,
            [row[:-1] for row in first_ones],
            counts,
            first,
            last,
            shown=shown,
        )


def _ordered_ids(dates: QuerySet[Occurrence], *, few: bool, skip: int, take: int) -> list[int]:
    """Ids of `dates` in start order, `take` of them after `skip`. For the dates of a few
    events PostgreSQL still likes to walk the start index (every upcoming date) for the
    ordered slice; `OFFSET 0` fences the selection off, so it collects them first and sorts."""
    ordered = dates.order_by("start", "event_id", "pk").values_list("pk", flat=True)
    if not (few and connection.vendor == "postgresql"):
        return list(ordered[skip : skip + take])
    inner, params = dates.order_by().values_list("start", "event_id", "pk").query.sql_with_params()
    sql = (
        f"SELECT s.pk FROM ({inner} OFFSET 0) s ORDER BY s.start, s.event_id, s.pk "
        "LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, take, skip])
        return [row[0] for row in cursor.fetchall()]
