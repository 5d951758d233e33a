"""Importing a calendar in the back office: a member's editor uploads a file or names an
address, sees a dry run of what would change, and only then imports.

The steps (``/admin/calendar/importrun/import/``): choose the organisation (preselected when
the editor edits for one), a file (.ics, .csv, ThüCAT JSON-LD, destination.one JSON) or an
address; the format is recognised from the content. The dry run (`import_events(dry_run=True)`,
rolled back) shows what would be created, updated, withdrawn and rejected, with reasons, and
category terms that map onto none of ours. The content and the dry run are kept in the database
(`ImportUpload`, a day), so any app node answers the confirmation, which checks again that the
user may import for the organisation. Imports of more than `BACKGROUND_FROM` events run as a
background job; their result is an `ImportRun` like every other import's.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsregion.calendar.domain.csv_template import template_csv
from impulsregion.calendar.messages import problem_message
from impulsregion.calendar.models import ImportUpload
from impulsregion.calendar.services.fetching import fetch_url, max_bytes, recognised_format
from impulsregion.calendar.services.importing import (
    ImportRejected,
    ImportReport,
    default_source_key,
    import_events,
)
from impulsregion.calendar.tasks import import_calendar
from impulsregion.region import rules
from impulsregion.region.models import Organisation

BACKGROUND_FROM = 2000  # events: a larger import runs as a background job
KEPT_FOR = timedelta(days=1)  # how long an upload waits for its confirmation
ADDRESS_SCHEMES = ("http://", "https://", "webcal://", "webcals://")
OUTCOMES = ("created", "updated", "withdrawn")


def may_import(user: Any) -> bool:
    return rules.is_office(user) or bool(rules.editable_organisation_ids(user))


def organisations_for(user: Any) -> Any:
    """The organisations `user` may import events for."""
    queryset = Organisation.objects.order_by("name")
    if rules.is_office(user):
        return queryset
    return queryset.filter(pk__in=rules.editable_organisation_ids(user))


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=gettext_lazy("– choose –"),
        error_messages={
            "required": gettext_lazy("Choose the organisation the events belong to."),
            "invalid_choice": gettext_lazy(
                "You can import events only for the organisations you edit for."
            ),
        },
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy(
            "iCalendar (.ics), the CSV template, ThüCAT JSON-LD or destination.one JSON; "
            "the format is recognised from the content."
        ),
    )
    address = forms.CharField(
        label=gettext_lazy("or the address of a calendar"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("An http(s) or webcal address, e.g. https://example.org/events.ics"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = organisations_for(user)
        self.fields["organisation"].queryset = choices  # type: ignore[attr-defined]
        only = list(choices[:2])
        if len(only) == 1:
            self.fields["organisation"].initial = only[0].pk

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > max_bytes():
            limit = f"{max_bytes() // 1024 // 1024} MB"
            raise forms.ValidationError(problem_message("too-large", limit))
        return upload

    def clean_address(self) -> str:
        address = self.cleaned_data.get("address", "").strip()
        if address and not address.lower().startswith(ADDRESS_SCHEMES):
            raise forms.ValidationError(
                _("The address must start with http://, https:// or webcal://.")
            )
        return address

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_file, has_address = cleaned.get("file") is not None, bool(cleaned.get("address"))
        if not self.errors and has_file == has_address:
            raise forms.ValidationError(
                _("Choose a file or give an address (one of the two).")
                if not has_file
                else _("Give either a file or an address, not both.")
            )
        return cleaned


def _preview(report: ImportReport, source_format: str) -> dict[str, Any]:
    """What the dry run found, as JSON for the upload's row."""
    return {
        "format": source_format,
        "counts": report.counts(),
        "lines": {
            outcome: [[title, start.isoformat() if start else ""] for title, start in lines]
            for outcome, lines in report.lines.items()
        },
        "rejected": [[key, message] for key, message in report.rejected[:500]],
        "unmapped": sorted(report.unmapped.items(), key=lambda item: (-item[1], item[0]))[:100],
    }


def _lines(preview: dict[str, Any], outcome: str) -> list[tuple[str, datetime | None]]:
    return [
        (title, parse_datetime(start) if start else None)
        for title, start in preview.get("lines", {}).get(outcome, [])
    ]


class ImportViews:
    """Mixed into the import runs' admin: the import pages and their URLs."""

    admin_site: admin.AdminSite

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        own = [
            path("import/", view(self.import_view), name="calendar_import"),
            path("import/template.csv", view(self.template_view), name="calendar_import_template"),
            path(
                "import/<int:upload_id>/", view(self.preview_view), name="calendar_import_preview"
            ),
        ]
        return [*own, *super().get_urls()]  # type: ignore[misc]

    def _context(self, request: HttpRequest, title: str, **extra: Any) -> dict[str, Any]:
        return {**self.admin_site.each_context(request), "title": title, **extra}

    def _upload(self, request: HttpRequest, upload_id: int) -> ImportUpload:
        """The user's own upload, while they may still import for its organisation."""
        upload = (
            ImportUpload.objects.filter(pk=upload_id, user_id=request.user.pk)
            .select_related("organisation")
            .first()
        )
        if upload is None:
            raise Http404
        if not rules.can_edit_organisation(request.user, upload.organisation_id):
            raise PermissionDenied
        return upload

    def template_view(self, request: HttpRequest) -> HttpResponse:
        if not may_import(request.user):
            raise PermissionDenied
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="kulturkalender-vorlage.csv"'
        return response

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not may_import(request.user):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                upload = self._dry_run(request, form.cleaned_data)
            except ImportRejected as error:
                form.add_error(None, error.message)
            else:
                return HttpResponseRedirect(
                    reverse("admin:calendar_import_preview", args=[upload.pk])
                )
        return TemplateResponse(
            request,
            "admin/calendar/importrun/import.html",
            self._context(
                request,
                _("Import a calendar"),
                form=form,
                limit=f"{max_bytes() // 1024 // 1024} MB",
            ),
        )

    def _dry_run(self, request: HttpRequest, data: dict[str, Any]) -> ImportUpload:
        """Read the source, recognise its format and try it; the upload with the dry run
        (`ImportRejected` when the source cannot be used: nothing is kept then)."""
        organisation = data["organisation"]
        if data["file"] is not None:
            name, content = data["file"].name, data["file"].read()
        else:
            name, content = data["address"], fetch_url(data["address"], "")
        source_format = recognised_format([content])
        source_key = default_source_key(source_format, organisation, name)
        now = timezone.now()
        report = import_events(
            documents=[content],
            source_format=source_format,
            organisation=organisation,
            source_key=source_key,
            now=now,
            user=request.user,
            dry_run=True,
        )
        ImportUpload.objects.filter(expires_at__lt=now).delete()
        return ImportUpload.objects.create(
            organisation=organisation,
            user=request.user,
            name=name[:500],
            source_format=source_format,
            source_key=source_key,
            content=content,
            preview=_preview(report, source_format),
            created_at=now,
            expires_at=now + KEPT_FOR,
        )

    def preview_view(self, request: HttpRequest, upload_id: int) -> HttpResponse:
        upload = self._upload(request, upload_id)
        expired = upload.expires_at < timezone.now()
        if request.method == "POST" and not expired:
            return self._confirm(request, upload)
        if expired:
            messages.error(
                request,
                _("The dry run has expired; please upload the file or give the address again."),
            )
        preview = upload.preview
        counts = preview.get("counts", {})
        return TemplateResponse(
            request,
            "admin/calendar/importrun/preview.html",
            self._context(
                request,
                _("Dry run: what the import would do"),
                upload=upload,
                counts=counts,
                outcomes=[
                    (outcome, counts.get(outcome, 0), _lines(preview, outcome))
                    for outcome in OUTCOMES
                ],
                rejected=preview.get("rejected", []),
                unmapped=preview.get("unmapped", []),
                expired=expired,
                in_background=_size(counts) > BACKGROUND_FROM,
                writes=any(counts.get(o, 0) for o in OUTCOMES),
            ),
        )

    def _confirm(self, request: HttpRequest, upload: ImportUpload) -> HttpResponse:
        organisation = upload.organisation
        if _size(upload.preview.get("counts", {})) > BACKGROUND_FROM:
            import_calendar.enqueue(
                organisation_id=organisation.pk,
                source_format=upload.source_format,
                source_key=upload.source_key,
                upload_id=upload.pk,
                user_id=request.user.pk,
            )
            messages.success(
                request,
                _(
                    "The import runs in the background; its result appears in this list when it "
                    "is done."
                ),
            )
            return HttpResponseRedirect(reverse("admin:calendar_importrun_changelist"))
        try:
            report = import_events(
                documents=[bytes(upload.content)],
                source_format=upload.source_format,
                organisation=organisation,
                source_key=upload.source_key,
                now=timezone.now(),
                user=request.user,
            )
        except ImportRejected as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(request.path)
        upload.delete()
        messages.success(request, _imported_sentence(report))
        events = reverse("admin:calendar_event_changelist")
        return HttpResponseRedirect(f"{events}?organisation__id__exact={organisation.pk}")


def _size(counts: dict[str, int]) -> int:
    """The events of a source that an import stores (new, changed and unchanged)."""
    return sum(counts.get(key, 0) for key in ("created", "updated", "unchanged"))


def _imported_sentence(report: ImportReport) -> str:
    return (
        _(
            "Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged, "
            "%(withdrawn)s withdrawn, %(rejected)s rejected."
        )
        % report.counts()
    )
