"""Sending a payload's record through one channel: an importer, or the write API.

Each payload's record goes with a plain companion record: one source per payload (or two
posts to the write API). What became of them is an `Outcome`: an exception other than
`ImportRejected` is kept (with its traceback) for the payload's test to report, not raised.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import signal
import string
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import translation

from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.models import Event
from impulsregion.calendar.services.importing import ImportRejected, import_events
from tests.calendar.hostile import sources
from tests.calendar.hostile.corpus import NAMES, Payload
from tests.factories.calendar import hall, organisation

# CPU seconds an import may take: a rule that never finds a date is given up in well under a
# second (dateutil alone searched up to the year 9999: 3 to 7 s); CPU time, as other
# processes on the machine make the wall clock's time vary
IMPORT_SECONDS = 2
_SOON = dt.datetime.now(tz=BERLIN) + dt.timedelta(days=20)
START = (_SOON + dt.timedelta(days=(2 - _SOON.weekday()) % 7)).replace(  # a Wednesday
    hour=19, minute=30, second=0, microsecond=0
)


def _marker(number: int) -> str:
    """A word the search finds in one record only: "Probe" and two letters."""
    letters = string.ascii_lowercase
    return "Probe" + letters[number // 26] + letters[number % 26]


MARKERS = {name: _marker(number) for number, name in enumerate(NAMES)}


@dataclass
class Outcome:
    """What became of one payload's source (or its two posts to the write API)."""

    seconds: float = 0.0
    error: str = ""  # an exception other than ImportRejected, with its traceback
    refused: str = ""  # ImportRejected's message: the whole source was refused
    rejected: dict[str, str] = field(default_factory=dict)  # refused record → reason
    created: int = 0
    status: int = 0  # the write API's answer to the hostile record
    detail: list[dict[str, Any]] = field(default_factory=list)
    event: int | None = None  # the hostile event, when it was kept
    title: str = ""  # its title as stored


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _within(seconds: int) -> Iterator[None]:
    """Interrupt the block (instead of hanging) when it takes longer than `seconds` of CPU
    time (and some more: the timer counts the process's time)."""

    def stop(signum: int, frame: Any) -> None:
        raise _TooSlow(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds * 2)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def records(channel: str, payload: Payload) -> list[sources.Record]:
    marker = MARKERS[payload.name]
    return [
        sources.record(payload, channel, marker=marker, start=START),
        sources.companion(START, uid=f"companion-{marker.lower()}"),
    ]


def _import(channel: str, payload: Payload, jena: Any) -> Outcome:
    outcome = Outcome()
    began = time.process_time()
    try:
        with transaction.atomic(), _within(IMPORT_SECONDS):
            report = import_events(
                documents=[sources.document(channel, records(channel, payload))],
                source_format=channel,
                organisation=jena,
                source_key=f"hostile:{payload.name}",
                now=dt.datetime.now(tz=dt.UTC),
            )
        outcome.rejected, outcome.created = dict(report.rejected), report.created
    except ImportRejected as rejection:
        outcome.refused = rejection.message
    except Exception:  # any other exception is the finding, kept for its test
        outcome.error = traceback.format_exc()
    outcome.seconds = time.process_time() - began
    return outcome


def _post(client: Client, key: str, record: sources.Record) -> Any:
    body = {"place_id": hall(organisation("jena")).pk, **sources.api_body(record)}
    with transaction.atomic():
        return client.post(
            "/api/v1/events?submit=true",
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )


def _write_api(payload: Payload, client: Client, key: str) -> Outcome:
    outcome = Outcome()
    hostile, companion = records("api", payload)
    try:
        answer = _post(client, key, hostile)
        outcome.status = answer.status_code
        outcome.detail = answer.json().get("detail", []) if answer.status_code >= 400 else []
        outcome.created = int(answer.status_code == 201)
        outcome.created += int(_post(client, key, companion).status_code == 201)
    except Exception:  # a server error is the finding, kept for its test
        outcome.error = traceback.format_exc()
    return outcome


@dataclass
class Loaded:
    """A channel's outcomes by payload name, and what a test needs to add one more."""

    channel: str
    jena: Any
    key: str = ""  # the write API's token
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def load(self, payload: Payload) -> Outcome:
        """Send `payload` through the channel; its event is found by its marker."""
        with translation.override("de"):
            if self.channel == "api":
                client = Client(raise_request_exception=True)
                outcome = _write_api(payload, client, self.key)
            else:
                outcome = _import(self.channel, payload, self.jena)
        marker = MARKERS[payload.name]
        found = [
            (pk, title)
            for pk, title in Event.objects.filter(title_de__contains=marker).values_list(
                "pk", "title_de"
            )
            if marker in title.split()
        ]
        if len(found) == 1:
            outcome.event, outcome.title = found[0]
            Event.objects.filter(pk=outcome.event).update(is_major_event=True)  # planning CSV
        return outcome
