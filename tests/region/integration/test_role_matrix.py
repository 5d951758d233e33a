"""The table "Every record of the back office, by role" in docs/back-office.md is what the back
office does: every list and every add form, opened as the office, a board member and a member
editor (never a superuser), answers as the table says; every record the office opens has a
save button, none a board member opens has one. A record kind missing from the table fails."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client

from tests.factories.calendar import organisation
from tests.factories.region import make_user

pytestmark = [pytest.mark.integration]

DOC = Path(__file__).parents[3] / "docs" / "back-office.md"
ROLES = ("office", "board", "editor")


def _table() -> dict[str, dict[str, set[str]]]:
    text = DOC.read_text(encoding="utf-8").split("## Every record of the back office, by role")[1]
    rows: dict[str, dict[str, set[str]]] = {}
    for line in text.splitlines():
        found = re.match(r"\| `([\w.]+)` [^|]*\|([^|]*)\|([^|]*)\|([^|]*)\|$", line)
        if not found:
            continue
        label, *cells = found.groups()
        rows[label] = {
            role: {word.strip() for word in cell.split(",") if word.strip() not in {"", "–"}}
            for role, cell in zip(ROLES, cells, strict=True)
        }
    return rows


TABLE = _table()


def _registered() -> list[tuple[str, str]]:
    return sorted(
        (model._meta.label, f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
        for model in admin.site._registry
        if model._meta.label != "auth.Group"  # Django's groups: no role uses them, no link
    )


def test_the_table_names_every_record_of_the_back_office() -> None:
    assert sorted(TABLE) == [label for label, _ in _registered()]


@pytest.fixture
def clients(region_data, client: Client) -> dict[str, Client]:
    weimar, jena = organisation("weimar"), organisation("jena")
    users = {
        "office": make_user("buero", role="office"),
        "board": make_user("vorstand", role="board", organisation=weimar),
        "editor": make_user("redaktion", role="editor", organisation=jena),
    }
    made = {}
    for role, user in users.items():
        made[role] = Client()
        made[role].force_login(user)
    return made


@pytest.mark.parametrize(("label", "path"), _registered(), ids=lambda v: str(v))
def test_every_role_gets_what_the_table_says(
    clients: dict[str, Client], label: str, path: str
) -> None:
    allowed = TABLE[label]
    for role, client in clients.items():
        words = allowed[role]
        may_list = any(w.startswith("list") for w in words)
        may_add = any(w.startswith("add") for w in words)
        listing = client.get(path)
        adding = client.get(f"{path}add/")
        assert listing.status_code == (200 if may_list else 403), (role, "list")
        assert adding.status_code == (200 if may_add else 403), (role, "add")
        if may_list:
            _check_records(client, role, path, listing.content.decode(), words)


def _check_records(client: Client, role: str, path: str, listing: str, words: set[str]) -> None:
    """The first records of the list open; the office may save them, a board member not."""
    links = re.findall(rf'href="({re.escape(path)}\d+/change/[^"]*)"', listing)
    for link in dict.fromkeys(links[:3]):
        page: Any = client.get(link.replace("&amp;", "&"))
        assert page.status_code == 200, (role, link)
        savable = 'name="_save"' in page.content.decode()
        if role == "office" and "change" in words:
            assert savable, (role, link)
        if role == "board":
            assert not savable, (role, link)


def test_a_document_opens_for_whoever_may_see_it_and_uploads_for_its_editor(
    region_data,
) -> None:
    from impulsregion.agreements.models import Document  # noqa: PLC0415 - one test's model

    weimar = organisation("weimar")
    document = Document.objects.create(
        title="Kostenaufstellung 2026",
        filename="kosten.pdf",
        content=b"%PDF-1.7",
        organisation=weimar,
    )
    board, editor = Client(), Client()
    board.force_login(make_user("vorstand", role="board", organisation=weimar))
    editor.force_login(make_user("stadt-weimar", role="editor", organisation=weimar))
    path = f"/admin/agreements/document/{document.pk}/change/"

    read = board.get(path).content.decode()
    assert "kosten.pdf" in read
    assert 'type="file"' not in read
    assert 'type="file"' in editor.get(path).content.decode()
    assert 'type="file"' in editor.get("/admin/agreements/document/add/").content.decode()
