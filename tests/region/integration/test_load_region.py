import pytest
from django.core.management import call_command

from impulsregion.region import queries
from impulsregion.region.models import BoardTerm, Membership, Milestone, Organisation
from impulsregion.region.services import RegionDataError, load_region, read_region_data

pytestmark = pytest.mark.integration

MEMBERS = {
    "erfurt",
    "jena",
    "weimar",
    "weimarer-land",
    "erfurt-tourismus",
    "jenawirtschaft",
    "weimar-gmbh",
    "weimarer-land-tourismus",
}


def test_load_region_creates_the_eight_members(db) -> None:
    load_region()
    assert set(queries.current_members().values_list("slug", flat=True)) == MEMBERS


def test_load_region_is_idempotent(db) -> None:
    load_region()
    counts = (Organisation.objects.count(), Membership.objects.count(), Milestone.objects.count())
    report = load_region()
    assert (
        Organisation.objects.count(),
        Membership.objects.count(),
        Milestone.objects.count(),
    ) == counts
    assert report.created == {}


def test_load_region_records_board_2024(db) -> None:
    load_region()
    term = queries.board_for_year(2024)
    roles = {p.role: (str(p.person), p.organisation.slug) for p in term.positions.all()}
    assert roles == {
        "chair": ("Peter Kleine", "weimar"),
        "deputy": ("Christiane Schmidt-Rose", "weimarer-land"),
    }


def test_load_region_knows_founding_dates(db) -> None:
    load_region()
    assert Milestone.objects.get(key="2016-association").date.isoformat() == "2016-12-05"
    assert Milestone.objects.get(key="2004-kag-contract").date.isoformat() == "2004-06-23"


def test_broken_data_changes_nothing(db) -> None:
    data = read_region_data()
    data["milestones"][0] = {**data["milestones"][0], "date": "1998-01-01"}  # date outside its year
    with pytest.raises(
        RegionDataError, match="Das genaue Datum muss im Jahr des Meilensteins liegen"
    ):
        load_region(data=data)
    assert Organisation.objects.count() == 0
    assert BoardTerm.objects.count() == 0


def test_load_region_command_reports_counts(db, capsys) -> None:
    call_command("load_region", verbosity=0)
    assert capsys.readouterr().out == "Region loaded: 50 records created, 0 updated.\n"
