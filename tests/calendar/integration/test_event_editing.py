"""A member's editor edits an event in the back office as themselves (never a superuser):
the description is cleaned as imports are, categories and audiences are checkboxes in the
page's language, images are checked, scaled and stored, a draft is submitted only when
complete, and its preview is for those who may see it."""

from __future__ import annotations

import functools
import io
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event, EventImage
from tests.e2e_support import form_fields
from tests.factories.calendar import make_event, organisation

pytestmark = pytest.mark.integration


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def jena_editor(db: None, client: Client, editor_user: Any) -> Client:
    client.force_login(editor_user(organisation("jena")))
    return client


def stored_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def picture(fmt: str, size: tuple[int, int] = (2000, 1500), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 0 if mode == "1" else (180, 40, 40)).save(buffer, fmt)
    return buffer.getvalue()


def save(client: Client, path: str, changes: dict[str, Any], button: str = "_continue") -> Any:
    """Send the form at `path` as a browser does, with `changes` (a file as a value uploads it)."""
    data: dict[str, Any] = {}
    for name, value in form_fields(client.get(path).content.decode(), "event_form"):
        data.setdefault(name, []).append(value)
    data.update(changes)
    data[button] = "1"
    return client.post(path, data, HTTP_ACCEPT_LANGUAGE="de")


def change_path(event: Event) -> str:
    return f"/admin/calendar/event/{event.pk}/change/"


def image_fields(upload: SimpleUploadedFile | None, **fields: str) -> dict[str, Any]:
    values = {
        "uploaded_images-0-alt_de": "Die Orgel der Stadtkirche",
        "uploaded_images-0-credit": "Stadt Jena",
        "uploaded_images-0-licence": "CC BY 4.0",
        "uploaded_images-0-position": "0",
        **fields,
    }
    if upload is not None:
        values["uploaded_images-0-upload"] = upload
    return values


# --- description ------------------------------------------------------------------------------


def test_the_description_is_cleaned_on_save_as_imports_are(jena_editor: Client) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)
    dirty = (
        '<p onclick="steal()" style="color:red">Ein Abend mit <strong>Bach</strong></p>'
        "<script>alert(1)</script>"
        '<ul><li><a href="javascript:alert(2)">hier</a></li></ul>'
    )

    response = save(jena_editor, change_path(event), {"description_de": dirty})

    event.refresh_from_db()
    assert response.status_code == 302
    assert event.description_de == (
        "<p>Ein Abend mit <strong>Bach</strong></p><ul><li><a "
        'rel="noopener noreferrer nofollow">hier</a></li></ul>'
    )


def test_an_empty_paragraph_from_the_editor_is_no_description(jena_editor: Client) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)

    save(jena_editor, change_path(event), {"description_en": "<p></p>"})

    event.refresh_from_db()
    assert event.description_en == ""


def test_the_form_loads_the_editor_from_our_own_static_files(jena_editor: Client) -> None:
    page = jena_editor.get("/admin/calendar/event/add/").content.decode()

    assert 'data-description-editor=""' in page
    assert '<script src="/static/calendar/description-editor.js" type="module">' in page
    assert "https://" not in "".join(re.findall(r'<script[^>]*src="([^"]+)"', page))


# --- categories and audiences -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "music", "heading"),
    [
        pytest.param("", "Musik &amp; Konzert", "Zielgruppen", id="german"),
        pytest.param("/en", "Music &amp; concerts", "Audiences", id="english"),
    ],
)
def test_categories_and_audiences_are_checkboxes_in_the_pages_language(
    jena_editor: Client, prefix: str, music: str, heading: str
) -> None:
    page = jena_editor.get(f"{prefix}/admin/calendar/event/add/").content.decode()

    assert re.search(
        rf'<input type="checkbox" name="categories" value="\d+" id="id_categories_0">\s*{music}',
        page,
    )
    assert "selectfilter" not in page  # no dual list
    audiences = page[page.index(f'class="fieldset-heading">{heading}</h2>') :]
    assert audiences.index('type="checkbox" name="audiences"') < audiences.index("</fieldset>")
    assert page.count('type="checkbox" name="audiences"') == 4


def test_ticked_categories_and_audiences_are_stored(jena_editor: Client) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)
    page = jena_editor.get(change_path(event)).content.decode()
    ids = dict(
        re.findall(r'name="categories" value="(\d+)" id="id_categories_\d+">\s*([^<]+)', page)
    )
    music = next(pk for pk, name in ids.items() if "Musik" in name)
    tour = next(pk for pk, name in ids.items() if "Führung" in name)

    save(
        jena_editor,
        change_path(event),
        {"categories": [music, tour], "audiences": ["for_families", "for_seniors"]},
    )

    event.refresh_from_db()
    assert sorted(event.categories.values_list("slug", flat=True)) == ["music", "tour"]
    assert (event.for_families, event.for_children, event.for_youth, event.for_seniors) == (
        True,
        False,
        False,
        True,
    )


# --- images -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [
        pytest.param("JPEG", "jpg", id="jpeg"),
        pytest.param("PNG", "png", id="png"),
        pytest.param("WEBP", "webp", id="webp"),
    ],
)
def test_an_uploaded_image_is_stored_in_the_sizes_the_page_shows(
    jena_editor: Client, media: Path, fmt: str, suffix: str
) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)
    upload = SimpleUploadedFile(f"Orgel.{suffix}", picture(fmt), content_type="image/jpeg")

    response = save(jena_editor, change_path(event), image_fields(upload))

    assert response.status_code == 302
    image = EventImage.objects.get(event=event)
    assert (image.credit, image.licence, image.alt_de) == (
        "Stadt Jena",
        "CC BY 4.0",
        "Die Orgel der Stadtkirche",
    )
    assert [(size["width"], size["height"]) for size in image.renditions] == [
        (480, 360),
        (960, 720),
        (1600, 1200),
    ]
    assert image.original.name.endswith(f".{suffix}")
    for size in image.renditions:
        for kind in ("webp", "jpg"):
            with Image.open(media / size[kind]) as stored:
                assert stored.size == (size["width"], size["height"])
    assert len(stored_files(media)) == 1 + 6
    preview = jena_editor.get(f"/admin/calendar/event/{event.pk}/preview/").content.decode()
    assert f"/media/{image.renditions[0]['webp']} 480w" in preview
    assert f"/media/{image.renditions[2]['jpg']} 1600w" in preview
    assert 'width="960" height="720" alt="Die Orgel der Stadtkirche" loading="lazy"' in preview
    assert "Foto: Stadt Jena (CC BY 4.0)" in preview


def test_credit_licence_and_description_of_an_image_are_required(
    jena_editor: Client, media: Path
) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)
    upload = SimpleUploadedFile("Orgel.jpg", picture("JPEG"))

    response = save(
        jena_editor,
        change_path(event),
        image_fields(
            upload,
            **{
                "uploaded_images-0-credit": "",
                "uploaded_images-0-licence": "",
                "uploaded_images-0-alt_de": "",
            },
        ),
    )

    assert response.status_code == 200
    assert re.findall(r'<ul class="errorlist"[^>]*><li>(.*?)</li>', response.content.decode()) == [
        "Beschreiben Sie auf Deutsch, was das Bild zeigt.",
        "Geben Sie den Bildnachweis an (wer das Foto gemacht hat).",
        "Geben Sie die Lizenz des Bildes an (zum Beispiel CC BY 4.0).",
    ]
    assert not EventImage.objects.exists()
    assert stored_files(media) == []


@functools.cache
def bomb() -> bytes:
    """A real PNG of 20,000 × 20,000 pixels (black and white: small to make and to send)."""
    return picture("PNG", (20000, 20000), mode="1")


@pytest.mark.parametrize(
    ("name", "content", "sentence"),
    [
        pytest.param(
            "Programm.jpg",
            b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n",
            "Die Datei ist kein Bild: Laden Sie ein Foto als JPEG, PNG oder WebP hoch.",
            id="pdf-named-jpg",
        ),
        pytest.param(
            "Riesig.jpg",
            b"\xff\xd8\xff\xe0" + b"\0" * (40 * 1024 * 1024),
            "Das Bild ist größer als 10 MB; speichern Sie es kleiner und laden Sie es erneut hoch.",
            id="40-mb",
        ),
        pytest.param(
            "Bombe.png",
            None,
            "Das Bild hat mehr als 40 Millionen Pixel; verkleinern Sie es und laden Sie es "
            "erneut hoch.",
            id="20000x20000-png",
        ),
    ],
)
def test_a_bad_file_is_refused_with_one_sentence_and_nothing_stored(
    jena_editor: Client, media: Path, name: str, content: bytes | None, sentence: str
) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)
    upload = SimpleUploadedFile(name, content if content is not None else bomb())

    response = save(jena_editor, change_path(event), image_fields(upload))

    assert response.status_code == 200
    assert sentence in unescape(response.content.decode())
    assert not EventImage.objects.exists()
    assert stored_files(media) == []


def test_deleting_an_image_removes_its_files(
    jena_editor: Client, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)
    save(
        jena_editor,
        change_path(event),
        image_fields(SimpleUploadedFile("Orgel.png", picture("PNG"))),
    )
    image = EventImage.objects.get(event=event)

    with django_capture_on_commit_callbacks(execute=True):
        save(jena_editor, change_path(event), {"uploaded_images-0-DELETE": "on"})

    assert not EventImage.objects.filter(pk=image.pk).exists()
    assert stored_files(media) == []


def test_the_original_is_not_served_but_the_sizes_are(jena_editor: Client, media: Path) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)
    save(
        jena_editor,
        change_path(event),
        image_fields(SimpleUploadedFile("Orgel.jpg", picture("JPEG"))),
    )
    image = EventImage.objects.get(event=event)

    size = jena_editor.get(f"/media/{image.renditions[0]['jpg']}")
    original = jena_editor.get(f"/media/{image.original.name}")

    assert (size.status_code, size["Content-Type"]) == (200, "image/jpeg")
    assert original.status_code == 404


# --- save, submit, preview --------------------------------------------------------------------


def test_submitting_a_draft_without_a_date_says_what_is_missing_and_keeps_it(
    jena_editor: Client,
) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False, starts=())

    response = save(jena_editor, change_path(event), {"title_de": "Orgelnacht"}, "_submit")
    page = jena_editor.get(response["Location"]).content.decode()

    event.refresh_from_db()
    assert response["Location"] == change_path(event)
    assert event.public_status == PublicStatus.DRAFT
    assert "Der Entwurf ist gespeichert, aber nicht eingereicht: Es fehlt ein Termin." in unescape(
        page
    )


def test_submitting_a_complete_draft_sends_it_to_the_office(jena_editor: Client) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)

    response = save(jena_editor, change_path(event), {}, "_submit")
    page = jena_editor.get(response["Location"]).content.decode()

    event.refresh_from_db()
    assert event.public_status == PublicStatus.SUBMITTED
    assert "„Orgelnacht“ ist gespeichert und zur Prüfung an die Geschäftsstelle eingereicht." in (
        unescape(page)
    )


def test_a_draft_shows_the_draft_buttons(jena_editor: Client) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)

    page = jena_editor.get(change_path(event)).content.decode()

    assert re.findall(r'<input type="submit" value="([^"]+)"[^>]*name="(_\w+)"', page) == [
        ("Als Entwurf speichern", "_continue"),
        ("Speichern und einreichen", "_submit"),
        ("Vorschau", "_preview"),
    ]


def test_preview_saves_then_shows_the_page_with_its_banner(jena_editor: Client) -> None:
    event = make_event("Orgelnacht", org=organisation("jena"), published=False)

    response = save(
        jena_editor, change_path(event), {"description_de": "<p><b>Bach</b></p>"}, "_preview"
    )
    page = jena_editor.get(response["Location"]).content.decode()

    assert response["Location"] == f"/admin/calendar/event/{event.pk}/preview/"
    assert "Vorschau – noch nicht veröffentlicht" in page
    assert '<div class="description"><p><b>Bach</b></p></div>' in page
    assert '<h1 id="event-title">Orgelnacht</h1>' in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        pytest.param("own-editor", 200, id="own-editor"),
        pytest.param("office", 200, id="office"),
        pytest.param("board", 200, id="board"),
        pytest.param("other-editor", 404, id="another-members-editor"),
    ],
)
def test_only_those_who_may_see_a_draft_see_its_preview(
    db: None, client: Client, make_user: Any, who: str, status: int
) -> None:
    jena, weimar = organisation("jena"), organisation("weimar")
    event = make_event("Orgelnacht", org=jena, published=False)
    user = {
        "own-editor": lambda: make_user("jena", role="editor", organisation=jena),
        "office": lambda: make_user("buero", role="office"),
        "board": lambda: make_user("vorstand", role="board", organisation=weimar),
        "other-editor": lambda: make_user("weimar", role="editor", organisation=weimar),
    }[who]()
    client.force_login(user)

    response = client.get(f"/admin/calendar/event/{event.pk}/preview/")

    assert response.status_code == status
    assert ("Orgelnacht" in response.content.decode()) == (status == 200)
