"""Admissions of new members, register filings with reminders, and the chair proposal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from impulsregion.agreements.domain.filings import Filing, FilingState, filings_to_remind
from impulsregion.agreements.domain.messages import RuleError
from impulsregion.agreements.domain.rotation import ChairProposal, propose_next_chair
from impulsregion.agreements.enums import ApplicationState, Subject
from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import (
    AdmissionApplication,
    RegisterFiling,
    Resolution,
    RotationEntry,
)
from impulsregion.agreements.queries import voting_members
from impulsregion.agreements.texts import error_text
from impulsregion.common import audit
from impulsregion.region.models import (
    ASSOCIATION_SLUG,
    BoardPosition,
    Membership,
    Organisation,
    StaffRole,
)

_OPEN = {ApplicationState.RECEIVED, ApplicationState.BOARD_REVIEWED}


@transaction.atomic
def review_application(
    *,
    application: AdmissionApplication,
    recommends: bool,
    reviewed_on: dt.date,
    note: str = "",
    user: Any = None,
) -> AdmissionApplication:
    if application.state != ApplicationState.RECEIVED:
        raise AgreementsError(_("Only a received application can be reviewed by the board."))
    application.board_recommends, application.board_reviewed_on = recommends, reviewed_on
    application.board_note, application.state = note, ApplicationState.BOARD_REVIEWED
    application.save()
    return application


@transaction.atomic
def decide_admission(
    *,
    application: AdmissionApplication,
    resolution: Resolution,
    admitted_from: dt.date | None = None,
    rejection_reason: str = "",
    user: Any = None,
) -> AdmissionApplication:
    """Apply the general assembly's decided resolution: admit (a membership starts on
    ``admitted_from``) or reject (the reason is recorded for the letter to the applicant)."""
    application = AdmissionApplication.objects.select_for_update().get(pk=application.pk)
    resolution = Resolution.objects.get(pk=resolution.pk)  # the stored decision, not a stale copy
    if application.state not in _OPEN:
        raise AgreementsError(_("This application is already decided or withdrawn."))
    if application.state != ApplicationState.BOARD_REVIEWED:
        raise AgreementsError(
            _("The board must review the application before the general assembly decides.")
        )
    if resolution.subject != Subject.ADMISSION or not resolution.decided:
        raise AgreementsError(_("Choose a decided resolution on an admission."), field="resolution")
    application.resolution, application.decided_on = resolution, resolution.decided_on
    if resolution.accepted:
        start = admitted_from or resolution.decided_on
        if start is None or (resolution.decided_on and start < resolution.decided_on):
            raise AgreementsError(
                _("A membership cannot start before the admission was decided."),
                field="admitted_from",
            )
        if voting_members(start).filter(pk=application.organisation_id).exists():
            raise AgreementsError(
                _("%(org)s is already a member on that date.")
                % {"org": application.organisation.name},
                field="organisation",
            )
        body = Organisation.objects.get(slug=ASSOCIATION_SLUG)
        application.membership = Membership.objects.create(
            organisation=application.organisation,
            body=body,
            admitted_on=start,
            source=_("Admission resolution %(number)s") % {"number": resolution.number},
        )
        application.state = ApplicationState.ADMITTED
    else:
        if not rejection_reason.strip():
            raise AgreementsError(
                _("Record the reason for the rejection."), field="rejection_reason"
            )
        application.rejection_reason, application.state = (
            rejection_reason,
            ApplicationState.REJECTED,
        )
    application.save()
    return application


def propose_chair(year: int) -> ChairProposal:
    order = [e.organisation.name for e in RotationEntry.objects.select_related("organisation")]
    history = {
        p.term.year: p.organisation.name
        for p in BoardPosition.objects.filter(role="chair").select_related("term", "organisation")
    }
    eligible = set(voting_members(dt.date(year, 1, 1)).values_list("name", flat=True))
    try:
        return propose_next_chair(order, history, year, eligible)
    except RuleError as error:
        raise AgreementsError(error_text(error)) from error


def due_filings(today: dt.date) -> list[tuple[RegisterFiling, FilingState]]:
    filings = {f.pk: f for f in RegisterFiling.objects.all()}
    plain = [Filing(f.pk, f.due_on, f.filed_on, f.registered_on) for f in filings.values()]
    return [(filings[item.key], state) for item, state in filings_to_remind(plain, today)]


@transaction.atomic
def remind_filings(*, today: dt.date) -> int:
    """E-mail the office about filings to act on (once a day at most); returns the count."""
    due = [(f, s) for f, s in due_filings(today) if f.reminded_on != today]
    if not due:
        return 0
    lines = [f"- {f.description}: {f.due_on:%d.%m.%Y} ({FilingState(s).value})" for f, s in due]
    recipients = sorted(
        {
            r.user.email
            for r in StaffRole.objects.filter(role="office").select_related("user")
            if r.user.email
        }
    )
    if recipients:
        send_mail(
            _("Register filings to act on"),
            _("These register filings need your attention:") + "\n" + "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    count = RegisterFiling.objects.filter(pk__in=[f.pk for f, _s in due]).update(reminded_on=today)
    audit.log_bulk(
        RegisterFiling,
        action=audit.UPDATE,
        count=count,
        changes={"reminded_on": ["", today.isoformat()]},
    )
    return len(due)
