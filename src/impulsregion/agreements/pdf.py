"""PDF documents of the app, typeset with typst as tagged PDF/UA-1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from impulsregion.agreements.enums import AttendanceState
from impulsregion.agreements.models import Meeting, MinutesVersion
from impulsregion.agreements.services.costs import statement_data
from impulsregion.common.i18n import pick
from impulsregion.common.pdf import render_typst_pdf

TEMPLATES = Path(__file__).resolve().parent / "templates" / "agreements"


def _compile(template: str, data: dict[str, Any]) -> bytes:
    return render_typst_pdf(TEMPLATES / template, data)


def _labels() -> dict[str, str]:
    return {
        "version": _("version"),
        "page": _("page"),
        "body": _("Body"),
        "date": _("Date"),
        "place": _("Place"),
        "invitation": _("Invitation"),
        "statute": _("Statute"),
        "chair": _("Chair of the meeting"),
        "minute_taker": _("Minute-taker"),
        "attendance": _("Attendance"),
        "member": _("Member"),
        "state": _("Attendance"),
        "representative": _("Representative or proxy"),
        "agenda": _("Agenda and resolutions"),
        "not_in_invitation": _("Added after the invitation: no resolutions possible."),
        "motion": _("Motion"),
        "votes": _("Votes"),
        "vote": _("Vote"),
        "documents": _("Documents"),
        "notes": _("Notes"),
        "changes": _("Changes to the previous version"),
    }


def _when(value: Any) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def minutes_data(meeting: Meeting, version: MinutesVersion) -> dict[str, Any]:
    from impulsregion.agreements.services.meetings import quorum_text  # noqa: PLC0415 - circular: services.meetings imports minutes_pdf from here

    attendance = [
        {
            "member": a.organisation.name,
            "state": a.get_state_display(),
            "representative": (
                _("proxy held by %(holder)s") % {"holder": a.proxy_holder.name}
                if a.state == AttendanceState.PROXY and a.proxy_holder
                else a.representative
            ),
        }
        for a in meeting.attendances.select_related("organisation", "proxy_holder")
    ]
    agenda = []
    for item in meeting.agenda_items.prefetch_related(
        "resolutions__votes__organisation", "documents"
    ):
        resolutions = []
        for res in item.resolutions.all():
            resolutions.append(
                {
                    "number": res.number,
                    "title": pick(res, "title"),
                    "motion": pick(res, "motion"),
                    "counts": _("%(yes)d yes, %(no)d no, %(abstain)d abstentions")
                    % {"yes": res.yes_count, "no": res.no_count, "abstain": res.abstain_count},
                    "result": pick(res, "reason") if res.decided else _("not yet decided"),
                    "votes": [
                        {"member": v.organisation.name, "choice": v.get_choice_display()}
                        for v in res.votes.all()
                    ],
                }
            )
        agenda.append(
            {
                "number": item.number,
                "title": pick(item, "title"),
                "not_in_invitation": not item.in_invitation,
                "resolutions": resolutions,
                "documents": [{"title": d.title, "sha256": d.sha256} for d in item.documents.all()],
            }
        )
    place = meeting.place or meeting.online_url
    return {
        "lang": "de",
        "labels": _labels(),
        "association": "Impulsregion Erfurt, Weimar, Jena, Weimarer Land e. V.",
        "title": _("Minutes: %(meeting)s") % {"meeting": meeting.title_de},
        "version": str(version.version),
        "status": _("signed")
        if version.signed
        else (
            _("partly signed")
            if version.chair_signed_at or version.taker_signed_at
            else _("draft, not signed")
        ),
        "body": meeting.body.name_de,
        "date": _when(meeting.starts_at),
        "place": f"{place} ({meeting.get_mode_display()})",
        "invitation": formats.date_format(meeting.invitation_sent_on)
        if meeting.invitation_sent_on
        else _("not recorded"),
        "statute": str(meeting.statute),
        "chair": version.chair,
        "minute_taker": version.minute_taker,
        "attendance": attendance,
        "quorum": quorum_text(meeting),
        "agenda": agenda,
        "notes": version.notes,
        "change_reason": version.change_reason,
        "chair_signed": _when(version.chair_signed_at),
        "taker_signed": _when(version.taker_signed_at),
    }


def minutes_pdf(meeting: Meeting, version: MinutesVersion, language: str = "de") -> bytes:
    with override(language):
        data = minutes_data(meeting, version)
        data["lang"] = language
        return _compile("minutes.typ", data)


def statement_pdf(
    agreement: Any, year: int, statement: Any, issued_on: Any, language: str = "de"
) -> bytes:
    with override(language):
        data = statement_data(statement)
        figures = agreement.cost_years.get(year=year)
        payload = {
            "lang": language,
            "title": _("Cost statement %(year)d: %(agreement)s")
            % {"year": year, "agreement": pick(agreement, "title")},
            "association": "Impulsregion Erfurt, Weimar, Jena, Weimarer Land e. V.",
            "issued": formats.date_format(issued_on),
            "illustrative": _("Illustrative figures, not an official statement.")
            if figures.illustrative
            else "",
            "source": figures.source,
            "labels": {
                "total": _("Total"),
                "key": _("Key"),
                "reference_date": _("Population reference date"),
                "step": _("Step"),
                "party": _("Party"),
                "weight": _("Weight"),
                "fraction": _("Fraction"),
                "contribution": _("Share in %"),
                "exact": _("Exact amount in €"),
                "rounded": _("Rounded down in €"),
                "cent": _("Extra cent"),
                "amount": _("Amount in €"),
                "sum": _("Sum"),
                "issued": _("Issued on"),
                "source": _("Source"),
                "method": _(
                    "Each party's exact share is rounded down to the cent; the cents left over go to the largest remainders, so the amounts add up exactly to the total."
                ),
            },
            **data,
        }
        return _compile("statement.typ", payload)
