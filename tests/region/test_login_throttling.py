"""The back-office login holds against guessing (#14, point 8): after ten wrong passwords the
user name is locked, and so is the address they came from, for 15 minutes, with a clear page
in the user's language; a right password before that resets the count; the office sees the
locks and lifts them."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings

from impulsregion.common.client_ip import client_address

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIMIT = 10


def _log_in(username: str, password: str, address: str = "84.128.1.5", prefix: str = ""):  # type: ignore[no-untyped-def]
    client = Client(REMOTE_ADDR=address)
    answer = client.post(
        f"{prefix}/admin/login/?next=/admin/", {"username": username, "password": password}
    )
    return answer, client


def _logged_in(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def test_ten_wrong_passwords_lock_the_user_name_even_with_the_right_one(make_user) -> None:
    make_user("buero", role="office")
    answers = [
        _log_in("buero", f"falsch-{n}", address=f"84.128.1.{n + 1}")[0].status_code
        for n in range(LIMIT)
    ]
    assert answers == [200] * (LIMIT - 1) + [429]  # the form again, then the lock

    answer, client = _log_in("buero", "pw-buero", address="91.64.2.3")  # right, from elsewhere

    assert answer.status_code == 429
    page = answer.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in page
    assert "10 fehlgeschlagene Anmeldungen" in page
    assert "für 15 Minuten gesperrt" in page
    assert not _logged_in(client)


def test_an_address_guessing_many_user_names_is_locked_others_are_not(make_user) -> None:
    make_user("buero", role="office")
    for n in range(LIMIT):
        _log_in(f"rate-{n}", "falsch", address="84.128.1.5")

    locked, client = _log_in("buero", "pw-buero", address="84.128.1.5", prefix="/en")
    elsewhere, other = _log_in("buero", "pw-buero", address="91.64.2.3")

    assert locked.status_code == 429
    assert "Login locked for now" in locked.content.decode()
    assert not _logged_in(client)
    assert elsewhere.status_code == 302
    assert _logged_in(other)


def test_a_right_password_before_the_limit_resets_the_count(make_user) -> None:
    make_user("buero", role="office")
    for _round in range(2):
        for n in range(LIMIT - 1):
            _log_in("buero", f"falsch-{n}")
        answer, client = _log_in("buero", "pw-buero")
        assert answer.status_code == 302
        assert _logged_in(client)


def test_a_lock_ends_after_its_time(make_user) -> None:
    make_user("buero", role="office")
    for n in range(LIMIT):
        _log_in("buero", f"falsch-{n}")
    assert _log_in("buero", "pw-buero")[0].status_code == 429

    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))

    assert _log_in("buero", "pw-buero")[0].status_code == 302


def test_the_office_sees_the_locks_and_lifts_them_editors_do_not(
    make_user, office_user, client: Client
) -> None:
    make_user("redaktion", role="editor")
    for n in range(LIMIT):
        _log_in("redaktion", f"falsch-{n}")
    client.force_login(office_user)

    listing = client.get("/admin/common/failedlogin/?gesperrt=ja").content.decode()
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    lifted = client.post(
        "/admin/common/failedlogin/",
        {"action": "lift", "_selected_action": ids},
    )
    editor = Client()
    editor.force_login(make_user("andere", role="editor"))

    assert "redaktion" in listing
    assert "84.128.1.5" in listing
    assert lifted.status_code == 302
    assert "1 Sperre aufgehoben" in client.get(lifted["Location"]).content.decode()
    assert _log_in("redaktion", "pw-redaktion")[0].status_code == 302
    assert editor.get("/admin/common/failedlogin/").status_code == 403
    assert "failedlogin" not in editor.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.9"),  # no proxy: the header is the client's and proves nothing
        (1, "1.2.3.4", "1.2.3.4"),  # nginx appended the visitor's address
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the visitor forged an entry: ignored
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "1.2.3.4"),  # balancer, then nginx
        (2, "1.2.3.4", "10.0.0.9"),  # fewer entries than proxies: the direct caller
        (1, "kein-ip", "10.0.0.9"),
    ],
)
def test_the_counted_address_behind_proxies(rf, proxies, forwarded, expected) -> None:  # type: ignore[no-untyped-def]
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.9")
    with override_settings(IMPULSREGION_PROXY_COUNT=proxies):
        assert client_address(request) == expected
