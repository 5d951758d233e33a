import hashlib

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicSubmission(models.Model):
    """An event sent through the public form by an organiser who is not a member.

    Until its sender confirms the e-mail address, the submission is only this row: the form's
    values as JSON in `data`, no event, no venue, nothing in any list, feed or count (spam that
    is never confirmed leaves nothing but this row, deleted when the link expires). Confirming
    makes the event (owned by the association, `organiser` the sender's name) and submits it
    for the office's review; the row stays beside it with the contact the office may need.

    The link's token is kept only as its SHA-256 (`token_hash`): the database alone cannot
    confirm anything. `client_key` is a keyed hash of the sender's IP address, for the rate
    limit only, never the address itself.
    """

    organiser = models.CharField(_("organiser"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254, db_index=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=300)
    data = models.JSONField(_("submitted values"), default=dict)
    language = models.CharField(_("language"), max_length=8, default="de")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    client_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("sent"), db_index=True)
    expires_at = models.DateTimeField(_("confirmation link valid until"), db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    event = models.OneToOneField(
        "calendar.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="public_submission",
        verbose_name=_("event"),
    )

    class Meta:
        verbose_name = _("public submission")
        verbose_name_plural = _("public submissions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.organiser})"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


# the log keeps what happened, not the sender's contact (deleted with the row when unconfirmed)
auditlog.register(
    PublicSubmission, exclude_fields=["email", "phone", "data", "token_hash", "client_key"]
)
