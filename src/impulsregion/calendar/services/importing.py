"""Imports: parse a source with a domain parser, then persist it.

Parsing and checking come first and write nothing. On PostgreSQL the import is then written
in one transaction. On the embedded database (SQLite), where a writer holds every other
writer up, it is written in batches of `BATCH_SIZE` events, one transaction each, with a
pause between them for the saves, logins and API writes of the people working meanwhile;
each batch is whole (an event is stored with its dates, categories and source record, or
not at all), events vanished from the source are withdrawn only by the last batch, and a run
that was interrupted is completed by the next run of the same source. Imports take turns
(`imports_one_at_a_time`).

Re-imports are idempotent (the content hash of each record decides "unchanged"), records
that vanished from the source are withdrawn, and a file that cannot be used changes
nothing. ThüCAT and destination.one deliver all of Thuringia, so their events are kept
only when the venue's municipality key (AGS) lies in the region. The audit log gets one entry
per run (its `ImportRun`, with the counts) and none per row.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from auditlog.context import disable_auditlog
from django.conf import settings
from django.db import connection, models, transaction

from impulsregion.calendar.domain.csv_template import parse_csv
from impulsregion.calendar.domain.destination_one import parse_destination_one
from impulsregion.calendar.domain.ical_import import parse_ics
from impulsregion.calendar.domain.limits import overlong
from impulsregion.calendar.domain.matching import content_hash
from impulsregion.calendar.domain.region import in_region, municipality_of
from impulsregion.calendar.domain.thuecat import parse_thuecat
from impulsregion.calendar.domain.types import EventData, ParseResult, UnusableSource, Window
from impulsregion.calendar.enums import Decision, PublicStatus
from impulsregion.calendar.messages import problem_message, too_long_message
from impulsregion.calendar.models import (
    Event,
    ImportRun,
    ModerationDecision,
    Occurrence,
    Publisher,
    SourceRecord,
)
from impulsregion.calendar.services.duplicates import propose_duplicates
from impulsregion.calendar.services.events import (
    APPLIED_FIELDS,
    PlaceCache,
    apply_data,
    categories_for,
    missing_for_publication,
    municipality_id,
    visible_from,
)
from impulsregion.calendar.services.municipalities import region_keys
from impulsregion.common.audit import log_record
from impulsregion.common.progress import ProgressCallback, noop_progress
from impulsregion.region.enums import OrganisationKind
from impulsregion.region.models import Organisation

FORMATS = ("ics", "thuecat", "destination-one", "csv")
REGIONAL_FORMATS = {"thuecat", "destination-one"}


class ImportRejected(Exception):
    """The whole source is unusable; `message` is one translated sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    duplicates: int = 0
    dry_run: bool = False
    # a dry run's titles and first dates per outcome ("created", "updated", "withdrawn"), at
    # most PREVIEW_LINES each; the source's category terms that map onto none of ours, with
    # the number of events that name each
    lines: dict[str, list[tuple[str, datetime | None]]] = field(default_factory=dict)
    unmapped: dict[str, int] = field(default_factory=dict)

    def line(self, outcome: str, title: str, start: datetime | None) -> None:
        listed = self.lines.setdefault(outcome, [])
        if len(listed) < PREVIEW_LINES:
            listed.append((title, start))

    def counts(self) -> dict[str, int]:
        """The outcome in numbers, in the command's column order (JSON for a job's result)."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "withdrawn": self.withdrawn,
            "rejected": len(self.rejected),
            "duplicates": self.duplicates,
        }


PREVIEW_LINES = 200


def import_window(now: datetime) -> Window:
    return Window.around(
        now,
        past_days=getattr(settings, "IMPULSREGION_CALENDAR_PAST_DAYS", 365),
        future_days=getattr(settings, "IMPULSREGION_CALENDAR_HORIZON_DAYS", 730),
    )


def parse_source(source_format: str, documents: Sequence[bytes], window: Window) -> ParseResult:
    """Run the domain parser of `source_format`; raises `ImportRejected` for unusable input."""
    parsers: dict[str, Callable[[], ParseResult]] = {
        "ics": lambda: _merge([parse_ics(d, window=window) for d in documents]),
        "thuecat": lambda: parse_thuecat(documents, window=window),
        "destination-one": lambda: _merge(
            [parse_destination_one(d, window=window) for d in documents]
        ),
        "csv": lambda: _merge([parse_csv(d, window=window) for d in documents]),
    }
    if source_format not in parsers:
        raise ImportRejected(problem_message("unknown-format", source_format))
    try:
        return parsers[source_format]()
    except UnusableSource as error:
        raise ImportRejected(problem_message(error.code, error.detail)) from error


def _merge(results: list[ParseResult]) -> ParseResult:
    return ParseResult(
        tuple(e for r in results for e in r.events), tuple(p for r in results for p in r.problems)
    )


def import_events(
    *,
    documents: Sequence[bytes],
    source_format: str,
    organisation: Organisation,
    source_key: str,
    now: datetime,
    user: Any = None,
    dry_run: bool = False,
    progress: ProgressCallback = noop_progress,
) -> ImportReport:
    """Import one source for `organisation`; see the module docstring for the rules."""
    result = parse_source(source_format, documents, import_window(now))
    report = ImportReport(dry_run=dry_run)
    report.rejected = [(p.external_id, problem_message(p.code, p.detail)) for p in result.problems]
    events = _fitting(result.events, report)
    for event in events:
        for term in event.unmapped_categories:
            report.unmapped[term] = report.unmapped.get(term, 0) + 1
    if source_format in REGIONAL_FORMATS:
        events = _in_region(events, report, fallback=organisation.ags)
    return persist_events(
        events,
        report=report,
        organisation=organisation,
        source_key=source_key,
        source_format=source_format,
        now=now,
        user=user,
        dry_run=dry_run,
        progress=progress,
    )


def persist_events(
    events: Sequence[EventData],
    *,
    organisation: Organisation,
    source_key: str,
    source_format: str,
    now: datetime,
    report: ImportReport | None = None,
    user: Any = None,
    dry_run: bool = False,
    publish: bool | None = None,
    progress: ProgressCallback = noop_progress,
) -> ImportReport:
    """Store parsed events of one source (see the module docstring for the transactions).

    `publish` None: new events are published when the organisation is trusted, else
    submitted for review; True/False forces it (demo data is published).
    """
    report = report or ImportReport(dry_run=dry_run)
    unique = list({e.external_id: e for e in events}.values())
    batches = [unique] if not _in_turns() else _batches(unique, BATCH_SIZE)
    with imports_one_at_a_time(source_key):
        run = _ImportState(
            report,
            organisation=organisation,
            source_key=source_key,
            source_format=source_format,
            now=now,
            user=user,
            publish=publish,
            total=len(unique),
            progress=progress,
        )
        for number, batch in enumerate(batches):
            if number:
                time.sleep(PAUSE_BETWEEN_BATCHES)  # waiting writers take their turn
            last = number == len(batches) - 1
            with transaction.atomic():
                with disable_auditlog():  # no entry per row: one for the whole run
                    run.write(batch, last=last)
                if dry_run:
                    transaction.set_rollback(True)
                elif last and run.stored is not None:
                    log_record(run.stored, actor=user, extra={"duplicates": report.duplicates})
    return report


# The embedded database (SQLite) has one writer at a time, and a waiting writer asks again
# every 100 ms at the latest: an import there writes this many events per transaction and
# then pauses a little longer, so saves, logins and API writes get in between (a batch takes
# about half a second). PostgreSQL writes the whole import in one transaction.
BATCH_SIZE = 500
PAUSE_BETWEEN_BATCHES = 0.12


def _in_turns() -> bool:
    """SQLite outside an enclosing transaction (inside one, a test's or a caller's, the
    import is part of that transaction)."""
    return connection.vendor == "sqlite" and not connection.in_atomic_block


def _batches(events: list[EventData], size: int) -> list[list[EventData]]:
    return [events[i : i + size] for i in range(0, len(events), size)] or [[]]


@contextmanager
def imports_one_at_a_time(source_key: str) -> Iterator[None]:
    """Imports take turns: on SQLite all of them (one writer anyway), through a file lock
    beside the database that a second import waits for; on PostgreSQL those of the same
    source, through an advisory lock (two runs of one feed would both create its new
    events)."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [source_key])
            yield
        return
    name = str(connection.settings_dict["NAME"])
    if connection.in_atomic_block or name in {"", ":memory:"} or "mode=memory" in name:
        yield
        return
    with Path(f"{name}.imports.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class _ImportState:
    """One run of `persist_events`: what it knew of the source when it began, and the counts
    so far; `write` stores one batch, and the last batch also withdraws what vanished."""

    def __init__(
        self,
        report: ImportReport,
        *,
        organisation: Organisation,
        source_key: str,
        source_format: str,
        now: datetime,
        user: Any,
        publish: bool | None,
        total: int,
        progress: ProgressCallback,
    ) -> None:
        self.report = report
        self.organisation, self.source_key, self.source_format = (
            organisation,
            source_key,
            source_format,
        )
        self.now, self.user, self.total, self.progress = now, user, total, progress
        self.records = {
            r.external_id: r
            for r in SourceRecord.objects.filter(source_key=source_key).only(
                "pk", "external_id", "content_hash", "withdrawn_at", "event_id"
            )
        }
        self.trusted = (
            Publisher.objects.filter(organisation=organisation, is_trusted=True).exists()
            if publish is None
            else publish
        )
        self.places = PlaceCache(area=_area(organisation))
        self.seen: set[str] = set()
        self.done = 0
        self.stored: ImportRun | None = None
        self.touched: list[int] = []  # ids of the events created or changed so far

    def write(self, events: list[EventData], *, last: bool) -> None:
        new: list[tuple[EventData, str]] = []
        unchanged_ids: list[int] = []
        changed: list[tuple[SourceRecord, EventData, str]] = []
        for data in events:
            digest = content_hash(data)
            record = self.records.get(data.external_id)
            if record is None:
                new.append((data, digest))
            elif record.content_hash == digest and record.withdrawn_at is None:
                unchanged_ids.append(record.pk)
            else:
                changed.append((record, data, digest))
            self.done += 1
            if self.done % 200 == 0:
                self.progress(self.done, self.total)
        changed_ids = _update(changed, places=self.places, source_key=self.source_key, now=self.now)
        if self.report.dry_run:
            for data, _digest in new:
                self.report.line("created", data.title_de, _first_start(data))
            for _record, data, _digest in changed:
                self.report.line("updated", data.title_de, _first_start(data))
        created = _create(
            new,
            places=self.places,
            organisation=self.organisation,
            source_key=self.source_key,
            source_format=self.source_format,
            trusted=self.trusted,
            now=self.now,
            user=self.user,
        )
        SourceRecord.objects.filter(pk__in=unchanged_ids).update(last_seen=self.now)
        self.seen.update(e.external_id for e in events)
        self.report.created += len(new)
        self.report.updated += len(changed_ids)
        self.report.unchanged += len(unchanged_ids)
        self.touched += created + changed_ids
        if self.report.dry_run:  # its batches are undone: each looks for its own duplicates
            self.report.duplicates += propose_duplicates(self.touched)
            self.touched = []
        if last:
            self._finish()

    def _finish(self) -> None:
        self.report.duplicates += propose_duplicates(self.touched)
        vanished = [r for k, r in self.records.items() if k not in self.seen]
        if self.report.dry_run:
            _list_withdrawn(vanished, self.report)
        self.report.withdrawn = _withdraw(vanished, now=self.now)
        self.progress(self.total, self.total)
        if self.report.dry_run:
            return
        self.stored = ImportRun.objects.create(
            source_key=self.source_key,
            source_format=self.source_format,
            organisation=self.organisation,
            user=self.user if getattr(self.user, "pk", None) else None,
            started_at=self.now,
            created=self.report.created,
            updated=self.report.updated,
            unchanged=self.report.unchanged,
            withdrawn=self.report.withdrawn,
            rejected=len(self.report.rejected),
            problems=[{"id": i, "message": m} for i, m in self.report.rejected][:500],
        )


def _first_start(data: EventData) -> datetime | None:
    return min((span.start for span in data.spans), default=None)


def _list_withdrawn(records: list[SourceRecord], report: ImportReport) -> None:
    """The events a dry run would withdraw, by title and first date."""
    ids = [r.event_id for r in records if r.withdrawn_at is None][:PREVIEW_LINES]
    rows = (
        Event.objects.filter(pk__in=ids)
        .annotate(first=models.Min("occurrences__start"))
        .order_by("first", "pk")
        .values_list("title_de", "first")
    )
    for title, first in rows:
        report.line("withdrawn", title, first)


def _area(organisation: Organisation) -> str:
    """The municipality keys of the member's own area: a city's key, a district's first five
    digits (none for a member that is no municipality)."""
    if organisation.kind == OrganisationKind.LANDKREIS:
        return organisation.ags[:5]
    return organisation.ags


def _fitting(events: Sequence[EventData], report: ImportReport) -> list[EventData]:
    """The events whose texts fit their columns; the others are rejected with the reason
    (checked here for every importer, so both databases treat them alike)."""
    kept = []
    for event in events:
        problem = overlong(event)
        if problem is None:
            kept.append(event)
        else:
            message = too_long_message(problem.field, problem.length, problem.limit)
            report.rejected.append((event.external_id, message))
    return kept


def _in_region(
    events: Sequence[EventData], report: ImportReport, *, fallback: str
) -> list[EventData]:
    """Keep events whose venue lies in the region; events without a usable venue address
    count as the importing member's own municipality when it has one."""
    keys = region_keys()
    kept = []
    for event in events:
        municipality = municipality_of(event.place)
        if municipality.problem in ("no-place", "no-postal-code") and fallback:
            kept.append(event)
        elif municipality.problem:
            report.rejected.append(
                (event.external_id, problem_message(municipality.problem, municipality.detail))
            )
        elif not in_region(municipality.ags, keys):
            report.rejected.append(
                (event.external_id, problem_message("outside-region", municipality.ags))
            )
        else:
            kept.append(event)
    return kept


# what an update writes on an event: the fields `apply_data` copies from a source, and the
# import's own bookkeeping
UPDATED_FIELDS = [
    *APPLIED_FIELDS,
    "field_sources",
    "place",
    "content_hash",
    "sequence",
    "withdrawn_at",
    "public_from",
    "updated_at",
]


def _update(
    changed: list[tuple[SourceRecord, EventData, str]],
    *,
    places: PlaceCache,
    source_key: str,
    now: datetime,
) -> list[int]:
    """Store the changed events of a batch, all at once: the events in bulk, their
    categories and dates replaced, their source records marked seen; their ids. (One event at
    a time took five seconds for 2,000 events; see benchmarks/bench_subscriptions.py.)"""
    if not changed:
        return []
    ids = [record.event_id for record, _data, _digest in changed]
    events = Event.objects.select_related("organisation", "place").in_bulk(ids)
    for record, data, digest in changed:
        event = events[record.event_id]
        apply_data(event, data, source=source_key)
        event.place = places.get(data.place) or event.place
        event.content_hash = digest
        event.sequence += 1
        event.withdrawn_at = None
        event.public_from = visible_from(event, now)
        event.updated_at = now
        record.content_hash, record.last_seen, record.withdrawn_at = digest, now, None
    _update_rows(Event, list(events.values()), UPDATED_FIELDS)
    through = Event.categories.through
    through.objects.filter(event_id__in=ids)._raw_delete(connection.alias)
    slugs = {
        c.slug: c.pk for c in categories_for({s for _r, d, _h in changed for s in d.categories})
    }
    _insert(
        through._meta.db_table,
        ["event_id", "category_id"],
        [(r.event_id, slugs[s]) for r, d, _h in changed for s in d.categories if s in slugs],
    )
    Occurrence.objects.filter(event_id__in=ids)._raw_delete(connection.alias)
    _insert_occurrences([(events[r.event_id], d) for r, d, _h in changed])
    _update_rows(
        SourceRecord,
        [record for record, _data, _digest in changed],
        ["content_hash", "last_seen", "withdrawn_at"],
    )
    return ids


def _update_rows(model: type[models.Model], objects: list[Any], names: list[str]) -> None:
    """Write the fields `names` of `objects` (rows of `model`) in a few statements: PostgreSQL
    copies the values into a temporary table and updates from it; SQLite updates from a
    list of values. (Django's bulk_update builds a CASE per field and row: a minute for 2,000
    events.)"""
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in names]
    values = [_stored_value(f) for f in fields]  # type: ignore[arg-type]
    rows = [[obj.pk, *(value(obj) for value in values)] for obj in objects]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(f.column) for f in fields]  # type: ignore[union-attr]
    assignments = ", ".join(f"{c} = v.{c}" for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names_sql = ", ".join(columns)
            cursor.execute("DROP TABLE IF EXISTS import_update_rows")
            cursor.execute(
                f"CREATE TEMPORARY TABLE import_update_rows AS SELECT id, {names_sql} "
                f"FROM {table} WITH NO DATA"
            )
            with cursor.cursor.copy(
                f"COPY import_update_rows (id, {names_sql}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM import_update_rows v WHERE {table}.id = v.id"
            )
            cursor.execute("DROP TABLE import_update_rows")
            return
        width = len(columns) + 1
        head = f"WITH v(id, {', '.join(columns)}) AS (VALUES "
        tail = f") UPDATE {table} SET {assignments} FROM v WHERE {table}.id = v.id"
        row_sql = "(" + ", ".join(["%s"] * width) + ")"
        chunk = max(1, 30_000 // width)  # SQLite binds at most 32,766 parameters a statement
        for offset in range(0, len(rows), chunk):
            part = rows[offset : offset + chunk]
            cursor.execute(
                head + ", ".join([row_sql] * len(part)) + tail, [v for row in part for v in row]
            )


def _insert_occurrences(pairs: list[tuple[Event, EventData]]) -> None:
    """The dates of stored events, as their data gives them, with the event's visibility."""
    adapt = _adapt_datetime()
    _insert(
        Occurrence._meta.db_table,
        ["event_id", "start", "end", "all_day", "public_from", "municipality_id"],
        [
            (pk, adapt(s.start), adapt(s.end) if s.end else None, s.all_day, public_from, muni)
            for pk, public_from, muni, spans in (
                (e.pk, _dt(e.public_from), municipality_id(e), d.spans) for e, d in pairs
            )
            for s in spans
        ],
    )


def _create(
    new: list[tuple[EventData, str]],
    *,
    places: PlaceCache,
    organisation: Organisation,
    source_key: str,
    source_format: str,
    trusted: bool,
    now: datetime,
    user: Any,
) -> list[int]:
    """Store new events with their dates, categories and source records; their ids.

    A trusted member's events are published at once when they may be (a date and a venue,
    `missing_for_publication`); the others wait for the office like everyone's."""
    if not new:
        return []
    objects = []
    for data, digest in new:
        place = places.get(data.place)
        publish = trusted and not missing_for_publication(
            has_dates=bool(data.spans), has_place=place is not None, is_online=False, url=""
        )
        event = Event(
            organisation=organisation,
            public_status=PublicStatus.PUBLISHED if publish else PublicStatus.SUBMITTED,
            public_from=now if publish else None,
            source_format=source_format,
            content_hash=digest,
            place=place,
            created_by=user if getattr(user, "pk", None) else None,
        )
        apply_data(event, data, source=source_key)
        objects.append(event)
    _insert_events(objects)
    slugs = {c.slug: c.pk for c in categories_for({s for d, _ in new for s in d.categories})}
    pairs = list(zip(objects, new, strict=True))
    _insert(
        Event.categories.through._meta.db_table,
        ["event_id", "category_id"],
        [(e.pk, slugs[s]) for e, (d, _) in pairs for s in d.categories if s in slugs],
    )
    _insert_occurrences([(e, d) for e, (d, _) in pairs])
    _insert(
        SourceRecord._meta.db_table,
        [
            "source_key",
            "source_format",
            "external_id",
            "event_id",
            "content_hash",
            "first_seen",
            "last_seen",
        ],
        [
            (source_key, source_format, d.external_id, e.pk, digest, _dt(now), _dt(now))
            for e, (d, digest) in pairs
        ],
    )
    return [e.pk for e in objects]


# Columns whose Python value the database drivers take as it is (str, bool, int, None):
# sent without the field's preparation, which costs more than the rest of a row.
_AS_IS = (models.CharField, models.TextField, models.BooleanField, models.IntegerField)


def _column_value(field: models.Field) -> Callable[[Any], Any]:
    """How an event's value of `field` is sent: the attribute itself where the driver takes
    it unchanged (plain columns and foreign-key ids), else through the field (dates,
    decimals, JSON, auto_now)."""
    plain = isinstance(field, _AS_IS) or (
        isinstance(field, models.ForeignKey) and isinstance(field.target_field, _AS_IS)
    )
    if plain:
        return attrgetter(field.attname)
    return lambda event: field.get_db_prep_save(field.pre_save(event, True), connection)


def _stored_value(field: models.Field) -> Callable[[Any], Any]:
    """`_column_value` for a row that exists: date-times as they are (no auto_now)."""
    if not isinstance(field, models.DateTimeField):
        return _column_value(field)
    adapt = _adapt_datetime()
    return lambda obj: _nullable(adapt, getattr(obj, field.attname))


def _nullable(convert: Callable[[Any], Any], value: Any) -> Any:
    return None if value is None else convert(value)


def _insert_events(objects: list[Event]) -> None:
    """Store new events and give them their ids. PostgreSQL: ids drawn from the sequence,
    rows sent with COPY (binding tens of thousands of parameters in multi-row INSERTs costs
    far more there); SQLite: multi-row INSERTs returning the ids, as bulk_create does. Both
    skip bulk_create's preparation of every value through its field, the most of an
    import's time."""
    if not objects:
        return
    for event in objects:
        event._prepare_related_fields_for_save(operation_name="bulk_create")
    table = connection.ops.quote_name(Event._meta.db_table)
    fields = [f for f in Event._meta.concrete_fields if f.column not in ("id", "search_vector")]
    values = [_column_value(f) for f in fields]
    rows = [[value(event) for value in values] for event in objects]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Event._meta.db_table, len(objects)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
            with cursor.cursor.copy(f"COPY {table} (id, {columns}) FROM STDIN") as copy:
                for pk, row in zip(ids, rows, strict=True):
                    copy.write_row([pk, *row])
        else:
            ids = _insert_returning_ids(cursor, f"INSERT INTO {table} ({columns}) VALUES ", rows)
    for event, pk in zip(objects, ids, strict=True):
        event.pk = pk
        event._state.adding = False
        event._state.db = connection.alias


def _insert_returning_ids(cursor: Any, head: str, rows: list[list[Any]]) -> list[int]:
    """Multi-row INSERTs of `rows` (SQLite), the new ids in the order of the rows."""
    width = len(rows[0])
    chunk = max(1, 30_000 // width)  # SQLite binds at most 32,766 parameters a statement
    ids: list[int] = []
    for offset in range(0, len(rows), chunk):
        part = rows[offset : offset + chunk]
        row_sql = "(" + ", ".join(["%s"] * width) + ")"
        cursor.execute(
            head + ", ".join([row_sql] * len(part)) + ' RETURNING "id"',
            [v for row in part for v in row],
        )
        ids += [pk for (pk,) in cursor.fetchall()]
    return ids


def _dt(value: datetime | None) -> Any:
    return _adapt_datetime()(value) if value is not None else None


def _adapt_datetime() -> Callable[[datetime], Any]:
    """The backend's conversion of a date-time (a PostgreSQL driver takes it as it is; every
    look-up through `connection` costs a thread-local access, once per value otherwise)."""
    if connection.vendor == "postgresql":
        return lambda value: value
    return connection.ops.adapt_datetimefield_value


def _insert(table: str, columns: list[str], rows: list[tuple[Any, ...]], chunk: int = 500) -> None:
    """Plain multi-row INSERTs (PostgreSQL: COPY) for the simple tables of an import
    (Django's bulk_create prepares every value through its field and costs several times as
    much)."""
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            names = ", ".join(quote(c) for c in columns)
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    head = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), chunk):
            part = rows[offset : offset + chunk]
            cursor.execute(
                head + ", ".join([row_sql] * len(part)), [v for row in part for v in row]
            )


def _withdraw(records: list[SourceRecord], *, now: datetime) -> int:
    """Withdraw events whose record vanished from the source (not already withdrawn)."""
    vanished = [r for r in records if r.withdrawn_at is None]
    if not vanished:
        return 0
    ids = [r.event_id for r in vanished]
    SourceRecord.objects.filter(pk__in=[r.pk for r in vanished]).update(withdrawn_at=now)
    Event.objects.filter(pk__in=ids).update(withdrawn_at=now, public_from=None, updated_at=now)
    Occurrence.objects.filter(event_id__in=ids).update(public_from=None)
    ModerationDecision.objects.bulk_create(
        [
            ModerationDecision(
                event_id=i, action=Decision.WITHDRAWN, reason="vanished from the source"
            )
            for i in ids
        ]
    )
    return len(vanished)


def default_source_key(source_format: str, organisation: Organisation, source: str) -> str:
    name = source.rstrip("/").rsplit("/", 1)[-1] if "://" not in source else source
    return f"{source_format}:{organisation.slug}:{name}"[:300]
