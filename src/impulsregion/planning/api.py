"""Coordination API: the clash radar and free-date suggestions (members also see holds)."""

from django.http import HttpRequest
from ninja import Query, Router

from impulsregion.common.api import ApiError, errors
from impulsregion.planning import queries, services
from impulsregion.planning.domain.clashes import Assessment
from impulsregion.planning.reasons import describe
from impulsregion.planning.schemas import (
    AssessmentOut,
    ClashQuery,
    ConflictOut,
    SuggestionQuery,
)

router = Router(tags=["coordination"])


def assessment_out(
    assessment: Assessment, names: dict[str, str], categories: dict[str, str]
) -> AssessmentOut:
    proposal = assessment.proposal
    return AssessmentOut(
        start=proposal.start,
        end=proposal.end,
        municipality=proposal.municipality,
        score=assessment.score,
        penalty=assessment.penalty,
        conflicts=[
            ConflictOut(
                code=c.code.value,
                penalty=c.penalty,
                reason=describe(c, names, categories),
                start=c.start,
                end=c.end,
                title=c.title,
                ref=c.ref,
                municipality=c.municipality,
            )
            for c in assessment.conflicts
        ],
    )


@router.get(
    "/coordination/clashes",
    response={200: AssessmentOut, **errors(422)},
    summary="Clash radar for a proposed date range",
)
def clashes(request: HttpRequest, query: Query[ClashQuery]) -> AssessmentOut:
    data = services.ProposalInput(
        start=query.start,
        end=query.end or query.start,
        municipality=query.municipality,
        visitors=query.visitors,
        venue=query.venue,
        categories=query.category,
        families=query.families,
    )
    try:
        result = services.check_clashes(data, user=request.user, today=services.today_local())
    except services.PlanningError as error:
        raise ApiError(error.message, field=error.field, status=error.status) from error
    return assessment_out(result, queries.municipality_names(), queries.category_names())


@router.get(
    "/coordination/suggestions",
    response={200: list[AssessmentOut], **errors(422)},
    summary="The best free dates in a window",
)
def suggestions(request: HttpRequest, query: Query[SuggestionQuery]) -> list[AssessmentOut]:
    data = services.ProposalInput(
        start=query.window_start,
        end=query.window_start,
        municipality=query.municipality,
        visitors=query.visitors,
        venue=query.venue,
        categories=query.category,
        families=query.families,
    )
    try:
        results = services.suggest(
            data,
            window_end=query.window_end,
            days=query.days,
            count=query.count,
            weekdays=frozenset(query.weekday) or None,
            user=request.user,
            today=services.today_local(),
        )
    except services.PlanningError as error:
        raise ApiError(error.message, field=error.field, status=error.status) from error
    names = queries.municipality_names()
    categories = queries.category_names()
    return [assessment_out(a, names, categories) for a in results]
