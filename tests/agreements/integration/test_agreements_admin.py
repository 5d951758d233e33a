import pytest

from impulsregion.agreements.models import Document, Meeting, Resolution, Vote
from impulsregion.agreements.services.loading import load_agreements
from impulsregion.agreements.services.meetings import attach_document
from tests.factories.agreements import (
    make_agenda_item,
    make_assembly,
    make_resolution,
)
from tests.factories.region import make_organisation

pytestmark = pytest.mark.integration


@pytest.fixture
def assembly(db):
    return make_assembly(3, "1")


def test_office_adds_vote_for_non_member_is_refused(client_office, assembly):
    meeting, item, _members = assembly
    resolution = make_resolution(meeting, item)
    stranger = make_organisation("gotha", name="Stadt Gotha")

    response = client_office.post(
        "/admin/agreements/vote/add/",
        {"resolution": resolution.pk, "organisation": stranger.pk, "choice": "yes"},
    )

    assert response.status_code == 200
    assert "Stadt Gotha ist kein stimmberechtigtes Mitglied." in response.content.decode()
    assert Vote.objects.count() == 0


def test_office_resolution_on_item_not_in_invitation_is_refused(client_office, assembly):
    meeting, _item, _members = assembly
    late = make_agenda_item(meeting, "7", in_invitation=False)

    response = client_office.post(
        "/admin/agreements/resolution/add/",
        {
            "number": "MV-9",
            "procedure": "meeting",
            "meeting": meeting.pk,
            "agenda_item": late.pk,
            "statute": meeting.statute.pk,
            "subject": "ordinary",
            "title_de": "Spontan",
            "motion_de": "…",
            "votes-TOTAL_FORMS": 0,
            "votes-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 200
    assert "Tagesordnungspunkt 7 stand nicht in der Einladung" in response.content.decode()
    assert Resolution.objects.count() == 0


def test_office_decides_resolution_by_action(client_office, assembly):
    meeting, item, members = assembly
    resolution = make_resolution(meeting, item, subject="ordinary")
    for member in members:
        Vote.objects.create(resolution=resolution, organisation=member, choice="yes")

    client_office.post(
        "/admin/agreements/resolution/", {"action": "decide", "_selected_action": [resolution.pk]}
    )

    resolution.refresh_from_db()
    assert (resolution.accepted, resolution.reason_de) == (
        True,
        "angenommen: 3 von 3 abgegebenen Stimmen, einfache Mehrheit erreicht",
    )


def test_member_editor_sees_only_own_documents_and_votes(client, editor_user, assembly):
    meeting, item, members = assembly
    own, other = members[0], members[1]
    attach_document(title="Ratsbeschluss eigen", content=b"a", filename="a.pdf", organisation=own)
    attach_document(title="Ratsbeschluss fremd", content=b"b", filename="b.pdf", organisation=other)
    resolution = make_resolution(meeting, item)
    Vote.objects.create(resolution=resolution, organisation=own, choice="yes")
    Vote.objects.create(resolution=resolution, organisation=other, choice="no")
    client.force_login(editor_user(own))

    documents = client.get("/admin/agreements/document/").content.decode()
    votes = client.get("/admin/agreements/vote/").content.decode()
    other_doc = Document.objects.get(title="Ratsbeschluss fremd")

    assert "Ratsbeschluss eigen" in documents
    assert "Ratsbeschluss fremd" not in documents
    assert "Mitglied 1" in votes
    assert "Mitglied 2" not in votes
    assert client.get(f"/verein/dokumente/{other_doc.pk}/").status_code == 404
    assert client.get("/admin/agreements/vote/add/").status_code == 403


def test_anonymous_cannot_download_internal_document(client, assembly):
    _meeting, _item, members = assembly
    document = attach_document(
        title="intern", content=b"x", filename="x.pdf", organisation=members[0]
    )

    assert client.get(f"/verein/dokumente/{document.pk}/").status_code == 404
    Document.objects.filter(pk=document.pk).update(public=True)
    response = client.get(f"/verein/dokumente/{document.pk}/")
    assert (response.status_code, response.content) == (200, b"x")


def test_office_changelists_render(client_office, region_data):
    load_agreements()
    for model in (
        "statute",
        "body",
        "meeting",
        "document",
        "vote",
        "resolution",
        "minutesversion",
        "admissionapplication",
        "registerfiling",
        "rotationentry",
        "agreement",
        "costyear",
        "coststatement",
        "feeassessment",
    ):
        assert client_office.get(f"/admin/agreements/{model}/").status_code == 200, model
    meeting = Meeting.objects.get()
    assert client_office.get(f"/admin/agreements/meeting/{meeting.pk}/change/").status_code == 200


def test_office_attendance_of_non_member_is_refused_in_meeting_form(client_office, assembly):
    meeting, _item, _members = assembly
    stranger = make_organisation("gotha", name="Stadt Gotha")
    change = f"/admin/agreements/meeting/{meeting.pk}/change/"
    form = client_office.get(change).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not hasattr(v, "pk")}
    data.update(
        {
            "body": meeting.body_id,
            "statute": meeting.statute_id,
            "starts_at_0": "20.05.2025",
            "starts_at_1": "16:00:00",
            "agenda_items-TOTAL_FORMS": 0,
            "agenda_items-INITIAL_FORMS": 0,
            "attendances-TOTAL_FORMS": 1,
            "attendances-INITIAL_FORMS": 0,
            "attendances-0-organisation": stranger.pk,
            "attendances-0-state": "present",
        }
    )

    response = client_office.post(change, data)

    assert (
        "Stadt Gotha ist am Sitzungstag kein stimmberechtigtes Mitglied."
        in response.content.decode()
    )
    assert meeting.attendances.count() == 3
