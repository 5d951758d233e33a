"""Bulk writes of the planning services leave one audit entry each, with their count."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from impulsregion.planning import services
from impulsregion.planning.models import Hold, HoldNotice
from tests.factories.planning import make_kraemerbrueckenfest, make_region_towns
from tests.factories.region import make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = date(2026, 11, 24)


def _hold(towns, editor, **kw):  # type: ignore[no-untyped-def]
    values = {
        "title": "Stadtfest",
        "start": date(2027, 6, 19),
        "end": date(2027, 6, 20),
        "deadline": date(2027, 3, 1),
        "expected_visitors": 20_000,
    }
    values.update(kw)
    return services.create_hold(
        user=editor, organisation=towns["jena"], municipality=towns["jena"], today=TODAY, **values
    )


def _bulk_entries(model: type) -> list[dict[str, list[str]]]:
    kind = ContentType.objects.get_for_model(model)
    return [e.changes_dict for e in LogEntry.objects.filter(content_type=kind, object_pk="")]


def test_expiring_holds_leaves_one_entry_with_the_count() -> None:
    towns = make_region_towns()
    editor = make_user("jena-ed", role="editor", organisation=towns["jena"])
    _hold(towns, editor, deadline=date(2027, 1, 10))
    _hold(towns, editor, deadline=date(2027, 1, 10), title="Zweites Fest")

    services.expire_holds(today=date(2027, 1, 11))

    assert _bulk_entries(Hold) == [{"count": ["0", "2"], "status": ["held", "expired"]}]


def test_hold_notices_leave_one_entry_per_hold() -> None:
    towns = make_region_towns()
    editor = make_user("jena-ed", role="editor", organisation=towns["jena"], email="k@jena.example")
    hold = _hold(towns, editor)
    make_kraemerbrueckenfest(towns["erfurt"])

    services.notify_hold_conflicts(today=TODAY)

    assert _bulk_entries(HoldNotice) == [{"count": ["0", "1"], "hold": ["", str(hold.pk)]}]
