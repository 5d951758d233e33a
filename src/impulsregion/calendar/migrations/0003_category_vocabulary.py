"""The controlled vocabulary of categories (domain/categories.py), kept in the database."""

from django.db import migrations

from impulsregion.calendar.domain.categories import VOCABULARY


def load(apps, schema_editor):
    Category = apps.get_model("calendar", "Category")
    for position, (slug, (name_de, name_en, _stems)) in enumerate(VOCABULARY.items()):
        Category.objects.update_or_create(
            slug=slug, defaults={"name_de": name_de, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("calendar", "0002_search_index")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
