"""Full-text search over the events: PostgreSQL's German text vectors, SQLite's FTS5 table."""

from __future__ import annotations

import functools
import operator
import re
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from impulsregion.calendar.models import Event, Occurrence


def _words(q: str) -> list[str]:
    return [w for w in re.findall(r"\w+", q) if w][:8]


def has_words(q: str) -> bool:
    """Whether the text `q` has anything to search for (punctuation alone has not)."""
    return bool(_words(q))


def _fts_match(words: list[str]) -> str:
    return " AND ".join('"' + w + '"*' for w in words)


# how the German stemmer spells a word's start in the stored vectors (lower case, no umlauts)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


class _WordQuery(SearchQuery):
    """One search word on PostgreSQL: a word with the same German stem ("Eröffnungen" finds
    "Eröffnung") or one that begins with the word as typed ("Krämer" finds
    "Krämerbrückenfest"); a stop word is left out, as the vectors leave it out. Not the stem
    as a prefix: "Bauer" (stem "bau") would find "Bauhaus", and a name all its neighbours."""

    def __init__(self, word: str) -> None:
        super().__init__(word, config="german", search_type="raw")
        self.word = word

    def as_sql(
        self, compiler: Any, connection: Any, *args: Any, **kwargs: Any
    ) -> tuple[str, list[Any]]:  # type: ignore[override]
        # the database folds the CASE into one constant query; a word that is its own stem
        # needs only the prefix, and one term less to test is faster on every row it scans
        stem = "to_tsquery('german'::regconfig, %s)"
        simple = "to_tsquery('simple'::regconfig, %s)"
        sql = (
            f"(CASE WHEN numnode({stem}) = 0 THEN ''::tsquery "
            f"WHEN {stem} = {simple} THEN {simple} ELSE {stem} || {simple} END)"
        )
        folded = self.word.lower().translate(_FOLD)
        word, prefix = self.word, folded + ":*"
        return sql, [word, word, folded, prefix, word, prefix]


def _ts_query(words: list[str]) -> Any:
    return functools.reduce(operator.and_, [_WordQuery(w) for w in words])


def quoted_table(model: Any) -> str:
    """A model's table name as SQL (from its options, never written out by hand)."""
    return connection.ops.quote_name(model._meta.db_table)


# SQLite's FTS5 table of the events' texts (migration 0002 names it after the events' table)
FTS_TABLE = f"{Event._meta.db_table}_fts"
# the events matching an FTS5 query (SQLite)
FTS_ROWIDS = f"SELECT rowid AS pk FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"


def search_condition(q: str, field: str = "pk") -> Q:
    """A condition on the event id `field` for events matching the text `q`.

    PostgreSQL: the stored German tsvector (stemming: "Konzerte" finds "Konzert");
    SQLite: the FTS5 table with prefix matching of every word.
    """
    words = _words(q)
    if not words:
        return Q()
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__in": text_matches(q).values("pk")})
    return Q(**{f"{field}__in": RawSQL(FTS_ROWIDS, [_fts_match(words)])})


def text_query(q: str, field: str) -> Q:
    """PostgreSQL: `field` (a tsvector) matches every word of `q` as a prefix."""
    words = _words(q)
    return Q(**{field: _ts_query(words)}) if words else Q()


def text_matches(q: str) -> QuerySet[Event]:
    """PostgreSQL: the events (public or not) whose stored vector matches every word of `q`,
    unordered."""
    return Event.objects.filter(text_query(q, "search_vector")).order_by()


def text_events_sql(q: str) -> tuple[str, list[Any]]:
    """SQL selecting the ids (as "pk") of the events matching the text `q` (which has words),
    unordered, in the database's own order: the matches stream from the text index."""
    if connection.vendor == "postgresql":
        sql, params = text_matches(q).values("pk").query.sql_with_params()
        return sql, list(params)
    return FTS_ROWIDS, [_fts_match(_words(q))]


def text_filter(q: str) -> Any:
    """The text condition on a date as a filter tested per date, for a walk in start order
    that the many matching events must not drive: PostgreSQL joins the event and tests its
    stored vector, SQLite tests membership in the FTS hits with `event_id + 0` (no index)."""
    if connection.vendor == "postgresql":
        return text_query(q, "event__search_vector")
    return RawSQL(
        f'{quoted_table(Occurrence)}."event_id" + 0 IN ({FTS_ROWIDS})',
        [_fts_match(_words(q))],
        output_field=BooleanField(),
    )


def text_hits(q: str, limit: int | None) -> list[int] | None:
    """Ids of the events (public or not) matching the text `q`, at most `limit` of them
    (None: all); None for a text without words."""
    words = _words(q)
    if not words:
        return None
    if connection.vendor == "postgresql":
        ids = text_matches(q).values_list("pk", flat=True)
        return list(ids[:limit] if limit is not None else ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{FTS_ROWIDS} LIMIT %s",
            [_fts_match(words), -1 if limit is None else limit],  # SQLite: -1 is no limit
        )
        return [row[0] for row in cursor.fetchall()]
