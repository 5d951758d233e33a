from django.urls import path

from impulsregion.calendar import submission_views, views

app_name = "calendar"

urlpatterns = [
    path("", views.index, name="index"),
    path("monat/<int:year>/<int:month>/", views.month, name="month"),
    path("veranstaltung/<int:pk>/", views.event, name="event"),
    path("einbetten/<slug:slug>/", views.embed, name="embed"),
    path("melden/", submission_views.submit, name="submit"),
    path("melden/gesendet/", submission_views.sent, name="submission-sent"),
    path("melden/bestaetigen/<str:token>/", submission_views.confirm, name="submission-confirm"),
]
