"""Language-neutral downloads: public documents and minutes PDFs."""

from django.urls import path

from impulsregion.agreements import views

app_name = "agreements-plain"

urlpatterns = [
    path("verein/dokumente/<int:pk>/", views.document_download, name="document"),
    path(
        "verein/abrechnungen/<slug:slug>/<int:year>.csv",
        views.statement_csv_download,
        name="statement-csv",
    ),
    path(
        "verein/abrechnungen/<slug:slug>/<int:year>.pdf",
        views.statement_pdf_download,
        name="statement-pdf",
    ),
    path("verein/protokolle/<int:pk>.pdf", views.minutes_download, name="minutes"),
]
