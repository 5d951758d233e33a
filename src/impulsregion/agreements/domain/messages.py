"""Translatable messages produced by pure domain code.

The domain cannot import Django, yet its reasons and errors are shown to users in German
and English. A :class:`Message` keeps an English template (marked with ``gettext_noop`` so
``makemessages`` collects it) and its parameters; the Django layer translates the template
and fills in the parameters (``agreements.texts.render``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


def gettext_noop(template: str) -> str:
    """Mark ``template`` for translation without translating it (picked up by xgettext)."""
    return template


@dataclass(frozen=True)
class Message:
    """An English ``%``-template with named parameters."""

    template: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The English text with the parameters filled in."""
        return self.template % dict(self.params)

    def __str__(self) -> str:
        return self.text


class RuleError(ValueError):
    """Input that breaks a rule of the association; carries a translatable message."""

    def __init__(self, template: str, /, **params: object) -> None:
        self.message = Message(template, params)
        super().__init__(self.message.text)
