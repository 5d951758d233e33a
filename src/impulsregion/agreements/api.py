"""API of the association: agreements and statements, resolutions, meetings, chairs, OParl."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from impulsregion.agreements import oparl, queries
from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.models import Agreement
from impulsregion.agreements.schemas import (
    AgreementOut,
    ChairOut,
    ChairProposalOut,
    EvaluateIn,
    EvaluateOut,
    MeetingOut,
    OParlObject,
    ResolutionOut,
    StatementOut,
)
from impulsregion.agreements.services.admissions import propose_chair
from impulsregion.agreements.services.costs import (
    compute_statement,
    cost_year,
    statement_csv,
    statement_data,
)
from impulsregion.agreements.services.resolutions import evaluate_counts
from impulsregion.agreements.texts import render, render_in
from impulsregion.common.api import ApiError, errors
from impulsregion.common.i18n import pick
from impulsregion.common.schemas import Slug

router = Router(tags=["agreements"])


def _agreement(slug: str) -> Agreement:
    agreement = queries.public_agreements().filter(slug=slug).first()
    if agreement is None:
        raise ApiError(
            _("There is no public agreement %(slug)s.") % {"slug": slug},
            field="slug",
            status=404,
            location="path",
        )
    return agreement


def _agreement_out(agreement: Agreement) -> AgreementOut:
    return AgreementOut(
        slug=agreement.slug,
        kind=agreement.kind,
        title=pick(agreement, "title"),
        title_de=agreement.title_de,
        title_en=agreement.title_en,
        legal_basis=agreement.legal_basis,
        tasks=pick(agreement, "tasks"),
        signed_on=agreement.signed_on,
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        notice=pick(agreement, "notice"),
        approved_on=agreement.approved_on,
        published_on=agreement.published_on,
        dates_confirmed=agreement.dates_confirmed,
        source=agreement.source,
        key=agreement.key_description(),
        usage_unit=agreement.usage_unit,
        parties=[
            {
                "slug": p.organisation.slug,
                "name": p.organisation.name,
                "role": p.role,
                "fixed_percent": p.fixed_percent,
            }
            for p in agreement.parties.all()
        ],
        statement_years=sorted(y.year for y in agreement.cost_years.all()),
    )


@router.get(
    "/agreements", response=list[AgreementOut], summary="Public agreements of the cooperation"
)
def list_agreements(request: HttpRequest) -> list[AgreementOut]:
    agreements = queries.public_agreements().prefetch_related("cost_years").order_by("slug")
    return [_agreement_out(a) for a in agreements]


@router.get(
    "/agreements/{slug}",
    response={200: AgreementOut, **errors(404, 422)},
    summary="One agreement",
)
def get_agreement(request: HttpRequest, slug: Slug) -> AgreementOut:
    return _agreement_out(_agreement(slug))


class StatementFormat(Schema):
    format: Literal["json", "csv"] = Field("json", description="json (default) or csv")


@router.get(
    "/agreements/{slug}/statements/{year}",
    response={200: StatementOut, **errors(404, 422)},
    summary="Cost statement of a year, with every step",
    # ?format=csv answers the same statement as a spreadsheet
    openapi_extra={"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def get_statement(
    request: HttpRequest, slug: Slug, year: int, params: Query[StatementFormat]
) -> Any:
    agreement = _agreement(slug)
    try:
        statement, _orgs = compute_statement(agreement, year)
        figures = cost_year(agreement, year)
    except AgreementsError as error:
        raise ApiError(error.message, field="year", status=422, location="path") from error
    if params.format == "csv":
        response = HttpResponse(statement_csv(statement), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{slug}-{year}.csv"'
        return response
    return {
        "agreement": slug,
        "year": year,
        "illustrative": figures.illustrative,
        "source": figures.source,
        **statement_data(statement),
    }


@router.post(
    "/resolutions/evaluate",
    response={200: EvaluateOut, **errors(400, 422)},
    summary="Evaluate a vote by the BGB defaults and the statute",
)
def evaluate_resolution(request: HttpRequest, payload: EvaluateIn) -> EvaluateOut:
    try:
        outcome = evaluate_counts(
            subject=payload.subject,
            yes=payload.yes,
            no=payload.no,
            abstain=payload.abstain,
            members=payload.members,
            present=payload.present,
            written_consents=payload.written_consents,
            statute=queries.current_statute(timezone.localdate()),
        )
    except AgreementsError as error:
        raise ApiError(error.message, field=error.field, location="body") from error
    return EvaluateOut(
        accepted=outcome.accepted,
        rule=outcome.rule.value,
        yes=outcome.yes,
        no=outcome.no,
        abstain=outcome.abstain,
        cast=outcome.cast,
        required=outcome.required,
        reason=render(outcome.reason),
        reason_de=render_in(outcome.reason, "de"),
        reason_en=render_in(outcome.reason, "en"),
    )


@router.get("/resolutions", response=list[ResolutionOut], summary="Public resolutions")
def list_resolutions(request: HttpRequest) -> list[ResolutionOut]:
    return [
        ResolutionOut(
            number=r.number,
            title=pick(r, "title"),
            subject=r.subject,
            procedure=r.procedure,
            meeting=pick(r.meeting, "title") if r.meeting else None,
            agenda_item=r.agenda_item.number if r.agenda_item else None,
            decided_on=r.decided_on,
            accepted=r.accepted,
            yes=r.yes_count,
            no=r.no_count,
            abstain=r.abstain_count,
            reason=pick(r, "reason"),
        )
        for r in queries.public_resolutions().select_related("agenda_item")
    ]


@router.get("/meetings", response=list[MeetingOut], summary="Public meetings with their agenda")
def list_meetings(request: HttpRequest) -> list[MeetingOut]:
    return [
        MeetingOut(
            id=m.pk,
            body=pick(m.body, "name"),
            title=pick(m, "title"),
            starts_at=m.starts_at,
            mode=m.mode,
            place=m.place,
            invitation_sent_on=m.invitation_sent_on,
            state=m.state,
            agenda=[
                {"number": i.number, "title": pick(i, "title"), "in_invitation": i.in_invitation}
                for i in m.agenda_items.all()
                if i.public
            ],
        )
        for m in queries.public_meetings().prefetch_related("agenda_items")
    ]


@router.get("/chairs", response=list[ChairOut], summary="History of the board chairs")
def list_chairs(request: HttpRequest) -> list[ChairOut]:
    return [
        ChairOut(year=p.term.year, person=str(p.person), organisation=p.organisation.name)
        for p in queries.chair_history()
    ]


class ProposalQuery(Schema):
    year: int = Field(..., ge=2000, le=2100)


@router.get(
    "/chairs/proposal",
    response={200: ChairProposalOut, **errors(422)},
    summary="Next chair proposed by the rotation order",
)
def chair_proposal(request: HttpRequest, params: Query[ProposalQuery]) -> ChairProposalOut:
    try:
        proposal = propose_chair(params.year)
    except AgreementsError as error:
        raise ApiError(error.message, field="year") from error
    return ChairProposalOut(
        year=proposal.year, organisation=proposal.organisation, reason=render(proposal.reason)
    )


# --- OParl 1.1 ----------------------------------------------------------------------


@router.get("/oparl/system", response=OParlObject, summary="OParl 1.1 system", tags=["oparl"])
def oparl_system(request: HttpRequest) -> dict[str, Any]:
    return oparl.system(request)


@router.get("/oparl/body", response=OParlObject, summary="OParl 1.1 list of bodies", tags=["oparl"])
def oparl_bodies(request: HttpRequest) -> dict[str, Any]:
    return oparl.body_list(request)


@router.get(
    "/oparl/body/{body}",
    response={200: OParlObject, **errors(404)},
    summary="OParl 1.1 body",
    tags=["oparl"],
)
def oparl_body(request: HttpRequest, body: str) -> dict[str, Any]:
    oparl.check_body(body)
    return oparl.body(request)


@router.get(
    "/oparl/body/{body}/{kind}",
    response={200: OParlObject, **errors(404)},
    summary="OParl 1.1 object list",
    tags=["oparl"],
)
def oparl_list(request: HttpRequest, body: str, kind: str) -> dict[str, Any]:
    oparl.check_body(body)
    return oparl.object_list(request, kind)


@router.get(
    "/oparl/{kind}/{pk}",
    response={200: OParlObject, **errors(404, 422)},
    summary="OParl 1.1 single object",
    tags=["oparl"],
)
def oparl_object(request: HttpRequest, kind: str, pk: int) -> dict[str, Any]:
    return oparl.single(request, kind, pk)
