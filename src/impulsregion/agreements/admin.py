"""Back office of the association. The office manages everything; member editors and board
members read what ``region.rules`` allows (members see their own organisation's documents
and votes). Multi-step changes go through the services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsregion.agreements import models as m
from impulsregion.agreements.domain.filings import Filing, filing_state
from impulsregion.agreements.errors import AgreementsError
from impulsregion.agreements.services import admissions, costs, meetings, resolutions
from impulsregion.agreements.texts import render
from impulsregion.region import rules
from impulsregion.region.admin_base import OfficeAdmin, OrganisationScopedAdmin, RoleInline


def _run(request: HttpRequest, action: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return action(*args, **kwargs)
    except AgreementsError as error:
        messages.error(request, error.message)
        return None


@admin.register(m.Statute)
class StatuteAdmin(OfficeAdmin):
    list_display = ["title", "valid_from", "illustrative", "notice_days"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "valid_from",
                    "illustrative",
                    "source",
                    "convened_by",
                    "notice_days",
                ]
            },
        ),
        (
            gettext_lazy("Quorum"),
            {"fields": ["quorum_numerator", "quorum_denominator", "quorum_more_than"]},
        ),
        (
            gettext_lazy("Majorities"),
            {
                "fields": [
                    "majority_ordinary",
                    "majority_statute_change",
                    "majority_dissolution",
                    "majority_change_of_purpose",
                ]
            },
        ),
        (gettext_lazy("Proxies"), {"fields": ["proxies_allowed", "max_proxies"]}),
        (
            gettext_lazy("Membership fee key"),
            {"fields": ["key_equal", "key_population", "key_usage", "key_fixed"]},
        ),
    ]


@admin.register(m.Body)
class BodyAdmin(OfficeAdmin):
    list_display = ["name_de", "name_en", "kind"]


class AgendaItemInline(RoleInline, admin.TabularInline):
    model = m.AgendaItem
    extra = 0
    fields = ["number", "position", "title_de", "title_en", "in_invitation", "public"]


class AttendanceInline(RoleInline, admin.TabularInline):
    model = m.Attendance
    extra = 0
    fields = ["organisation", "state", "representative", "proxy_holder"]
    autocomplete_fields: list[str] = []


@admin.register(m.Meeting)
class MeetingAdmin(OfficeAdmin):
    list_display = ["title_de", "body", "starts_at", "mode", "state", "public", "notice"]
    list_filter = ["body", "state", "public"]
    inlines = [AgendaItemInline, AttendanceInline]
    date_hierarchy = "starts_at"

    @admin.display(description=gettext_lazy("notice period"))
    def notice(self, obj: m.Meeting) -> str:
        return meetings.notice_problem(obj) or "✓"


@admin.register(m.Document)
class DocumentAdmin(OrganisationScopedAdmin):
    organisation_field = "organisation"
    internal_only = True
    list_display = [
        "title",
        "kind",
        "organisation",
        "meeting",
        "agreement",
        "public",
        "sha256",
        "uploaded_at",
    ]
    list_filter = ["kind", "public"]
    readonly_fields = ["sha256", "uploaded_at", "download"]
    exclude = ["content"]

    @admin.display(description=gettext_lazy("file"))
    def download(self, obj: m.Document) -> str:
        if not obj.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("agreements-plain:document", args=[obj.pk]), obj.filename
        )

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        if kwargs.get("fields"):  # the upload is this form's own field, not the model's
            kwargs["fields"] = [f for f in kwargs["fields"] if f != "upload"]
        form = super().get_form(request, obj, **kwargs)
        return type(
            "DocumentUploadForm",
            (form,),
            {"upload": forms.FileField(label=_("file"), required=obj is None)},
        )

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = [
            f
            for f in super().get_fields(request, obj)
            if f not in {"filename", "media_type", "upload"}
        ]
        if obj is not None and not self.has_change_permission(request, obj):
            return fields  # read only: the file is the download link, there is nothing to upload
        return ["upload", *fields]

    def save_model(self, request: HttpRequest, obj: m.Document, form: Any, change: bool) -> None:
        upload = form.cleaned_data.get("upload")
        if upload:
            obj.content = upload.read()
            obj.filename = upload.name
            obj.media_type = upload.content_type or "application/octet-stream"
        super().save_model(request, obj, form, change)


class VoteForm(forms.ModelForm):
    class Meta:
        model = m.Vote
        fields = ["resolution", "organisation", "choice", "in_text_form", "received_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            self.instance.pk is None
            and data.get("resolution")
            and data.get("organisation")
            and data.get("choice")
        ):
            try:
                resolutions.check_vote(
                    resolution=data["resolution"],
                    organisation=data["organisation"],
                    choice=data["choice"],
                    in_text_form=data.get("in_text_form", False),
                )
            except AgreementsError as error:
                raise forms.ValidationError(error.message) from error
        return data


@admin.register(m.Vote)
class VoteAdmin(OrganisationScopedAdmin):
    """Votes are recorded by the office; members read their own organisation's votes."""

    organisation_field = "organisation"
    internal_only = True
    form = VoteForm
    list_display = ["resolution", "organisation", "choice", "in_text_form", "received_on"]
    list_filter = ["choice", "in_text_form"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return rules.is_office(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.is_office(request.user) and (obj is None or not obj.resolution.decided)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)


class VoteInline(RoleInline, admin.TabularInline):
    model = m.Vote
    extra = 0
    fields = ["organisation", "choice", "in_text_form", "received_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(m.Resolution)
class ResolutionAdmin(OfficeAdmin):
    list_display = [
        "number",
        "title_de",
        "subject",
        "procedure",
        "decided",
        "accepted",
        "reason_de",
        "public",
    ]
    list_filter = ["subject", "procedure", "decided", "accepted", "public"]
    search_fields = ["number", "title_de", "motion_de"]
    readonly_fields = [
        "decided",
        "accepted",
        "rule_applied",
        "yes_count",
        "no_count",
        "abstain_count",
        "reason_de",
        "reason_en",
        "decided_on",
    ]
    filter_horizontal = ["contract_parties"]
    inlines = [VoteInline]
    actions = ["decide"]

    @admin.action(description=gettext_lazy("Evaluate the votes and store the result"))
    def decide(self, request: HttpRequest, queryset: QuerySet[m.Resolution]) -> None:
        for resolution in queryset:
            decided = _run(
                request, resolutions.decide_resolution, resolution=resolution, user=request.user
            )
            if decided:
                messages.success(request, f"{decided.number}: {decided.reason_de}")


class MinutesForm(forms.ModelForm):
    class Meta:
        model = m.MinutesVersion
        fields = ["meeting", "chair", "minute_taker", "notes", "change_reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        meeting = data.get("meeting")
        latest = meeting.minutes_versions.order_by("-version").first() if meeting else None
        signed = latest is not None and (latest.chair_signed_at or latest.taker_signed_at)
        if signed and not (data.get("change_reason") or "").strip():
            raise forms.ValidationError(
                {
                    "change_reason": _(
                        "The minutes are signed; state the reason for the change to create a new version."
                    )
                }
            )
        return data


@admin.register(m.MinutesVersion)
class MinutesVersionAdmin(OfficeAdmin):
    """Saving writes the minutes through the service: a signed version is never changed, a new
    version is created instead."""

    form = MinutesForm
    list_display = [
        "meeting",
        "version",
        "chair_signed_at",
        "taker_signed_at",
        "created_at",
        "pdf_link",
    ]
    readonly_fields = [
        "version",
        "sha256",
        "created_at",
        "chair_signed_at",
        "taker_signed_at",
        "pdf_link",
    ]
    actions = ["sign_as_chair", "sign_as_minute_taker"]

    @admin.display(description=gettext_lazy("PDF"))
    def pdf_link(self, obj: m.MinutesVersion) -> str:
        if not obj.pk:
            return "–"
        return format_html(
            '<a href="{}">PDF</a>', reverse("agreements-plain:minutes", args=[obj.pk])
        )

    def save_model(
        self, request: HttpRequest, obj: m.MinutesVersion, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        saved = _run(
            request,
            meetings.write_minutes,
            meeting=data["meeting"],
            chair=data["chair"],
            minute_taker=data["minute_taker"],
            notes=data.get("notes", ""),
            change_reason=data.get("change_reason", ""),
            now=timezone.now(),
            user=request.user,
        )
        if saved is not None:
            obj.pk = saved.pk

    def _sign(self, request: HttpRequest, queryset: QuerySet[m.MinutesVersion], role: str) -> None:
        for version in queryset:
            _run(
                request,
                meetings.sign_minutes,
                version=version,
                role=role,
                now=timezone.now(),
                user=request.user,
            )

    @admin.action(description=gettext_lazy("Sign as chair of the meeting"))
    def sign_as_chair(self, request: HttpRequest, queryset: QuerySet[m.MinutesVersion]) -> None:
        self._sign(request, queryset, "chair")

    @admin.action(description=gettext_lazy("Sign as minute-taker"))
    def sign_as_minute_taker(
        self, request: HttpRequest, queryset: QuerySet[m.MinutesVersion]
    ) -> None:
        self._sign(request, queryset, "minute_taker")


@admin.register(m.AdmissionApplication)
class AdmissionApplicationAdmin(OfficeAdmin):
    list_display = [
        "organisation",
        "received_on",
        "state",
        "board_recommends",
        "decided_on",
        "membership",
    ]
    list_filter = ["state"]
    readonly_fields = ["state", "membership", "decided_on"]
    actions = ["apply_decision"]

    @admin.action(
        description=gettext_lazy("Apply the general assembly's resolution (admit or reject)")
    )
    def apply_decision(
        self, request: HttpRequest, queryset: QuerySet[m.AdmissionApplication]
    ) -> None:
        for application in queryset:
            if application.resolution is None:
                messages.error(request, _("Choose the general assembly's resolution first."))
                continue
            _run(
                request,
                admissions.decide_admission,
                application=application,
                resolution=application.resolution,
                rejection_reason=application.rejection_reason,
                user=request.user,
            )


class FilingDueFilter(admin.SimpleListFilter):
    """The filings the office must act on (`admissions.due_filings`; the desk links here)."""

    title = gettext_lazy("to act on")
    parameter_name = "due"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("act", gettext_lazy("due, overdue or awaiting registration"))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[m.RegisterFiling]
    ) -> QuerySet[m.RegisterFiling]:
        if self.value() != "act":
            return queryset
        due = admissions.due_filings(timezone.localdate())
        return queryset.filter(pk__in=[filing.pk for filing, _state in due])


@admin.register(m.RegisterFiling)
class RegisterFilingAdmin(OfficeAdmin):
    list_display = ["description", "kind", "due_on", "filed_on", "registered_on", "state"]
    list_filter = [FilingDueFilter, "kind"]

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj: m.RegisterFiling) -> str:
        plain = Filing(obj.pk, obj.due_on, obj.filed_on, obj.registered_on)
        return str(filing_state(plain, timezone.localdate(), timedelta(weeks=8)).value)


@admin.register(m.RotationEntry)
class RotationEntryAdmin(OfficeAdmin):
    list_display = ["position", "organisation"]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> Any:
        year = timezone.localdate().year + 1
        try:
            proposal = admissions.propose_chair(year)
            messages.info(
                request,
                _("Proposed chair for %(year)d: %(org)s (%(reason)s)")
                % {"year": year, "org": proposal.organisation, "reason": render(proposal.reason)},
            )
        except AgreementsError as error:
            messages.warning(request, error.message)
        return super().changelist_view(request, extra_context)


class PartyInline(RoleInline, admin.TabularInline):
    model = m.AgreementParty
    extra = 0


class CostYearInline(RoleInline, admin.TabularInline):
    model = m.CostYear
    extra = 0
    show_change_link = True


@admin.register(m.Agreement)
class AgreementAdmin(OfficeAdmin):
    list_display = ["title_de", "kind", "signed_on", "dates_confirmed", "public", "key_description"]
    list_filter = ["kind", "public", "dates_confirmed"]
    prepopulated_fields = {"slug": ["title_de"]}
    inlines = [PartyInline, CostYearInline]


class CostInputInline(RoleInline, admin.TabularInline):
    model = m.CostInput
    extra = 0


@admin.register(m.CostYear)
class CostYearAdmin(OfficeAdmin):
    list_display = ["agreement", "year", "total", "population_reference_date", "illustrative"]
    inlines = [CostInputInline]
    actions = ["issue"]

    @admin.action(description=gettext_lazy("Issue the cost statement"))
    def issue(self, request: HttpRequest, queryset: QuerySet[m.CostYear]) -> None:
        for cost_year in queryset:
            if _run(
                request,
                costs.issue_statement,
                agreement=cost_year.agreement,
                year=cost_year.year,
                now=timezone.now(),
                user=request.user,
            ):
                messages.success(request, _("Statement issued for %(year)s.") % {"year": cost_year})


class StatementLineInline(RoleInline, admin.TabularInline):
    """Issued statements are history: read-only."""

    model = m.StatementLine
    extra = 0
    readonly_fields = ["organisation", "percent", "amount"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(m.CostStatement)
class CostStatementAdmin(OfficeAdmin):
    list_display = ["__str__", "total", "key_description", "issued_at"]
    readonly_fields = [
        "cost_year",
        "fee_assessment",
        "issued_at",
        "total",
        "key_description",
        "steps",
    ]
    inlines = [StatementLineInline]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False


class FeeAssessmentForm(forms.ModelForm):
    class Meta:
        model = m.FeeAssessment
        fields = ["year", "total", "statute", "population_reference_date"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk is None and all(data.get(k) is not None for k in self.Meta.fields):
            try:
                costs.compute_fees(
                    year=data["year"],
                    total=data["total"],
                    statute=data["statute"],
                    reference_date=data["population_reference_date"],
                )
            except AgreementsError as error:
                raise forms.ValidationError(error.message) from error
        return data


@admin.register(m.FeeAssessment)
class FeeAssessmentAdmin(OfficeAdmin):
    form = FeeAssessmentForm
    list_display = ["year", "total", "statute", "population_reference_date"]

    def save_model(
        self, request: HttpRequest, obj: m.FeeAssessment, form: Any, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        saved = _run(
            request,
            costs.assess_fees,
            year=obj.year,
            total=obj.total,
            statute=obj.statute,
            reference_date=obj.population_reference_date,
            now=timezone.now(),
            user=request.user,
        )
        if saved is not None:
            obj.pk = saved.pk
