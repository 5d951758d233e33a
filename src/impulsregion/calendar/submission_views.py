"""Public pages for organisers who are not members: send an event, confirm the address.

The form's pages carry a CSRF token, so they set a cookie and no front cache keeps them
(`never_cache` says so outright); every other public page stays cookie-free.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from impulsregion.calendar.domain.submissions import CONFIRM_WITHIN
from impulsregion.calendar.services.public_submissions import (
    ALREADY,
    CONFIRMED,
    EXPIRED,
    INVALID,
    SubmissionRefused,
    TooMany,
    check_link,
    confirm_submission,
    receive_submission,
    spans_of,
)
from impulsregion.calendar.submission_form import (
    DATE_ROWS_SHOWN,
    HONEYPOT,
    DateFormSet,
    SubmissionForm,
)
from impulsregion.common.client_ip import client_address

DATES = "dates"


@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    form, dates = SubmissionForm(), DateFormSet(prefix=DATES)
    problem, status = "", 200
    if request.method == "POST":
        if request.POST.get(HONEYPOT):
            return redirect("calendar:submission-sent")  # a robot: it learns nothing
        form, dates = SubmissionForm(request.POST), DateFormSet(request.POST, prefix=DATES)
        if form.is_valid() & dates.is_valid():  # both, so every error shows at once
            try:
                _receive(request, form, dates)
            except SubmissionRefused as refused:
                problem = refused.message
                status = 429 if isinstance(refused, TooMany) else 503
            else:
                return redirect("calendar:submission-sent")
        else:
            status = 400
    form.describe()
    for row in dates:
        row.describe()
    return render(
        request,
        "calendar/submit.html",
        {
            "form": form,
            "dates": dates,
            "shown_dates": dates.forms[:DATE_ROWS_SHOWN],
            "more_dates": dates.forms[DATE_ROWS_SHOWN:],
            "more_open": any(row.has_changed() for row in dates.forms[DATE_ROWS_SHOWN:]),
            "problem": problem,
            "summary": _summary(form, dates) if status == 400 else [],
            "hours": int(CONFIRM_WITHIN.total_seconds() // 3600),
        },
        status=status,
    )


def _receive(request: HttpRequest, form: SubmissionForm, dates: Any) -> None:
    data = form.cleaned_data
    receive_submission(
        organiser=data["organiser"],
        email=data["email"],
        phone=data["phone"],
        title=data["title"],
        data={
            "title": data["title"],
            "short": data["short"],
            "description": data["description"],
            "dates": [
                [span.start.isoformat(), span.end.isoformat() if span.end else None]
                for span in dates.spans()
            ],
            "venue": form.venue(),
            "categories": data["categories"],
            "price_text": data["price_text"],
            "url": data["url"],
        },
        language=get_language() or "de",
        client=client_address(request),
        now=timezone.now(),
    )


def _summary(form: SubmissionForm, dates: Any) -> list[tuple[str, str]]:
    """Each error as (the id of its field, the sentence), in the order of the page (the
    dates follow the description)."""
    found = [("id_organiser", str(error)) for error in form.non_field_errors()]
    for name in form.fields:
        for error in form.errors.get(name, []):
            anchor = form[name].auto_id + ("_0" if name == "categories" else "")
            found.append((anchor, str(error)))
        if name == "description":
            found += _date_errors(dates)
    return found


def _date_errors(dates: Any) -> list[tuple[str, str]]:
    found = [(dates.forms[0]["day"].auto_id, str(error)) for error in dates.non_form_errors()]
    for row in dates.forms:
        for name in row.fields:
            found += [(row[name].auto_id, str(error)) for error in row.errors.get(name, [])]
    return found


def sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "calendar/submission_sent.html",
        {"hours": int(CONFIRM_WITHIN.total_seconds() // 3600)},
    )


STATUS = {"": 200, CONFIRMED: 200, ALREADY: 200, EXPIRED: 410, INVALID: 404}


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the e-mail: a page with what was sent and one button that confirms it (a
    mail server's link checker opens the page but presses no button)."""
    now = timezone.now()
    problem = ""
    if request.method == "POST":
        try:
            state, submission = confirm_submission(token=token, now=now)
        except SubmissionRefused as refused:
            state, submission = check_link(token, now)
            problem = refused.message
    else:
        state, submission = check_link(token, now)
    return render(
        request,
        "calendar/submission_confirm.html",
        {
            "state": state,
            "submission": submission,
            "spans": spans_of(submission.data) if submission else [],
            "problem": problem,
        },
        status=409 if problem else STATUS[state],
    )
