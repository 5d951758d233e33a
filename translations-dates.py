"""German for the new msgids of the dates helper (event dates, recurring rule, venues)."""

T = {
    # admin_dates.py: single dates
    "This date lies in the past. Enter a date from today on.": (
        "Dieser Termin liegt in der Vergangenheit. Geben Sie ein Datum ab heute an."
    ),
    "Enter a start time, or tick “all day”.": (
        "Geben Sie eine Anfangszeit an oder kreuzen Sie „ganztägig“ an."
    ),
    "day": "Tag",
    "from": "von",
    "last day": "letzter Tag",
    "Only for a date over several days.": "Nur für einen Termin über mehrere Tage.",
    "The date ends before it starts.": "Der Termin endet, bevor er beginnt.",
    "single date": "Einzeltermin",
    "single dates": "Einzeltermine",
    # admin_dates.py: the rule
    "Show dates": "Termine anzeigen",
    "Choose how the dates repeat.": "Wählen Sie, wie sich die Termine wiederholen.",
    "Enter a number from 1 to 12 for “every”.": "Geben Sie bei „alle“ eine Zahl von 1 bis 12 an.",
    "Choose at least one weekday.": "Wählen Sie mindestens einen Wochentag.",
    "Choose which one in the month: first, second, … or last.": (
        "Wählen Sie, welcher im Monat: erster, zweiter, … oder letzter."
    ),
    "Enter a day of the month from 1 to 31.": "Geben Sie einen Tag des Monats von 1 bis 31 an.",
    "Give an end date or a number of dates.": (
        "Geben Sie ein Enddatum oder eine Anzahl von Terminen an."
    ),
    "Give either an end date or a number of dates, not both.": (
        "Geben Sie entweder ein Enddatum oder eine Anzahl von Terminen an, nicht beides."
    ),
    "The end date lies before the first date.": "Das Enddatum liegt vor dem ersten Termin.",
    "The rule makes no date: check the weekdays, the end and the dates left out.": (
        "Die Regel ergibt keinen Termin: Prüfen Sie die Wochentage, das Ende und die "
        "ausgelassenen Tage."
    ),
    "The rule makes more than %(cap)s dates. Give an earlier end date or a smaller number of dates.": (
        "Die Regel ergibt mehr als %(cap)s Termine. Geben Sie ein früheres Enddatum oder eine "
        "kleinere Anzahl an."
    ),
    "repeats": "Wiederholung",
    "every": "alle",
    "1 = every week or month, 2 = every other, …": (
        "1 = jede Woche bzw. jeden Monat, 2 = jede zweite, …"
    ),
    "which one in the month": "welcher im Monat",
    "day of the month": "Tag des Monats",
    "Months without this day are left out.": "Monate ohne diesen Tag werden ausgelassen.",
    "start time": "Beginn",
    "end time": "Ende",
    "or number of dates": "oder Anzahl der Termine",
    "left out": "ausgelassen",
    "Days without the event, e.g. 24.12.2026, 31.12.2026 (separated by commas).": (
        "Tage ohne die Veranstaltung, z. B. 24.12.2026, 31.12.2026 (durch Kommas getrennt)."
    ),
    "“%(text)s” is not a date. Write dates as 24.12.2026, separated by commas.": (
        "„%(text)s“ ist kein Datum. Schreiben Sie Daten als 24.12.2026, durch Kommas getrennt."
    ),
    "The first date lies in the past. Enter a date from today on.": (
        "Der erste Termin liegt in der Vergangenheit. Geben Sie ein Datum ab heute an."
    ),
    "recurring dates": "Serientermine",
    "recurring dates (rule)": "Serientermine (Regel)",
    "End of the series": "Ende der Reihe",
    "dates of the saved rule": "Termine der gespeicherten Regel",
    "none": "keine",
    "%(day)s, all day": "%(day)s, ganztägig",
    "starting on": "ab dem",
    "on these weekdays": "an diesen Wochentagen",
    "Left out:": "Ausgelassen:",
    "They become the event's dates when you save the event.": (
        "Sie werden zu den Terminen der Veranstaltung, wenn Sie die Veranstaltung sichern."
    ),
    # enums.py, models/series.py
    "weekly": "wöchentlich",
    "monthly on a weekday (e.g. every 4th Sunday)": (
        "monatlich an einem Wochentag (z. B. jeden 4. Sonntag)"
    ),
    "monthly on a day of the month (e.g. every 15th)": (
        "monatlich an einem Tag des Monats (z. B. jeden 15.)"
    ),
    ("week of the month", "first"): "erster",
    ("week of the month", "second"): "zweiter",
    ("week of the month", "third"): "dritter",
    ("week of the month", "fourth"): "vierter",
    ("week of the month", "fifth"): "fünfter",
    ("week of the month", "last"): "letzter",
    "week of the month": "Woche des Monats",
    "number of dates": "Anzahl der Termine",
    "date of a rule": "Termin einer Regel",
    "dates of a rule": "Termine einer Regel",
    # admin_places.py
    "Enter the coordinate as a decimal number, e.g. 50.9271.": (
        "Geben Sie die Koordinate als Dezimalzahl an, z. B. 50,9271."
    ),
    "Enter the postcode: the town alone does not say which municipality it is.": (
        "Geben Sie die Postleitzahl an: Der Ort allein sagt nicht, welche Gemeinde es ist."
    ),
    "A German postcode has five digits, e.g. 07743.": (
        "Eine deutsche Postleitzahl hat fünf Ziffern, z. B. 07743."
    ),
    "This postcode belongs to several municipalities: enter the town as well.": (
        "Diese Postleitzahl gehört zu mehreren Gemeinden: Geben Sie auch den Ort an."
    ),
    "Optional, e.g. 50.9271 (from a map).": "Freiwillig, z. B. 50,9271 (aus einer Karte).",
    "Optional, e.g. 11.5836.": "Freiwillig, z. B. 11,5836.",
    "%(address)s lies outside the Impulsregion (Erfurt, Weimar, Jena, Weimarer Land): the calendar takes only venues in the region.": (
        "%(address)s liegt außerhalb der Impulsregion (Erfurt, Weimar, Jena, Weimarer Land): "
        "Der Kalender nimmt nur Veranstaltungsorte in der Region auf."
    ),
    "Enter both latitude and longitude, or neither.": (
        "Geben Sie Breiten- und Längengrad an oder keinen von beiden."
    ),
    "These coordinates lie outside Thuringia. Check them (the region lies about latitude 50.9, longitude 11.4) or leave them empty.": (
        "Diese Koordinaten liegen außerhalb Thüringens. Prüfen Sie sie (die Region liegt etwa "
        "bei Breite 50,9, Länge 11,4) oder lassen Sie die Felder leer."
    ),
    "This venue exists already: %(venue)s. Choose it in the venue search.": (
        "Diesen Veranstaltungsort gibt es schon: %(venue)s. Wählen Sie ihn in der Suche aus."
    ),
}

# plural forms (scripts/fill_plurals.py): English singular → German singular, plural
P = {
    "The rule makes %(counter)s date:": (
        "Die Regel ergibt %(counter)s Termin:",
        "Die Regel ergibt %(counter)s Termine:",
    ),
}
