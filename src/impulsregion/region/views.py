from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from impulsregion.region import queries
from impulsregion.region.models import Mandate, Milestone, Organisation


def _member_cards() -> list[dict[str, object]]:
    members = queries.organisations_with_figures(queries.current_members())
    return [{"organisation": org, "figures": queries.latest_figures(org)} for org in members]


def home(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    terms = list(queries.board_terms())
    current = next((term for term in terms if term.year == year), None)
    latest = current or next((term for term in terms if term.year < year), None)
    return render(
        request,
        "region/home.html",
        {
            "members": _member_cards(),
            "board": latest,
            "board_is_current": current is not None,
            "year": year,
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "region/about.html",
        {
            "members": _member_cards(),
            "terms": queries.board_terms(),
            "milestones": Milestone.objects.order_by("year", "date", "key"),
            "association": queries.association(),
        },
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        queries.organisations_with_figures(Organisation.objects.all()), slug=slug
    )
    mandates = (
        Mandate.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("-starts_on")
    )
    memberships = organisation.memberships.select_related("body").order_by("admitted_on")
    return render(
        request,
        "region/organisation.html",
        {
            "organisation": organisation,
            "figures": organisation.figures,
            "mandates": mandates,
            "memberships": memberships,
        },
    )


def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "region/imprint.html", {"association": queries.association()})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "region/accessibility.html")


def login_locked(request: HttpRequest, *_args: Any) -> HttpResponse:
    """The answer to a login while its user name or address is locked (django-axes calls it):
    what happened, for how long, and who helps; status 429."""
    context = {
        **admin.site.each_context(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lock_minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
    }
    return render(request, "region/login_locked.html", context, status=429)
