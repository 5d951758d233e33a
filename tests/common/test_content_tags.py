import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from impulsregion.common.templatetags.content import clock_suffix, day_date, long_date

pytestmark = pytest.mark.integration

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        pytest.param("de", "Samstag, 15.\xa0Mai 2027, 18:00 Uhr", id="german"),
        pytest.param("en", "Saturday, 15\xa0May 2027, 18:00", id="english"),
    ],
)
def test_long_date_follows_the_language(language: str, expected: str) -> None:
    start = dt.datetime(2027, 5, 15, 16, 0, tzinfo=dt.UTC)  # 18:00 in Berlin (summer time)
    with translation.override(language):
        assert f"{long_date(start, 'time')} {clock_suffix()}".strip() == expected


def test_day_date_has_a_non_breaking_space() -> None:
    with translation.override("de"):
        assert day_date(dt.date(2016, 12, 5)) == "5.\xa0Dezember 2016"


def test_long_date_names_the_local_day_of_a_midnight() -> None:
    midnight = dt.datetime(2027, 5, 15, 22, 0, tzinfo=dt.UTC)  # 16 May, 00:00 in Berlin
    with translation.override("de"):
        assert long_date(midnight) == "Sonntag, 16.\xa0Mai 2027"
