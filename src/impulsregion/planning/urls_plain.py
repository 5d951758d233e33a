from django.urls import path

from impulsregion.planning import views

app_name = "planning-plain"

urlpatterns = [
    path(
        "feeds/museumsnacht/<slug:slug>/venue-<int:place_id>.ics",
        views.venue_feed,
        name="venue-feed",
    ),
]
