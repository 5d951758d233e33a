"""The demo calendar `make run` loads: the region's recurring highlights."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.models import Event
from impulsregion.calendar.services.demo import HIGHLIGHTS, load_highlights
from impulsregion.region.services import load_region

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def test_highlights_load_once_with_whole_days_and_texts_in_each_language(db) -> None:
    load_region()
    entries = json.loads(HIGHLIGHTS.read_text(encoding="utf-8"))["events"]

    first = load_highlights(now=NOW)
    again = load_highlights(now=NOW)

    assert (first.created, again.created, again.unchanged) == (len(entries), 0, len(entries))
    fest = Event.objects.get(title_de="Krämerbrückenfest")
    dates = list(fest.occurrences.order_by("start"))
    assert all(d.all_day and d.start.astimezone(BERLIN).hour == 0 for d in dates)
    assert dates[0].start.astimezone(BERLIN).weekday() == 4  # a Friday
    unconfirmed = [e for e in entries if not all(d.get("confirmed") for d in e["dates"])]
    assert unconfirmed
    for entry in unconfirmed:
        event = Event.objects.get(title_de=entry["title_de"])
        assert entry["pattern_de"] in event.description_de
        assert entry["pattern"] not in event.description_de
        assert entry["pattern"] in event.description_en
