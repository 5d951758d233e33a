"""Meetings: attendance with proxies, documents with hashes, minutes with sign-off and versions."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from impulsregion.agreements.domain.statute import notice_shortfall
from impulsregion.agreements.enums import AttendanceState
from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import Attendance, Document, Meeting, MinutesVersion
from impulsregion.agreements.pdf import minutes_pdf
from impulsregion.agreements.queries import voting_members
from impulsregion.region.models import Organisation


def quorum_text(meeting: Meeting) -> str:
    """How many members were present or represented, and whether the statute's quorum was met."""
    members = voting_members(meeting.starts_at.date()).count()
    present = meeting.attendances.filter(
        state__in=[AttendanceState.PRESENT, AttendanceState.PROXY]
    ).count()
    quorum = meeting.statute.rules().quorum
    if quorum is None:
        return _(
            "%(present)d of %(members)d members present or represented; the statute sets no quorum."
        ) % {
            "present": present,
            "members": members,
        }
    needed = quorum.required(members)
    template = (
        _("%(present)d of %(members)d members present or represented; quorum (%(needed)d) reached.")
        if present >= needed
        else _(
            "%(present)d of %(members)d members present or represented; quorum (%(needed)d) NOT reached."
        )
    )
    return template % {"present": present, "members": members, "needed": needed}


def notice_problem(meeting: Meeting) -> str:
    """A warning when the invitation was missing or late under the statute, else ''."""
    if meeting.invitation_sent_on is None:
        return _("No invitation date is recorded.")
    short = notice_shortfall(
        meeting.invitation_sent_on, meeting.starts_at.date(), meeting.statute.notice_days
    )
    if short:
        return _(
            "The invitation was sent %(days)d days too late for the notice period of %(notice)d days."
        ) % {
            "days": short,
            "notice": meeting.statute.notice_days,
        }
    return ""


def check_attendance(
    *,
    meeting: Meeting,
    organisation: Organisation,
    state: str,
    proxy_holder: Organisation | None,
    exclude_pk: int | None = None,
) -> Organisation | None:
    """Refuse attendance of a non-member, a second record, or a proxy the statute forbids;
    returns the proxy holder to store (none unless represented by proxy)."""
    attendances = meeting.attendances.exclude(pk=exclude_pk)
    members = set(voting_members(meeting.starts_at.date()).values_list("pk", flat=True))
    if organisation.pk not in members:
        raise AgreementsError(
            _("%(org)s is not a member entitled to vote on the day of the meeting.")
            % {"org": organisation.name},
            field="organisation",
        )
    if attendances.filter(organisation=organisation).exists():
        raise AgreementsError(
            _("Attendance of %(org)s is already recorded.") % {"org": organisation.name},
            field="organisation",
        )
    if state == AttendanceState.PROXY:
        _check_proxy(meeting, organisation, proxy_holder, members, exclude_pk)
    else:
        proxy_holder = None
    return proxy_holder


@transaction.atomic
def record_attendance(
    *,
    meeting: Meeting,
    organisation: Organisation,
    state: str,
    representative: str = "",
    proxy_holder: Organisation | None = None,
    user: Any = None,
) -> Attendance:
    """Record a member's attendance; a proxy must be allowed and held by a present member."""
    proxy_holder = check_attendance(
        meeting=meeting, organisation=organisation, state=state, proxy_holder=proxy_holder
    )
    return Attendance.objects.create(
        meeting=meeting,
        organisation=organisation,
        state=state,
        representative=representative,
        proxy_holder=proxy_holder,
    )


def _check_proxy(
    meeting: Meeting,
    organisation: Organisation,
    holder: Organisation | None,
    members: set[int],
    exclude_pk: int | None,
) -> None:
    statute = meeting.statute
    if not statute.proxies_allowed:
        raise AgreementsError(
            _("The statute does not allow representation by proxy."), field="state"
        )
    if holder is None or holder.pk == organisation.pk:
        raise AgreementsError(_("Name another member who holds the proxy."), field="proxy_holder")
    if (
        holder.pk not in members
        or not meeting.attendances.filter(
            organisation=holder, state=AttendanceState.PRESENT
        ).exists()
    ):
        raise AgreementsError(
            _("%(holder)s must be present at the meeting to hold a proxy.")
            % {"holder": holder.name},
            field="proxy_holder",
        )
    held = meeting.attendances.exclude(pk=exclude_pk).filter(proxy_holder=holder).count()
    if held >= statute.max_proxies:
        raise AgreementsError(
            _("%(holder)s already holds %(count)d proxies, the most the statute allows.")
            % {"holder": holder.name, "count": held},
            field="proxy_holder",
        )


@transaction.atomic
def attach_document(
    *, title: str, content: bytes, filename: str, user: Any = None, **links: Any
) -> Document:
    """Store a document with its SHA-256 so later changes of the file are detectable."""
    if not content:
        raise AgreementsError(_("The file is empty."), field="content")
    return Document.objects.create(title=title, content=content, filename=filename, **links)


@transaction.atomic
def write_minutes(
    *,
    meeting: Meeting,
    chair: str,
    minute_taker: str,
    notes: str = "",
    change_reason: str = "",
    now: dt.datetime,
    user: Any = None,
) -> MinutesVersion:
    """Write the minutes: an unsigned draft is replaced; a version signed by anyone is kept and
    a new version (with the reason for the change) is created."""
    latest = (
        MinutesVersion.objects.select_for_update()
        .filter(meeting=meeting)
        .order_by("-version")
        .first()
    )
    frozen = latest is not None and (latest.chair_signed_at or latest.taker_signed_at)
    if frozen and not change_reason.strip():
        raise AgreementsError(
            _("The minutes are signed; state the reason for the change to create a new version."),
            field="change_reason",
        )
    if latest is None or frozen:
        version = MinutesVersion(meeting=meeting, version=(latest.version + 1) if latest else 1)
    else:
        version = latest
    version.chair, version.minute_taker, version.notes = chair, minute_taker, notes
    version.change_reason = change_reason if frozen else version.change_reason
    version.created_at = now
    version.pdf = minutes_pdf(meeting, version)
    version.sha256 = hashlib.sha256(version.pdf).hexdigest()
    version.save()
    return version


@transaction.atomic
def sign_minutes(
    *, version: MinutesVersion, role: str, now: dt.datetime, user: Any = None
) -> MinutesVersion:
    """Sign as ``chair`` or ``minute_taker``; the PDF is typeset again with the signature date."""
    version = MinutesVersion.objects.select_for_update().get(pk=version.pk)
    if version.meeting.minutes_versions.filter(version__gt=version.version).exists():
        raise AgreementsError(_("Only the latest version of the minutes can be signed."))
    field = {"chair": "chair_signed_at", "minute_taker": "taker_signed_at"}.get(role)
    if field is None:
        raise AgreementsError(_("Sign as chair or as minute-taker."), field="role")
    if getattr(version, field) is not None:
        raise AgreementsError(_("This version is already signed in that role."), field="role")
    setattr(version, field, now)
    version.pdf = minutes_pdf(version.meeting, version)
    version.sha256 = hashlib.sha256(version.pdf).hexdigest()
    version.save()
    return version
