"""Speed figures of the association's rules: cost allocation and vote evaluation.

Run: .venv/bin/python benchmarks/bench_agreements.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from decimal import Decimal

from impulsregion.agreements.domain.allocation import (
    CostKey,
    KeyComponent,
    KeyKind,
    PartyInput,
    allocate,
)
from impulsregion.agreements.domain.majority import Ballot, Choice, VoteSetting, evaluate_vote
from impulsregion.agreements.domain.statute import MajorityRule, Quorum


def _timed(label: str, repeat: int, fn: Callable[[], object]) -> float:
    fn()  # warm-up
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    per_call = (time.perf_counter() - start) / repeat
    print(f"{label}: {per_call * 1000:.2f} ms per run")
    return per_call


def bench_allocation(parties: int = 10_000) -> None:
    rng = random.Random(2004)
    inputs = [
        PartyInput(
            f"P{i}",
            population=rng.randint(100, 600_000),
            usage=Decimal(rng.randint(0, 90_000)) / 10,
        )
        for i in range(parties)
    ]
    total = Decimal("123456789.01")
    single = CostKey.single(KeyKind.POPULATION)
    combined = CostKey(
        (
            KeyComponent(KeyKind.EQUAL, Decimal(30)),
            KeyComponent(KeyKind.POPULATION, Decimal(40)),
            KeyComponent(KeyKind.USAGE, Decimal(30)),
        )
    )
    statement = allocate(total, combined, inputs)
    assert statement.allocated == total
    _timed(
        f"allocate {parties:,} parties by population", 5, lambda: allocate(total, single, inputs)
    )
    _timed(
        f"allocate {parties:,} parties, 30 % equal + 40 % population + 30 % usage",
        5,
        lambda: allocate(total, combined, inputs),
    )


def bench_votes(members: int = 40, resolutions: int = 20_000) -> None:
    names = [f"M{i}" for i in range(members)]
    setting = VoteSetting(frozenset(names), frozenset(names[: members - 3]))
    rng = random.Random(23)
    ballot_sets = [
        [Ballot(n, rng.choice(list(Choice))) for n in names[: members - 3]] for _ in range(100)
    ]
    quorum = Quorum(1, 2, more_than=True)

    def run() -> None:
        for i in range(resolutions):
            evaluate_vote(ballot_sets[i % 100], setting, MajorityRule.THREE_QUARTERS, quorum)

    per_run = _timed(f"evaluate {resolutions:,} votes of {members - 3} members", 1, run)
    print(f"vote evaluation throughput: {resolutions / per_run:,.0f} resolutions per second")


def main() -> None:
    bench_allocation()
    bench_votes()


if __name__ == "__main__":
    main()
