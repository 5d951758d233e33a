"""Admin base classes of every app, asking the permission predicates of ``region.rules``.

They live beside the roles they ask (``common`` imports no other app).

Django's model permissions are not used: a user's ``StaffRole`` decides. The office may do
everything; member editors may add and change records of their own organisations; board
members and editors may read what ``can_view_internal`` allows.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from impulsregion.region import rules


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date and time boxes of one field, each with a label of its own ("Beginn,
    Datum:"), which screen readers announce; Django's only show the words "Datum:" beside them
    (WCAG 1.3.1, 4.1.2)."""

    template_name = "region/split_datetime.html"

    def __init__(self, field_label: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.field_label = field_label

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)
        context["field_label"] = self.field_label
        return context


def labelled_datetimes(formfield: Any, db_field: Any) -> Any:
    """A date-time field of a back-office form with `LabelledSplitDateTime`."""
    if (
        formfield is not None
        and isinstance(formfield.widget, AdminSplitDateTime)
        and not isinstance(formfield.widget, LabelledSplitDateTime)
    ):
        formfield.widget = LabelledSplitDateTime(
            str(db_field.verbose_name).capitalize(), formfield.widget.attrs
        )
    return formfield


class OfficeAdmin(admin.ModelAdmin):
    """Only the office changes these records; board members and editors may read them."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        return labelled_datetimes(
            super().formfield_for_dbfield(db_field, request, **kwargs), db_field
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.can_use_back_office(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return rules.can_use_back_office(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return rules.is_office(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return rules.is_office(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return rules.is_office(request.user)


class OrganisationScopedAdmin(OfficeAdmin):
    """Records that belong to an organisation; editors work on their own organisations' records.

    ``organisation_field`` is the lookup path from the record to its organisation's id
    (``"organisation"``, ``"event__organisation"``; ``"pk"`` when the record *is* the
    organisation). ``internal_only`` hides other organisations' records from non-office users.
    """

    organisation_field = "organisation"
    internal_only = False

    def _organisation_id(self, obj: Model) -> int | None:
        if self.organisation_field == "pk":
            return obj.pk
        value: Any = obj
        for part in self.organisation_field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value.pk if isinstance(value, Model) else value

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if (
            self.internal_only
            and not rules.is_office(request.user)
            and not rules.is_board_member(request.user)
        ):
            lookup = "pk" if self.organisation_field == "pk" else f"{self.organisation_field}__in"
            ids = rules.member_organisation_ids(request.user)
            queryset = queryset.filter(**({"pk__in": ids} if lookup == "pk" else {lookup: ids}))
        return queryset

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if self.organisation_field == "pk":
            return rules.is_office(request.user)
        return rules.is_office(request.user) or bool(rules.editable_organisation_ids(request.user))

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is None:
            return rules.is_office(request.user) or bool(
                rules.editable_organisation_ids(request.user)
            )
        return rules.can_edit_organisation(request.user, self._organisation_id(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is None:
            return rules.is_office(request.user) or bool(
                rules.editable_organisation_ids(request.user)
            )
        return (
            rules.can_edit_organisation(request.user, self._organisation_id(obj))
            and self.organisation_field != "pk"
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        first = self.organisation_field.split("__")[0]
        if db_field.name == first and not rules.is_office(request.user) and field is not None:
            ids = rules.editable_organisation_ids(request.user)
            if self.organisation_field == first:
                field.queryset = field.queryset.filter(pk__in=ids)
            else:
                rest = self.organisation_field.split("__", 1)[1]
                field.queryset = field.queryset.filter(**{f"{rest}__in": ids})
        return field

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """A new record of an editor who edits for one organisation belongs to it: the form
        starts with it chosen."""
        initial = super().get_changeform_initial_data(request)
        if self.organisation_field == "organisation" and not rules.is_office(request.user):
            ids = rules.editable_organisation_ids(request.user)
            if len(ids) == 1:
                initial.setdefault("organisation", next(iter(ids)))
        return initial

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        if not rules.can_edit_organisation(request.user, self._organisation_id(obj)):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


class RoleInline:
    """Rows shown inside a record's form (an event's dates, a route's stops) follow the rule
    of that record: whoever may change it may add, change and delete its rows; whoever may see
    it sees them. Mixed in before Django's TabularInline/StackedInline, whose defaults ask
    Django's model permissions, which role users do not have."""

    admin_site: admin.AdminSite
    parent_model: type[Model]

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        return labelled_datetimes(field, db_field)

    def _parent(self) -> admin.ModelAdmin | None:  # type: ignore[type-arg]
        return self.admin_site._registry.get(self.parent_model)

    def _may_change(self, request: HttpRequest, obj: Model | None) -> bool:
        parent = self._parent()
        if parent is None:
            return rules.is_office(request.user)
        if obj is None:
            return bool(parent.has_add_permission(request))
        return bool(parent.has_change_permission(request, obj))

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        parent = self._parent()
        if parent is None:
            return rules.is_office(request.user)
        return bool(parent.has_view_permission(request, obj)) or self._may_change(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_change(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_change(request, obj)


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """The pickers' search results: a model admin may name its records in them by its own
    ``autocomplete_label(obj)`` (a venue with its address), others by ``str(obj)``."""

    def serialize_result(self, obj: Model, to_field_name: str) -> dict[str, str]:
        result: dict[str, str] = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


def labelled_autocomplete(site: admin.AdminSite) -> Any:
    """The autocomplete view of `site` answering with `LabelledAutocompleteJsonView`."""

    def view(request: HttpRequest) -> Any:
        return LabelledAutocompleteJsonView.as_view(admin_site=site)(request)

    return view
