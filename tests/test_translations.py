"""Every app's German catalogue is complete, not fuzzy, and compiled."""

import gettext
import re
from pathlib import Path
from typing import NamedTuple

import pytest

pytestmark = pytest.mark.domain

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "impulsregion"
CATALOGUES = sorted(PACKAGE.glob("**/locale/de/LC_MESSAGES/django.po"))
ENTRY = re.compile(
    r'^(#, .*\n)?(msgctxt .*\n)?msgid ("(?:.*)"\n(?:".*"\n)*)(msgid_plural .*\n(?:".*"\n)*)?'
    r'((?:msgstr(?:\[\d\])? ".*"\n(?:".*"\n)*)+)',
    re.M,
)
MSGSTR = re.compile(r'msgstr(?:\[\d\])? (".*"\n(?:".*"\n)*)')


class Entry(NamedTuple):
    flags: str
    context: str | None
    msgid: str
    plural: bool
    translations: list[str]


def _text(quoted: str) -> str:
    return "".join(re.findall(r'"(.*)"', quoted))


def _entries(path: Path) -> list[Entry]:
    content = path.read_text(encoding="utf-8") + "\n"
    result = []
    for match in ENTRY.finditer(content):
        flags, context, msgid, plural, msgstrs = match.groups()
        if _text(msgid) == "":
            continue  # the header
        translations = [_text(s) for s in MSGSTR.findall(msgstrs)]
        result.append(
            Entry(
                flags or "",
                _text(context) if context else None,
                _text(msgid),
                bool(plural),
                translations,
            )
        )
    return result


def test_every_app_with_strings_has_a_catalogue() -> None:
    apps = {path.parents[3].name for path in CATALOGUES}
    assert {"common", "region"} <= apps


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_catalogue_has_no_untranslated_or_fuzzy_entries(path: Path) -> None:
    entries = _entries(path)
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    assert [e.msgid for e in entries if any(t == "" for t in e.translations)] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_catalogue_is_compiled(path: Path) -> None:
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run make messages"
    with compiled.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    missing = []
    for entry in _entries(path):
        if entry.plural or "\\" in entry.msgid:
            continue
        found = (
            catalogue.pgettext(entry.context, entry.msgid)
            if entry.context
            else catalogue.gettext(entry.msgid)
        )
        if found == entry.msgid and entry.translations[0] != entry.msgid:
            missing.append(entry.msgid)
    assert missing == [], "the .mo file is older than the .po file: run make messages"
