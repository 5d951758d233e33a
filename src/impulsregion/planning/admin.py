"""Back office for date coordination, the Jahresüberblick and joint events."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsregion.planning import queries, services
from impulsregion.planning.domain.typography import Lang
from impulsregion.planning.domain.yearbook import EmptyYearbookError
from impulsregion.planning.enums import HoldStatus
from impulsregion.planning.forms import HoldForm
from impulsregion.planning.models import (
    BlockedDate,
    Highlight,
    Hold,
    JointEvent,
    ShuttleRoute,
    ShuttleStop,
)
from impulsregion.planning.yearbook import render_yearbook
from impulsregion.region import rules
from impulsregion.region.admin_base import OfficeAdmin, OrganisationScopedAdmin, RoleInline


@admin.register(BlockedDate)
class BlockedDateAdmin(OfficeAdmin):
    list_display = ["reason_de", "start", "end", "municipality"]
    list_filter = ["municipality"]
    date_hierarchy = "start"
    search_fields = ["reason_de", "reason_en"]


class HoldAttentionFilter(admin.SimpleListFilter):
    """Holds that need someone's attention (the office's desk links here): for the office and
    the board every member's, for a member's editors their own organisations'."""

    title = gettext_lazy("needs attention")
    parameter_name = "attention"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("expiring", gettext_lazy("expires within a week")),
            ("clashing", gettext_lazy("date clash reported")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Hold]) -> QuerySet[Hold]:
        today = services.today_local()
        chosen = {
            "expiring": queries.holds_expiring,
            "clashing": queries.holds_clashing,
        }.get(self.value() or "")
        if chosen is None:
            return queryset
        queryset = queryset.filter(pk__in=chosen(today).values("pk"))
        if rules.is_office(request.user) or rules.is_board_member(request.user):
            return queryset
        return queryset.filter(organisation_id__in=rules.editable_organisation_ids(request.user))


@admin.register(Hold)
class HoldAdmin(OrganisationScopedAdmin):
    """Every member sees every hold (that is the point); each edits only its own."""

    list_display = ["title", "organisation", "municipality", "start", "end", "deadline", "status"]
    list_filter = [HoldAttentionFilter, "status", "municipality", "organisation"]
    date_hierarchy = "start"
    search_fields = ["title"]
    form = HoldForm
    readonly_fields = ["status", "event", "created_by", "created_at", "decided_at"]
    filter_horizontal = ["categories"]
    actions = ["confirm_holds", "release_holds"]

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        assert isinstance(obj, Hold)
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            hold = services.create_hold(
                user=request.user,
                organisation=obj.organisation,
                title=obj.title,
                start=obj.start,
                end=obj.end,
                municipality=obj.municipality,
                deadline=obj.deadline,
                today=services.today_local(),
                expected_visitors=obj.expected_visitors,
                place=obj.place,
                note=obj.note,
            )
        except services.PlanningError as error:  # checked by HoldForm; raced meanwhile
            self.message_user(request, error.message, messages.ERROR)
            return
        obj.pk = hold.pk
        obj._state.adding = False

    @admin.action(description=gettext_lazy("Confirm: turn into an event draft"))
    def confirm_holds(self, request: HttpRequest, queryset: QuerySet[Hold]) -> None:
        self._decide(request, queryset, confirm=True)

    @admin.action(description=gettext_lazy("Release the reserved days"))
    def release_holds(self, request: HttpRequest, queryset: QuerySet[Hold]) -> None:
        self._decide(request, queryset, confirm=False)

    def _decide(self, request: HttpRequest, queryset: QuerySet[Hold], *, confirm: bool) -> None:
        today = services.today_local()
        for hold in queryset.filter(status=HoldStatus.HELD):
            try:
                if confirm:
                    services.confirm_hold(hold=hold, user=request.user, today=today)
                else:
                    services.release_hold(hold=hold, user=request.user)
            except services.PlanningError as error:
                self.message_user(request, f"{hold}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, _("%(hold)s: done.") % {"hold": hold})


@admin.register(Highlight)
class HighlightAdmin(OfficeAdmin):
    list_display = ["event", "year", "order"]
    list_editable = ["order"]
    list_filter = ["year"]
    raw_id_fields = ["event"]
    actions = ["yearbook_de", "yearbook_en"]

    @admin.action(description=gettext_lazy("Generate the Jahresüberblick (PDF, German)"))
    def yearbook_de(self, request: HttpRequest, queryset: QuerySet[Highlight]) -> Any:
        return self._yearbook(request, queryset, Lang.DE)

    @admin.action(description=gettext_lazy("Generate the Jahresüberblick (PDF, English)"))
    def yearbook_en(self, request: HttpRequest, queryset: QuerySet[Highlight]) -> Any:
        return self._yearbook(request, queryset, Lang.EN)

    def _yearbook(
        self, request: HttpRequest, queryset: QuerySet[Highlight], lang: Lang
    ) -> HttpResponse | None:
        years = sorted(set(queryset.values_list("year", flat=True)))
        if len(years) != 1:
            self.message_user(request, _("Select highlights of exactly one year."), messages.ERROR)
            return None
        try:
            pdf = render_yearbook(years[0], lang, issued=services.today_local())
        except EmptyYearbookError:
            self.message_user(
                request,
                _("No highlights of %(year)s take place in that year.") % {"year": years[0]},
                messages.ERROR,
            )
            return None
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"jahresueberblick-{years[0]}-{lang.value}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ShuttleStopInline(RoleInline, admin.TabularInline):
    model = ShuttleStop
    extra = 0
    raw_id_fields = ["place"]


@admin.register(ShuttleRoute)
class ShuttleRouteAdmin(OfficeAdmin):
    list_display = ["name_de", "joint_event", "interval_minutes"]
    inlines = [ShuttleStopInline]


class ShuttleRouteInline(RoleInline, admin.StackedInline):
    model = ShuttleRoute
    extra = 0
    show_change_link = True


@admin.register(JointEvent)
class JointEventAdmin(OfficeAdmin):
    list_display = ["umbrella", "slug", "ticket_price"]
    raw_id_fields = ["umbrella"]
    inlines = [ShuttleRouteInline]
