"""Descriptions from third parties are HTML of unknown quality: keep a small, safe subset."""

from __future__ import annotations

import hashlib
import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[a-zA-Z/!]")


def clean_html(value: str) -> str:
    """Sanitised HTML: no scripts, no event handlers, no `javascript:` links."""
    value = _CONTROL.sub("", value or "")
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def text_to_html(value: str) -> str:
    """Plain text (e.g. an iCalendar DESCRIPTION) as paragraphs of escaped HTML."""
    value = _CONTROL.sub("", value or "").strip()
    if not value:
        return ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def description_html(value: str) -> str:
    """Either kind of description, sanitised: HTML is cleaned, plain text escaped."""
    if _TAG.search(value or ""):
        return clean_html(value)
    return text_to_html(value)


def plain_text(value: str, limit: int | None = None) -> str:
    """Text without any markup, whitespace collapsed; cut at `limit` characters."""
    text = _CONTROL.sub("", value or "")
    if "<" in text or "&" in text:
        text = html.unescape(nh3.clean(text, tags=set()))
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


_LINK_BREAKS = re.compile(r"[\x00-\x20\x7f]")
WEB_SCHEMES = ("http", "https")


def web_link(value: str) -> str:
    """The one rule for every stored link (an event's website, tickets, images): an absolute
    http(s) address with a host and no spaces or control characters, else "" (nothing).

    A `javascript:` or `data:` link, or a line break smuggled into a feed's URL line, never
    gets past it."""
    link = value.strip()
    if not link or _LINK_BREAKS.search(link):
        return ""
    scheme, separator, rest = link.partition("://")
    if not separator or scheme.lower() not in WEB_SCHEMES:
        return ""
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return link if host and not host.startswith((":", "@")) else ""


def one_line(value: str) -> str:
    """Text that must stay on one line (an organiser's name): control characters and line
    breaks become spaces."""
    return " ".join(_CONTROL.sub(" ", value).split())


EXTERNAL_ID_LENGTH = 255  # the column of SourceRecord.external_id


def stable_id(value: str, limit: int = EXTERNAL_ID_LENGTH) -> str:
    """`value` if it fits, else its beginning and a digest of all of it (two long ids that
    begin alike stay two ids)."""
    if len(value) <= limit:
        return value
    digest = hashlib.sha256(value.encode()).hexdigest()
    return f"{value[: limit - len(digest) - 1]}#{digest}"
