"""Feed subscriptions in the back office: a member's editors subscribe their own feeds."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from impulsregion.calendar.models import FeedSubscription
from impulsregion.calendar.tasks import enqueue_subscription
from impulsregion.region import rules
from impulsregion.region.admin_base import OrganisationScopedAdmin


@admin.register(FeedSubscription)
class FeedSubscriptionAdmin(OrganisationScopedAdmin):
    # what the editor looks for first stays on a phone's screen: the feed and how it went
    list_display = [
        "name",
        "last_result",
        "last_enqueued_at",
        "organisation",
        "source_format",
        "every_hours",
        "active",
    ]
    list_filter = ["active", "source_format", "organisation"]
    search_fields = ["name", "url"]
    fields = [
        "organisation",
        "name",
        "url",
        "source_format",
        "every_hours",
        "active",
        "last_enqueued_at",
        "last_result",
    ]
    readonly_fields = ["last_enqueued_at", "last_result"]
    actions = ["fetch_now"]
    internal_only = True

    def get_list_filter(self, request: HttpRequest) -> Any:
        if rules.is_office(request.user):
            return self.list_filter
        return [f for f in self.list_filter if f != "organisation"]  # an editor sees their own

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # a new subscription has no result yet: the form asks only what the editor decides
        return [f for f in self.fields if obj is not None or f not in self.readonly_fields]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        own = rules.editable_organisation_ids(request.user)
        if len(own) == 1 and not rules.is_office(request.user):
            initial.setdefault("organisation", next(iter(own)))
        return initial

    def save_model(
        self, request: HttpRequest, obj: FeedSubscription, form: Any, change: bool
    ) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Fetch the selected feeds now"))
    def fetch_now(self, request: HttpRequest, queryset: QuerySet[FeedSubscription]) -> None:
        allowed = [
            s
            for s in queryset.filter(active=True)
            if rules.can_edit_organisation(request.user, s.organisation_id)
        ]
        now = timezone.now()
        for subscription in allowed:
            enqueue_subscription(subscription, now)
        self.message_user(
            request,
            ngettext(
                "%(count)d feed queued for import; the result appears here when it is done.",
                "%(count)d feeds queued for import; the results appear here when they are done.",
                len(allowed),
            )
            % {"count": len(allowed)},
            messages.SUCCESS,
        )
