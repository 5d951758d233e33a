from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsregion.calendar.enums import Decision, DuplicateState


class ModerationDecision(models.Model):
    """Every step of an event's review, in order: submitted, published, rejected, …"""

    event = models.ForeignKey(
        "calendar.Event",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("event"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Decision.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.event}: {self.get_action_display()}"


class DuplicateProposal(models.Model):
    """Two events that look like the same event from two sources; the office decides.

    The decision stays attached to the pair, so later imports neither re-propose it nor undo
    a merge (the merged record keeps `merged_into`).
    """

    original = models.ForeignKey(
        "calendar.Event", on_delete=models.CASCADE, related_name="+", verbose_name=_("event kept")
    )
    duplicate = models.ForeignKey(
        "calendar.Event",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("possible duplicate"),
    )
    score = models.DecimalField(_("similarity"), max_digits=4, decimal_places=3)
    state = models.CharField(
        _("state"), max_length=10, choices=DuplicateState.choices, default=DuplicateState.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = _("duplicate proposal")
        verbose_name_plural = _("duplicate proposals")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["original", "duplicate"], name="calendar_duplicate_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.duplicate} ≟ {self.original}"


auditlog.register(ModerationDecision)
auditlog.register(DuplicateProposal)
