"""Prepared read queries: compiled once per shape, they return what the ORM returns."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from impulsregion.calendar.reads.prepared import Prepared

pytestmark = pytest.mark.integration

JOINED = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def _users(ids: list[int], since: dt.datetime | None) -> object:
    users = User.objects.filter(pk__in=ids)
    if since is not None:
        users = users.filter(date_joined__gte=since)
    return users.order_by("pk").values_list("username", "date_joined", "is_staff")


def test_a_prepared_query_answers_like_the_orm_for_new_ids_and_values(db) -> None:
    made = [
        User.objects.create(username=f"u{n}", date_joined=JOINED + dt.timedelta(days=n))
        for n in range(6)
    ]
    query = Prepared(_users)
    first, later = [u.pk for u in made[:3]], [u.pk for u in made[3:]]
    since = JOINED + dt.timedelta(days=4)

    answers = [
        list(query.rows(first, since=None)),
        list(query.rows(later, since=None)),  # same shape: the compiled SQL is reused
        list(query.rows(later, since=since)),
    ]

    assert answers == [
        list(_users(first, None)),  # type: ignore[call-overload]
        list(_users(later, None)),  # type: ignore[call-overload]
        list(_users(later, since)),  # type: ignore[call-overload]
    ]
    assert answers[2] == [("u4", since, False), ("u5", since + dt.timedelta(days=1), False)]


def test_a_query_with_a_constant_that_is_no_value_is_refused(db) -> None:
    query = Prepared(
        lambda ids: User.objects.filter(pk__in=ids, username="fixed").values_list("pk")
    )

    with pytest.raises(ValueError, match="no value"):
        list(query.rows([1]))
