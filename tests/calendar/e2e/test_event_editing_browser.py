"""A member's editor in a real browser: writes the description in the editor (bold), ticks two
categories, uploads a photo with its credit, licence and description, saves the draft, looks
at the preview (photo and bold text there) and submits it to the office."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from impulsregion.calendar.enums import PublicStatus
from impulsregion.calendar.models import Event, EventImage
from tests.browser import assert_accessible
from tests.factories.calendar import make_event, organisation
from tests.factories.region import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

WIDER = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# the parts of the form this feature made (the umbrella picker and the embargo's date and
# time fields have findings of their own, outside this feature)
OURS = (
    ".field-description_de, .field-description_en, .field-categories, .field-audiences, "
    "#uploaded_images-group, .submit-row"
)


@pytest.fixture
def draft(transactional_db: None, settings: Any, tmp_path: Path) -> Event:
    settings.MEDIA_ROOT = tmp_path / "media"
    jena = organisation("jena")
    make_user("redaktion", role="editor", organisation=jena)
    return make_event("Orgelnacht", org=jena, published=False)


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "Orgel.jpg"
    image = Image.new("RGB", (2400, 1600), (20, 70, 140))
    image.paste((230, 190, 40), (800, 400, 1600, 1200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def _log_in(page: Any, prefix: str = "") -> None:
    page.goto_path(f"{prefix}/admin/login/")
    page.locator("#id_username").fill("redaktion")
    page.locator("#id_password").fill("pw-redaktion")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_load_state()


def _click(page: Any, locator: Any) -> None:
    locator.click()
    page.wait_for_load_state("networkidle")


def test_editor_writes_ticks_uploads_previews_and_submits(page, draft: Event, photo: Path) -> None:
    _log_in(page)
    page.goto_path(f"/admin/calendar/event/{draft.pk}/change/")
    page.wait_for_load_state("networkidle")

    editor = page.get_by_role("textbox", name="Beschreibung (deutsch)", exact=True)
    editor.click()
    assert page.evaluate("document.activeElement.classList.contains('ProseMirror')")
    page.keyboard.type("Ein Abend mit ")
    page.keyboard.press("Control+B")
    page.keyboard.type("Bach und Reger")
    page.keyboard.press("Control+B")
    page.keyboard.type(" an der Sauer-Orgel.")
    page.get_by_role("checkbox", name="Musik & Konzert").check()
    page.get_by_role("checkbox", name="Führung").check()
    image = page.locator("#uploaded_images-0")  # the first image's form (not its template)
    image.get_by_label("Bilddatei").set_input_files(photo)
    image.get_by_label("Bildbeschreibung (Deutsch)").fill("Die Orgel der Stadtkirche")
    image.get_by_label("Bildnachweis").fill("Stadt Jena")
    image.get_by_label("Lizenz").fill("CC BY 4.0")
    _click(page, page.get_by_role("button", name="Als Entwurf speichern"))

    assert page.locator(".messagelist .success").count() == 1
    saved = Event.objects.get(pk=draft.pk)
    assert saved.public_status == PublicStatus.DRAFT
    assert saved.description_de == (
        "<p>Ein Abend mit <strong>Bach und Reger</strong> an der Sauer-Orgel.</p>"
    )
    assert sorted(saved.categories.values_list("slug", flat=True)) == ["music", "tour"]
    assert EventImage.objects.get(event=saved).credit == "Stadt Jena"
    assert_accessible(page, context=OURS)

    _click(page, page.get_by_role("button", name="Vorschau"))
    assert (
        page.get_by_role("status").inner_text().startswith("Vorschau – noch nicht veröffentlicht")
    )
    assert page.locator(".description strong").inner_text() == "Bach und Reger"
    picture = page.get_by_role("img", name="Die Orgel der Stadtkirche")
    picture.scroll_into_view_if_needed()  # it loads lazily
    page.wait_for_function("document.querySelector('.event-image img').naturalWidth > 0")
    loaded = picture.evaluate("img => img.currentSrc")
    assert loaded.endswith("-960.webp")  # 48rem wide at 1x: the 960 pixels, as WebP
    assert page.locator("figcaption").inner_text() == "Foto: Stadt Jena (CC BY 4.0)"
    assert_accessible(page)

    _click(page, page.get_by_role("link", name="Zurück zur Bearbeitung"))
    _click(page, page.get_by_role("button", name="Speichern und einreichen"))

    assert (
        "zur Prüfung an die Geschäftsstelle eingereicht"
        in page.locator(".messagelist").inner_text()
    )
    assert Event.objects.get(pk=draft.pk).public_status == PublicStatus.SUBMITTED


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "Zielgruppen"), ("/en", "Audiences")], ids=["de", "en"]
)
def test_the_form_and_its_preview_fit_phone_and_desktop(
    page, draft: Event, photo: Path, prefix: str, heading: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    _log_in(page, prefix)
    page.goto_path(f"{prefix}/admin/calendar/event/{draft.pk}/change/")
    page.wait_for_load_state("networkidle")

    assert page.get_by_role("heading", name=heading).is_visible()
    assert page.locator(".prose-editor").count() == 2
    assert page.evaluate(WIDER) == 0
    assert_accessible(page, context=OURS)
    _click(page, page.locator("input[name=_preview]"))
    assert page.evaluate(WIDER) == 0
    assert_accessible(page)
