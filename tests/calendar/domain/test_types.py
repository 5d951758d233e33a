"""The records every importer builds keep no NUL character in any text (#14, "Hardening"):
PostgreSQL refuses one in every column, and the whole import failed with it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from impulsregion.calendar.domain.types import EventData, ImageData, PlaceData, PriceData, Span

pytestmark = pytest.mark.domain


def test_no_text_of_an_imported_event_keeps_a_nul() -> None:
    event = EventData(
        external_id="id-with\x00nul",
        title_de="Konzert",
        title_en="Con\x00cert",
        spans=(Span(datetime(2027, 3, 3, 19, tzinfo=UTC)),),
        place=PlaceData(name="Volkshaus", postal_code="07743\x00", external_id="p\x00"),
        price=PriceData(currency="EU\x00R", text="12\x00 €"),
        images=(ImageData(url="https://bilder.example/1.jpg", licence="CC BY\x00 4.0"),),
    )

    assert (event.external_id, event.title_en) == ("id-withnul", "Concert")
    assert event.place is not None
    assert (event.place.postal_code, event.place.external_id) == ("07743", "p")
    assert (event.price.currency, event.price.text) == ("EUR", "12 €")
    assert event.images[0].licence == "CC BY 4.0"
