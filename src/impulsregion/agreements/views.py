"""Public pages of the association (what the office marks public) and downloads."""

from __future__ import annotations

from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from impulsregion.agreements import queries
from impulsregion.agreements.domain.allocation import Statement
from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import Agreement, Document, MinutesVersion
from impulsregion.agreements.pdf import statement_pdf
from impulsregion.agreements.services.costs import compute_statement, statement_csv, statement_data
from impulsregion.region import rules


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "agreements": queries.public_agreements().order_by(
            F("signed_on").asc(nulls_last=True), "slug"
        ),
        "resolutions": queries.public_resolutions().order_by("-decided_on", "number")[:20],
        "meetings": queries.public_meetings().order_by("-starts_at")[:10],
        "chairs": queries.chair_history(),
    }
    return render(request, "agreements/index.html", context)


def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = get_object_or_404(queries.public_agreements(), slug=slug)
    statements = []
    for cost_year in agreement.cost_years.order_by("-year"):
        try:
            statement, _orgs = compute_statement(agreement, cost_year.year)
        except AgreementsError as error:
            statements.append(
                {"year": cost_year.year, "error": error.message, "figures": cost_year}
            )
            continue
        statements.append(
            {"year": cost_year.year, "data": statement_data(statement), "figures": cost_year}
        )
    context = {
        "agreement": agreement,
        "statements": statements,
        "documents": agreement.documents.filter(public=True),
    }
    return render(request, "agreements/agreement.html", context)


def resolution_detail(request: HttpRequest, number: str) -> HttpResponse:
    resolution = get_object_or_404(queries.public_resolutions(), number=number)
    return render(request, "agreements/resolution.html", {"resolution": resolution})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(queries.public_meetings(), pk=pk)
    items = meeting.agenda_items.filter(public=True).prefetch_related("resolutions")
    return render(request, "agreements/meeting.html", {"meeting": meeting, "items": items})


def _may_see_document(request: HttpRequest, document: Document) -> bool:
    if document.public:
        return True
    user = request.user
    if rules.is_office(user) or rules.is_board_member(user):
        return True
    return (
        document.organisation_id is not None
        and document.organisation_id in rules.member_organisation_ids(user)
    )


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document, pk=pk)
    if not _may_see_document(request, document):
        raise Http404
    response = HttpResponse(bytes(document.content), content_type=document.media_type)
    response["Content-Disposition"] = f'inline; filename="{document.filename}"'
    response["Digest"] = f"sha-256={document.sha256}"
    return response


def minutes_download(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(MinutesVersion.objects.select_related("meeting"), pk=pk)
    public = version.meeting.public and version.signed
    if not public and not rules.can_view_internal(request.user):
        raise Http404
    response = HttpResponse(bytes(version.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="protokoll-{version.meeting_id}-v{version.version}.pdf"'
    )
    return response


def _statement(slug: str, year: int) -> tuple[Agreement, Statement]:
    agreement = get_object_or_404(queries.public_agreements(), slug=slug)
    try:
        statement, _orgs = compute_statement(agreement, year)
    except AgreementsError as error:
        raise Http404(error.message) from error
    return agreement, statement


def statement_csv_download(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    _agreement, statement = _statement(slug, year)
    response = HttpResponse(statement_csv(statement), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{year}.csv"'
    return response


def statement_pdf_download(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agreement, statement = _statement(slug, year)
    pdf = statement_pdf(agreement, year, statement, issued_on=timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}-{year}.pdf"'
    return response
