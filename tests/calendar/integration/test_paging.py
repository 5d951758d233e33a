"""Pages of events by first matching date: every path (grouped, walked, walked with text) gives
the order and count a full pass over all dates gives, including dates still running."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from impulsregion.calendar.models import Event, Occurrence
from impulsregion.calendar.reads import paging
from impulsregion.calendar.reads.filters import EventFilter, date_range
from impulsregion.calendar.reads.paging import DateSequence, event_page
from tests.factories.calendar import make_event, organisation

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


def _region(seed: int = 4) -> None:
    """Events of every shape around NOW: over, running (short and long), open-ended, later,
    many at the very same start (ties across chunk boundaries), and unpublished ones."""
    rng = random.Random(seed)
    jena = organisation("jena", ags="16053000")
    make_event("Vorbei", org=jena, starts=(NOW - 72 * H,))
    make_event("Läuft noch kurz", org=jena, starts=(NOW - 2 * H,), duration=3 * H)
    make_event("Ausstellung seit Mai", org=jena, starts=(NOW - 30 * 24 * H,), duration=60 * 24 * H)
    make_event("Ohne Ende, vorbei", org=jena, starts=(NOW - 5 * H,), duration=None)
    make_event("Ohne Ende, später", org=jena, starts=(NOW + 5 * H,), duration=None)
    make_event("Entwurf", org=jena, starts=(NOW + H,), published=False)
    for number in range(25):
        make_event(f"Gleichzeitig {number}", org=jena, starts=(NOW + 48 * H,))
    for number in range(30):
        starts = tuple(NOW + rng.randint(-100, 2000) * H for _ in range(rng.randint(1, 4)))
        make_event(
            f"Konzert {number}" if number % 2 else f"Lesung {number}",
            org=jena,
            starts=starts,
            duration=rng.choice([2 * H, 30 * H, 200 * H]),
        )


def _expected(filters: EventFilter) -> list[int]:
    """The order a full pass gives: each public event by its first date in the range."""
    low, high = date_range(filters, NOW)
    first: dict[int, dt.datetime] = {}
    for occurrence in Occurrence.objects.filter(public_from__lte=NOW).select_related("event"):
        if filters.q and filters.q not in occurrence.event.title_de:
            continue
        if (occurrence.end or occurrence.start) < low or (
            occurrence.end is None and occurrence.start < low
        ):
            continue
        if high is not None and occurrence.start >= high:
            continue
        if occurrence.event_id not in first or occurrence.start < first[occurrence.event_id]:
            first[occurrence.event_id] = occurrence.start
    return sorted(first, key=lambda event_id: (first[event_id], event_id))


def _all_pages(filters: EventFilter, limit: int) -> tuple[list[int], list[paging.EventPage]]:
    ids: list[int] = []
    pages = []
    offset = 0
    while True:
        page = event_page(filters, now=NOW, offset=offset, limit=limit)
        pages.append(page)
        ids += page.ids
        if not page.has_next:
            return ids, pages
        offset += limit


FILTERS = [
    pytest.param(EventFilter(), id="from-now-walked"),
    pytest.param(
        EventFilter(start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 5)), id="few-days-grouped"
    ),
    pytest.param(
        EventFilter(start=dt.date(2026, 6, 2), end=dt.date(2026, 8, 30)), id="months-walked"
    ),
    pytest.param(EventFilter(q="Konzert"), id="text-grouped"),
]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("limit", [1, 7, 100])
def test_pages_follow_the_first_matching_date(db, filters: EventFilter, limit: int) -> None:
    _region()
    expected = _expected(filters)

    ids, pages = _all_pages(filters, limit)

    assert ids == expected
    assert {(p.count, p.exact) for p in pages} == {(len(expected), True)}


def test_running_dates_come_first_and_finished_ones_never(db) -> None:
    _region()
    titles = dict(Occurrence.objects.values_list("event_id", "event__title_de"))

    ids, _pages = _all_pages(EventFilter(), 10)

    assert titles[ids[0]] == "Ausstellung seit Mai"  # began a month ago, runs until July
    assert "Läuft noch kurz" in {titles[i] for i in ids}
    assert {"Vorbei", "Ohne Ende, vorbei", "Entwurf"}.isdisjoint(titles[i] for i in ids)


def test_many_text_hits_walk_the_dates_with_the_text_as_a_filter(db, monkeypatch) -> None:
    _region()
    monkeypatch.setattr(paging, "FEW_TEXT_HITS", 2)
    filters = EventFilter(q="Konzert")

    ids, _pages = _all_pages(filters, 4)

    assert ids == _expected(filters)


def test_beyond_the_cap_the_count_is_a_lower_bound(db, monkeypatch) -> None:
    _region()
    monkeypatch.setattr(paging, "COUNT_CAP", 5)

    first = event_page(EventFilter(), now=NOW, offset=0, limit=3)
    deep = event_page(EventFilter(), now=NOW, offset=9, limit=3)

    assert (first.count, first.exact, first.has_next) == (5, False, True)
    assert (deep.count, deep.exact, deep.has_next) == (13, False, True)


def test_a_word_matching_many_events_counts_those_with_a_date_in_the_range(db, monkeypatch) -> None:
    _region()
    weimar = organisation("weimar")
    for number in range(3):
        make_event(f"Konzert in Weimar {number}", org=weimar, starts=(NOW + 24 * H,))
    make_event("Konzert in Jena, vorbei", starts=(NOW - 48 * H,))
    monkeypatch.setattr(paging, "FEW_TEXT_HITS", 2)  # the walk, and a count of its own
    in_jena = EventFilter(q="Konzert", organisation="jena")
    expected = _expected(EventFilter(q="Konzert"))
    in_weimar = set(Event.objects.filter(organisation=weimar).values_list("pk", flat=True))

    page = event_page(in_jena, now=NOW, offset=0, limit=2)
    monkeypatch.setattr(paging, "COUNT_CAP", 4)
    capped = event_page(in_jena, now=NOW + dt.timedelta(minutes=1), offset=0, limit=2)

    assert (page.count, page.exact) == (len(set(expected) - in_weimar), True)
    assert (capped.count, capped.exact) == (4, False)


def test_a_long_date_is_marked_by_the_database(db) -> None:
    jena = organisation("jena", ags="16053000")
    long = make_event("Ausstellung", org=jena, starts=(NOW,), duration=dt.timedelta(days=3))
    short = make_event("Konzert", org=jena, starts=(NOW,), duration=3 * H)
    open_ended = make_event("Markt", org=jena, starts=(NOW,), duration=None)

    marks = dict(Occurrence.objects.values_list("event_id", "is_long"))

    assert (marks[long.pk], marks[short.pk], marks[open_ended.pk]) == (True, False, False)


@pytest.mark.parametrize("filters", FILTERS)
def test_the_date_list_is_every_matching_date_in_start_order(db, filters: EventFilter) -> None:
    _region()
    low, high = date_range(filters, NOW)
    expected = [
        o.pk
        for o in Occurrence.objects.filter(public_from__lte=NOW)
        .select_related("event")
        .order_by("start", "event_id", "pk")
        if (o.end or o.start) >= low
        and not (o.end is None and o.start < low)
        and (high is None or o.start < high)
        and filters.q in o.event.title_de
    ]
    dates = DateSequence(filters, now=NOW)

    pages = [dates[offset : offset + 6] for offset in range(0, len(expected) + 6, 6)]

    assert [o.pk for page in pages for o in page] == expected
    assert dates.count() == len(expected)


def test_many_text_hits_are_counted_exactly_below_the_cap(db, monkeypatch) -> None:
    _region()
    monkeypatch.setattr(paging, "FEW_TEXT_HITS", 2)
    filters = EventFilter(q="Konzert")

    page = event_page(filters, now=NOW, offset=0, limit=2)

    assert (page.count, page.exact, page.has_next) == (len(_expected(filters)), True, True)


def test_the_running_dates_kept_for_a_minute_are_exact_for_every_instant_of_it(db) -> None:
    jena = organisation("jena", ags="16053000")
    second = dt.timedelta(seconds=1)
    ending = make_event(
        "Endet um 10:00:30", org=jena, starts=(NOW - 2 * H,), duration=2 * H + 30 * second
    )
    starting = make_event("Beginnt um 10:00:20", org=jena, starts=(NOW + 20 * second,), duration=H)

    def page(at: dt.datetime) -> list[int]:
        return event_page(EventFilter(), now=at, offset=0, limit=10).ids

    assert page(NOW + 10 * second) == [ending.pk, starting.pk]
    assert page(NOW + 40 * second) == [starting.pk]  # the same minute: its rows are kept
    assert page(NOW + 70 * second) == [starting.pk]


def test_the_dates_of_many_text_hits_are_counted_exactly_below_the_cap(db, monkeypatch) -> None:
    _region()
    make_event("Konzert von gestern", org=organisation("jena"), starts=(NOW - 30 * H,))
    monkeypatch.setattr(paging, "FEW_TEXT_HITS", 2)
    filters = EventFilter(q="Konzert")
    low, _high = date_range(filters, NOW)
    expected = [
        o
        for o in Occurrence.objects.filter(
            public_from__lte=NOW, event__title_de__contains="Konzert"
        )
        if (o.end or o.start) >= low and not (o.end is None and o.start < low)
    ]

    exact = DateSequence(filters, now=NOW).count()
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    capped = DateSequence(filters, now=NOW + dt.timedelta(minutes=1)).count()

    assert (exact, capped) == (len(expected), 4)


def test_a_word_once_matching_many_events_is_still_found_right_when_few_remain(
    db, monkeypatch
) -> None:
    _region()
    monkeypatch.setattr(paging, "FEW_TEXT_HITS", 2)
    filters = EventFilter(q="Konzert")
    event_page(filters, now=NOW, offset=0, limit=3)  # many matches: PostgreSQL notes a hint
    keep = _expected(filters)[-1]
    Event.objects.filter(title_de__startswith="Konzert").exclude(pk=keep).delete()

    page = event_page(filters, now=NOW, offset=0, limit=3)

    assert (page.ids, page.count, page.exact, page.has_next) == ([keep], 1, True, False)
