import datetime as dt

import pytest
from django.core import mail

from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import AdmissionApplication, RegisterFiling
from impulsregion.agreements.services.admissions import (
    decide_admission,
    remind_filings,
    review_application,
)
from impulsregion.agreements.services.resolutions import decide_resolution, record_vote
from impulsregion.region.models import Membership
from tests.factories.agreements import (
    make_assembly,
    make_resolution,
)
from tests.factories.region import make_organisation, make_user

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("english")]


@pytest.fixture
def admission(db):
    meeting, item, members = make_assembly(3, "4", title_de="Aufnahme")
    applicant = make_organisation("gotha", name="Stadt Gotha")
    application = AdmissionApplication.objects.create(
        organisation=applicant,
        received_on=dt.date(2025, 3, 1),
        statement_of_support="Wir unterstützen die Ziele.",
    )
    return meeting, item, members, application


def _decide(meeting, item, members, choices):
    resolution = make_resolution(
        meeting, item, number="MV-A", subject="admission", title_de="Aufnahme Gotha"
    )
    for member, choice in zip(members, choices, strict=True):
        record_vote(resolution=resolution, organisation=member, choice=choice)
    return decide_resolution(resolution=resolution)


def test_admitted_application_starts_membership(admission):
    meeting, item, members, application = admission
    review_application(application=application, recommends=True, reviewed_on=dt.date(2025, 4, 1))
    resolution = _decide(meeting, item, members, ["yes", "yes", "no"])

    decided = decide_admission(
        application=application, resolution=resolution, admitted_from=dt.date(2025, 7, 1)
    )

    membership = Membership.objects.get(organisation__slug="gotha")
    assert (decided.state, membership.admitted_on, membership.body.slug) == (
        "admitted",
        dt.date(2025, 7, 1),
        "impulsregion",
    )
    assert decided.membership == membership


def test_rejected_application_needs_reason(admission):
    meeting, item, members, application = admission
    review_application(application=application, recommends=False, reviewed_on=dt.date(2025, 4, 1))
    resolution = _decide(meeting, item, members, ["no", "no", "yes"])

    with pytest.raises(AgreementsError, match=r"Record the reason for the rejection\."):
        decide_admission(application=application, resolution=resolution)
    decided = decide_admission(
        application=application, resolution=resolution, rejection_reason="Kein Bezug zur Region."
    )

    assert (decided.state, decided.rejection_reason) == ("rejected", "Kein Bezug zur Region.")
    assert not Membership.objects.filter(organisation__slug="gotha").exists()


def test_admission_before_board_review_is_refused(admission):
    meeting, item, members, application = admission
    resolution = _decide(meeting, item, members, ["yes", "yes", "yes"])

    with pytest.raises(AgreementsError, match="The board must review the application"):
        decide_admission(application=application, resolution=resolution)

    assert AdmissionApplication.objects.get().state == "received"


def test_remind_filings_mails_office_once_a_day(db):
    make_user("office", role="office", email="office@impulsregion.de")
    RegisterFiling.objects.create(
        kind="board_change", description="Vorstand 2025", due_on=dt.date(2025, 2, 1)
    )
    RegisterFiling.objects.create(
        kind="statute_change", description="Satzung § 5", due_on=dt.date(2025, 9, 1)
    )

    first = remind_filings(today=dt.date(2025, 2, 10))
    second = remind_filings(today=dt.date(2025, 2, 10))

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    assert "Vorstand 2025: 01.02.2025 (overdue)" in mail.outbox[0].body
    assert mail.outbox[0].to == ["office@impulsregion.de"]
