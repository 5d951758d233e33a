from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from impulsregion.agreements.domain.allocation import (
    CostKey,
    KeyComponent,
    KeyKind,
    PartyInput,
    allocate,
)
from impulsregion.agreements.domain.messages import RuleError

pytestmark = pytest.mark.domain

D = Decimal
# Expected amounts were worked out by hand with fractions.Fraction (floors + largest remainders).
# Demo population figures (approximate, as in agreements/data; not official statistics).
CITIES = (
    PartyInput("Erfurt", population=216_036, usage=D("52000.5"), fixed_percent=D(50)),
    PartyInput("Weimar", population=65_228, usage=D("14000"), fixed_percent=D(20)),
    PartyInput("Weimarer Land", population=81_899, usage=D("21000.25"), fixed_percent=D(30)),
)


def key(*parts: tuple[KeyKind, str]) -> CostKey:
    return CostKey(tuple(KeyComponent(kind, D(p)) for kind, p in parts))


@pytest.mark.parametrize(
    ("cost_key", "total", "expected"),
    [
        pytest.param(
            CostKey.single(KeyKind.POPULATION),
            "100000.00",
            {"Erfurt": "59487.34", "Weimar": "17961.08", "Weimarer Land": "22551.58"},
            id="population-100k",
        ),
        pytest.param(
            CostKey.single(KeyKind.EQUAL),
            "100000.00",
            {"Erfurt": "33333.34", "Weimar": "33333.33", "Weimarer Land": "33333.33"},
            id="equal-100k-first-gets-cent",
        ),
        pytest.param(
            CostKey.single(KeyKind.FIXED),
            "1000.00",
            {"Erfurt": "500.00", "Weimar": "200.00", "Weimarer Land": "300.00"},
            id="fixed-percentages",
        ),
        pytest.param(
            key((KeyKind.EQUAL, "50"), (KeyKind.USAGE, "50")),
            "90000.00",
            {"Erfurt": "41896.58", "Weimar": "22241.32", "Weimarer Land": "25862.10"},
            id="half-equal-half-usage",
        ),
        pytest.param(
            CostKey.single(KeyKind.USAGE),
            "0.01",
            {"Erfurt": "0.01", "Weimar": "0.00", "Weimarer Land": "0.00"},
            id="one-cent-to-largest",
        ),
    ],
)
def test_allocate_by_key(cost_key, total, expected):
    statement = allocate(D(total), cost_key, CITIES)

    assert {s.party: str(s.amount) for s in statement.shares} == expected
    assert statement.allocated == D(total)


def test_allocate_population_statement_adds_up_to_the_cent():
    statement = allocate(
        D("100000.00"), CostKey.single(KeyKind.POPULATION), CITIES, date(2023, 12, 31)
    )

    assert statement.allocated == D("100000.00")
    assert sum(s.extra_cent for s in statement.shares) == D("0.01")
    assert statement.steps[0].total_weight == D(363_163)
    assert statement.reference_date == date(2023, 12, 31)


def test_allocate_shows_each_component_step():
    statement = allocate(D("90000.00"), key((KeyKind.EQUAL, "50"), (KeyKind.USAGE, "50")), CITIES)

    equal, usage = statement.steps
    assert (equal.amount, usage.amount) == (D("45000.00"), D("45000.00"))
    assert [line.weight for line in equal.lines] == [D(1), D(1), D(1)]
    assert usage.total_weight == D("87000.75")
    assert sum(line.exact_amount for line in usage.lines) == D("45000.00")


@pytest.mark.parametrize(
    ("cost_key", "parties", "total", "message"),
    [
        pytest.param(
            key((KeyKind.EQUAL, "50"), (KeyKind.USAGE, "40")),
            CITIES,
            "100.00",
            "The key's component shares add up to 90 %, not 100 %.",
            id="key-not-100",
        ),
        pytest.param(
            CostKey(()),
            CITIES,
            "100.00",
            "A cost-sharing key needs at least one component.",
            id="empty-key",
        ),
        pytest.param(
            key((KeyKind.EQUAL, "50"), (KeyKind.EQUAL, "50")),
            CITIES,
            "100.00",
            "The component “equal” appears more than once in the key.",
            id="repeated-component",
        ),
        pytest.param(
            key((KeyKind.EQUAL, "0"), (KeyKind.USAGE, "100")),
            CITIES,
            "100.00",
            "The share of the component “equal” must be positive.",
            id="zero-component",
        ),
        pytest.param(
            CostKey.single(KeyKind.FIXED),
            (PartyInput("A", fixed_percent=D(60)), PartyInput("B", fixed_percent=D(30))),
            "100.00",
            "The fixed percentages add up to 90 %, not 100 %.",
            id="fixed-not-100",
        ),
        pytest.param(
            CostKey.single(KeyKind.POPULATION),
            (PartyInput("A", population=5), PartyInput("B")),
            "100.00",
            "No population figure for B.",
            id="missing-population",
        ),
        pytest.param(
            CostKey.single(KeyKind.USAGE),
            (PartyInput("A", usage=D(-1)),),
            "100.00",
            "The usage of A must not be negative.",
            id="negative-usage",
        ),
        pytest.param(
            CostKey.single(KeyKind.USAGE),
            (PartyInput("A", usage=D(0)),),
            "100.00",
            "The usage figures add up to zero; nothing can be split by them.",
            id="all-zero-usage",
        ),
        pytest.param(
            CostKey.single(KeyKind.EQUAL),
            (),
            "100.00",
            "A statement needs at least one party.",
            id="no-parties",
        ),
        pytest.param(
            CostKey.single(KeyKind.EQUAL),
            (PartyInput("A"), PartyInput("A")),
            "100.00",
            "A appears more than once.",
            id="duplicate-party",
        ),
        pytest.param(
            CostKey.single(KeyKind.EQUAL),
            (PartyInput("A"),),
            "100.005",
            "The total 100.005 is not a whole number of cents.",
            id="fraction-of-cent",
        ),
    ],
)
def test_allocate_refuses_bad_input(cost_key, parties, total, message):
    with pytest.raises(RuleError) as caught:
        allocate(D(total), cost_key, parties)

    assert str(caught.value) == message


amounts = st.decimals(min_value=0, max_value=10_000_000, places=2)
populations = st.integers(min_value=0, max_value=5_000_000)
usages = st.decimals(min_value=0, max_value=1_000_000, places=3)
percents = st.integers(min_value=1, max_value=99)


@st.composite
def keys(draw):
    kinds = draw(
        st.lists(
            st.sampled_from([KeyKind.EQUAL, KeyKind.POPULATION, KeyKind.USAGE]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    if len(kinds) == 1:
        return CostKey.single(kinds[0])
    cuts = sorted(
        draw(st.lists(percents, min_size=len(kinds) - 1, max_size=len(kinds) - 1, unique=True))
    )
    bounds = [0, *cuts, 100]
    return CostKey(
        tuple(KeyComponent(k, D(bounds[i + 1] - bounds[i])) for i, k in enumerate(kinds))
    )


@st.composite
def parties(draw):
    count = draw(st.integers(1, 12))
    return tuple(
        PartyInput(f"P{i}", population=draw(populations), usage=draw(usages)) for i in range(count)
    )


def _usable(cost_key, inputs):
    for component in cost_key.components:
        if component.kind is KeyKind.POPULATION and not sum(p.population for p in inputs):
            return False
        if component.kind is KeyKind.USAGE and not sum(p.usage for p in inputs):
            return False
    return True


@given(total=amounts, cost_key=keys(), inputs=parties())
def test_allocate_sum_is_exact_and_shares_never_negative(total, cost_key, inputs):
    assume(_usable(cost_key, inputs))

    statement = allocate(total, cost_key, inputs)

    assert statement.allocated == total
    assert all(s.amount >= 0 for s in statement.shares)
    assert all(s.amount == s.amount.quantize(D("0.01")) for s in statement.shares)


@given(
    total=amounts,
    cost_key=keys(),
    inputs=parties(),
    extra_population=populations,
    extra_usage=usages,
)
def test_allocate_more_weight_never_means_a_smaller_share(
    total, cost_key, inputs, extra_population, extra_usage
):
    kinds = {c.kind for c in cost_key.components}
    assume(
        (KeyKind.POPULATION in kinds and extra_population)
        or (KeyKind.USAGE in kinds and extra_usage)
    )
    base = inputs[0]
    heavier = PartyInput(
        "Heavier", population=base.population + extra_population, usage=base.usage + extra_usage
    )
    everyone = (*inputs, heavier)
    assume(_usable(cost_key, everyone))

    statement = allocate(total, cost_key, everyone)

    assert statement.amount_for("Heavier") >= statement.amount_for(base.party)
