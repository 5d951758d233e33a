import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import CostStatement, FeeAssessment, StatementLine
from impulsregion.agreements.services.costs import assess_fees, compute_statement, issue_statement
from impulsregion.region.models import KeyFigure
from tests.factories.agreements import make_agreement, make_cost_year, make_statute
from tests.factories.region import make_member, make_organisation

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("english")]


@pytest.fixture
def three(db):
    return [
        make_organisation("erfurt", name="Landeshauptstadt Erfurt"),
        make_organisation("weimar", name="Stadt Weimar"),
        make_organisation("weimarer-land", name="Landkreis Weimarer Land", kind="landkreis"),
    ]


def test_population_statement_of_100000_adds_up_exactly(three):
    erfurt, weimar, land = three
    agreement = make_agreement(parties=three)
    make_cost_year(
        agreement, inputs={erfurt: (213981, None), weimar: (65138, None), land: (82362, None)}
    )

    statement, _orgs = compute_statement(agreement, 2024)

    assert {s.party: s.amount for s in statement.shares} == {
        "Landeshauptstadt Erfurt": Decimal("59195.64"),
        "Stadt Weimar": Decimal("18019.76"),
        "Landkreis Weimarer Land": Decimal("22784.60"),
    }
    assert statement.allocated == Decimal("100000.00")


def test_issue_statement_keeps_lines_and_steps(three):
    erfurt, weimar, land = three
    agreement = make_agreement(parties=three)
    make_cost_year(
        agreement, inputs={erfurt: (213981, None), weimar: (65138, None), land: (82362, None)}
    )

    stored = issue_statement(agreement=agreement, year=2024, now=timezone.now())

    assert sum(line.amount for line in stored.lines.all()) == Decimal("100000.00")
    assert stored.steps["sum"] == "100000.00"
    assert stored.key_description == "100 % by population"


def test_statement_for_year_without_figures_is_refused(three):
    agreement = make_agreement(parties=three)

    with pytest.raises(
        AgreementsError,
        match="No cost figures are recorded for “Zweckvereinbarung Restabfall” in 2023",
    ):
        compute_statement(agreement, 2023)

    assert CostStatement.objects.count() == 0


def test_statement_for_year_without_inputs_is_refused(three):
    agreement = make_agreement(parties=three)
    make_cost_year(agreement, inputs={})

    with pytest.raises(
        AgreementsError, match=r"No inputs are recorded for .* in 2024; enter population or usage"
    ):
        issue_statement(agreement=agreement, year=2024, now=timezone.now())

    assert (CostStatement.objects.count(), StatementLine.objects.count()) == (0, 0)


def test_agreement_with_key_not_adding_up_is_refused(three):
    agreement = make_agreement(parties=three, key_population=Decimal(50), key_equal=Decimal(40))

    with pytest.raises(ValidationError, match=r"add up to 90(\.00)? %, not 100 %"):
        agreement.full_clean()
    with pytest.raises(AgreementsError, match=r"add up to 90(\.00)? %, not 100 %"):
        compute_statement(agreement, 2024)


def test_missing_population_names_the_party(three):
    erfurt, weimar, _land = three
    agreement = make_agreement(parties=three)
    make_cost_year(agreement, inputs={erfurt: (213981, None), weimar: (65138, None)})

    with pytest.raises(
        AgreementsError, match=r"No population figure for Landkreis Weimarer Land\."
    ):
        compute_statement(agreement, 2024)


def test_assess_fees_half_equal_half_population(db):
    a = make_member("aaa", name="A-Stadt")
    b = make_member("bbb", name="B-Stadt")
    for org, population in ((a, 1000), (b, 3000)):
        KeyFigure.objects.create(
            organisation=org, kind="population", value=population, reference_date="2022-12-31"
        )
    statute = make_statute(key_population=Decimal(50), key_equal=Decimal(50))

    assessment = assess_fees(
        year=2025,
        total=Decimal("1000.00"),
        statute=statute,
        reference_date=dt.date(2023, 12, 31),
        now=timezone.now(),
    )

    lines = {
        line.organisation.name: line.amount for line in assessment.statements.get().lines.all()
    }
    assert lines == {"A-Stadt": Decimal("375.00"), "B-Stadt": Decimal("625.00")}
    with pytest.raises(AgreementsError, match="Fees for 2025 are already assessed"):
        assess_fees(
            year=2025,
            total=Decimal("1.00"),
            statute=statute,
            reference_date=assessment.population_reference_date,
            now=timezone.now(),
        )
    assert FeeAssessment.objects.count() == 1
