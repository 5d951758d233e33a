"""The office's list of failed back-office logins and current locks (django-axes counts them):
who was locked, from which address, until when; the office lifts a lock by deleting its row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from impulsregion.common.models import FailedLogin
from impulsregion.region import rules


class LockedFilter(admin.SimpleListFilter):
    title = _("locked")
    parameter_name = "gesperrt"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("ja", _("locked now"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "ja":
            return queryset.filter(
                failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
                attempt_time__gt=timezone.now() - settings.AXES_COOLOFF_TIME,
            )
        return queryset


@admin.register(FailedLogin)
class FailedLoginAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Only the office: the rows hold user names and addresses (personal data)."""

    list_display = ["username", "ip_address", "failures", "last_attempt", "locked_until"]
    list_filter = [LockedFilter]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time"]
    readonly_fields = fields
    actions = ["lift"]

    @admin.display(description=_("failures"), ordering="failures_since_start")
    def failures(self, row: FailedLogin) -> int:
        return row.failures_since_start

    @admin.display(description=_("last attempt"), ordering="attempt_time")
    def last_attempt(self, row: FailedLogin) -> datetime:
        return timezone.localtime(row.attempt_time)

    @admin.action(description=_("Lift the lock (forget these failed logins)"))
    def lift(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        count = queryset.count()
        queryset.delete()
        self.message_user(
            request,
            ngettext("%(count)d lock lifted.", "%(count)d locks lifted.", count) % {"count": count},
            messages.SUCCESS,
        )

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("locked until"))
    def locked_until(self, row: FailedLogin) -> datetime | str:
        if row.failures_since_start < settings.AXES_FAILURE_LIMIT:
            return "–"
        until: datetime = row.attempt_time + settings.AXES_COOLOFF_TIME
        return timezone.localtime(until) if until > timezone.now() else "–"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.is_office(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.is_office(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.is_office(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
