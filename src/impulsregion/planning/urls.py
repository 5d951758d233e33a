from django.urls import path

from impulsregion.planning import views

app_name = "planning"

urlpatterns = [
    path("planung/", views.overview, name="index"),
    path("planung/terminradar/", views.radar, name="radar"),
    path("planung/<int:year>.csv", views.overview_csv, name="overview-csv"),
    path("jahresueberblick/<int:year>/", views.yearbook_page, name="yearbook"),
    path("jahresueberblick/<int:year>.pdf", views.yearbook_pdf, name="yearbook-pdf"),
    path("museumsnacht/<slug:slug>/", views.joint_event, name="joint-event"),
    path("museumsnacht/<slug:slug>/auswahl.ics", views.joint_event_ics, name="joint-event-ics"),
]
