"""Online events: the website is the link to join, and no venue is needed to publish."""

from django.db import migrations, models

from impulsregion.calendar.migrations._event_columns import add_boolean


class Migration(migrations.Migration):
    dependencies = [("calendar", "0009_event_open_programme")]

    operations = [
        add_boolean(
            "is_online",
            models.BooleanField(
                default=False,
                help_text="It takes place on the internet: the website is the link to join it.",
                verbose_name="online event",
            ),
        )
    ]
