"""Events the office opens to programme items of other members (joint events).

On SQLite, Django would rebuild the whole event table for a new NOT NULL column, which drops
the table's triggers (full-text index, data version); a plain ADD COLUMN keeps them (the
column's DEFAULT 0 stays in SQLite's schema, harmless)."""

from django.db import migrations, models

FIELD = models.BooleanField(
    default=False,
    help_text=(
        "Other members may make their events part of this one (a joint event such as a museum "
        "night). Set by the regional office."
    ),
    verbose_name="open to programme items of other members",
)


def add_column(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "ALTER TABLE calendar_event ADD COLUMN open_programme bool NOT NULL DEFAULT 0"
        )
        return
    field = FIELD.clone()
    field.set_attributes_from_name("open_programme")
    schema_editor.add_field(apps.get_model("calendar", "Event"), field)


def drop_column(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute("ALTER TABLE calendar_event DROP COLUMN open_programme")


class Migration(migrations.Migration):
    dependencies = [("calendar", "0008_event_parent_partial_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name="event", name="open_programme", field=FIELD)
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        )
    ]
