"""German for the public submission form (helper "submit"). Plural entry at the end as a comment."""

T = {
    # model
    "e-mail address": "E-Mail-Adresse",
    "telephone": "Telefon",
    "title": "Titel",
    "submitted values": "gesendete Angaben",
    "language": "Sprache",
    "sent": "gesendet",
    "confirmation link valid until": "Bestätigungslink gültig bis",
    "confirmed": "bestätigt",
    "public submission": "öffentliche Meldung",
    "public submissions": "öffentliche Meldungen",
    # service
    "The postcode %(code)s belongs to several towns; check the town's name.": (
        "Die Postleitzahl %(code)s gehört zu mehreren Orten; prüfen Sie den Ortsnamen."
    ),
    "%(place)s lies outside the region: the culture calendar lists events in Erfurt, Weimar, "
    "Jena and the Weimarer Land only.": (
        "%(place)s liegt außerhalb der Region: Der Kulturkalender zeigt nur Veranstaltungen in "
        "Erfurt, Weimar, Jena und dem Weimarer Land."
    ),
    "From this e-mail address we have received %(count)s events within a day, as many as we "
    "take in one day. Please send the next one after %(time)s.": (
        "Von dieser E-Mail-Adresse haben wir innerhalb eines Tages %(count)s Veranstaltungen "
        "erhalten, so viele, wie wir an einem Tag annehmen. Bitte senden Sie die nächste nach "
        "%(time)s."
    ),
    "From your connection we have received %(count)s events within the last hour, as many as "
    "we take in an hour. Please send the next one after %(time)s.": (
        "Von Ihrer Verbindung haben wir in der letzten Stunde %(count)s Veranstaltungen erhalten, "
        "so viele, wie wir in einer Stunde annehmen. Bitte senden Sie die nächste nach %(time)s."
    ),
    "The confirmation e-mail could not be sent. Please try again in a few minutes.": (
        "Die Bestätigungs-E-Mail konnte nicht versandt werden. Bitte versuchen Sie es in einigen "
        "Minuten noch einmal."
    ),
    "Please confirm your event “%(title)s”": "Bitte bestätigen Sie Ihre Veranstaltung „%(title)s“",
    "Good day,\n\nyou have sent this event to the culture calendar of the Impulsregion Erfurt, "
    "Weimar, Jena, Weimarer Land:\n\n%(title)s\n%(dates)s\n\nPlease confirm your e-mail address "
    "with this link; only then does the regional office receive the event for review:\n\n"
    "%(link)s\n\nThe link is valid until %(until)s. If you did not send this event, ignore this "
    "e-mail: without confirmation nothing is passed on, and your address is deleted when the "
    "link expires.\n": (
        "Guten Tag,\n\nSie haben diese Veranstaltung an den Kulturkalender der Impulsregion "
        "Erfurt, Weimar, Jena, Weimarer Land gesendet:\n\n%(title)s\n%(dates)s\n\nBitte "
        "bestätigen Sie Ihre E-Mail-Adresse mit diesem Link; erst dann erhält die Geschäftsstelle "
        "die Veranstaltung zur Prüfung:\n\n%(link)s\n\nDer Link ist gültig bis %(until)s. Wenn "
        "Sie diese Veranstaltung nicht gesendet haben, beachten Sie diese E-Mail bitte nicht: "
        "Ohne Bestätigung wird nichts weitergegeben, und Ihre Adresse wird gelöscht, sobald der "
        "Link abläuft.\n"
    ),
    "The calendar takes no submissions at the moment.": (
        "Der Kalender nimmt zurzeit keine Meldungen an."
    ),
    "The venue you chose is no longer in the register. Please send the event again.": (
        "Der gewählte Veranstaltungsort ist nicht mehr im Verzeichnis. Bitte senden Sie die "
        "Veranstaltung noch einmal."
    ),
    "sent through the public form": "über das öffentliche Formular gesendet",
    # form
    "Date": "Datum",
    "Enter the day of this date.": "Geben Sie den Tag dieses Termins an.",
    "Enter the day as a date, e.g. 24.05.2026.": "Geben Sie den Tag als Datum an, z. B. 24.05.2026.",
    "Start time": "Beginn",
    "Enter the start time of this date.": "Geben Sie die Anfangszeit dieses Termins an.",
    "Enter the start time as hours and minutes, e.g. 19:30.": (
        "Geben Sie die Anfangszeit in Stunden und Minuten an, z. B. 19:30."
    ),
    "End time (optional)": "Ende (freiwillig)",
    "Enter the end time as hours and minutes, e.g. 22:00.": (
        "Geben Sie das Ende in Stunden und Minuten an, z. B. 22:00."
    ),
    "This date lies in the past.": "Dieser Termin liegt in der Vergangenheit.",
    "The calendar takes dates up to %(last)s; this one lies further ahead.": (
        "Der Kalender nimmt Termine bis zum %(last)s an; dieser liegt später."
    ),
    "– not in the list –": "– nicht in der Liste –",
    "Organiser": "Veranstalter",
    "Your club, gallery or company, as the calendar should name it.": (
        "Ihr Verein, Ihre Galerie oder Firma, so wie der Kalender sie nennen soll."
    ),
    "Enter the name of the organiser.": "Geben Sie den Namen des Veranstalters an.",
    "E-mail address": "E-Mail-Adresse",
    "We send the confirmation link there. The regional office may write to you about this "
    "event; the address is not published.": (
        "Dorthin senden wir den Bestätigungslink. Die Geschäftsstelle kann Ihnen zu dieser "
        "Veranstaltung schreiben; die Adresse wird nicht veröffentlicht."
    ),
    "Enter your e-mail address.": "Geben Sie Ihre E-Mail-Adresse an.",
    "Enter an e-mail address like name@example.org.": (
        "Geben Sie eine E-Mail-Adresse wie name@example.org an."
    ),
    "Telephone (optional)": "Telefon (freiwillig)",
    "Title of the event": "Titel der Veranstaltung",
    "Enter the title of the event.": "Geben Sie den Titel der Veranstaltung an.",
    "Short text (optional)": "Kurztext (freiwillig)",
    "One or two sentences for the list of events (up to 300 characters).": (
        "Ein oder zwei Sätze für die Liste der Veranstaltungen (bis 300 Zeichen)."
    ),
    "Description (optional)": "Beschreibung (freiwillig)",
    "Plain text; an empty line starts a new paragraph.": (
        "Einfacher Text; eine Leerzeile beginnt einen neuen Absatz."
    ),
    "Venue from the register": "Veranstaltungsort aus dem Verzeichnis",
    "Name of the venue": "Name des Veranstaltungsorts",
    "Street and number": "Straße und Hausnummer",
    "Postcode": "Postleitzahl",
    "Town": "Ort",
    "Categories": "Kategorien",
    "Admission and prices (optional)": "Eintritt und Preise (freiwillig)",
    "For example: free, or 12 €, reduced 8 €.": "Zum Beispiel: frei, oder 12 €, ermäßigt 8 €.",
    "Website (optional)": "Website (freiwillig)",
    "A page with more about the event, beginning with https://.": (
        "Eine Seite mit mehr zur Veranstaltung, beginnend mit https://."
    ),
    "Enter the website's full address, e.g. https://example.org.": (
        "Geben Sie die vollständige Adresse der Website an, z. B. https://example.org."
    ),
    "I agree that my details are processed to review and publish this event.": (
        "Ich bin einverstanden, dass meine Angaben verarbeitet werden, um diese Veranstaltung zu "
        "prüfen und zu veröffentlichen."
    ),
    "Please agree to the processing of your details; without it we cannot review the event.": (
        "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu; ohne sie können wir die "
        "Veranstaltung nicht prüfen."
    ),
    ("honeypot", "Leave this field empty"): "Dieses Feld bitte leer lassen",
    "Choose a venue from the register or enter a new one, not both.": (
        "Wählen Sie einen Veranstaltungsort aus dem Verzeichnis oder geben Sie einen neuen an, "
        "nicht beides."
    ),
    "Choose a venue from the register, or enter the name and address of a new one.": (
        "Wählen Sie einen Veranstaltungsort aus dem Verzeichnis, oder geben Sie Name und Adresse "
        "eines neuen an."
    ),
    "Enter the name of the venue.": "Geben Sie den Namen des Veranstaltungsorts an.",
    "Enter the street and number of the venue.": (
        "Geben Sie Straße und Hausnummer des Veranstaltungsorts an."
    ),
    "Enter the postcode of the venue.": "Geben Sie die Postleitzahl des Veranstaltungsorts an.",
    "Enter the town of the venue.": "Geben Sie den Ort des Veranstaltungsorts an.",
    "A German postcode has five digits.": "Eine deutsche Postleitzahl hat fünf Ziffern.",
    # job, review
    "Delete unconfirmed public submissions": "Unbestätigte öffentliche Meldungen löschen",
    "sent %(when)s through the public form": "gesendet %(when)s über das öffentliche Formular",
    "Organiser (not a member)": "Veranstalter (kein Mitglied)",
    # templates
    "Date %(number)s": "Termin %(number)s",
    "(optional)": "(freiwillig)",
    "Error:": "Fehler:",
    "Not a member? Submit an event": "Kein Mitglied? Veranstaltung melden",
    "Confirm your event": "Bestätigen Sie Ihre Veranstaltung",
    "The event could not be passed on": "Die Veranstaltung konnte nicht weitergegeben werden",
    "Send an event": "Eine Veranstaltung melden",
    "Thank you: your event is with the regional office": (
        "Vielen Dank: Ihre Veranstaltung liegt bei der Geschäftsstelle"
    ),
    "“%(title)s” now waits for the regional office's review. Once it is published, it appears "
    "in the culture calendar.": (
        "„%(title)s“ wartet jetzt auf die Prüfung durch die Geschäftsstelle. Sobald sie "
        "veröffentlicht ist, erscheint sie im Kulturkalender."
    ),
    "Back to the culture calendar": "Zurück zum Kulturkalender",
    "Already confirmed": "Bereits bestätigt",
    "You have already confirmed “%(title)s”; it is with the regional office. Nothing more needs "
    "to be done.": (
        "Sie haben „%(title)s“ bereits bestätigt; die Veranstaltung liegt bei der "
        "Geschäftsstelle. Sie müssen nichts weiter tun."
    ),
    "This link has expired": "Dieser Link ist abgelaufen",
    "Confirmation links are valid for 48 hours, and an unconfirmed submission is then deleted. "
    "Please send the event again.": (
        "Bestätigungslinks gelten 48 Stunden; danach wird eine unbestätigte Meldung gelöscht. "
        "Bitte senden Sie die Veranstaltung noch einmal."
    ),
    "Send the event again": "Veranstaltung noch einmal senden",
    "This link is not valid": "Dieser Link ist nicht gültig",
    "The confirmation link is incomplete or has been changed. Open it directly from the e-mail, "
    "or copy the whole address into the browser.": (
        "Der Bestätigungslink ist unvollständig oder wurde verändert. Öffnen Sie ihn direkt aus "
        "der E-Mail, oder kopieren Sie die ganze Adresse in den Browser."
    ),
    "Please check what you sent and confirm it. Only then does the regional office receive the "
    "event for review.": (
        "Bitte prüfen Sie Ihre Angaben und bestätigen Sie sie. Erst dann erhält die "
        "Geschäftsstelle die Veranstaltung zur Prüfung."
    ),
    "Title": "Titel",
    "Confirm and send to the regional office": "Bestätigen und an die Geschäftsstelle senden",
    "Please confirm your e-mail address": "Bitte bestätigen Sie Ihre E-Mail-Adresse",
    "Thank you. We have sent an e-mail with a confirmation link to the address you gave.": (
        "Vielen Dank. Wir haben eine E-Mail mit einem Bestätigungslink an die angegebene Adresse "
        "gesendet."
    ),
    "Open the link within %(hours)s hours and confirm; only then does the regional office "
    "receive your event for review. If no e-mail arrives, look in your spam folder.": (
        "Öffnen Sie den Link innerhalb von %(hours)s Stunden und bestätigen Sie; erst dann "
        "erhält die Geschäftsstelle Ihre Veranstaltung zur Prüfung. Kommt keine E-Mail an, "
        "sehen Sie bitte im Spam-Ordner nach."
    ),
    "Submit an event": "Veranstaltung melden",
    "Organisers who are not members of the Impulsregion, such as a club or a gallery, can send "
    "their events for the culture calendar here.": (
        "Veranstalter, die nicht Mitglied der Impulsregion sind, etwa ein Verein oder eine "
        "Galerie, können hier ihre Veranstaltungen für den Kulturkalender melden."
    ),
    "After sending, you get an e-mail with a link. Only when you have confirmed your address "
    "with it does the regional office receive the event; it reviews it and then publishes it. "
    "The link is valid for %(hours)s hours.": (
        "Nach dem Senden erhalten Sie eine E-Mail mit einem Link. Erst wenn Sie damit Ihre "
        "Adresse bestätigt haben, erhält die Geschäftsstelle die Veranstaltung; sie prüft sie und "
        "veröffentlicht sie dann. Der Link gilt %(hours)s Stunden."
    ),
    # plural: "Please correct %(counter)s entry" / "Please correct %(counter)s entries"
    #   → "Bitte korrigieren Sie %(counter)s Angabe" / "Bitte korrigieren Sie %(counter)s Angaben"
    "Fields marked “optional” may stay empty; all others are needed.": (
        "Mit „freiwillig“ markierte Felder dürfen leer bleiben; alle anderen werden gebraucht."
    ),
    "About you": "Über Sie",
    "The event": "Die Veranstaltung",
    "At least one date, from today up to two years ahead. An end time before the start time "
    "means the event ends after midnight.": (
        "Mindestens ein Termin, von heute bis zwei Jahre im Voraus. Ein Ende vor dem Beginn "
        "bedeutet, dass die Veranstaltung nach Mitternacht endet."
    ),
    "More dates": "Weitere Termine",
    "Or a new venue": "Oder ein neuer Veranstaltungsort",
    "Only venues in Erfurt, Weimar, Jena and the Weimarer Land.": (
        "Nur Veranstaltungsorte in Erfurt, Weimar, Jena und dem Weimarer Land."
    ),
    "Categories (optional)": "Kategorien (freiwillig)",
    "Admission and website": "Eintritt und Website",
    "Who we are: imprint": "Wer wir sind: Impressum",
    "We use your details only to review and publish this event and to ask you about it; your "
    "e-mail address and telephone number are not published. Without confirmation everything is "
    "deleted after 48 hours.": (
        "Wir verwenden Ihre Angaben nur, um diese Veranstaltung zu prüfen, zu veröffentlichen "
        "und Ihnen Rückfragen zu stellen; E-Mail-Adresse und Telefonnummer werden nicht "
        "veröffentlicht. Ohne Bestätigung wird alles nach 48 Stunden gelöscht."
    ),
    "Send the event": "Veranstaltung senden",
}
