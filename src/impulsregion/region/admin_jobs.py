"""The office's list of background jobs: what ran, what failed and why, what waits for a retry.

Replaces django-tasks-db's own admin page, which asks Django's model permissions (which role
users do not have) and shows engine words instead of the jobs' names."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from impulsregion.common.jobs import spec_of
from impulsregion.common.models import Job
from impulsregion.region import rules

# the engine's own labels have no German catalogue
STATES = {
    TaskResultStatus.READY: _("waiting"),
    TaskResultStatus.RUNNING: _("running"),
    TaskResultStatus.SUCCESSFUL: _("done"),
    TaskResultStatus.FAILED: _("failed"),
}

admin.site.unregister(DBTaskResult)  # shown once, as the office's Job list below


def error_sentence(row: DBTaskResult) -> str:
    """The last line of the job's error, without the exception's class path."""
    lines = [line for line in (row.traceback or "").splitlines() if line.strip()]
    if not lines:
        return ""
    last = lines[-1]
    head, separator, message = last.partition(": ")
    return message if separator and "." in head and " " not in head else last


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [(str(status), label) for status, label in STATES.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = (
        "job",
        "state",
        "attempts",
        "enqueued_at",
        "finished",
        "next_try",
        "error",
    )
    list_filter = (StateFilter,)
    ordering = ["-enqueued_at"]
    actions = ["run_again"]
    fields = (
        "job",
        "state",
        "attempts",
        "enqueued_at",
        "started",
        "finished",
        "next_try",
        "error",
        "args_kwargs",
        "return_value",
        "traceback",
    )
    readonly_fields = fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.is_office(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.is_office(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # the action is the office's; Django offers actions only with change permission
        actions = super().get_actions(request)
        if rules.is_office(request.user):
            actions["run_again"] = self.get_action("run_again")  # type: ignore[assignment]
        return actions

    @admin.display(description=_("job"))
    def job(self, row: DBTaskResult) -> str:
        spec = spec_of(row.task_path)
        return str(spec.label) if spec else row.task_path.rsplit(".", 1)[-1]

    @admin.display(description=_("state"), ordering="status")
    def state(self, row: DBTaskResult) -> str:
        if row.status == TaskResultStatus.READY and row.traceback:
            return str(_("waiting for a retry"))
        return str(STATES.get(row.status, row.status))

    @admin.display(description=_("started at"), ordering="started_at")
    def started(self, row: DBTaskResult) -> Any:
        return row.started_at or "–"

    @admin.display(description=_("finished at"), ordering="finished_at")
    def finished(self, row: DBTaskResult) -> Any:
        return row.finished_at or "–"

    @admin.display(description=_("attempts"))
    def attempts(self, row: DBTaskResult) -> int:
        return len(row.worker_ids)

    @admin.display(description=_("next try"))
    def next_try(self, row: DBTaskResult) -> Any:
        if row.status != TaskResultStatus.READY or row.run_after == get_date_max():
            return "–"
        return row.run_after

    @admin.display(description=_("error"))
    def error(self, row: DBTaskResult) -> str:
        return error_sentence(row)

    @admin.action(description=_("Run the selected failed jobs again"))
    def run_again(self, request: HttpRequest, queryset: QuerySet[DBTaskResult]) -> None:
        count = queryset.filter(status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None
        )
        self.message_user(
            request,
            ngettext("%(count)d job queued again.", "%(count)d jobs queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
