"""Read queries compiled once per process and reused with new values.

Turning a wide queryset into SQL costs Django about a millisecond, often more than running
it; for the hot lists of the API that is most of a request. A `Prepared` query is built by
the ORM once per shape (number of ids; which values are given), remembers where its values
sit among the parameters and keeps the compiler, whose converters turn the raw rows into
Python values exactly as the ORM would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import QuerySet

_SENTINEL_BASE = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)


class Prepared:
    """`build(ids, **values)` returns a `values_list` queryset; `rows(ids, **values)` runs it.

    `values` must be date-times (the filters' instants); each is given a distinct stand-in
    when the query is compiled, and its positions among the parameters are found from that.
    """

    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        self.build = build
        self._compiled: dict[tuple[Any, ...], tuple[str, Any, list[Any]]] = {}

    def rows(self, ids: Sequence[int], **values: datetime | None) -> Iterator[tuple[Any, ...]]:
        given = tuple(sorted(name for name, value in values.items() if value is not None))
        key = (connection.alias, len(ids), given)
        if key not in self._compiled:
            absent = [name for name, value in values.items() if value is None]
            self._compiled[key] = self._compile(len(ids), given, absent)
        sql, compiler, slots = self._compiled[key]
        params = [ids[slot] if isinstance(slot, int) else _adapt(values[slot]) for slot in slots]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return compiler.results_iter(results=[rows], tuple_expected=True)  # type: ignore[no-any-return]

    def _compile(
        self, size: int, given: tuple[str, ...], absent: list[str]
    ) -> tuple[str, Any, list[Any]]:
        stand_in_ids = list(range(-1, -size - 1, -1))
        stand_ins = {name: _SENTINEL_BASE + timedelta(seconds=n) for n, name in enumerate(given)}
        queryset = self.build(stand_in_ids, **stand_ins, **dict.fromkeys(absent))
        compiler = queryset.query.get_compiler(connection.alias)
        sql, params = compiler.as_sql()
        by_value: dict[Any, Any] = {i: -i - 1 for i in stand_in_ids}
        by_value.update({_adapt(value): name for name, value in stand_ins.items()})
        slots = []
        for param in params:
            if param not in by_value:
                raise ValueError(f"a parameter of the prepared query is no value: {param!r}")
            slots.append(by_value[param])
        return sql, compiler, slots


def _adapt(value: datetime | None) -> Any:
    return connection.ops.adapt_datetimefield_value(value)
