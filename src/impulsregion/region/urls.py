from django.urls import path

from impulsregion.region import views

app_name = "region"

urlpatterns = [
    path("", views.home, name="home"),
    path("region/", views.about, name="about"),
    path("region/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("impressum/", views.imprint, name="imprint"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
]
