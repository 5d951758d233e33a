"""Full-text search: SQLite FTS5 table kept by triggers, or a PostgreSQL tsvector (German)."""

from django.db import migrations

SQLITE_BODY = (
    "new.short_de || ' ' || new.short_en || ' ' || new.description_de || ' ' || "
    "new.description_en || ' ' || new.organiser"
)
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE calendar_event_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER calendar_event_fts_insert AFTER INSERT ON calendar_event BEGIN "
    "INSERT INTO calendar_event_fts(rowid, title, body) VALUES "
    f"(new.id, new.title_de || ' ' || new.title_en, {SQLITE_BODY}); END",
    "CREATE TRIGGER calendar_event_fts_delete AFTER DELETE ON calendar_event BEGIN "
    "DELETE FROM calendar_event_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER calendar_event_fts_update AFTER UPDATE OF title_de, title_en, short_de, "
    "short_en, description_de, description_en, organiser ON calendar_event BEGIN "
    "DELETE FROM calendar_event_fts WHERE rowid = old.id; "
    "INSERT INTO calendar_event_fts(rowid, title, body) VALUES "
    f"(new.id, new.title_de || ' ' || new.title_en, {SQLITE_BODY}); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS calendar_event_fts_update",
    "DROP TRIGGER IF EXISTS calendar_event_fts_delete",
    "DROP TRIGGER IF EXISTS calendar_event_fts_insert",
    "DROP TABLE IF EXISTS calendar_event_fts",
]
POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION calendar_event_search_update() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('german', coalesce(NEW.title_de, '') || ' ' || coalesce(NEW.title_en, '')), 'A') ||
        setweight(to_tsvector('german', coalesce(NEW.short_de, '') || ' ' || coalesce(NEW.short_en, '') || ' ' ||
                                        coalesce(NEW.organiser, '')), 'B') ||
        setweight(to_tsvector('german', regexp_replace(coalesce(NEW.description_de, '') || ' ' ||
                                        coalesce(NEW.description_en, ''), '<[^>]+>', ' ', 'g')), 'C');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "CREATE TRIGGER calendar_event_search BEFORE INSERT OR UPDATE ON calendar_event "
    "FOR EACH ROW EXECUTE FUNCTION calendar_event_search_update()",
    "CREATE INDEX calendar_event_search_idx ON calendar_event USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS calendar_event_search_idx",
    "DROP TRIGGER IF EXISTS calendar_event_search ON calendar_event",
    "DROP FUNCTION IF EXISTS calendar_event_search_update()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("calendar", "0001_core_models")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
