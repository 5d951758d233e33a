"""Feed subscriptions in the back office: a member's editors subscribe their own feeds and see
how each is doing (its health: last success, last error, next run, what the last run did)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from impulsregion.calendar.models import FeedSubscription
from impulsregion.calendar.models.subscription import FeedHealth, health_q, in_trouble_q
from impulsregion.calendar.services.subscriptions import next_run
from impulsregion.calendar.tasks import enqueue_subscription
from impulsregion.region import rules
from impulsregion.region.admin_base import OrganisationScopedAdmin

# a sign beside the word, so the colour is never the only carrier of the state
SIGNS = {
    FeedHealth.HEALTHY: "✓",
    FeedHealth.FAILING: "!",
    FeedHealth.BROKEN: "✕",
    FeedHealth.NEW: "…",
    FeedHealth.PAUSED: "‖",
}


# what the platform records of a subscription's runs: shown, never edited
HEALTH_FIELDS = [
    "status",
    "last_success",
    "delivered",
    "last_error_text",
    "failures",
    "warning_sent",
    "next_run_at",
    "last_fetched",
]


class HealthFilter(admin.SimpleListFilter):
    title = gettext_lazy("health")
    parameter_name = "health"

    TROUBLE = "trouble"  # failing or out of order: what the office's desk links to

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [*FeedHealth.choices, (self.TROUBLE, gettext_lazy("failing or out of order"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == self.TROUBLE:
            return queryset.filter(in_trouble_q())
        if self.value() in FeedHealth.values:
            return queryset.filter(health_q(self.value()))  # type: ignore[arg-type]
        return queryset


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "–"
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def counts_text(subscription: FeedSubscription) -> str:
    """What the last successful run delivered, in words."""
    counts = subscription.last_counts or {}
    if not counts:
        return "–"
    text = _(
        "%(created)s new, %(updated)s changed, %(unchanged)s unchanged, "
        "%(withdrawn)s withdrawn, %(rejected)s rejected"
    ) % {
        key: counts.get(key, 0)
        for key in ("created", "updated", "unchanged", "withdrawn", "rejected")
    }
    if subscription.last_not_modified:
        return _("feed not modified since the last fetch (%(counts)s)") % {"counts": text}
    return text


def short_counts(subscription: FeedSubscription) -> str:
    """The same in few words for the list: the numbers that are not zero."""
    counts = subscription.last_counts or {}
    if subscription.last_not_modified:
        count = counts.get("unchanged", 0)
        return ngettext(
            "not modified (%(count)s event)", "not modified (%(count)s events)", count
        ) % {"count": count}
    words = {
        "created": _("%(count)s new"),
        "updated": _("%(count)s changed"),
        "unchanged": _("%(count)s unchanged"),
        "withdrawn": _("%(count)s withdrawn"),
        "rejected": _("%(count)s rejected"),
    }
    parts = [words[key] % {"count": counts[key]} for key in words if counts.get(key)]
    return ", ".join(parts) or _("no events")


def _interval(hours: int) -> str:
    return ngettext("every hour", "every %(hours)s hours", hours) % {"hours": hours}


@admin.register(FeedSubscription)
class FeedSubscriptionAdmin(OrganisationScopedAdmin):
    # what the editor looks for first stays on a phone's screen: the feed and how it is doing
    list_display = [
        "name",
        "status",
        "last_success_in_list",
        "last_error_text",
        "next_run_in_list",
        "organisation",
    ]
    list_filter = [HealthFilter, "source_format", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "url"]
    fieldsets = [
        (
            None,
            {"fields": ["organisation", "name", "url", "source_format", "every_hours", "active"]},
        ),
        (gettext_lazy("Health"), {"fields": HEALTH_FIELDS}),
    ]
    readonly_fields = HEALTH_FIELDS
    actions = ["fetch_now"]
    internal_only = True

    class Media:
        css = {"all": ["calendar/subscriptions.css"]}

    def _sees_several_members(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            rules.is_office(user)
            or rules.is_board_member(user)
            or len(rules.member_organisation_ids(user)) > 1
        )

    def get_list_display(self, request: HttpRequest) -> Any:
        if self._sees_several_members(request):
            return self.list_display
        return [f for f in self.list_display if f != "organisation"]  # one member's own feeds

    def get_list_filter(self, request: HttpRequest) -> Any:
        if self._sees_several_members(request):
            return self.list_filter
        return [f for f in self.list_filter if f != "organisation"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        # a new subscription has no health yet: the form asks only what the editor decides
        return self.fieldsets if obj is not None else self.fieldsets[:1]

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
        elif {"url", "source_format"} & set(form.changed_data):
            # another feed: ask for it whole, at the next check
            obj.etag = obj.last_modified = ""
            obj.last_enqueued_at = None
        super().save_model(request, obj, form, change)

    # --- health ------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("status"))
    def status(self, obj: FeedSubscription) -> SafeString:
        health = obj.health
        return format_html(
            '<span class="feed-health feed-health--{}"><span aria-hidden="true">{}</span> {}</span>',
            health.value,
            SIGNS[health],
            health.label,
        )

    @admin.display(description=gettext_lazy("last success"), ordering="last_success_at")
    def last_success(self, obj: FeedSubscription) -> str:
        return _when(obj.last_success_at)

    @admin.display(description=gettext_lazy("last success"), ordering="last_success_at")
    def last_success_in_list(self, obj: FeedSubscription) -> SafeString | str:
        if obj.last_success_at is None:
            return "–"
        return format_html(
            '{}<br><small class="feed-counts">{}</small>',
            _when(obj.last_success_at),
            short_counts(obj),
        )

    @admin.display(description=gettext_lazy("next run"))
    def next_run_in_list(self, obj: FeedSubscription) -> SafeString | str:
        if not obj.active:
            return _("paused")
        return format_html(
            '{}<br><small class="feed-interval">{}</small>',
            self.next_run_at(obj),
            _interval(obj.every_hours),
        )

    @admin.display(description=gettext_lazy("last error"), ordering="last_error_at")
    def last_error_text(self, obj: FeedSubscription) -> SafeString | str:
        if not obj.last_error:
            return "–"
        resolved = _("resolved by a later success") if obj.failures == 0 else ""
        details = format_html_join(
            " · ", "{}", ((part,) for part in (_when(obj.last_error_at), resolved) if part)
        )
        return format_html(
            '<span class="feed-error">{}</span><br><small class="feed-error-when">{}</small>',
            obj.last_error,
            details,
        )

    @admin.display(description=gettext_lazy("next run"))
    def next_run_at(self, obj: FeedSubscription) -> str:
        moment = next_run(obj, timezone.now())
        return _("paused") if moment is None else _when(moment)

    @admin.display(description=gettext_lazy("last run delivered"))
    def delivered(self, obj: FeedSubscription) -> str:
        return counts_text(obj)

    @admin.display(description=gettext_lazy("warning e-mail sent"))
    def warning_sent(self, obj: FeedSubscription) -> str:
        return _when(obj.warning_sent_at)

    @admin.display(description=gettext_lazy("last queued"))
    def last_fetched(self, obj: FeedSubscription) -> str:
        return _when(obj.last_enqueued_at)

    # --- fetch now ---------------------------------------------------------------------------

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_fetch_now": obj is not None
            and obj.active
            and self.has_change_permission(request, obj),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request: HttpRequest, obj: FeedSubscription) -> HttpResponse:
        if "_fetch_now" not in request.POST:
            return super().response_change(request, obj)
        if obj.active:
            enqueue_subscription(obj, timezone.now())
            self.message_user(
                request,
                _("The feed is queued for fetching; its health shows here when it is done."),
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("A paused feed is not fetched."), messages.WARNING)
        return HttpResponseRedirect(request.path)

    @admin.action(description=gettext_lazy("Fetch the selected feeds now"), permissions=["change"])
    def fetch_now(self, request: HttpRequest, queryset: QuerySet[FeedSubscription]) -> None:
        selected = list(queryset)
        allowed = [
            s
            for s in selected
            if s.active and rules.can_edit_organisation(request.user, s.organisation_id)
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
        if len(allowed) < len(selected):
            skipped = len(selected) - len(allowed)
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected feed is paused or not yours and was not queued.",
                    "%(count)d selected feeds are paused or not yours and were not queued.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
