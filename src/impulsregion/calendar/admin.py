"""Back office: editors keep their organisation's events, the office moderates."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from impulsregion.calendar.admin_dates import (
    EventSeriesInline,
    OccurrenceInline,
    SeriesPreviewMixin,
)
from impulsregion.calendar.admin_import import ImportViews, may_import
from impulsregion.calendar.admin_media import DraftButtonsMixin, EventForm, EventImageInline
from impulsregion.calendar.admin_places import PlaceForm, place_label
from impulsregion.calendar.admin_review import ReviewMixin, ToDoFilter
from impulsregion.calendar.enums import Decision, PublicStatus
from impulsregion.calendar.models import (
    ApiToken,
    Category,
    DuplicateProposal,
    Event,
    ImportRun,
    ModerationDecision,
    Place,
    Publisher,
)
from impulsregion.calendar.services.duplicates import (
    DuplicateError,
    dismiss_duplicate,
    merge_duplicate,
)
from impulsregion.calendar.services.events import refresh_visibility, umbrella_problem
from impulsregion.calendar.services.moderation import (
    ModerationError,
    is_trusted,
    reject_event,
    submit_event,
)
from impulsregion.calendar.services.publishing import publish_events
from impulsregion.calendar.services.tokens import issue_api_token
from impulsregion.calendar.tasks import publish_events_job
from impulsregion.region import rules
from impulsregion.region.admin_base import OfficeAdmin, OrganisationScopedAdmin, RoleInline

# what a venue or an event says about access, in the order of the form (AccessibilityFields)
ACCESSIBILITY = [
    *(f.name for f in Place._meta.fields if f.name.startswith("access_")),
    "accessibility_note",
]
PUBLISH_IN_REQUEST = 500  # more go to a background job, which the request does not wait for
SKIPPED_SHOWN = 20  # events a bulk action names one by one; the rest are counted


class DecisionInline(RoleInline, admin.TabularInline):
    """The event's history: read only, for whoever sees the event."""

    model = ModerationDecision
    fields = ["created_at", "action", "actor", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ImageInline(RoleInline, EventImageInline):
    pass


class UmbrellaCheck(forms.ModelForm):  # type: ignore[type-arg]
    """The rules for an umbrella event (`umbrella_problem`), as a message at the field."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parent = cleaned.get("parent")
        organisation = cleaned.get("organisation") or getattr(self.instance, "organisation", None)
        if parent is not None:
            problem = umbrella_problem(
                organisation_id=getattr(organisation, "pk", None),
                event_id=self.instance.pk,
                parent=parent,
            )
            if problem:
                self.add_error("parent", problem)
        return cleaned


@admin.register(Event)
class EventAdmin(SeriesPreviewMixin, DraftButtonsMixin, ReviewMixin, OrganisationScopedAdmin):
    form = EventForm
    list_display = ["title_de", "next_date", "organisation", "state", "review_link"]
    list_select_related = ["organisation"]
    list_filter = [
        ToDoFilter,
        "public_status",
        "status",
        "is_major_event",
        "organisation",
        "source_format",
    ]
    search_fields = ["title_de", "title_en", "organiser"]
    autocomplete_fields = ["place", "parent"]
    inlines = [OccurrenceInline, EventSeriesInline, ImageInline, DecisionInline]
    readonly_fields = [
        "public_status",
        "rejection_reason_display",
        "source_format",
        "sequence",
        "withdrawn_at",
        "merged_into",
        "public_from",
    ]
    actions = ["submit", "publish", "reject"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "organisation",
                    "title_de",
                    "title_en",
                    "short_de",
                    "short_en",
                    "description_de",
                    "description_en",
                    "categories",
                    "organiser",
                    "place",
                    "is_online",
                    "parent",
                    "url",
                ]
            },
        ),
        (
            _("Status"),
            {
                "fields": [
                    "public_status",
                    "status",
                    "publish_at",
                    "rejection_reason",
                    "rejection_reason_display",
                    "public_from",
                    "withdrawn_at",
                    "merged_into",
                ]
            },
        ),
        (
            _("Prices"),
            {
                "fields": [
                    "is_free",
                    "price_min",
                    "price_max",
                    "currency",
                    "price_text",
                    "ticket_url",
                ]
            },
        ),
        (
            _("Accessibility"),
            {"fields": ACCESSIBILITY},
        ),
        (_("Audiences"), {"fields": ["audiences"]}),
        (_("Licence"), {"fields": ["licence"]}),
        (
            _("Coordination"),
            {
                "fields": [
                    "expected_visitors",
                    "is_major_event",
                    "open_programme",
                    "source_format",
                    "sequence",
                ]
            },
        ),
    ]

    @admin.display(description=_("reason for rejection (sent)"))
    def rejection_reason_display(self, obj: Event) -> str:
        return obj.rejection_reason

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        """Another member's events only once published: a member's drafts, submissions and
        rejections (with the office's reasons) are for its own editors, the office and the
        board."""
        queryset = super().get_queryset(request)
        user = request.user
        if rules.is_office(user) or rules.is_board_member(user):
            return queryset
        own = rules.member_organisation_ids(user)
        return queryset.filter(Q(organisation_id__in=own) | Q(public_status=PublicStatus.PUBLISHED))

    def get_list_display(self, request: HttpRequest) -> list[str]:
        if rules.is_office(request.user):
            return self.list_display
        return [name for name in self.list_display if name != "review_link"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if rules.is_office(request.user):
            return fields
        return [*fields, "is_major_event", "open_programme"]

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        return type("EventForm", (UmbrellaCheck, form), {})

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        """The umbrella picker offers only what may be chosen: events that are not part of
        another, of the user's own organisations or open to programme items."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name") == "parent" and request.GET.get("model_name") == "event":
            queryset = queryset.filter(parent__isnull=True)
            if not rules.is_office(request.user):
                mine = rules.editable_organisation_ids(request.user)
                queryset = queryset.filter(Q(organisation_id__in=mine) | Q(open_programme=True))
        return queryset, duplicates

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        needs_review = (
            change
            and obj.public_status == PublicStatus.PUBLISHED
            and not rules.is_office(request.user)
            and not is_trusted(obj.organisation)
        )
        if needs_review:
            obj.public_status = PublicStatus.SUBMITTED
        if change:
            obj.sequence += 1
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if needs_review:
            ModerationDecision.objects.create(
                event=obj, action=Decision.EDIT_SUBMITTED, actor=request.user
            )
            self.message_user(
                request, _("The change goes to the regional office for review."), messages.INFO
            )
        elif not change:
            ModerationDecision.objects.create(
                event=obj, action=Decision.CREATED, actor=request.user
            )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        refresh_visibility(form.instance, timezone.now())

    def _each(self, request: HttpRequest, queryset: QuerySet[Event], step: Any, done: Any) -> None:
        count = 0
        for event in queryset:
            try:
                step(event)
                count += 1
            except ModerationError as error:
                self.message_user(request, f"{event}: {error.message}", messages.ERROR)
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Submit to the regional office"))
    def submit(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._each(
            request,
            queryset,
            lambda e: submit_event(event=e, user=request.user, now=timezone.now()),
            ngettext_lazy("%(count)s event submitted.", "%(count)s events submitted.", "count"),
        )

    @admin.action(description=_("Publish (office)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        if not rules.is_office(request.user):
            self.message_user(
                request, _("Only the regional office publishes events."), messages.ERROR
            )
            return
        ids = list(queryset.values_list("pk", flat=True))
        if len(ids) > PUBLISH_IN_REQUEST:
            publish_events_job.enqueue(event_ids=ids, user_id=request.user.pk)
            self.message_user(
                request,
                str(
                    _(
                        "%(count)s events are being published in the background; the result is "
                        "under “Background jobs”."
                    )
                )
                % {"count": len(ids)},
                messages.SUCCESS,
            )
            return
        try:
            report = publish_events(events=queryset, user=request.user, now=timezone.now())
        except ModerationError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        for _pk, title, reason in report.skipped[:SKIPPED_SHOWN]:
            self.message_user(request, f"{title}: {reason}", messages.ERROR)
        if len(report.skipped) > SKIPPED_SHOWN:
            more = len(report.skipped) - SKIPPED_SHOWN
            self.message_user(
                request,
                ngettext(
                    "%(count)s more event was not published.",
                    "%(count)s more events were not published.",
                    more,
                )
                % {"count": more},
                messages.ERROR,
            )
        if report.published:
            self.message_user(
                request,
                ngettext(
                    "%(count)s event published.",
                    "%(count)s events published.",
                    report.published,
                )
                % {"count": report.published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Reject with the reason entered in the event (office)"))
    def reject(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._each(
            request,
            queryset,
            lambda e: reject_event(
                event=e, user=request.user, reason=e.rejection_reason, now=timezone.now()
            ),
            ngettext_lazy("%(count)s event rejected.", "%(count)s events rejected.", "count"),
        )


@admin.register(Place)
class PlaceAdmin(OfficeAdmin):
    """Editors create venues (also from the event form's "+"); only the office changes them.
    The municipality follows from postcode and town (`admin_places.PlaceForm`)."""

    form = PlaceForm
    list_display = ["name", "locality", "postal_code", "ags", "municipality"]
    list_filter = ["municipality"]
    search_fields = [
        "name",
        "locality",
        "street",
        "postal_code",
        "municipality__name",
        "municipality__short_name",
    ]
    list_select_related = ["municipality"]
    readonly_fields = ["ags", "municipality"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "street",
                    ("postal_code", "locality"),
                    ("latitude", "longitude"),
                    "url",
                    "capacity",
                    "ags",
                    "municipality",
                ]
            },
        ),
        (
            _("Accessibility"),
            {
                "classes": ["collapse"],
                "fields": ACCESSIBILITY,
            },
        ),
    ]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return rules.is_office(request.user) or bool(rules.editable_organisation_ids(request.user))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        """A new venue gets its municipality from postcode and town: nothing to show yet."""
        if obj is not None:
            return self.fieldsets
        first, *rest = self.fieldsets
        derived = {"ags", "municipality"}
        fields = [name for name in first[1]["fields"] if name not in derived]
        return [(first[0], {**first[1], "fields": fields}), *rest]

    def autocomplete_label(self, obj: Place) -> str:
        return place_label(obj)

    def response_add(self, request: HttpRequest, obj: Place, post_url_continue: Any = None) -> Any:
        """Back in the event form, the new venue is named as the picker names venues."""
        if IS_POPUP_VAR not in request.POST:
            return super().response_add(request, obj, post_url_continue)
        data = json.dumps({"value": str(obj.pk), "obj": place_label(obj)})
        return TemplateResponse(request, "admin/popup_response.html", {"popup_response_data": data})


@admin.register(Category)
class CategoryAdmin(OfficeAdmin):
    list_display = ["slug", "name_de", "name_en", "position"]


@admin.register(DuplicateProposal)
class DuplicateProposalAdmin(OfficeAdmin):
    list_display = ["duplicate", "original", "score", "state", "decided_at"]
    list_filter = ["state"]
    readonly_fields = ["original", "duplicate", "score", "state", "decided_by", "decided_at"]
    actions = ["merge", "dismiss"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # proposals are made by the duplicate check, decided here

    @admin.action(description=_("Merge: hide the duplicate behind the original"))
    def merge(self, request: HttpRequest, queryset: QuerySet[DuplicateProposal]) -> None:
        for proposal in queryset:
            try:
                merge_duplicate(proposal=proposal, user=request.user, now=timezone.now())
            except DuplicateError as error:
                self.message_user(request, f"{proposal}: {error.message}", messages.ERROR)

    @admin.action(description=_("Not a duplicate"))
    def dismiss(self, request: HttpRequest, queryset: QuerySet[DuplicateProposal]) -> None:
        for proposal in queryset:
            try:
                dismiss_duplicate(proposal=proposal, user=request.user, now=timezone.now())
            except DuplicateError as error:
                self.message_user(request, f"{proposal}: {error.message}", messages.ERROR)


@admin.register(ImportRun)
class ImportRunAdmin(ImportViews, OrganisationScopedAdmin):
    list_display = [
        "source_key",
        "organisation",
        "started_at",
        "created",
        "updated",
        "unchanged",
        "withdrawn",
        "rejected",
    ]
    list_filter = ["source_format", "organisation"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]
    internal_only = True

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        extra_context = {**(extra_context or {}), "may_import": may_import(request.user)}
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False


@admin.register(Publisher)
class PublisherAdmin(OfficeAdmin):
    list_display = ["organisation", "is_trusted"]


@admin.register(ApiToken)
class ApiTokenAdmin(OrganisationScopedAdmin):
    list_display = [
        "name",
        "organisation",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked",
    ]
    fields = ["organisation", "user", "name", "revoked", "prefix", "last_used_at"]
    readonly_fields = ["prefix", "last_used_at"]
    internal_only = True

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            token, key = issue_api_token(
                organisation=obj.organisation,
                user=obj.user,
                name=obj.name,
                acting_user=request.user,
            )
        except ModerationError as error:
            raise PermissionDenied(error.message) from error
        obj.pk = token.pk
        self.message_user(
            request,
            _("Copy the token now, it is not shown again: %(key)s") % {"key": key},
            messages.WARNING,
        )


# feed subscriptions: their own module (they enqueue jobs)
from impulsregion.calendar import admin_subscriptions  # noqa: E402, F401
