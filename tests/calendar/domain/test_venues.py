"""One-line venues split into their parts, and category terms mapped or left over."""

from __future__ import annotations

from decimal import Decimal

import pytest

from impulsregion.calendar.domain.categories import categorise, unmapped
from impulsregion.calendar.domain.venues import place_from_location, venue_name_key

pytestmark = pytest.mark.domain


@pytest.mark.parametrize(
    ("location", "parts"),
    [
        pytest.param("Theaterhaus Jena", ("Theaterhaus Jena", "", "", ""), id="name-only"),
        pytest.param(
            "Theaterhaus Jena, Schillergäßchen 1, 07745 Jena",
            ("Theaterhaus Jena", "Schillergäßchen 1", "07745", "Jena"),
            id="name-street-postcode-town",
        ),
        pytest.param(
            "Theaterhaus Jena, Schillergäßchen 1, D-07745 Jena, Deutschland",
            ("Theaterhaus Jena", "Schillergäßchen 1", "07745", "Jena"),
            id="country-after-the-town",
        ),
        pytest.param(
            "Kulturhaus, Foyer, Markt 3, 99423 Weimar",
            ("Kulturhaus, Foyer", "Markt 3", "99423", "Weimar"),
            id="name-with-a-comma",
        ),
        pytest.param(
            "Theaterhaus Jena, 07745 Jena",
            ("Theaterhaus Jena", "", "07745", "Jena"),
            id="no-street",
        ),
        pytest.param(
            "Markt 3, 99423 Weimar", ("Markt 3", "Markt 3", "99423", "Weimar"), id="street-only"
        ),
        pytest.param("07745 Jena", ("07745 Jena", "", "", ""), id="postcode-only"),
        pytest.param("Saal 2, Jena", ("Saal 2, Jena", "", "", ""), id="no-postcode"),
    ],
)
def test_a_location_line_is_split_at_its_postcode(location: str, parts: tuple[str, ...]) -> None:
    place = place_from_location(location, latitude=Decimal("50.9"), longitude=Decimal("11.6"))

    assert (place.name, place.street, place.postal_code, place.locality) == parts
    assert (place.latitude, place.longitude) == (Decimal("50.9"), Decimal("11.6"))


def test_two_spellings_of_a_venue_share_their_key() -> None:
    assert venue_name_key("  Theaterhaus   JENA ") == venue_name_key("theaterhaus jena")


@pytest.mark.parametrize(
    ("terms", "slugs", "left"),
    [
        pytest.param(["Konzert", "Jazz"], ("music",), (), id="concert-and-jazz"),
        pytest.param(["Schauspiel", "Stammtisch"], ("theatre",), ("Stammtisch",), id="one-unknown"),
        pytest.param(["other", " Other "], ("other",), (), id="a-slug-itself"),
        pytest.param(["Stammtisch", "stammtisch", " "], (), ("Stammtisch",), id="repeats-once"),
    ],
)
def test_category_terms_are_mapped_or_left_over(
    terms: list[str], slugs: tuple[str, ...], left: tuple[str, ...]
) -> None:
    assert categorise(terms) == slugs
    assert unmapped(terms) == left
