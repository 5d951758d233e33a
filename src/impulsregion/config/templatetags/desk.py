"""The desk of the signed-in user on the back office's start page (config.desk):
``{% user_desk as sections %}`` and ``{% desk_title as heading %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from impulsregion.config.desk import Section, desk, start_title

register = template.Library()


@register.simple_tag(takes_context=True)
def user_desk(context: dict[str, Any]) -> list[Section]:
    request = context.get("request")
    if request is None:
        return []
    return desk(request.user, today=timezone.localdate())


@register.simple_tag(takes_context=True)
def desk_title(context: dict[str, Any]) -> str:
    request = context.get("request")
    return start_title(request.user) if request is not None else ""
