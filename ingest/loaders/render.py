"""A PDF page as an image, for OCR.

A scanner's page is one image covering the page: it is taken as it is, at its own resolution (no
re-sampling, and 3-4 times faster than rendering). Any other page is rendered by poppler's
`pdftoppm` when installed (several image strips, text drawn as outlines); without it, the page's
largest image is taken.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class RenderError(Exception):
    """The page could not be turned into an image; the message says why."""


class Renderer:
    """Context manager: `page(n)` returns page n (1-based) as a PIL image with its dpi in `info`."""

    def __init__(self, data: bytes, reader, options):
        self.data = data
        self.reader = reader
        self.options = options
        self.pdftoppm = shutil.which("pdftoppm")
        self._tmp = None
        self._pdf = None

    def __enter__(self) -> "Renderer":
        if self.pdftoppm:
            self._tmp = tempfile.TemporaryDirectory(prefix="hoidap-pdf-")
            self._pdf = Path(self._tmp.name) / "doc.pdf"
            self._pdf.write_bytes(self.data)
        return self

    def __exit__(self, *exc) -> None:
        if self._tmp:
            self._tmp.cleanup()

    def page(self, number: int):
        if not self.pdftoppm:
            return self._embedded(number)
        try:
            image = self._embedded(number, whole_page_only=True)
        except RenderError:
            image = None
        return image if image is not None else self._pdftoppm(number)

    def _pdftoppm(self, number: int):
        from PIL import Image

        dpi = self.options.dpi
        out = Path(self._tmp.name) / f"p{number}"
        try:
            run = subprocess.run([self.pdftoppm, "-r", str(dpi), "-f", str(number), "-l", str(number), "-gray",
                                  "-png", "-singlefile", str(self._pdf), str(out)],
                                 capture_output=True, text=True, timeout=self.options.timeout)
        except subprocess.TimeoutExpired:
            raise RenderError(f"rendering took longer than {self.options.timeout:g} s") from None
        png = out.with_suffix(".png")
        if run.returncode != 0 or not png.exists():
            raise RenderError(f"pdftoppm could not render the page ({run.stderr.strip()[:120] or run.returncode})")
        image = Image.open(png)
        image.load()
        png.unlink()
        image.info["dpi"] = (dpi, dpi)
        return image

    def _embedded(self, number: int, whole_page_only: bool = False):
        page = self.reader.pages[number - 1]
        try:
            images = list(page.images)
        except Exception as exc:  # pypdf cannot list them: nothing to read on this page
            raise RenderError(f"cannot read the page's images ({type(exc).__name__}); install poppler-utils") from None
        if whole_page_only and len(images) != 1:
            return None
        best = None
        for item in images:
            try:
                img = item.image
            except Exception:  # an image in a filter pypdf/Pillow cannot decode: try the others
                continue
            if img is not None and (best is None or img.width * img.height > best.width * best.height):
                best = img
        if best is None:
            raise RenderError("no image on the page to read (install poppler-utils to render drawn pages)")
        width_in = float(page.mediabox.width) / 72 or 8.27
        height_in = float(page.mediabox.height) / 72 or 11.69
        if whole_page_only and abs(best.width / best.height - width_in / height_in) > 0.05 * width_in / height_in:
            return None  # an image on part of the page: render the page
        dpi = max(72, min(1200, round(best.width / width_in)))
        if whole_page_only and dpi < 150:
            return None  # too coarse for OCR as it is: pdftoppm up-samples it smoothly
        best.info["dpi"] = (dpi, dpi)
        return best
