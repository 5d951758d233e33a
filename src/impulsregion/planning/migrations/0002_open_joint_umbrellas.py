"""The umbrella events of existing joint events are open to their venues' programme items."""

from django.db import migrations


def open_umbrellas(apps, schema_editor):  # type: ignore[no-untyped-def]
    JointEvent = apps.get_model("planning", "JointEvent")
    Event = apps.get_model("calendar", "Event")
    umbrellas = JointEvent.objects.values_list("umbrella_id", flat=True)
    Event.objects.filter(pk__in=list(umbrellas)).update(open_programme=True)


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_initial"),
        ("calendar", "0009_event_open_programme"),
    ]

    operations = [migrations.RunPython(open_umbrellas, migrations.RunPython.noop)]
