from django.urls import path

from impulsregion.calendar import views

app_name = "calendar"

urlpatterns = [
    path("", views.index, name="index"),
    path("monat/<int:year>/<int:month>/", views.month, name="month"),
    path("veranstaltung/<int:pk>/", views.event, name="event"),
    path("einbetten/<slug:slug>/", views.embed, name="embed"),
]
