import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction

from impulsregion.region.models import BoardPosition, BoardTerm, Organisation, Person
from impulsregion.region.rules import can_edit_organisation, can_view_internal, is_office

pytestmark = pytest.mark.integration


@pytest.fixture
def weimar(region_data):
    return Organisation.objects.get(slug="weimar")


@pytest.fixture
def jena(region_data):
    return Organisation.objects.get(slug="jena")


def test_office_may_edit_every_organisation(office_user, weimar, jena) -> None:
    assert is_office(office_user)
    assert can_edit_organisation(office_user, weimar.pk)
    assert can_edit_organisation(office_user, jena.pk)


def test_editor_may_edit_only_own_organisation(editor_user, weimar, jena) -> None:
    editor = editor_user(weimar)
    assert not is_office(editor)
    assert can_edit_organisation(editor, weimar.pk)
    assert not can_edit_organisation(editor, jena.pk)
    assert can_view_internal(editor)


def test_editor_changes_own_organisation_in_admin(client, editor_user, weimar) -> None:
    client.force_login(editor_user(weimar))
    url = f"/admin/region/organisation/{weimar.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "short_name": "Weimar",
        "legal_form": "Gebietskörperschaft",
        "street": "Markt 1",
        "postcode": "99423",
        "city": "Weimar",
        "website": "https://stadt.weimar.de",
        "address_confirmed": "on",
        "description_de": "Neu",
        "description_en": "New",
        "key_figures-TOTAL_FORMS": "0",
        "key_figures-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    weimar.refresh_from_db()
    assert weimar.street == "Markt 1"
    assert weimar.name == "Stadt Weimar"  # identity fields are the office's


def test_editor_cannot_change_another_organisation(client, editor_user, weimar, jena) -> None:
    client.force_login(editor_user(weimar))
    response = client.post(f"/admin/region/organisation/{jena.pk}/change/", {"street": "Hack 1"})
    assert response.status_code == 403
    jena.refresh_from_db()
    assert jena.street == "Am Anger 15"


def test_board_member_reads_but_cannot_change(client, make_user, weimar) -> None:
    client.force_login(make_user("vorstand", role="board", organisation=weimar))
    assert client.get("/admin/region/boardterm/").status_code == 200
    term = BoardTerm.objects.get(year=2024)
    assert (
        client.post(f"/admin/region/boardterm/{term.pk}/change/", {"year": 2030}).status_code == 403
    )


def test_user_without_role_cannot_enter_back_office(client, make_user) -> None:
    client.force_login(make_user("gast"))
    assert client.get("/admin/region/organisation/").status_code == 403


def test_second_chair_in_one_term_is_refused_by_the_database(region_data) -> None:
    term = BoardTerm.objects.get(year=2024)
    other = Person.objects.create(given_name="Andreas", family_name="Zweiter")
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardPosition.objects.create(
            term=term,
            role="chair",
            person=other,
            organisation=Organisation.objects.get(slug="jena"),
        )


def test_second_term_for_a_year_is_refused_by_the_database(region_data) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardTerm.objects.create(year=2024)


def test_board_term_dates_must_lie_in_the_year(db) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardTerm.objects.create(year=2025, starts_on=dt.date(2024, 12, 1))


def test_admin_form_refuses_second_chair_with_german_message(client_office, region_data) -> None:
    term = BoardTerm.objects.get(year=2024)
    positions = list(term.positions.order_by("role"))
    jena = Organisation.objects.get(slug="jena")
    extra = Person.objects.create(given_name="Thomas", family_name="Test")
    data = {
        "year": "2024",
        "source": term.source,
        "confirmed": "on",
        "positions-TOTAL_FORMS": "3",
        "positions-INITIAL_FORMS": "2",
    }
    for index, position in enumerate(positions):
        data |= {
            f"positions-{index}-id": position.pk,
            f"positions-{index}-term": term.pk,
            f"positions-{index}-role": position.role,
            f"positions-{index}-person": position.person_id,
            f"positions-{index}-organisation": position.organisation_id,
            f"positions-{index}-confirmed": "on",
        }
    data |= {
        "positions-2-term": term.pk,
        "positions-2-role": "chair",
        "positions-2-person": extra.pk,
        "positions-2-organisation": jena.pk,
    }
    response = client_office.post(
        f"/admin/region/boardterm/{term.pk}/change/", data, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 200
    assert (
        "Eine Amtszeit des Vorstands hat höchstens einen Vorsitz und einen stellvertretenden Vorsitz."
        in response.content.decode()
    )
    assert term.positions.filter(role="chair").count() == 1


def test_changes_are_recorded_with_actor(client_office, office_user, region_data) -> None:
    milestone_count = LogEntry.objects.count()
    term = BoardTerm.objects.get(year=2024)
    client_office.post(
        f"/admin/region/boardterm/{term.pk}/change/",
        {
            "year": "2024",
            "note": "geprüft",
            "source": term.source,
            "confirmed": "on",
            "positions-TOTAL_FORMS": "0",
            "positions-INITIAL_FORMS": "0",
        },
    )
    entry = LogEntry.objects.order_by("-timestamp").first()
    assert LogEntry.objects.count() == milestone_count + 1
    assert entry.actor == office_user
    assert entry.changes_dict["note"] == ["", "geprüft"]


def test_office_sees_the_change_log(client_office, region_data) -> None:
    assert client_office.get("/admin/auditlog/logentry/").status_code == 200


def test_editor_does_not_see_the_change_log(client, editor_user, weimar) -> None:
    client.force_login(editor_user(weimar))
    assert client.get("/admin/auditlog/logentry/").status_code == 403
