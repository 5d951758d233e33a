"""Events from organisers who are not members: the public form, the e-mail confirmation, the
rate limit and the removal of what was never confirmed.

1. `receive_submission` stores the form's values as one `PublicSubmission` row (no event, no
   venue yet) and mails a confirmation link, in the visitor's language. Over the rate limit
   (`PER_CONNECTION`, `PER_ADDRESS`, counted in the database, so every app node counts the
   same rows) nothing is stored and the visitor learns when to try again.
2. `confirm_submission` (the link, then a button: a mail server's link checker only opens
   pages) makes the event, owned by the association with `organiser` the sender's name, and
   submits it for the office's review (`moderation.submit_from_public`); a second click,
   an expired or an altered link change nothing.
3. `forget_unconfirmed` (a periodic job) deletes the rows whose link has expired.
"""

from __future__ import annotations

import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from impulsregion.calendar.domain.region import in_region
from impulsregion.calendar.domain.sanitize import one_line, plain_text, text_to_html, web_link
from impulsregion.calendar.domain.submissions import (
    CONFIRM_WITHIN,
    Limit,
    over_limit,
    venue_municipality,
)
from impulsregion.calendar.domain.types import Span
from impulsregion.calendar.models import Place, PublicSubmission
from impulsregion.calendar.services.moderation import (
    EventInput,
    ModerationError,
    submit_from_public,
)
from impulsregion.calendar.services.municipalities import municipality_for, region_keys
from impulsregion.common import audit
from impulsregion.region.queries import association

PER_CONNECTION = Limit(5, timedelta(hours=1))
PER_ADDRESS = Limit(3, timedelta(days=1))
SALT = "impulsregion.calendar.public-submission"


class SubmissionRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TooMany(SubmissionRefused):
    """Over the rate limit: the message says when the visitor may send again."""


@dataclass(frozen=True)
class Venue:
    """A venue as the visitor gave it: one of the register (`place_id`) or a new address."""

    place_id: int | None = None
    name: str = ""
    street: str = ""
    postal_code: str = ""
    locality: str = ""


def venue_problem(postal_code: str, locality: str) -> str:
    """Why a new venue cannot be listed (outside the region, unknown postcode), or ""."""
    found = venue_municipality(postal_code, locality)
    where = f"{postal_code} {locality}".strip()
    if found.problem == "ambiguous-postal-code":
        return _("The postcode %(code)s belongs to several towns; check the town's name.") % {
            "code": postal_code
        }
    if found.problem or not in_region(found.ags, region_keys()):
        return _(
            "%(place)s lies outside the region: the culture calendar lists events in Erfurt, "
            "Weimar, Jena and the Weimarer Land only."
        ) % {"place": where}
    return ""


def client_key(address: str) -> str:
    """The sender's IP address as the rate limit keeps it: a keyed hash, not the address."""
    return salted_hmac(SALT, address).hexdigest() if address else ""


def _wait_until(moment: datetime) -> str:
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return formats.time_format(local, "TIME_FORMAT")
    return formats.date_format(local, "SHORT_DATETIME_FORMAT")


def limit_problem(*, email: str, client: str, now: datetime) -> str:
    """A friendly sentence when this connection or this address has sent enough for now."""
    sent = PublicSubmission.objects.filter(created_at__gt=now - PER_ADDRESS.window)
    by_address = list(sent.filter(email__iexact=email).values_list("created_at", flat=True))
    again = over_limit(by_address, PER_ADDRESS, now)
    if again is not None:
        return _(
            "From this e-mail address we have received %(count)s events within a day, as many "
            "as we take in one day. Please send the next one after %(time)s."
        ) % {"count": PER_ADDRESS.count, "time": _wait_until(again)}
    by_client = list(
        sent.filter(client_key=client_key(client)).values_list("created_at", flat=True)
        if client
        else []
    )
    again = over_limit(by_client, PER_CONNECTION, now)
    if again is not None:
        return _(
            "From your connection we have received %(count)s events within the last hour, as "
            "many as we take in an hour. Please send the next one after %(time)s."
        ) % {"count": PER_CONNECTION.count, "time": _wait_until(again)}
    return ""


@transaction.atomic
def receive_submission(
    *,
    organiser: str,
    email: str,
    phone: str,
    title: str,
    data: dict[str, Any],
    language: str,
    client: str,
    now: datetime,
) -> PublicSubmission:
    """Store a submission until its address is confirmed and mail the link. `data` holds the
    event's values as JSON (see `event_input`). Raises `SubmissionRefused` over the rate
    limit or when the mail cannot be sent; then nothing is stored."""
    problem = limit_problem(email=email, client=client, now=now)
    if problem:
        raise TooMany(problem)
    submission = PublicSubmission.objects.create(
        organiser=one_line(organiser)[:200],
        email=email.strip(),
        phone=one_line(phone)[:40],
        title=plain_text(title, 300),
        data=data,
        language=language[:2],
        token_hash=secrets.token_hex(32),  # replaced below, once the row has its id
        client_key=client_key(client),
        created_at=now,
        expires_at=now + CONFIRM_WITHIN,
    )
    token = signing.TimestampSigner(salt=SALT).sign(f"{submission.pk}.{secrets.token_urlsafe(24)}")
    submission.token_hash = PublicSubmission.hash(token)
    submission.save(update_fields=["token_hash"])
    try:
        send_mail(**confirmation_mail(submission, token), recipient_list=[submission.email])
    except (smtplib.SMTPException, OSError) as error:
        raise SubmissionRefused(
            _("The confirmation e-mail could not be sent. Please try again in a few minutes.")
        ) from error
    return submission


def confirmation_link(submission: PublicSubmission, token: str) -> str:
    with translation.override(submission.language):
        path = reverse("calendar:submission-confirm", kwargs={"token": token})
    return settings.IMPULSREGION_SITE_URL + path


def confirmation_mail(submission: PublicSubmission, token: str) -> dict[str, Any]:
    """Subject and text of the confirmation e-mail, in the language the visitor used."""
    with translation.override(submission.language):
        subject = _("Please confirm your event “%(title)s”") % {"title": submission.title}
        dates = "\n".join(f"– {_when(span)}" for span in spans_of(submission.data))
        message = _(
            "Good day,\n\n"
            "you have sent this event to the culture calendar of the Impulsregion Erfurt, "
            "Weimar, Jena, Weimarer Land:\n\n"
            "%(title)s\n%(dates)s\n\n"
            "Please confirm your e-mail address with this link; only then does the regional "
            "office receive the event for review:\n\n%(link)s\n\n"
            "The link is valid until %(until)s. If you did not send this event, ignore this "
            "e-mail: without confirmation nothing is passed on, and your address is deleted "
            "when the link expires.\n"
        ) % {
            "title": submission.title,
            "dates": dates,
            "link": confirmation_link(submission, token),
            "until": formats.date_format(
                timezone.localtime(submission.expires_at), "SHORT_DATETIME_FORMAT"
            ),
        }
    return {"subject": subject, "message": message, "from_email": None}


def _when(span: Span) -> str:
    start = timezone.localtime(span.start)
    text = formats.date_format(start, "SHORT_DATETIME_FORMAT")
    if span.end is not None:
        text += " – " + formats.time_format(timezone.localtime(span.end), "TIME_FORMAT")
    return text


# --- the stored values ----------------------------------------------------------------------


def spans_of(data: dict[str, Any]) -> list[Span]:
    return [
        Span(datetime.fromisoformat(start), datetime.fromisoformat(end) if end else None, False)
        for start, end in data.get("dates", [])
    ]


def venue_of(data: dict[str, Any]) -> Venue:
    return Venue(**data.get("venue", {}))


def event_input(data: dict[str, Any], *, place_id: int | None, language: str) -> EventInput:
    """The event as moderation takes it: texts in German (the fallback of every page), and in
    English too when the visitor wrote on the English pages."""
    texts = {
        "title": data.get("title", ""),
        "short": data.get("short", ""),
        "description": text_to_html(data.get("description", "")),
    }
    english = {f"{name}_en": value for name, value in texts.items()} if language == "en" else {}
    return EventInput(
        title_de=texts["title"],
        short_de=texts["short"],
        description_de=texts["description"],
        **english,
        spans=spans_of(data),
        place_id=place_id,
        categories=list(data.get("categories", [])),
        organiser=data.get("organiser", ""),
        url=web_link(data.get("url", "")),
        price_text=data.get("price_text", ""),
    )


def _place(venue: Venue) -> Place:
    """The chosen venue, or the new one (the register's venue of that name and postcode when
    there is one), created only now that the sender is known."""
    if venue.place_id is not None:
        return Place.objects.get(pk=venue.place_id)
    found = Place.objects.filter(name__iexact=venue.name, postal_code=venue.postal_code).first()
    if found is not None:
        return found
    ags = venue_municipality(venue.postal_code, venue.locality).ags
    return Place.objects.create(
        name=venue.name,
        street=venue.street,
        postal_code=venue.postal_code,
        locality=venue.locality,
        ags=ags,
        municipality=municipality_for(ags),
    )


# --- confirming ---------------------------------------------------------------------------

CONFIRMED, ALREADY, EXPIRED, INVALID = "confirmed", "already", "expired", "invalid"


def check_link(token: str, now: datetime) -> tuple[str, PublicSubmission | None]:
    """What the link is: ("", submission) to confirm, or ALREADY, EXPIRED or INVALID."""
    try:
        signing.TimestampSigner(salt=SALT).unsign(token, max_age=CONFIRM_WITHIN)
    except signing.SignatureExpired:
        return EXPIRED, None
    except signing.BadSignature:
        return INVALID, None
    submission = PublicSubmission.objects.filter(token_hash=PublicSubmission.hash(token)).first()
    if submission is None:
        return INVALID, None
    if submission.confirmed_at is not None:
        return ALREADY, submission
    if submission.expires_at <= now:
        return EXPIRED, submission
    return "", submission


@transaction.atomic
def confirm_submission(*, token: str, now: datetime) -> tuple[str, PublicSubmission | None]:
    """Confirm the sender's address: the event is made and waits for the office's review.
    Returns CONFIRMED, or what `check_link` found; raises `SubmissionRefused` when the event
    cannot be made (the venue was removed meanwhile), and then nothing changes."""
    state, submission = check_link(token, now)
    if state or submission is None:
        return state, submission
    # one conditional UPDATE claims the row: of two clicks at once, one makes the event
    if not PublicSubmission.objects.filter(pk=submission.pk, confirmed_at__isnull=True).update(
        confirmed_at=now
    ):
        return ALREADY, submission
    owner = association()
    if owner is None:
        raise SubmissionRefused(_("The calendar takes no submissions at the moment."))
    venue = venue_of(submission.data)
    if venue.place_id is not None and not Place.objects.filter(pk=venue.place_id).exists():
        raise SubmissionRefused(
            _("The venue you chose is no longer in the register. Please send the event again.")
        )
    data = event_input(
        {**submission.data, "organiser": submission.organiser},
        place_id=_place(venue).pk,
        language=submission.language,
    )
    try:
        event = submit_from_public(
            organisation=owner, data=data, now=now, note=_("sent through the public form")
        )
    except ModerationError as error:
        raise SubmissionRefused(error.message) from error
    submission.event = event
    submission.confirmed_at = now
    submission.save(update_fields=["event", "confirmed_at"])
    return CONFIRMED, submission


def forget_unconfirmed(now: datetime) -> dict[str, int]:
    """Delete the submissions whose link expired unconfirmed (the sender's address with them),
    and the connection's key of those older than the rate limit's window."""
    deleted, _rows = PublicSubmission.objects.filter(
        confirmed_at__isnull=True, expires_at__lte=now
    ).delete()
    with transaction.atomic():
        cleared = (
            PublicSubmission.objects.filter(created_at__lte=now - PER_CONNECTION.window)
            .exclude(client_key="")
            .update(client_key="")
        )
        audit.log_bulk(
            PublicSubmission, action=audit.UPDATE, count=cleared, changes={"client_key": ["", ""]}
        )
    return {"deleted": deleted, "keys_cleared": cleared}
