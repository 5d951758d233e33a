"""Files of uploaded event images: the original kept aside, the sizes the pages show.

The checks and the scaling are `domain.images`; this module only names and writes the files
in Django's default storage (`MEDIA_ROOT`, shared by every node in production) and removes
them again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from impulsregion.calendar.domain import images
from impulsregion.calendar.models import EventImage
from impulsregion.calendar.models.image import ORIGINALS, RENDITIONS


@dataclass(frozen=True)
class Prepared:
    """An upload checked and scaled (by a form's validation), not yet written."""

    content: bytes
    facts: images.Facts
    sizes: list[images.Rendition]


def prepare(content: bytes) -> Prepared:
    """Check and scale `content`; raises `images.ImageRefused` and writes nothing."""
    return Prepared(content, images.inspect(content), images.renditions(content))


def store_files(image: EventImage, prepared: Prepared) -> list[str]:
    """Write the upload and its sizes for `image`, set its `original` and `renditions` (the
    caller saves it); returns the names of the files it replaced, for `remove_files` once
    the change is stored."""
    content, facts, made = prepared.content, prepared.facts, prepared.sizes
    old = image.files() if image.pk else []
    stem = f"{image.event_id}/{uuid.uuid4().hex}"
    image.original.name = default_storage.save(
        f"{ORIGINALS}/{stem}.{facts.suffix}", ContentFile(content)
    )
    sizes: dict[int, dict[str, object]] = {}
    for rendition in made:
        name = default_storage.save(
            f"{RENDITIONS}/{stem}-{rendition.width}.{rendition.suffix}",
            ContentFile(rendition.content),
        )
        size = sizes.setdefault(
            rendition.width, {"width": rendition.width, "height": rendition.height}
        )
        size[rendition.suffix] = name
    image.renditions = [sizes[width] for width in sorted(sizes)]
    return old


def remove_files(names: list[str]) -> None:
    """Delete these files once the transaction that stopped using them has committed."""

    def remove() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(remove)
