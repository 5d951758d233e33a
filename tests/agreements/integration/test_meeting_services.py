import datetime as dt

import pytest

from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import Attendance, MinutesVersion
from impulsregion.agreements.services.meetings import (
    attach_document,
    notice_problem,
    record_attendance,
    sign_minutes,
    write_minutes,
)
from impulsregion.agreements.services.resolutions import decide_resolution, record_vote
from tests.factories.agreements import (
    make_assembly,
    make_meeting,
    make_members,
    make_resolution,
)
from tests.pdf import pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("english")]

NOW = dt.datetime(2025, 5, 21, 9, 0, tzinfo=dt.UTC)


def _pdftotext(pdf: bytes, tmp_path) -> str:
    return pdf_text(pdf, layout=True)


@pytest.fixture
def held_meeting(db):
    meeting, item, members = make_assembly(8, "3", title_de="Satzungsänderung")
    resolution = make_resolution(meeting, item)
    for member, choice in zip(members, ["yes"] * 6 + ["no", "abstain"], strict=True):
        record_vote(resolution=resolution, organisation=member, choice=choice)
    decide_resolution(resolution=resolution)
    return meeting


def test_minutes_pdf_shows_attendance_votes_and_result(held_meeting, tmp_path):
    version = write_minutes(
        meeting=held_meeting,
        chair="Peter Kleine",
        minute_taker="Anna Muster",
        notes="Keine Einwände.",
        now=NOW,
    )

    text = _pdftotext(bytes(version.pdf), tmp_path)

    # minutes are a German document by default
    assert "Protokoll: Ordentliche Mitgliederversammlung 2025" in text
    assert "8 von 8 Mitgliedern anwesend oder vertreten; beschlussfähig (5 erforderlich)." in text
    assert "angenommen: 6 von 7 abgegebenen Stimmen, Dreiviertelmehrheit erreicht" in text
    assert "Mitglied 8" in text
    assert "Entwurf, nicht unterschrieben" in text


def test_unsigned_minutes_are_replaced_signed_ones_versioned(held_meeting):
    first = write_minutes(
        meeting=held_meeting, chair="P. Kleine", minute_taker="A. Muster", now=NOW
    )
    again = write_minutes(
        meeting=held_meeting, chair="Peter Kleine", minute_taker="A. Muster", now=NOW
    )
    assert (again.pk, again.version) == (first.pk, 1)

    signed = sign_minutes(version=again, role="chair", now=NOW)
    signed = sign_minutes(version=signed, role="minute_taker", now=NOW)
    original_hash = signed.sha256

    with pytest.raises(AgreementsError, match="The minutes are signed; state the reason"):
        write_minutes(meeting=held_meeting, chair="X", minute_taker="Y", now=NOW)
    changed = write_minutes(
        meeting=held_meeting,
        chair="Peter Kleine",
        minute_taker="A. Muster",
        change_reason="Tippfehler in TOP 3",
        now=NOW,
    )

    assert changed.version == 2
    assert MinutesVersion.objects.get(version=1).sha256 == original_hash
    with pytest.raises(AgreementsError, match="Only the latest version"):
        sign_minutes(version=signed, role="chair", now=NOW)


def test_record_attendance_checks_proxy(db):
    members = make_members(3)
    meeting = make_meeting()
    record_attendance(
        meeting=meeting, organisation=members[0], state="present", representative="OB"
    )

    with pytest.raises(
        AgreementsError, match="Mitglied 3 must be present at the meeting to hold a proxy"
    ):
        record_attendance(
            meeting=meeting, organisation=members[1], state="proxy", proxy_holder=members[2]
        )
    record_attendance(
        meeting=meeting, organisation=members[1], state="proxy", proxy_holder=members[0]
    )
    with pytest.raises(AgreementsError, match="Mitglied 1 already holds 1 proxies"):
        record_attendance(
            meeting=meeting, organisation=members[2], state="proxy", proxy_holder=members[0]
        )

    assert Attendance.objects.count() == 2


def test_notice_problem_reports_late_invitation(db):
    meeting = make_meeting(invitation_sent_on=dt.date(2025, 5, 10))

    assert (
        notice_problem(meeting)
        == "The invitation was sent 4 days too late for the notice period of 14 days."
    )


def test_attach_document_stores_hash(db):
    document = attach_document(
        title="Einladung", content=b"%PDF-1.7 test", filename="einladung.pdf"
    )

    assert document.sha256 == "eddc31937fbdaf708e866af0d20b9fb8c79dd001881c8a11e4c617f2882e779f"
