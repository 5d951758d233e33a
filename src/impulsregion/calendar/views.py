"""Public pages of the Kulturkalender: list with filters, month view, event page, embed."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import condition

from impulsregion.calendar.domain.periods import month_grid
from impulsregion.calendar.forms import FilterForm
from impulsregion.calendar.models import Event, Occurrence
from impulsregion.calendar.pages import event_context
from impulsregion.calendar.reads import cache
from impulsregion.calendar.reads.filters import EventFilter, public_occurrences, with_event
from impulsregion.calendar.reads.paging import COUNT_CAP, DateSequence
from impulsregion.calendar.reads.public import (
    is_public,
    public_events,
)
from impulsregion.common.middleware import embeddable
from impulsregion.region import rules
from impulsregion.region.models import Organisation

PAGE_SIZE = 25
SHOWN_PER_DAY = 4  # dates per day in the month's grid; a link lists the others


def page_etag(request: HttpRequest, *args: object, **kwargs: object) -> str | None:
    """The validator of a calendar page for an anonymous visitor: the data version, the
    language, the path with its query, and the minute (which dates are still on follows the
    clock, as in the caches of the counts). A match answers 304 before anything is read.

    None for a signed-in user: editors see their drafts, and their pages are kept by no one
    (`common.middleware.PageCacheMiddleware`).
    """
    if request.user.is_authenticated:
        return None
    now = timezone.now()
    version = cache.request_version(request, now)
    minute = str(int(now.timestamp()) // 60)
    page = (version.key, get_language(), request.get_full_path())
    page_key = cache.key("page", *page, minute)
    request._page_etag = page_key  # type: ignore[attr-defined]  # the key of its kept copy
    request._page_latest = cache.key("page-latest", *page)  # type: ignore[attr-defined]
    return page_key


@condition(etag_func=page_etag)
@cache.kept_page
def index(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.to_filter()
    dates = DateSequence(filters, now=timezone.now())
    page = Paginator(dates, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # a list reached from an umbrella's programme or a member's link says whose dates it shows
    umbrella = (
        public_events(timezone.now()).filter(pk=filters.parent).first()
        if filters.parent is not None
        else None
    )
    member = (
        Organisation.objects.filter(slug=filters.organisation).first()
        if filters.organisation
        else None
    )
    return render(
        request,
        "calendar/index.html",
        {
            "form": form,
            "page": page,
            "umbrella": umbrella,
            "member": member,
            "capped": page.paginator.count > COUNT_CAP,
            "query": query.urlencode(),
            "feed_query": query.urlencode(),
        },
    )


@condition(etag_func=page_etag)
@cache.kept_page
def month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    form = FilterForm(request.GET or None)
    base = form.to_filter()
    filters = EventFilter(
        **{**base.__dict__, "start": first, "end": following.replace(day=1), "period": ""}
    )
    last = date.fromordinal(following.toordinal() - 1)
    # rows for the counts, model instances only for the dates shown (a busy month has thousands)
    cells = DateSequence(filters, now=timezone.now()).month(first, last, shown=SHOWN_PER_DAY)
    shown = [pk for ids, _count in cells.values() for pk in ids]
    found = with_event(Occurrence.objects.filter(pk__in=shown)).in_bulk()

    def cell(day: date | None) -> tuple[date | None, list[Occurrence], int]:
        """The day, its dates shown and how many more it has."""
        ids, count = cells.get(day, ([], 0)) if day else ([], 0)
        return day, [found[pk] for pk in ids if pk in found], count - len(ids)

    weeks = [[cell(day) for day in week] for week in month_grid(year, month)]
    previous = date.fromordinal(first.toordinal() - 1)
    return render(
        request,
        "calendar/month.html",
        {
            "form": form,
            "weeks": weeks,
            "first": first,
            "last": last,
            "previous": previous,
            "following": following,
            "query": request.GET.urlencode(),
        },
    )


@condition(etag_func=page_etag)
@cache.kept_page
def event(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.select_related("place", "organisation", "parent"), pk=pk
    )
    now = timezone.now()
    public = is_public(event, now)
    if not public and not rules.can_edit_organisation(request.user, event.organisation_id):
        raise Http404
    base = f"{request.scheme}://{request.get_host()}"
    return render(request, "calendar/event.html", event_context(event, now, base))


@embeddable
@xframe_options_exempt
@condition(etag_func=page_etag)
@cache.kept_page
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    """A compact list of one member's events for its own website (may be framed)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    occurrences = with_event(
        public_occurrences(EventFilter(), now=timezone.now()).filter(
            Q(municipality=organisation) | Q(event__organisation=organisation)
        )
    )[:30]
    return render(
        request, "calendar/embed.html", {"organisation": organisation, "occurrences": occurrences}
    )
