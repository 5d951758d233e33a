from django.urls import path

from impulsregion.calendar import feeds

urlpatterns = [
    path("feeds/events.ics", feeds.events_ics, name="calendar-feed-ics"),
    path("feeds/events.atom", feeds.events_atom, name="calendar-feed-atom"),
    path("feeds/events.jsonld", feeds.events_jsonld, name="calendar-feed-jsonld"),
    path("feeds/events/<int:pk>.ics", feeds.event_ics, name="calendar-event-ics"),
]
