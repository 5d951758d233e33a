"""One record spec, written in each import format and as a body of the write API.

`record(payload, …)` puts the payload into its field (or into the title, for a channel that has
no such field: `FIELDS`); `document(channel, records)` writes the records as that format writes
them, escaping what the format escapes and nothing more (a value that cannot be escaped in a
format, like a bare CR in an iCalendar line, is written as it is).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from impulsregion.calendar.domain.types import BERLIN
from tests.calendar.hostile.corpus import Payload

# the fields each channel has; a payload for another field rides in the title
DATES = {"start", "start-with-end", "end"}
FIELDS = {
    "ics": {"title", "description", "url", "organiser", "venue", "geo", "rule", "uid"} | DATES,
    "csv": {
        *("title", "description", "url", "ticket_url", "organiser", "venue", "price", "uid"),
        *("postal_code", *DATES),
    },
    "thuecat": {
        *("title", "description", "url", "ticket_url", "organiser", "venue", "price", "geo"),
        *("image", "licence", "postal_code", "rule", "uid"),
        *DATES,
    },
    "api": {"title", "description", "url", "ticket_url", "organiser", "price"} | DATES,
}
FIELDS["destination-one"] = FIELDS["thuecat"]
# ics has no ticket or image link of its own: those go into its URL
LINK_FIELDS = {
    "ics": {"ticket_url": "url", "image": "url"},
    "csv": {"image": "url"},
    "api": {"image": "url"},
}


@dataclass(frozen=True)
class Record:
    uid: str
    title: str
    start: str  # "YYYY-MM-DD HH:MM" (wall-clock, Europe/Berlin) or "YYYY-MM-DD" (a whole day)
    end: str = ""
    description: str = ""
    url: str = ""
    ticket_url: str = ""
    organiser: str = ""
    venue: str = "Volkshaus"
    street: str = "Carl-Zeiß-Platz 15"
    postal_code: str = "07743"
    town: str = "Jena"
    price: Any = ""
    geo: str = "50.9271;11.5836"
    image: str = ""
    licence: str = ""  # of the image
    rule: str = ""
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def whole_days(self) -> bool:
        return len(self.start) == 10


def wall(moment: datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")


def target(channel: str, name: str) -> str:
    """The field of `channel` that carries a payload for the field `name`."""
    mapped = LINK_FIELDS.get(channel, {}).get(name, name)
    return mapped if mapped in FIELDS[channel] else "title"


def record(payload: Payload, channel: str, *, marker: str, start: datetime) -> Record:
    """The hostile record of `payload` for `channel`: its title holds `marker`."""
    base = Record(
        uid=f"hostile-{marker.lower()}",
        title=marker,
        start=wall(start),
        end=wall(start + timedelta(hours=2)),
    )
    name = target(channel, payload.field)
    if name == "title":
        parts = [payload.value, marker] if payload.leading else [marker, payload.value]
        return replace(base, title=" ".join(parts))
    if name == "end" and len(payload.value) == 10:  # whole days up to that one
        return replace(base, start=base.start[:10], end=payload.value)
    if name == "start":
        return replace(base, start=payload.value, end="")
    if name == "start-with-end":
        return replace(base, start=payload.value)
    raw = payload.raw.get(channel)
    changes: dict[str, Any] = {name: payload.value}
    if raw is not None:
        changes["raw"] = raw if isinstance(raw, dict) else {name: raw}
        if name != "rule" and not isinstance(raw, dict):
            changes[name] = raw
    return replace(base, **changes)


COMPANION_TITLE = "Begleitkonzert Ruhig"


def companion(start: datetime, *, uid: str) -> Record:
    """A plain record beside the hostile one: it must arrive whatever happens to the other."""
    moment = start + timedelta(days=1)
    return Record(
        uid=uid,
        title=COMPANION_TITLE,
        start=wall(moment),
        end=wall(moment + timedelta(hours=2)),
        description="<p>Ein ruhiger Abend.</p>",
        url="https://begleitung.example/konzert",
    )


# --- iCalendar ---------------------------------------------------------------------------


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping; a bare CR has no escape and stays."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _uri(value: str) -> str:
    """A URI value has no escaping; line breaks are written as feeds write them, `\\n`."""
    return value.replace("\r\n", "\\n").replace("\n", "\\n")


def _param(value: str) -> str:
    """A parameter value (RFC 6868: ^^, ^n, ^'), quoted when it holds ; : or ,."""
    value = value.replace("^", "^^").replace("\r\n", "^n").replace("\n", "^n").replace('"', "^'")
    return f'"{value}"' if any(c in value for c in ";:,") else value


def _ics_moment(value: str) -> str:
    if len(value) == 10:
        return ";VALUE=DATE:" + value.replace("-", "")
    day, time = value.split(" ")
    return ";TZID=Europe/Berlin:" + day.replace("-", "") + "T" + time.replace(":", "") + "00"


def _vevent(r: Record) -> list[str]:
    lines = ["BEGIN:VEVENT", "UID:" + _text(r.uid), "DTSTAMP:20261201T100000Z"]
    lines.append("DTSTART" + _ics_moment(r.start))
    if r.end:
        lines.append("DTEND" + _ics_moment(r.end))
    if r.rule:
        lines.append("RRULE:" + r.rule)
    if r.description:
        lines.append("DESCRIPTION:" + _text(r.description))
    if r.url:
        lines.append("URL:" + _uri(r.url))
    if r.organiser:
        lines.append(f"ORGANIZER;CN={_param(r.organiser)}:mailto:info@kultur.example")
    if r.venue:
        lines.append("LOCATION:" + _text(r.venue))
    if r.geo:
        lines.append("GEO:" + r.geo)
    lines.append("SUMMARY:" + _text(r.title))  # last: a forged line break would end the event
    lines.append("END:VEVENT")
    return lines


def ics(records: list[Record]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hostile corpus//DE"]
    for r in records:
        lines += _vevent(r)
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


# --- CSV template ----------------------------------------------------------------------------

CSV_COLUMNS = [
    "id",
    "title_de",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "venue",
    "street",
    "postal_code",
    "town",
    "price",
    "ticket_url",
    "url",
    "organiser",
    "description_de",
]


def _german(value: str) -> tuple[str, str]:
    day = value[:10]
    return f"{day[8:10]}.{day[5:7]}.{day[:4]}", value[11:]


def csv_template(records: list[Record]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        start_date, start_time = _german(r.start)
        end_date, end_time = _german(r.end) if r.end else ("", "")
        cells = [r.uid, r.title, start_date, start_time, end_date, end_time, r.venue, r.street]
        writer.writerow(
            [
                *cells,
                r.postal_code,
                r.town,
                r.price,
                r.ticket_url,
                r.url,
                r.organiser,
                r.description,
            ]
        )
    return out.getvalue().encode()


# --- ThüCAT JSON-LD -----------------------------------------------------------------------


def _de(value: str) -> dict[str, str]:
    return {"@language": "de", "@value": value}


def _iso(value: str) -> str:
    """An ISO date, or date-time with the Berlin offset of that wall-clock time."""
    if len(value) == 10:
        return value
    try:
        moment = datetime.fromisoformat(value).replace(tzinfo=BERLIN)
        return moment.isoformat()
    except (ValueError, OverflowError):
        return value.replace(" ", "T") + ":00+01:00"


def _thuecat_event(r: Record) -> list[dict[str, Any]]:
    place_id = f"https://thuecat.org/resources/p_{r.uid}"
    schedule: dict[str, Any] = {"schema:startDate": _iso(r.start)}
    if r.end:
        schedule["schema:endDate"] = _iso(r.end)
    if "repeatFrequency" in r.raw:
        schedule = {
            "@type": "schema:Schedule",
            "schema:startDate": r.start[:10],
            "schema:startTime": r.start[11:] + ":00",
            "schema:endTime": (r.end or r.start)[11:] + ":00",
            "schema:scheduleTimezone": "Europe/Berlin",
            **{f"schema:{k}": v for k, v in r.raw.items()},
        }
    event: dict[str, Any] = {
        "@id": f"https://thuecat.org/resources/{r.uid}",
        "@type": ["schema:Event", "thuecat:CultureEvent"],
        "schema:name": _de(r.title),
        "schema:location": {"@id": place_id},
        "schema:url": r.url,
    }
    event.update(
        schedule if "repeatFrequency" not in r.raw else {"schema:eventSchedule": [schedule]}
    )
    if r.description:
        event["schema:description"] = [
            {"@type": ["thuecat:Html"], "schema:value": _de(r.description)}
        ]
    if r.organiser:
        event["schema:organizer"] = {
            "@type": "schema:Organization",
            "schema:name": _de(r.organiser),
        }
    if r.ticket_url or r.price != "":
        event["schema:offers"] = {
            "@type": "schema:Offer",
            "schema:url": r.ticket_url,
            "schema:priceSpecification": {"schema:price": r.price, "schema:priceCurrency": "EUR"},
        }
    if r.image or r.licence:
        event["schema:image"] = {
            "@type": "schema:ImageObject",
            "schema:contentUrl": r.image or "https://bilder.example/konzert.jpg",
            "schema:license": r.licence,
        }
    latitude, _, longitude = r.geo.partition(";")
    place = {
        "@id": place_id,
        "@type": ["schema:Place"],
        "schema:name": _de(r.venue),
        "schema:address": {
            "@type": "schema:PostalAddress",
            "schema:streetAddress": _de(r.street),
            "schema:postalCode": _de(r.postal_code),
            "schema:addressLocality": _de(r.town),
        },
        "schema:geo": {"schema:latitude": latitude, "schema:longitude": longitude},
    }
    return [event, place]


def thuecat(records: list[Record]) -> bytes:
    graph = [node for r in records for node in _thuecat_event(r)]
    return json.dumps({"@context": {"schema": "http://schema.org/"}, "@graph": graph}).encode()


# --- destination.one ----------------------------------------------------------------------


def _interval(r: Record) -> dict[str, Any]:
    interval: dict[str, Any] = {"start": _iso(r.start), "tz": "Europe/Berlin", "interval": 1}
    if r.end:
        interval["end"] = _iso(r.end)
    if "freq" in r.raw:
        interval.update(r.raw)
    return interval


def _d1_item(r: Record, number: int) -> dict[str, Any]:
    latitude, _, longitude = r.geo.partition(";")
    texts = [{"rel": "details", "type": "text/html", "value": r.description}]
    if r.price != "":
        texts.append({"rel": "PRICE_INFO", "type": "text/plain", "value": str(r.price)})
    media = [{"rel": "booking", "url": r.ticket_url}] if r.ticket_url else []
    if r.image or r.licence:
        url = r.image or "https://bilder.example/konzert.jpg"
        media.append({"rel": "default", "url": url, "type": "image/jpeg", "license": r.licence})
    return {
        "global_id": r.uid,
        "id": number,
        "title": r.title,
        "type": "Event",
        "texts": texts,
        "name": r.venue,
        "street": r.street,
        "zip": r.postal_code,
        "city": r.town,
        "web": r.url,
        "geo": {"main": {"latitude": _number(latitude), "longitude": _number(longitude)}},
        "media_objects": media,
        "addresses": [{"rel": "organizer", "name": r.organiser}] if r.organiser else [],
        "timeIntervals": [_interval(r)],
    }


def _number(value: str) -> float | str:
    try:
        return float(value)
    except ValueError:
        return value


def destination_one(records: list[Record]) -> bytes:
    items = [_d1_item(r, n) for n, r in enumerate(records, start=1)]
    return json.dumps({"status": "OK", "count": len(items), "items": items}).encode()


WRITERS = {
    "ics": ics,
    "csv": csv_template,
    "thuecat": thuecat,
    "destination-one": destination_one,
}


def document(channel: str, records: list[Record]) -> bytes:
    return WRITERS[channel](records)


# --- write API --------------------------------------------------------------------------------


def _api_moment(value: str) -> str:
    if len(value) == 10:
        value += " 00:00"
    day, time = value.split(" ")
    return f"{day}T{time}:00+01:00"


def api_body(r: Record) -> dict[str, Any]:
    """The record as a body of POST /api/v1/events (its description also as the teaser)."""
    occurrence: dict[str, Any] = {"start": _api_moment(r.start)}
    if r.end:
        occurrence["end"] = _api_moment(r.end)
    if r.whole_days:
        occurrence["all_day"] = True
    body: dict[str, Any] = {
        "title_de": r.title,
        "occurrences": [occurrence],
        "description_de": r.description,
        "short_de": r.description[:300],
        "url": r.url,
        "ticket_url": r.ticket_url,
        "organiser": r.organiser,
        "price_text": str(r.price),
    }
    body.update(r.raw)
    return body
