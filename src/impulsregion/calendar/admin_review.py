"""The office's review of an event on one page, and the event list's columns for it.

The review page (``/admin/calendar/event/<id>/review/``, office only) shows the event as the
public will see it and a waiting edit as old → new; "Publish" is one click, "Reject" one
reason and one click. Both call the moderation services and go on to the next waiting event.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from impulsregion.calendar import queries, review
from impulsregion.calendar.enums import EventStatus, PublicStatus
from impulsregion.calendar.models import Event, PublicSubmission
from impulsregion.calendar.services.moderation import ModerationError, publish_event, reject_event
from impulsregion.region import rules

LIST_DEFERRED = ("description_de", "description_en", "field_sources", "search_vector")


def start_of_today() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the rejection"),
        help_text=gettext_lazy("The member's editors read it beside their event."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Give a reason for the rejection.")},
    )


class ToDoFilter(admin.SimpleListFilter):
    """What waits: for the office and the board the whole region's, for a member's editors
    their own organisations' (the desk links here)."""

    title = gettext_lazy("to do")
    parameter_name = "todo"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("review", gettext_lazy("waiting for review")),
            ("drafts", gettext_lazy("drafts")),
            ("rejected", pgettext_lazy("events", "rejected")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Event]) -> QuerySet[Event]:
        wanted = {
            "review": queries.waiting_for_review(),
            "drafts": Q(public_status=PublicStatus.DRAFT),
            "rejected": Q(public_status=PublicStatus.REJECTED),
        }.get(self.value() or "")
        if wanted is None:
            return queryset
        queryset = queryset.filter(wanted)
        if rules.is_office(request.user) or rules.is_board_member(request.user):
            return queryset
        return queryset.filter(
            queries.of_organisations(rules.editable_organisation_ids(request.user))
        )


class EventChangeList(ChangeList):
    """The event list: each row's next date in two index lookups, long texts left unread."""

    def get_queryset(self, request: HttpRequest, exclude_parameters: Any = None) -> Any:
        if "next_start" not in self.root_queryset.query.annotations:
            self.root_queryset = queries.with_next_date(
                self.root_queryset.defer(*LIST_DEFERRED), start_of_today()
            )
        return super().get_queryset(request, exclude_parameters)

    def get_ordering_field_columns(self) -> dict[int, str]:
        # the review queue's order is no column's: no column is marked as sorted
        if self.params.get("todo") == "review" and not self.params.get(ORDER_VAR):
            return {}
        return dict(super().get_ordering_field_columns())


class ReviewMixin:
    """Mixed into the event admin: list columns, the review page and its URL."""

    admin_site: admin.AdminSite

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return EventChangeList

    def get_ordering(self, request: HttpRequest) -> list[str]:
        """The events waiting for review in the review queue's order (the row below is the
        next one the review page goes on to); read along the index of the last change."""
        if request.GET.get("todo") == "review":
            return ["updated_at", "pk"]
        return list(super().get_ordering(request))  # type: ignore[misc]

    def get_urls(self) -> list[URLPattern]:
        review_url = path(
            "<int:object_id>/review/",
            self.admin_site.admin_view(self.review_view),
            name="calendar_event_review",
        )
        return [review_url, *super().get_urls()]  # type: ignore[misc]

    @admin.display(description=gettext_lazy("next date"), ordering="next_start")
    def next_date(self, obj: Event) -> str | None:
        start = getattr(obj, "next_start", None)
        if start is None:
            return None  # shown as the list's sign for empty
        local = timezone.localtime(start)
        # an all-day date begins at local midnight: its day says all
        shape = "SHORT_DATE_FORMAT" if local.time() == time.min else "SHORT_DATETIME_FORMAT"
        text = formats.date_format(local, shape)
        if start < start_of_today():
            return _("%(date)s (past)") % {"date": text}
        return text

    @admin.display(description=gettext_lazy("status"), ordering="public_status")
    def state(self, obj: Event) -> str:
        text = str(obj.get_public_status_display())
        if obj.public_status == PublicStatus.PUBLISHED and obj.pending_changes:
            text = _("%(status)s, edit waiting") % {"status": text}
        if obj.status != EventStatus.SCHEDULED:
            text = f"{text} · {obj.get_status_display()}"
        return text

    @admin.display(description=pgettext_lazy("verb", "Review"))
    def review_link(self, obj: Event) -> str:
        if not queries.is_waiting(obj):
            return ""
        label = pgettext("verb", "Review")
        # the name says which event (many rows have this link); a hidden span would sit
        # outside the table's scrolling box and widen a phone's page
        return format_html(
            '<a href="{}" aria-label="{}: {}">{}</a>',
            reverse("admin:calendar_event_review", args=[obj.pk]),
            label,
            obj.title_de,
            label,
        )

    def review_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        if not rules.is_office(request.user):
            raise PermissionDenied
        event = get_object_or_404(
            Event.objects.select_related("organisation", "place", "parent"), pk=object_id
        )
        form = RejectForm()
        if request.method == "POST" and request.POST.get("action") == "publish":
            return self._decide(request, event, publish=True, reason="")
        if request.method == "POST" and request.POST.get("action") == "reject":
            form = RejectForm(request.POST)
            if form.is_valid():
                return self._decide(
                    request, event, publish=False, reason=form.cleaned_data["reason"]
                )
        return TemplateResponse(
            request,
            "admin/calendar/event/review.html",
            self._context(request, event, form),
            status=400 if form.errors else 200,
        )

    def _decide(
        self, request: HttpRequest, event: Event, *, publish: bool, reason: str
    ) -> HttpResponse:
        now = timezone.now()
        try:
            if publish:
                publish_event(event=event, user=request.user, now=now)
            else:
                reject_event(event=event, user=request.user, reason=reason, now=now)
        except ModerationError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("admin:calendar_event_review", args=[event.pk]))
        done = _("“%(title)s” is published.") if publish else _("“%(title)s” is rejected.")
        messages.success(request, done % {"title": event.title_de})
        following = queries.next_waiting(after=event.pk)
        if following is None:
            messages.info(request, _("No more events are waiting for review."))
            return HttpResponseRedirect(reverse("admin:index"))
        return HttpResponseRedirect(reverse("admin:calendar_event_review", args=[following.pk]))

    def _context(self, request: HttpRequest, event: Event, form: RejectForm) -> dict[str, Any]:
        waiting = queries.is_waiting(event)
        shown = review.preview(event)
        following = queries.next_waiting(after=event.pk)
        return {
            **self.admin_site.each_context(request),
            "opts": Event._meta,
            "title": _("Review: %(title)s") % {"title": event.title_de},
            "event": event,
            "waiting": waiting,
            "is_edit": event.public_status == PublicStatus.PUBLISHED
            and bool(event.pending_changes),
            "changes": review.pending_changes(event),
            "submission": review.last_submission(event),
            # an organiser who is not a member: whom the office may ask
            "contact": PublicSubmission.objects.filter(event=event).first(),
            "preview": shown,
            "form": form,
            "next_event": following,
            "queue_size": queries.review_queue().count(),
        }
