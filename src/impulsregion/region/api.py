from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from impulsregion.common.api import ApiError, errors
from impulsregion.common.schemas import Slug
from impulsregion.region import queries
from impulsregion.region.models import BoardPosition, BoardTerm, Milestone, Organisation
from impulsregion.region.schemas import (
    BoardOut,
    BoardPositionOut,
    KeyFigureOut,
    MilestoneOut,
    OrganisationOut,
)

router = Router(tags=["region"])


class OrganisationFilter(Schema):
    member: bool | None = Field(None, description="true: only current members of the association")


def _organisation_out(org: Organisation, member_ids: set[int]) -> OrganisationOut:
    return OrganisationOut(
        slug=org.slug,
        name=org.name,
        short_name=org.short_name,
        kind=org.kind,
        legal_form=org.legal_form,
        ags=org.ags or None,
        city=org.city,
        website=org.website,
        is_member=org.pk in member_ids,
        key_figures=[KeyFigureOut.from_orm(fig) for fig in org.figures],
    )


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], **errors(422)},
    summary="Organisations of the region",
)
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilter]
) -> list[OrganisationOut]:
    member_ids = set(queries.current_members().values_list("pk", flat=True))
    organisations = Organisation.objects.order_by("name")
    if filters.member is True:
        organisations = organisations.filter(pk__in=member_ids)
    elif filters.member is False:
        organisations = organisations.exclude(pk__in=member_ids)
    return [
        _organisation_out(org, member_ids)
        for org in queries.organisations_with_figures(organisations)
    ]


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationOut, **errors(404, 422)},
    summary="One organisation",
)
def get_organisation(request: HttpRequest, slug: Slug) -> OrganisationOut:
    org = queries.organisations_with_figures(Organisation.objects.filter(slug=slug)).first()
    if org is None:
        raise ApiError(
            _("There is no organisation %(slug)s.") % {"slug": slug},
            field="slug",
            status=404,
            location="path",
        )
    return _organisation_out(org, set(queries.current_members().values_list("pk", flat=True)))


class BoardFilter(Schema):
    year: int = Field(..., ge=1999, le=2100, description="Year of the board term, e.g. 2024")


def _position_out(position: BoardPosition) -> BoardPositionOut:
    person = position.person
    return BoardPositionOut(
        role=position.role,
        person={
            "name": str(person),
            "given_name": person.given_name,
            "family_name": person.family_name,
        },
        organisation={"slug": position.organisation.slug, "name": position.organisation.name},
        confirmed=position.confirmed,
    )


def _board_out(term: BoardTerm) -> BoardOut:
    positions = [_position_out(p) for p in term.positions.all()]
    by_role = {p.role: p for p in positions}
    return BoardOut(
        year=term.year,
        chair=by_role.get("chair"),
        deputy=by_role.get("deputy"),
        positions=positions,
        confirmed=term.confirmed,
        source=term.source,
    )


@router.get("/board", response={200: BoardOut, **errors(404, 422)}, summary="The board of one year")
def get_board(request: HttpRequest, filters: Query[BoardFilter]) -> BoardOut:
    term = queries.board_for_year(filters.year)
    if term is None:
        known = ", ".join(
            str(year) for year in BoardTerm.objects.order_by("year").values_list("year", flat=True)
        )
        raise ApiError(
            _("No board term is recorded for %(year)s. Recorded years: %(known)s.")
            % {"year": filters.year, "known": known or "–"},
            field="year",
            status=404,
        )
    return _board_out(term)


@router.get(
    "/board/history", response=list[BoardOut], summary="Every recorded board term, newest first"
)
def board_history(request: HttpRequest) -> list[BoardOut]:
    return [_board_out(term) for term in queries.board_terms()]


@router.get("/milestones", response=list[MilestoneOut], summary="The cooperation's history")
def list_milestones(request: HttpRequest) -> list[Milestone]:
    return list(Milestone.objects.order_by("year", "date", "key"))
