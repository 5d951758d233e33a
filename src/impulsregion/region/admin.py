from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from impulsregion.region import admin_jobs, admin_logins, rules  # noqa: F401 - they register the office's lists of jobs and of failed logins
from impulsregion.region.admin_base import OfficeAdmin, OrganisationScopedAdmin, RoleInline
from impulsregion.region.enums import BoardRole
from impulsregion.region.models import (
    BoardPosition,
    BoardTerm,
    KeyFigure,
    Mandate,
    Membership,
    Milestone,
    Organisation,
    Person,
    StaffRole,
)


class KeyFigureInline(RoleInline, admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["kind", "value", "reference_date", "source", "confirmed"]


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_field = "pk"
    list_display = ["name", "short_name", "kind", "ags", "city"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "ags", "city"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [KeyFigureInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "legal_form", "ags"]}),
        (_("Address"), {"fields": ["street", "postcode", "city", "website", "address_confirmed"]}),
        (_("Description"), {"fields": ["description_de", "description_en"]}),
    ]

    def get_prepopulated_fields(
        self, request: HttpRequest, obj: Organisation | None = None
    ) -> dict[str, list[str]]:
        return self.prepopulated_fields if rules.is_office(request.user) else {}

    def get_readonly_fields(
        self, request: HttpRequest, obj: Organisation | None = None
    ) -> list[str]:
        # editors keep their own address and texts current; identity fields are the office's
        return [] if rules.is_office(request.user) else ["name", "slug", "kind", "ags"]


@admin.register(KeyFigure)
class KeyFigureAdmin(OrganisationScopedAdmin):
    list_display = ["organisation", "kind", "value", "reference_date", "confirmed"]
    list_filter = ["kind", "confirmed", "organisation"]
    list_select_related = ["organisation"]


@admin.register(Membership)
class MembershipAdmin(OfficeAdmin):
    list_display = ["organisation", "body", "admitted_on", "left_on", "voting_right", "confirmed"]
    list_filter = ["body", "voting_right", "confirmed"]
    list_select_related = ["organisation", "body"]
    date_hierarchy = "admitted_on"


@admin.register(Person)
class PersonAdmin(OfficeAdmin):
    list_display = ["family_name", "given_name", "honorific", "confirmed"]
    search_fields = ["family_name", "given_name"]


@admin.register(Mandate)
class MandateAdmin(OrganisationScopedAdmin):
    list_display = ["person", "office_de", "organisation", "starts_on", "ends_on", "confirmed"]
    list_filter = ["organisation"]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person"]


class BoardPositionFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        """One chair and one deputy per term, checked across the forms before the database is."""
        super().clean()
        roles = [
            form.cleaned_data.get("role")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if roles.count(BoardRole.CHAIR) > 1 or roles.count(BoardRole.DEPUTY) > 1:
            raise ValidationError(_("A board term has at most one chair and one deputy chair."))


class BoardPositionInline(RoleInline, admin.TabularInline):
    model = BoardPosition
    formset = BoardPositionFormSet
    extra = 0
    fields = ["role", "person", "organisation", "source", "confirmed"]
    autocomplete_fields = ["person"]


@admin.register(BoardTerm)
class BoardTermAdmin(OfficeAdmin):
    list_display = ["year", "starts_on", "ends_on", "confirmed"]
    inlines = [BoardPositionInline]


@admin.register(Milestone)
class MilestoneAdmin(OfficeAdmin):
    list_display = ["year", "date", "title_de", "confirmed"]
    list_filter = ["confirmed"]
    search_fields = ["title_de", "title_en"]


@admin.register(StaffRole)
class StaffRoleAdmin(OfficeAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role", "organisation"]
    list_select_related = ["user", "organisation"]


# The change log is visible to the office (auditlog's own admin asks Django permissions).
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ChangeLogAdmin(LogEntryAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.is_office(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return rules.is_office(request.user)


class OfficeUserAdmin(UserAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.is_office(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return rules.is_office(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return rules.is_office(request.user)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return rules.is_office(request.user)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), OfficeUserAdmin)
