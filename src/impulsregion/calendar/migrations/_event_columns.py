"""A new boolean column of the event table without rebuilding it on SQLite.

Django adds a NOT NULL column on SQLite by rebuilding the whole table, which drops the table's
triggers (full-text index, data version; see 0002 and 0006). A plain ADD COLUMN keeps them
(the column's DEFAULT stays in SQLite's schema, harmless). PostgreSQL adds it as Django does.
The leading underscore keeps Django's loader from taking this module for a migration.
"""

from typing import Any

from django.db import migrations, models


def add_boolean(name: str, field: models.BooleanField) -> migrations.SeparateDatabaseAndState:  # type: ignore[type-arg]
    """The operation adding `field` as ``Event.<name>`` (its default False or True)."""

    def add(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            default = int(bool(field.default))
            schema_editor.execute(
                f"ALTER TABLE calendar_event ADD COLUMN {name} bool NOT NULL DEFAULT {default}"
            )
            return
        column = field.clone()
        column.set_attributes_from_name(name)
        schema_editor.add_field(apps.get_model("calendar", "Event"), column)

    def drop(apps: Any, schema_editor: Any) -> None:
        schema_editor.execute(f"ALTER TABLE calendar_event DROP COLUMN {name}")

    return migrations.SeparateDatabaseAndState(
        state_operations=[migrations.AddField(model_name="event", name=name, field=field)],
        database_operations=[migrations.RunPython(add, drop)],
    )
