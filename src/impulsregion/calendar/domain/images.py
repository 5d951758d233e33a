"""Uploaded event images: what is accepted, and the sizes the public pages show.

Pure Pillow work, no Django: `inspect` reads only an image's header (a file that claims
20,000 × 20,000 pixels is refused before anything is decoded); `renditions` decodes it once,
turns it upright by its EXIF orientation and writes each width as WebP and JPEG without any
metadata (no camera, no GPS position).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from enum import Enum

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 8,000 × 5,000: more than any camera a member uses
WIDTHS = (480, 960, 1600)  # the public page: phone, tablet and desktop at 1x and 2x
ACCEPTED = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}  # Pillow's format → file suffix
OUTPUTS = (("webp", "WEBP", {"quality": 80, "method": 4}), ("jpg", "JPEG", {"quality": 82}))


class Problem(Enum):
    NOT_AN_IMAGE = "not_an_image"
    WRONG_FORMAT = "wrong_format"
    TOO_MANY_BYTES = "too_many_bytes"
    TOO_MANY_PIXELS = "too_many_pixels"


class ImageRefused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Facts:
    suffix: str  # jpg, png or webp: from the content, never from the file's name
    width: int
    height: int


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    suffix: str  # webp or jpg
    content: bytes


def _open(content: bytes) -> Image.Image:
    """The image in `content`, only its header read; Pillow's own guard against
    decompression bombs is an error here, not a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(content))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ImageRefused(Problem.TOO_MANY_PIXELS) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ImageRefused(Problem.NOT_AN_IMAGE) from error


def inspect(content: bytes) -> Facts:
    """What `content` is, or `ImageRefused` saying why it is not taken."""
    if len(content) > MAX_BYTES:
        raise ImageRefused(Problem.TOO_MANY_BYTES)
    image = _open(content)
    if image.format not in ACCEPTED:
        raise ImageRefused(Problem.WRONG_FORMAT)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageRefused(Problem.TOO_MANY_PIXELS)
    return Facts(ACCEPTED[image.format], width, height)


def _upright_rgb(content: bytes) -> Image.Image:
    image = _open(content)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as error:  # a truncated or broken body
        raise ImageRefused(Problem.NOT_AN_IMAGE) from error
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))  # transparent parts on white
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def target_widths(width: int, widths: tuple[int, ...] = WIDTHS) -> list[int]:
    """The widths made of an image `width` pixels wide: every listed width it covers, and its
    own width when it is narrower than the largest (never enlarged)."""
    made = [w for w in widths if w <= width]
    if width < widths[-1] and width not in made:
        made.append(width)
    return made


def renditions(content: bytes, widths: tuple[int, ...] = WIDTHS) -> list[Rendition]:
    """Each width of the image in `content` as WebP and JPEG, upright, without metadata."""
    inspect(content)
    image = _upright_rgb(content)
    made = []
    for width in target_widths(image.width, widths):
        height = max(1, round(image.height * width / image.width))
        scaled = (
            image
            if width == image.width
            else image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        for suffix, format_name, options in OUTPUTS:
            buffer = io.BytesIO()
            scaled.save(buffer, format_name, optimize=True, **options)  # no exif=, no icc_profile=
            made.append(Rendition(width, height, suffix, buffer.getvalue()))
    return made
