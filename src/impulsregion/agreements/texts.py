"""Translate the domain's messages and describe keys for people."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override

from impulsregion.agreements.domain.allocation import CostKey, KeyKind
from impulsregion.agreements.domain.messages import Message, RuleError

_KIND_LABELS = {
    KeyKind.EQUAL: lambda: _("%(percent)s %% in equal shares"),
    KeyKind.POPULATION: lambda: _("%(percent)s %% by population"),
    KeyKind.USAGE: lambda: _("%(percent)s %% by usage"),
    KeyKind.FIXED: lambda: _("%(percent)s %% by fixed percentages"),
}


def render(message: Message) -> str:
    """The message in the active language."""
    return _(message.template) % dict(message.params)


def render_in(message: Message, language: str) -> str:
    with override(language):
        return render(message)


def error_text(error: RuleError) -> str:
    return render(error.message)


def describe_key(key: CostKey) -> str:
    parts = [
        _KIND_LABELS[c.kind]() % {"percent": f"{c.percent.normalize():f}"} for c in key.components
    ]
    return " + ".join(parts) if parts else _("no key set")
