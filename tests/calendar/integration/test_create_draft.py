"""create_draft: the calendar service through which another app (planning) enters a draft."""

from __future__ import annotations

import datetime as dt

import pytest

from impulsregion.calendar.domain.types import BERLIN, Span
from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Category
from impulsregion.calendar.services.moderation import ModerationError, create_draft
from tests.factories.calendar import make_place, organisation

pytestmark = pytest.mark.integration

FIRST = dt.datetime(2027, 6, 19, tzinfo=BERLIN)
AFTER_LAST = dt.datetime(2027, 6, 22, tzinfo=BERLIN)


def test_draft_has_one_all_day_date_in_the_given_municipality(db, editor_user) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")
    place = make_place()
    music, _ = Category.objects.get_or_create(
        slug="music", defaults={"name_de": "Musik", "name_en": "Music"}
    )

    event = create_draft(
        organisation=jena,
        title_de="Sommernacht",
        span=Span(FIRST, AFTER_LAST, all_day=True),
        municipality=weimar,
        user=editor_user(jena),
        place=place,
        categories=[music],
        expected_visitors=800,
    )

    assert (event.title_de, event.public_status, event.place, event.expected_visitors) == (
        "Sommernacht",
        PublicStatus.DRAFT,
        place,
        800,
    )
    assert list(event.categories.all()) == [music]
    assert list(event.occurrences.values_list("start", "end", "all_day", "municipality")) == [
        (FIRST, AFTER_LAST, True, weimar.pk)
    ]


def test_draft_for_another_organisation_is_refused(db, editor_user) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")

    with pytest.raises(
        ModerationError,
        match=r"Sie dürfen für diese Organisation keine Veranstaltungen eintragen\.",
    ):
        create_draft(
            organisation=weimar,
            title_de="Fremd",
            span=Span(FIRST, AFTER_LAST, all_day=True),
            municipality=weimar,
            user=editor_user(jena),
        )
