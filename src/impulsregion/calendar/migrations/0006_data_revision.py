"""The calendar's data version as a row in the database, bumped by triggers.

Every row written to a table the public surfaces read bumps `calendar_calendarrevision` in the
writing transaction, whatever writes it (ORM, `.update()`, bulk inserts, COPY, plain SQL).
SQLite: a trigger per row (writers take the whole database anyway); PostgreSQL: one per
statement.
"""

from django.db import migrations, models

TABLES = (
    "calendar_event",
    "calendar_occurrence",
    "calendar_place",
    "calendar_category",
    "calendar_event_categories",
)
NOW = {
    "postgresql": "now()",
    "sqlite": "strftime('%Y-%m-%d %H:%M:%f', 'now')",  # UTC, as Django stores it
}


def bump(vendor: str) -> str:
    now = NOW["postgresql" if vendor == "postgresql" else "sqlite"]
    return (
        f"INSERT INTO calendar_calendarrevision (id, number, changed_at) VALUES (1, 1, {now}) "
        "ON CONFLICT (id) DO UPDATE SET number = calendar_calendarrevision.number + 1, "
        "changed_at = excluded.changed_at"
    )


def create_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    execute, vendor = schema_editor.execute, schema_editor.connection.vendor
    if vendor == "postgresql":
        execute(
            "CREATE OR REPLACE FUNCTION calendar_bump_revision() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {bump(vendor)}; RETURN NULL; END $$"
        )
        for table in TABLES:
            execute(
                f"CREATE TRIGGER {table}_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION calendar_bump_revision()"
            )
    else:
        for table in TABLES:
            for operation in ("INSERT", "UPDATE", "DELETE"):
                execute(
                    f"CREATE TRIGGER {table}_revision_{operation.lower()} AFTER {operation} "
                    f"ON {table} BEGIN {bump(vendor)}; END"
                )
    execute(bump(vendor))


def drop_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    execute = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            execute(f"DROP TRIGGER IF EXISTS {table}_revision ON {table}")
        execute("DROP FUNCTION IF EXISTS calendar_bump_revision()")
    else:
        for table in TABLES:
            for operation in ("insert", "update", "delete"):
                execute(f"DROP TRIGGER IF EXISTS {table}_revision_{operation}")


class Migration(migrations.Migration):
    dependencies = [("calendar", "0005_dates_without_real_end")]

    operations = [
        migrations.CreateModel(
            name="CalendarRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveBigIntegerField(default=0, verbose_name="number")),
                (
                    "changed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="changed"),
                ),
            ],
            options={
                "verbose_name": "calendar data revision",
                "verbose_name_plural": "calendar data revisions",
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
