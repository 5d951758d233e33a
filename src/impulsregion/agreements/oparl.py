"""OParl 1.1 export of the association: body, organizations, persons, memberships, meetings,
agenda items and papers (public ones only). Objects are built on request; ids are URLs.

Mapping: the association is the OParl ``Body``; its general assembly and board are
``Organization`` objects of type "Gremium"; member organisations are ``Organization`` objects
of type "Institution"; mandates of their representatives and board positions are
``Membership`` objects; public documents are ``Paper`` objects with one ``File``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsregion.agreements import queries
from impulsregion.agreements.models import AgendaItem, Body, Document, Meeting
from impulsregion.common.api import ApiError
from impulsregion.region.models import (
    ASSOCIATION_SLUG,
    BoardPosition,
    Mandate,
    Organisation,
    Person,
)

SCHEMA = "https://schema.oparl.org/1.1/"
PREFIX = "/api/v1/oparl/"
BODY_ID = ASSOCIATION_SLUG


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(PREFIX + path)


def _ref(request: HttpRequest, kind: str, pk: int) -> str:
    return _url(request, f"{kind}/{pk}")


def _list(request: HttpRequest, path: str, data: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "data": data,
        "pagination": {
            "totalElements": len(data),
            "elementsPerPage": max(len(data), 1),
            "currentPage": 1,
            "totalPages": 1,
        },
        "links": {"first": _url(request, path), "last": _url(request, path)},
    }


def check_body(body: str) -> None:
    if body != BODY_ID:
        raise ApiError(
            _("There is no OParl body %(body)s.") % {"body": body},
            field="body",
            status=404,
            location="path",
        )


def system(request: HttpRequest) -> dict[str, Any]:
    return {
        "id": _url(request, "system"),
        "type": SCHEMA + "System",
        "oparlVersion": SCHEMA,
        "body": _url(request, "body"),
        "name": "Impulsregion – Vereinsregister und Beschlüsse",
        "website": request.build_absolute_uri("/verein/"),
        "product": "https://www.impulsregion.de",
    }


def body(request: HttpRequest) -> dict[str, Any]:
    association = Organisation.objects.filter(slug=ASSOCIATION_SLUG).first()
    base = f"body/{BODY_ID}/"
    return {
        "id": _url(request, f"body/{BODY_ID}"),
        "type": SCHEMA + "Body",
        "system": _url(request, "system"),
        "name": association.name if association else "Impulsregion",
        "shortName": association.short_name if association else "Impulsregion",
        "website": association.website if association else "",
        "organization": _url(request, base + "organization"),
        "person": _url(request, base + "person"),
        "membership": _url(request, base + "membership"),
        "meeting": _url(request, base + "meeting"),
        "agendaItem": _url(request, base + "agendaItem"),
        "paper": _url(request, base + "paper"),
        "legislativeTerm": [],
    }


def body_list(request: HttpRequest) -> dict[str, Any]:
    return _list(request, "body", [body(request)])


def _body_organization(request: HttpRequest, item: Body) -> dict[str, Any]:
    return {
        "id": _ref(request, "organization", item.pk),
        "type": SCHEMA + "Organization",
        "body": _url(request, f"body/{BODY_ID}"),
        "name": item.name_de,
        "organizationType": "Gremium",
        "classification": item.name_de,
        "meeting": [
            _ref(request, "meeting", m.pk) for m in queries.public_meetings().filter(body=item)
        ],
    }


def _member_organization(request: HttpRequest, org: Organisation) -> dict[str, Any]:
    return {
        "id": _ref(request, "member-organization", org.pk),
        "type": SCHEMA + "Organization",
        "body": _url(request, f"body/{BODY_ID}"),
        "name": org.name,
        "shortName": org.short_name,
        "organizationType": "Institution",
        "classification": org.get_kind_display(),
        "website": org.website,
    }


def _person(request: HttpRequest, person: Person) -> dict[str, Any]:
    return {
        "id": _ref(request, "person", person.pk),
        "type": SCHEMA + "Person",
        "body": _url(request, f"body/{BODY_ID}"),
        "name": str(person),
        "familyName": person.family_name,
        "givenName": person.given_name,
        "title": [person.honorific] if person.honorific else [],
    }


def _general_assembly_id(request: HttpRequest) -> str | None:
    assembly = Body.objects.filter(kind="general_assembly").first()
    return _ref(request, "organization", assembly.pk) if assembly else None


def _mandate_membership(request: HttpRequest, mandate: Mandate) -> dict[str, Any]:
    return {
        "id": _ref(request, "mandate-membership", mandate.pk),
        "type": SCHEMA + "Membership",
        "person": _ref(request, "person", mandate.person_id),
        "organization": _general_assembly_id(request),
        "onBehalfOf": _ref(request, "member-organization", mandate.organisation_id),
        "role": mandate.office_de,
        "votingRight": True,
        "startDate": mandate.starts_on.isoformat(),
        "endDate": mandate.ends_on.isoformat() if mandate.ends_on else None,
    }


def _board_membership(request: HttpRequest, position: BoardPosition) -> dict[str, Any]:
    board = Body.objects.filter(kind="board").first()
    return {
        "id": _ref(request, "board-membership", position.pk),
        "type": SCHEMA + "Membership",
        "person": _ref(request, "person", position.person_id),
        "organization": _ref(request, "organization", board.pk) if board else None,
        "onBehalfOf": _ref(request, "member-organization", position.organisation_id),
        "role": position.get_role_display(),
        "votingRight": True,
        "startDate": f"{position.term.year}-01-01",
        "endDate": f"{position.term.year}-12-31",
    }


def _agenda_item(request: HttpRequest, item: AgendaItem) -> dict[str, Any]:
    resolution = next((r for r in item.resolutions.all() if r.public and r.decided), None)
    data: dict[str, Any] = {
        "id": _ref(request, "agendaItem", item.pk),
        "type": SCHEMA + "AgendaItem",
        "meeting": _ref(request, "meeting", item.meeting_id),
        "number": item.number,
        "order": item.position,
        "name": item.title_de,
        "public": item.public,
    }
    if resolution:
        data["result"] = resolution.reason_de
        data["resolutionText"] = resolution.motion_de
    return data


def _file(request: HttpRequest, document: Document) -> dict[str, Any]:
    content = bytes(document.content)
    url = request.build_absolute_uri(
        reverse("agreements-plain:document", kwargs={"pk": document.pk})
    )
    return {
        "id": _ref(request, "file", document.pk),
        "type": SCHEMA + "File",
        "name": document.title,
        "fileName": document.filename,
        "mimeType": document.media_type,
        "size": len(content),
        "sha512Checksum": hashlib.sha512(content).hexdigest(),
        "accessUrl": url,
        "downloadUrl": url,
    }


def _meeting(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    return {
        "id": _ref(request, "meeting", meeting.pk),
        "type": SCHEMA + "Meeting",
        "name": meeting.title_de,
        "meetingState": meeting.get_state_display(),
        "cancelled": meeting.state == "cancelled",
        "start": meeting.starts_at.isoformat(),
        "end": meeting.ends_at.isoformat() if meeting.ends_at else None,
        "organization": [_ref(request, "organization", meeting.body_id)],
        "agendaItem": [_agenda_item(request, i) for i in meeting.agenda_items.all() if i.public],
        "auxiliaryFile": [_file(request, d) for d in meeting.documents.all() if d.public],
    }


def _paper(request: HttpRequest, document: Document) -> dict[str, Any]:
    return {
        "id": _ref(request, "paper", document.pk),
        "type": SCHEMA + "Paper",
        "body": _url(request, f"body/{BODY_ID}"),
        "name": document.title,
        "date": document.uploaded_at.date().isoformat(),
        "paperType": document.get_kind_display(),
        "mainFile": _file(request, document),
    }


def _members() -> Any:
    return queries.voting_members(timezone.localdate())


_SOURCES: dict[str, tuple[Callable[[], Any], Callable[[HttpRequest, Any], dict[str, Any]]]] = {
    "organization": (lambda: Body.objects.all(), _body_organization),
    "member-organization": (_members, _member_organization),
    "person": (lambda: Person.objects.all(), _person),
    "mandate-membership": (
        lambda: Mandate.objects.filter(organisation__in=_members()).select_related("person"),
        _mandate_membership,
    ),
    "board-membership": (
        lambda: BoardPosition.objects.select_related("term", "person"),
        _board_membership,
    ),
    "meeting": (
        lambda: queries.public_meetings().prefetch_related(
            "agenda_items__resolutions", "documents"
        ),
        _meeting,
    ),
    "agendaItem": (
        lambda: AgendaItem.objects.filter(meeting__public=True, public=True).prefetch_related(
            "resolutions"
        ),
        _agenda_item,
    ),
    "paper": (lambda: Document.objects.filter(public=True), _paper),
    "file": (lambda: Document.objects.filter(public=True), _file),
}
_LISTS = {
    "organization": ["organization", "member-organization"],
    "person": ["person"],
    "membership": ["mandate-membership", "board-membership"],
    "meeting": ["meeting"],
    "agendaItem": ["agendaItem"],
    "paper": ["paper"],
}


def object_list(request: HttpRequest, kind: str) -> dict[str, Any]:
    if kind not in _LISTS:
        raise ApiError(
            _("OParl lists are: %(kinds)s.") % {"kinds": ", ".join(_LISTS)},
            field="kind",
            status=404,
            location="path",
        )
    data = []
    for source in _LISTS[kind]:
        fetch, build = _SOURCES[source]
        data.extend(build(request, obj) for obj in fetch())
    return _list(request, f"body/{BODY_ID}/{kind}", data)


def single(request: HttpRequest, kind: str, pk: int) -> dict[str, Any]:
    if kind not in _SOURCES:
        raise ApiError(
            _("Unknown OParl object type %(kind)s.") % {"kind": kind},
            field="kind",
            status=404,
            location="path",
        )
    fetch, build = _SOURCES[kind]
    obj: Model | None = fetch().filter(pk=pk).first()
    if obj is None:
        raise ApiError(
            _("There is no public %(kind)s %(pk)d.") % {"kind": kind, "pk": pk},
            field="pk",
            status=404,
            location="path",
        )
    return build(request, obj)
