"""One general assembly from invitation to signed minutes and an admitted member."""

import datetime as dt

import pytest

from impulsregion.agreements.models import AdmissionApplication, RegisterFiling
from impulsregion.agreements.services.admissions import decide_admission, review_application
from impulsregion.agreements.services.meetings import record_attendance, sign_minutes, write_minutes
from impulsregion.agreements.services.resolutions import (
    create_resolution,
    decide_resolution,
    record_vote,
)
from impulsregion.region.models import Membership
from tests.factories.agreements import make_agenda_item, make_meeting, make_members
from tests.factories.region import make_organisation
from tests.pdf import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("english")]

NOW = dt.datetime(2025, 5, 21, 9, 0, tzinfo=dt.UTC)


def test_general_assembly_from_attendance_to_signed_minutes(db, tmp_path):
    members = make_members(8)
    meeting = make_meeting()
    for member in members[:7]:
        record_attendance(
            meeting=meeting,
            organisation=member,
            state="present",
            representative="Oberbürgermeister",
        )
    record_attendance(
        meeting=meeting, organisation=members[7], state="proxy", proxy_holder=members[0]
    )
    statute_item = make_agenda_item(meeting, "3", title_de="Satzungsänderung")
    admission_item = make_agenda_item(meeting, "4", title_de="Aufnahme der Stadt Gotha")
    gotha = make_organisation("gotha", name="Stadt Gotha")
    application = AdmissionApplication.objects.create(
        organisation=gotha,
        received_on=dt.date(2025, 3, 1),
        statement_of_support="Wir unterstützen die Ziele.",
    )
    review_application(application=application, recommends=True, reviewed_on=dt.date(2025, 4, 2))

    statute_change = create_resolution(
        number="MV-2025-3",
        title_de="Änderung § 5",
        motion_de="§ 5 erhält folgende Fassung …",
        subject="statute_change",
        statute=meeting.statute,
        meeting=meeting,
        agenda_item=statute_item,
    )
    admission = create_resolution(
        number="MV-2025-4",
        title_de="Aufnahme Gotha",
        motion_de="Die Stadt Gotha wird aufgenommen.",
        subject="admission",
        statute=meeting.statute,
        meeting=meeting,
        agenda_item=admission_item,
    )
    for member, choice in zip(members, ["yes"] * 6 + ["no", "abstain"], strict=True):
        record_vote(resolution=statute_change, organisation=member, choice=choice)
        record_vote(resolution=admission, organisation=member, choice="yes")
    decide_resolution(resolution=statute_change)
    decide_resolution(resolution=admission)
    decide_admission(
        application=application, resolution=admission, admitted_from=dt.date(2025, 7, 1)
    )
    minutes = write_minutes(
        meeting=meeting, chair="Peter Kleine", minute_taker="Anna Muster", now=NOW
    )
    minutes = sign_minutes(version=minutes, role="chair", now=NOW)
    minutes = sign_minutes(version=minutes, role="minute_taker", now=NOW)

    text = pdf_text(bytes(minutes.pdf))
    assert "angenommen: 6 von 7 abgegebenen Stimmen, Dreiviertelmehrheit erreicht" in text
    assert "angenommen: 8 von 8 abgegebenen Stimmen, einfache Mehrheit erreicht" in text
    assert "Vollmacht bei Mitglied 1" in text
    assert "unterschrieben" in text
    assert Membership.objects.get(organisation=gotha).admitted_on == dt.date(2025, 7, 1)
    assert list(RegisterFiling.objects.values_list("kind", "due_on")) == [
        ("statute_change", dt.date(2025, 6, 17))
    ]
