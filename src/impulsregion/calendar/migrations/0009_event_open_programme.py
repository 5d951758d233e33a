"""Events the office opens to programme items of other members (joint events)."""

from django.db import migrations, models

from impulsregion.calendar.migrations._event_columns import add_boolean


class Migration(migrations.Migration):
    dependencies = [("calendar", "0008_event_parent_partial_index")]

    operations = [
        add_boolean(
            "open_programme",
            models.BooleanField(
                default=False,
                help_text=(
                    "Other members may make their events part of this one (a joint event such "
                    "as a museum night). Set by the regional office."
                ),
                verbose_name="open to programme items of other members",
            ),
        )
    ]
