"""Online events: the website is the link to join, and no venue is needed to publish."""

from django.db import migrations, models

FIELD = models.BooleanField(
    default=False,
    help_text="It takes place on the internet: the website is the link to join it.",
    verbose_name="online event",
)


def add_column(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":  # no table rebuild: it would drop triggers
        schema_editor.execute("ALTER TABLE calendar_event ADD COLUMN is_online bool NOT NULL DEFAULT 0")
        return
    field = FIELD.clone()
    field.set_attributes_from_name("is_online")
    schema_editor.add_field(apps.get_model("calendar", "Event"), field)


def drop_column(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute("ALTER TABLE calendar_event DROP COLUMN is_online")


class Migration(migrations.Migration):
    dependencies = [("calendar", "0009_event_open_programme")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddField(model_name="event", name="is_online", field=FIELD)],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        )
    ]
