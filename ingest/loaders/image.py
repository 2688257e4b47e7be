"""Scans and photos (.png .jpg .jpeg .tif .tiff .webp): every frame is a page, read by OCR.

A multi-page TIFF is one document. The EXIF orientation is applied before OCR, so a phone photo
taken sideways reads upright. Pillow's decompression-bomb guard stays on: an image with more
pixels than Image.MAX_IMAGE_PIXELS (x2) is refused before it is decoded.
"""

from __future__ import annotations

import io
from pathlib import Path

from ingest.loaders import LoaderError
from ingest.loaders.ocr import OcrOptions, OcrPageError, OcrUnavailable, PageText, check_available, ocr_image, \
    page_result
from ingest.types import LoadedText


def open_image(data: bytes, path: Path):
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.size  # noqa: B018  (header read: a truncated header fails here)
    except Image.DecompressionBombError as exc:
        raise LoaderError(path, f"image too large to read safely ({exc})") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise LoaderError(path, "not a readable image (corrupt, truncated or not really "
                                f"a {path.suffix.lower() or 'image'} file)") from None
    return image


def frames(image, path: Path, max_pages: int | None):
    """Yield (page number, upright RGB/L frame); a frame that cannot be decoded is a LoaderError."""
    from PIL import Image, ImageOps

    count = getattr(image, "n_frames", 1) or 1
    if max_pages is not None and count > max_pages:
        raise LoaderError(path, f"too many pages ({count}; the limit is {max_pages})")
    for number in range(1, count + 1):
        try:
            image.seek(number - 1)
            frame = ImageOps.exif_transpose(image.copy())
            frame.load()
        except Image.DecompressionBombError as exc:
            raise LoaderError(path, f"image too large to read safely ({exc})") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise LoaderError(path, f"corrupt image: page {number} cannot be decoded ({exc})") from None
        if frame.mode not in ("L", "RGB"):
            frame = _flatten(frame)
        yield number, frame


def _flatten(frame):
    """Transparent or palette images on white, as a page would be printed."""
    from PIL import Image

    if frame.mode in ("RGBA", "LA", "P", "PA"):
        rgba = frame.convert("RGBA")
        page = Image.new("RGB", rgba.size, "white")
        page.paste(rgba, mask=rgba.getchannel("A"))
        return page
    return frame.convert("RGB")


def extract(data: bytes, path: Path, max_pages: int | None = None, ocr: OcrOptions | None = None,
            on_page=None) -> LoadedText:
    """OCR every page of an image file. on_page(done, total) is called after each page."""
    options = ocr or OcrOptions()
    image = open_image(data, path)
    try:
        check_available(options)
    except OcrUnavailable as exc:
        raise LoaderError(path, f"scanned image skipped: {exc}") from None
    total = getattr(image, "n_frames", 1) or 1
    pages = []
    if on_page:
        on_page(0, total)
    for number, frame in frames(image, path, max_pages):
        try:
            pages.append(ocr_image(frame, number, options))
        except OcrPageError as exc:
            pages.append(PageText(number=number, text="", scanned=True, error=str(exc)))
        except OcrUnavailable as exc:
            raise LoaderError(path, f"scanned image skipped: {exc}") from None
        if on_page:
            on_page(number, total)
    result = page_result(pages, "image", options)
    if not result.page_texts:
        reasons = "; ".join(w for w in result.warnings)
        raise LoaderError(path, f"no text recognised in the image ({reasons})")
    return result
