"""The API keeps the contract its OpenAPI schema states (#14, point 11).

Schemathesis reads the schema the app serves at /api/v1/openapi.json and sends every
operation generated requests, valid and invalid, on a database with the region's data, the
association's agreements, the tariff and a few events: once anonymously, once with a member's
token. Every answer must be no server error, carry a status the operation documents, and have
a body its schema describes; invalid requests must be refused (4xx). The requests run in the
test's transaction, through the same middleware as in production.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
import schemathesis
from django.db import transaction
from django.test.client import ClientHandler
from hypothesis import HealthCheck, settings

from impulsregion.agreements.services.loading import load_agreements
from impulsregion.calendar.domain.types import BERLIN
from impulsregion.calendar.models import ApiToken
from impulsregion.calendar.services.tokens import issue_api_token
from impulsregion.region.models import Organisation
from impulsregion.region.services import load_region
from impulsregion.transit.queries import forget_tariff
from impulsregion.transit.services import load_tariff
from tests.factories.calendar import make_event, make_place
from tests.factories.region import make_user

pytestmark = pytest.mark.integration

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
)
# random cases per operation in the fuzzing phase, besides the coverage phase's systematic
# ones (about 3,700 requests in all): a pass takes some 20 s of one core per database
MAX_EXAMPLES = 15


class InTestTransaction:
    """Django's test request handler as a WSGI app.

    Django's own WSGI handler closes the database connection after each request, which would
    end the test's transaction; the test client's handler keeps it, so the generated requests
    see the seeded rows and leave nothing behind.
    """

    def __init__(self) -> None:
        self.handler = ClientHandler(enforce_csrf_checks=True)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        response = self.handler(environ)
        headers = list(response.items())
        headers += [("Set-Cookie", morsel.OutputString()) for morsel in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]


# the member's token secret, fixed so that the schema's auth can name it at import, before the
# database exists (the seed gives the token it issues this secret)
MEMBER_KEY = "contract-test-member-token-0123456789abcdef"


def _schema(**auth: Any) -> Any:
    config = {
        "warnings": False,
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
        # unknown query parameters are ignored, as most APIs do, not refused
        "generation": {"max-examples": MAX_EXAMPLES, "allow-extra-parameters": False},
        "phases": {
            "stateful": {"enabled": False},  # no links between operations to follow
            # a parameter given twice must be refused as documented (422)
            "coverage": {"generate-duplicate-query-parameters": True},
        },
        # the in-process client does not decompress; compression has its own tests
        "headers": {"Accept-Encoding": "identity"},
        **auth,
    }
    return schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", InTestTransaction(), config=schemathesis.Config.from_dict(config)
    )


def _seed() -> None:
    """The region, the agreements, the tariff, events in Jena, a Jena editor's token."""
    load_region()
    load_agreements()
    forget_tariff()
    load_tariff()
    jena = Organisation.objects.get(slug="jena")
    soon = dt.datetime.now(tz=BERLIN).replace(minute=0, second=0, microsecond=0)
    festival = make_event(
        "Kulturarena",
        org=jena,
        place=make_place(),
        categories=("music",),
        starts=(soon + dt.timedelta(days=2), soon + dt.timedelta(days=30)),
        is_free=True,
    )
    make_event("Open-Air-Kino", org=jena, parent=festival, starts=(soon + dt.timedelta(days=3),))
    make_event("Entwurf", org=jena, published=False, starts=(soon + dt.timedelta(days=9),))
    editor = make_user("contract-editor", role="editor", organisation=jena)
    token, _key = issue_api_token(
        organisation=jena, user=editor, name="contract test", acting_user=editor
    )
    ApiToken.objects.filter(pk=token.pk).update(key_hash=ApiToken.hash(MEMBER_KEY))


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The seeded rows, once for this module's tests (each test's own changes roll back to
    them)."""
    with django_db_blocker.unblock(), transaction.atomic():
        _seed()
        yield
        transaction.set_rollback(True)
    forget_tariff()


@schemathesis.pytest.parametrize(
    anonymous=_schema(),
    member=_schema(auth={"openapi": {"TokenAuth": {"bearer": MEMBER_KEY}}}),
)
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_api_keeps_its_contract(case: Any, seeded: None, db: None) -> None:
    case.call_and_validate()
