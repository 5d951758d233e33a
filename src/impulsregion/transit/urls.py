from django.urls import path

from impulsregion.transit import views

app_name = "transit"

urlpatterns = [
    path("", views.index, name="index"),
]
