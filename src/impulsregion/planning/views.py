"""Public pages: coordination overview, Jahresüberblick (HTML), joint events with route planner."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsregion.calendar.enums import EventStatus
from impulsregion.calendar.reads.public import public_events
from impulsregion.common.domain.holidays import load_holidays
from impulsregion.common.domain.spreadsheet import SafeWriter
from impulsregion.common.i18n import pick
from impulsregion.planning import queries, services
from impulsregion.planning.domain.clashes import Assessment
from impulsregion.planning.domain.itinerary import itinerary_ics, plan_route, programme_ics
from impulsregion.planning.domain.overview import grid_rows, year_grid
from impulsregion.planning.domain.yearbook import EmptyYearbookError, yearbook_document
from impulsregion.planning.forms import PicksForm, RadarForm
from impulsregion.planning.models import JointEvent
from impulsregion.planning.reasons import active_lang, describe
from impulsregion.planning.tasks import yearbook_file
from impulsregion.planning.yearbook import build_yearbook
from impulsregion.region import rules

UID_DOMAIN = "impulsregion.de"


def _year(request: HttpRequest, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


def _grid(year: int, internal: bool) -> tuple[list[Any], list[tuple[str, str]]]:
    if not 1999 <= year <= 2100:  # the cooperation's years; others have no overview
        raise Http404
    towns = list(queries.municipalities().values_list("slug", "short_name"))
    items = queries.grid_items(year, internal=internal)
    grid = year_grid(year, [slug for slug, _ in towns], items, load_holidays())
    return grid, towns


def radar(request: HttpRequest) -> HttpResponse:
    """Back-office page: clash radar for a proposed date, optionally free-date suggestions."""
    if not rules.can_use_back_office(request.user):
        return redirect_to_login(request.get_full_path())
    form = RadarForm(
        request.GET or None,
        municipalities=list(queries.municipalities().values_list("slug", "short_name")),
        categories=sorted(queries.category_names().items(), key=lambda item: item[1]),
    )
    result, suggestions = None, []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        proposal = services.ProposalInput(
            start=data["start"],
            end=data["end"] or data["start"],
            municipality=data["municipality"],
            visitors=data["visitors"],
            categories=data["category"],
            families=data["families"],
        )
        today = services.today_local()
        try:
            result = services.check_clashes(proposal, user=request.user, today=today)
            if data["window_end"]:
                suggestions = services.suggest(
                    proposal,
                    window_end=data["window_end"],
                    days=data["days"],
                    count=5,
                    weekdays=frozenset({4, 5}) if data["weekend"] else None,
                    user=request.user,
                    today=today,
                )
        except services.PlanningError as error:
            field = {"from": "start", "to": "window_end"}.get(error.field or "", error.field)
            form.add_error(field if field in form.fields else None, error.message)
    names, categories = queries.municipality_names(), queries.category_names()
    return render(
        request,
        "planning/radar.html",
        {
            "form": form,
            "result": _described(result, names, categories) if result else None,
            "suggestions": [_described(s, names, categories) for s in suggestions],
        },
    )


def _described(
    assessment: Assessment, names: dict[str, str], categories: dict[str, str]
) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "reasons": [(c.penalty, describe(c, names, categories)) for c in assessment.conflicts],
    }


def overview(request: HttpRequest) -> HttpResponse:
    """Weeks × municipalities; members also see holds."""
    today = services.today_local()
    year = _year(request, today.year + (1 if today.month >= 10 else 0))
    internal = rules.can_view_internal(request.user)
    grid, towns = _grid(year, internal)
    return render(
        request,
        "planning/overview.html",
        {"year": year, "grid": grid, "towns": towns, "internal": internal},
    )


def overview_csv(request: HttpRequest, year: int) -> HttpResponse:
    grid, _towns = _grid(year, rules.can_view_internal(request.user))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="terminabstimmung-{year}.csv"'
    writer = SafeWriter(response)
    writer.writerow(
        [
            "week",
            "monday",
            "sunday",
            "municipality",
            "kind",
            "title",
            "start",
            "end",
            "organisation",
            "expected_visitors",
        ]
    )
    writer.writerows(grid_rows(grid))
    return response


def yearbook_pdf(request: HttpRequest, year: int) -> FileResponse:
    """The printed Jahresüberblick as the nightly job rendered it (German or English)."""
    lang = active_lang().value
    path = yearbook_file(year, lang)
    if not path.exists():
        raise Http404(_("The printed overview of %(year)s is not ready yet.") % {"year": year})
    response = FileResponse(path.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kulturjahr-{year}-{lang}.pdf"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


def yearbook_page(request: HttpRequest, year: int) -> HttpResponse:
    book = build_yearbook(year, active_lang(), issued=services.today_local())
    try:
        document = yearbook_document(book)
    except EmptyYearbookError:
        return render(request, "planning/yearbook_empty.html", {"year": year}, status=404)
    pdf = yearbook_file(year, active_lang().value)
    download = (
        {"url": reverse("planning:yearbook-pdf", args=[year]), "size": pdf.stat().st_size}
        if pdf.exists()
        else None
    )
    return render(
        request, "planning/yearbook.html", {"doc": document, "year": year, "pdf": download}
    )


def _joint(slug: str) -> JointEvent:
    return get_object_or_404(
        JointEvent.objects.select_related("umbrella").filter(
            umbrella__in=public_events(timezone.now()).exclude(status=EventStatus.CANCELLED)
        ),
        slug=slug,
    )


def _json_ld(request: HttpRequest, joint: JointEvent, items: list[Any]) -> str:
    umbrella = joint.umbrella
    occurrence = umbrella.occurrences.order_by("start").first()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": pick(umbrella, "title"),
        "description": pick(umbrella, "short"),
        "url": request.build_absolute_uri(joint.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
        "offers": {
            "@type": "Offer",
            "price": str(joint.ticket_price),
            "priceCurrency": "EUR",
            "description": pick(joint, "ticket_includes"),
        },
        "subEvent": [
            {
                "@type": "Event",
                "name": item.title,
                "startDate": item.start.isoformat(),
                "endDate": item.end.isoformat(),
                "location": {"@type": "Place", "name": item.venue_name, "address": item.location},
                "superEvent": {"@type": "Event", "name": pick(umbrella, "title")},
            }
            for item in items
        ],
    }
    if occurrence is not None:
        data["startDate"] = timezone.localtime(occurrence.start).isoformat()
        if occurrence.end:
            data["endDate"] = timezone.localtime(occurrence.end).isoformat()
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def joint_event(request: HttpRequest, slug: str) -> HttpResponse:
    joint = _joint(slug)
    items = queries.programme(joint)
    by_venue: dict[str, list[Any]] = {}
    for item in items:
        by_venue.setdefault(item.venue_name, []).append(item)
    form = PicksForm(request.GET or None, choices=[(i.key, i.title) for i in items])
    plan = None
    if form.is_bound and form.is_valid():
        picked = set(form.cleaned_data["item"])
        plan = plan_route(
            [i for i in items if i.key in picked], queries.known_travel_minutes(joint)
        )
    routes = joint.routes.prefetch_related("stops__place")
    return render(
        request,
        "planning/joint_event.html",
        {
            "joint": joint,
            "umbrella": joint.umbrella,
            "by_venue": by_venue,
            "form": form,
            "plan": plan,
            "routes": routes,
            "json_ld": _json_ld(request, joint, items),
            "picked": request.GET.getlist("item"),
            "places": {i.venue_key: i.venue_name for i in items},
        },
    )


def joint_event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    joint = _joint(slug)
    picked = set(request.GET.getlist("item"))
    items = [i for i in queries.programme(joint) if i.key in picked]
    if not items:
        raise Http404(_("Pick at least one programme item."))
    plan = plan_route(items)
    body = itinerary_ics(
        plan, name=pick(joint.umbrella, "title"), uid_domain=UID_DOMAIN, stamp=_stamp(joint)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{joint.slug}.ics"'
    return response


def _stamp(joint: JointEvent) -> datetime:
    return joint.umbrella.updated_at


def venue_feed(request: HttpRequest, slug: str, place_id: int) -> HttpResponse:
    """iCalendar feed of one venue's programme in a joint event (language-neutral URL)."""
    joint = _joint(slug)
    items = queries.programme(joint, place_id=place_id)
    if not items:
        raise Http404
    name = f"{pick(joint.umbrella, 'title')} – {items[0].venue_name}"
    body = programme_ics(items, name=name, uid_domain=UID_DOMAIN, stamp=_stamp(joint))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{joint.slug}-{place_id}.ics"'
    return response


def venue_feed_url(joint: JointEvent, place_id: str) -> str:
    return reverse("planning-plain:venue-feed", kwargs={"slug": joint.slug, "place_id": place_id})
