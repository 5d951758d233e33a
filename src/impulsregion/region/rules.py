"""Permission predicates shared by the admin, the public views and the API.

Roles are ``StaffRole`` rows. The regional office may do everything; a member editor may
change the records of the organisations they edit for; a board member may read internal
records. Superusers count as office.
"""

from __future__ import annotations

from typing import Any

from impulsregion.region.enums import StaffRoleKind


def _roles(user: Any) -> set[tuple[str, int]]:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return set()
    cached = getattr(user, "_impulsregion_roles", None)
    if cached is None:
        cached = set(user.staff_roles.values_list("role", "organisation_id"))
        user._impulsregion_roles = cached
    return cached


def is_office(user: Any) -> bool:
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    return any(role == StaffRoleKind.OFFICE for role, _ in _roles(user))


def is_board_member(user: Any) -> bool:
    return any(role == StaffRoleKind.BOARD for role, _ in _roles(user))


def editable_organisation_ids(user: Any) -> set[int]:
    """Organisations whose records the user may change (not meaningful for the office: all)."""
    return {org_id for role, org_id in _roles(user) if role == StaffRoleKind.EDITOR}


def member_organisation_ids(user: Any) -> set[int]:
    """Organisations the user acts for in any role."""
    return {org_id for _, org_id in _roles(user)}


def can_edit_organisation(user: Any, organisation_id: int | None) -> bool:
    if is_office(user):
        return True
    return organisation_id is not None and organisation_id in editable_organisation_ids(user)


def can_view_internal(user: Any) -> bool:
    """Internal (members-only) records: office, board members and member editors."""
    return is_office(user) or bool(_roles(user))


def can_use_back_office(user: Any) -> bool:
    return (
        getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
        and can_view_internal(user)
    )
