"""Dates whose end repeats their start lose the end, as the importers now read them.

Series from iCalendar files without DTEND were stored with end = start ("18:00 – 18:00");
a re-import of an unchanged source skips them, so the stored dates are corrected here.
"""

from django.db import migrations
from django.db.models import F


def drop_repeated_ends(apps, schema_editor):  # type: ignore[no-untyped-def]
    Occurrence = apps.get_model("calendar", "Occurrence")
    Occurrence.objects.filter(end=F("start"), all_day=False).update(end=None)


class Migration(migrations.Migration):
    dependencies = [("calendar", "0004_occurrence_long_dates")]

    operations = [migrations.RunPython(drop_repeated_ends, migrations.RunPython.noop)]
