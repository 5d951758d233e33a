"""Planning's periodic job: holds past their deadline expire, clashes are reported."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from impulsregion.common.jobs import JobRefused, job, periodic
from impulsregion.planning import services
from impulsregion.planning.domain.typography import Lang
from impulsregion.planning.domain.yearbook import EmptyYearbookError
from impulsregion.planning.models import Highlight
from impulsregion.planning.yearbook import render_yearbook


@periodic("expire-holds", every=timedelta(days=1), at=time(6, 0))
@job(label=_("Expire holds and report clashes"))
def expire_holds() -> dict[str, int]:
    today = services.today_local()
    expired = services.expire_holds(today=today)
    notified = services.notify_hold_conflicts(today=today)
    return {"expired": expired, "notified": notified}


YEARBOOK_FOLDER = "jahresueberblick"


def yearbook_file(year: int, lang: str) -> Path:
    """Where the job keeps the printed Jahresüberblick of a year (shared media folder)."""
    return Path(settings.MEDIA_ROOT) / YEARBOOK_FOLDER / f"kulturjahr-{year}-{lang}.pdf"


@job(label=_("Render the Jahresüberblick"))
def render_yearbook_pdf(year: int, lang: str) -> dict[str, Any]:
    """The PDF of one year and language, written atomically beside the earlier one."""
    try:
        pdf = render_yearbook(year, Lang(lang), issued=services.today_local())
    except EmptyYearbookError as error:
        raise JobRefused(
            _("No highlights are selected for %(year)s; mark events as highlights first.")
            % {"year": year}
        ) from error
    target = yearbook_file(year, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".part")
    temporary.write_bytes(pdf)
    temporary.replace(target)
    return {"file": str(target.relative_to(settings.MEDIA_ROOT)), "bytes": len(pdf)}


@periodic("render-yearbooks", every=timedelta(days=1), at=time(4, 0))
@job(label=_("Render this and next year's Jahresüberblick"))
def render_yearbooks() -> dict[str, list[str]]:
    """Each night, the printed overview of this year and the next, in German and English, for
    the years that have highlights (rendering takes seconds: never in a visitor's request)."""
    this_year = services.today_local().year
    years = [
        year for year in (this_year, this_year + 1) if Highlight.objects.filter(year=year).exists()
    ]
    for year in years:
        for lang in (Lang.DE, Lang.EN):
            render_yearbook_pdf.enqueue(year, lang.value)
    return {"years": [str(year) for year in years]}
