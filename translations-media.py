"""German for the new msgids of the media helper (event editor, images, preview)."""

T = {
    # admin_media.py
    "families": "Familien",
    "children": "Kinder",
    "young people": "Jugendliche",
    "seniors": "Senioren",
    "Audiences": "Zielgruppen",
    "The file is not an image: upload a photo as JPEG, PNG or WebP.": (
        "Die Datei ist kein Bild: Laden Sie ein Foto als JPEG, PNG oder WebP hoch."
    ),
    "Only JPEG, PNG and WebP images can be uploaded; save the image in one of these formats.": (
        "Es können nur Bilder als JPEG, PNG oder WebP hochgeladen werden; speichern Sie das "
        "Bild in einem dieser Formate."
    ),
    "The image is larger than %(megabytes)s MB; save it smaller and upload it again.": (
        "Das Bild ist größer als %(megabytes)s MB; speichern Sie es kleiner und laden Sie es "
        "erneut hoch."
    ),
    "The image has more than %(megapixels)s million pixels; scale it down and upload it again.": (
        "Das Bild hat mehr als %(megapixels)s Millionen Pixel; verkleinern Sie es und laden Sie "
        "es erneut hoch."
    ),
    "image file": "Bilddatei",
    "JPEG, PNG or WebP, at most 10 MB.": "JPEG, PNG oder WebP, höchstens 10 MB.",
    "Choose the image file.": "Wählen Sie die Bilddatei aus.",
    "image": "Bild",
    "images": "Bilder",
    "as shown": "so gezeigt",
    "The draft is saved, but not submitted: %(reason)s": (
        "Der Entwurf ist gespeichert, aber nicht eingereicht: %(reason)s"
    ),
    "“%(title)s” is saved and published.": "„%(title)s“ ist gespeichert und veröffentlicht.",
    "“%(title)s” is saved and submitted to the regional office for review.": (
        "„%(title)s“ ist gespeichert und zur Prüfung an die Geschäftsstelle eingereicht."
    ),
    "Especially for": "Besonders für",
    "Give the photo credit (who took the photo).": (
        "Geben Sie den Bildnachweis an (wer das Foto gemacht hat)."
    ),
    "Give the image's licence (for example CC BY 4.0).": (
        "Geben Sie die Lizenz des Bildes an (zum Beispiel CC BY 4.0)."
    ),
    "Describe in German what the image shows.": "Beschreiben Sie auf Deutsch, was das Bild zeigt.",
    # admin.py
    "Licence": "Lizenz",
    # templates
    "Save as draft": "Als Entwurf speichern",
    "Save and submit": "Speichern und einreichen",
    "Preview": "Vorschau",
    "Preview of the published page": "Vorschau der veröffentlichten Seite",
    "Preview – not yet published": "Vorschau – noch nicht veröffentlicht",
    "Back to editing": "Zurück zur Bearbeitung",
    "Delete": "Löschen",
    # models/image.py
    "sizes": "Größen",
    "photo credit": "Bildnachweis",
    "licence": "Lizenz",
    "description of the image (German)": "Bildbeschreibung (Deutsch)",
    "What the image shows, for people who cannot see it.": (
        "Was das Bild zeigt, für Menschen, die es nicht sehen können."
    ),
    "description of the image (English)": "Bildbeschreibung (Englisch)",
    "position": "Position",
    "created": "angelegt",
    "event": "Veranstaltung",
}
