"""Uploaded images: what is taken, what is refused, and the sizes made of it."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from impulsregion.calendar.domain import images
from impulsregion.calendar.domain.images import ImageRefused, Problem

pytestmark = pytest.mark.domain


def picture(fmt: str, size: tuple[int, int] = (2000, 1000), **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [
        pytest.param("JPEG", "jpg", id="jpeg"),
        pytest.param("PNG", "png", id="png"),
        pytest.param("WEBP", "webp", id="webp"),
    ],
)
def test_inspect_names_the_format_from_the_content(fmt: str, suffix: str) -> None:
    assert images.inspect(picture(fmt)) == images.Facts(suffix, 2000, 1000)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", Problem.NOT_AN_IMAGE, id="pdf"),
        pytest.param(b"", Problem.NOT_AN_IMAGE, id="empty"),
        pytest.param(picture("GIF", (10, 10)), Problem.WRONG_FORMAT, id="gif"),
        pytest.param(b"\xff" * (images.MAX_BYTES + 1), Problem.TOO_MANY_BYTES, id="too-big"),
    ],
)
def test_inspect_refuses(content: bytes, problem: Problem) -> None:
    with pytest.raises(ImageRefused) as refused:
        images.inspect(content)

    assert refused.value.problem == problem


def test_inspect_refuses_a_huge_picture_from_its_header_alone() -> None:
    header = picture("PNG", (1, 1))
    # the same PNG with its header claiming 20,000 × 20,000 pixels (a decompression bomb)
    huge = bytearray(header)
    huge[16:24] = (20000).to_bytes(4, "big") * 2
    huge[29:33] = zlib.crc32(bytes(huge[12:29])).to_bytes(4, "big")

    with pytest.raises(ImageRefused) as refused:
        images.inspect(bytes(huge))

    assert refused.value.problem == Problem.TOO_MANY_PIXELS


def test_renditions_are_each_width_as_webp_and_jpeg_without_metadata() -> None:
    exif = Image.Exif()
    exif[0x010F] = "Kamera GmbH"  # Make

    made = images.renditions(picture("JPEG", exif=exif))

    assert [(r.width, r.height, r.suffix) for r in made] == [
        (480, 240, "webp"),
        (480, 240, "jpg"),
        (960, 480, "webp"),
        (960, 480, "jpg"),
        (1600, 800, "webp"),
        (1600, 800, "jpg"),
    ]
    for rendition in made:
        opened = Image.open(io.BytesIO(rendition.content))
        assert opened.size == (rendition.width, rendition.height)
        assert not opened.getexif()


def test_renditions_turn_the_picture_upright_by_its_exif_orientation() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was held upright: turn 90° clockwise

    made = images.renditions(picture("JPEG", (1200, 800), exif=exif))

    assert [(r.width, r.height) for r in made if r.suffix == "jpg"] == [(480, 720), (800, 1200)]


def test_a_transparent_png_lies_on_white() -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (600, 300), (0, 0, 0, 0)).save(buffer, "PNG")

    made = images.renditions(buffer.getvalue())

    first = Image.open(io.BytesIO(made[0].content)).convert("RGB")
    assert first.getpixel((10, 10)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        pytest.param(300, [300], id="small-kept-as-is"),
        pytest.param(480, [480], id="exactly-the-smallest"),
        pytest.param(1000, [480, 960, 1000], id="between"),
        pytest.param(1600, [480, 960, 1600], id="exactly-the-largest"),
        pytest.param(5000, [480, 960, 1600], id="never-larger-than-the-largest"),
    ],
)
def test_target_widths_never_enlarge(width: int, widths: list[int]) -> None:
    assert images.target_widths(width) == widths


def test_a_truncated_body_is_not_an_image() -> None:
    content = picture("PNG", (800, 600))[:200]

    with pytest.raises(ImageRefused) as refused:
        images.renditions(content)

    assert refused.value.problem == Problem.NOT_AN_IMAGE
