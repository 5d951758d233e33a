"""API tokens of member organisations for the write API."""

from __future__ import annotations

import secrets
from typing import Any

from django.utils.translation import gettext as _

from impulsregion.calendar.models import ApiToken
from impulsregion.calendar.services.moderation import ModerationError
from impulsregion.region import rules
from impulsregion.region.models import Organisation


def issue_api_token(
    *, organisation: Organisation, user: Any, name: str, acting_user: Any
) -> tuple[ApiToken, str]:
    """A new token acting as `user` for `organisation`; the secret is returned only once."""
    if not rules.can_edit_organisation(acting_user, organisation.pk):
        raise ModerationError(_("You may not issue tokens for this organisation."))
    if not rules.can_edit_organisation(user, organisation.pk):
        raise ModerationError(_("The token's user must be an editor of this organisation."))
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        user=user,
        name=name[:100],
        key_hash=ApiToken.hash(key),
        prefix=key[:8],
    )
    return token, key
