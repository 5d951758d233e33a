from django.urls import path

from impulsregion.agreements import views

app_name = "agreements"

urlpatterns = [
    path("", views.index, name="index"),
    path("vereinbarungen/<slug:slug>/", views.agreement_detail, name="agreement"),
    path("beschluesse/<str:number>/", views.resolution_detail, name="resolution"),
    path("sitzungen/<int:pk>/", views.meeting_detail, name="meeting"),
]
