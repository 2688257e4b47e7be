"""PDF (.pdf): pypdf's text page by page; a page without a usable text layer is read by OCR.

Each page is checked on its own, so a PDF mixing typed and scanned pages works. Scanned pages are
rendered with poppler's `pdftoppm` (or, without it, their largest embedded image is taken) and go
through Tesseract (ingest/loaders/ocr.py). Where Tesseract is not installed, a scan is refused with
one line naming the package, and a mostly textual PDF keeps its text pages with a warning. A
password-protected PDF is refused.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from ingest.loaders import LoaderError, render
from ingest.loaders.ocr import OcrOptions, OcrPageError, OcrUnavailable, PageText, check_available, ocr_image, \
    page_result
from ingest.types import LoadedText

# pypdf logs every repair it makes to a damaged file; our LoaderError or warnings already say what
# matters to an operator. Only quiet it when nobody has chosen a level for it.
if logging.getLogger("pypdf").level == logging.NOTSET:
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)

MIN_PAGE_CHARS = 20   # fewer non-space characters than this: the page has no real text layer
_SCANNED = ("scanned PDF with no text layer{detail}; run OCR on it first (e.g. ocrmypdf -l vie) "
            "and ingest the result")


def extract(data: bytes, path: Path, max_pages: int | None = None, ocr: OcrOptions | None = None,
            on_page=None) -> LoadedText:
    if b"%PDF-" not in data[:1024]:
        raise LoaderError(path, "not a PDF file (no %PDF header); is it really a .pdf?")
    if b"%%EOF" not in data[-8192:]:
        raise LoaderError(path, "truncated or corrupt PDF (no %%EOF marker at the end); "
                                "download or export it again")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _unlock(reader, path, DependencyError, FileNotDecryptedError)
        count = len(reader.pages)
        if count == 0:
            raise LoaderError(path, "the PDF has no pages")
        if max_pages is not None and count > max_pages:
            raise LoaderError(path, f"too many pages ({count}; the limit is {max_pages})")
        texts, failed = [], []
        for number, page in enumerate(reader.pages, start=1):
            try:
                texts.append(page.extract_text() or "")
            except Exception:  # one damaged page must not lose the others
                texts.append("")
                failed.append(number)
        need_ocr = [i for i, t in enumerate(texts, start=1) if not _has_text(t)]
        if need_ocr:
            options = ocr or OcrOptions()
            try:
                check_available(options)
            except OcrUnavailable as exc:
                if not any(_has_text(t) for t in texts):
                    raise LoaderError(path, f"{_no_text_reason(reader, count)}; {exc}") from None
                return _result(texts, failed, path, unavailable=str(exc))
            return _with_ocr(data, reader, texts, failed, need_ocr, path, options, on_page)
    except FileNotDecryptedError:
        raise LoaderError(path, "password-protected PDF; remove the password and try again") from None
    except PyPdfError as exc:
        raise LoaderError(path, f"corrupt PDF ({exc})") from None
    return _result(texts, failed, path)


def _has_text(text: str) -> bool:
    return len("".join(text.split())) >= MIN_PAGE_CHARS


def _no_text_reason(reader, count: int) -> str:
    pages = f"{count} page{'s' if count > 1 else ''}"
    images = 0
    for page in reader.pages:
        try:
            images += len(page.images)
        except Exception:  # cannot list them: assume a scan, the common case
            images += 1
    if images:
        return _SCANNED.format(detail=f" ({pages} of images, no extractable text)")
    return (f"PDF with no text layer and no images ({pages}): blank, text drawn as shapes, or damaged; "
            "if it is a scan, run OCR on it first")


def _unlock(reader, path: Path, dependency_error, not_decrypted_error) -> None:
    """Open a PDF encrypted with an empty user password (owner restrictions only); refuse others."""
    try:
        unlocked = reader.decrypt("")
    except dependency_error:
        raise LoaderError(path, "encrypted PDF (AES) cannot be opened without the 'cryptography' "
                                "package; remove the encryption and try again") from None
    except not_decrypted_error:
        unlocked = 0
    if not unlocked:
        raise LoaderError(path, "password-protected PDF; remove the password and try again")


def _with_ocr(data, reader, texts, failed, need_ocr, path, options, on_page) -> LoadedText:
    """Text-layer pages as they are, the others through OCR; one page's failure spares the rest."""
    warnings = [f"text layer of page(s) {_pages(failed)} could not be extracted; read by OCR"] if failed else []
    pages = []
    if on_page:
        on_page(0, len(need_ocr))
    with render.Renderer(data, reader, options) as renderer:
        for number, text in enumerate(texts, start=1):
            if number not in need_ocr:
                pages.append(PageText(number=number, text=text))
                continue
            try:
                pages.append(ocr_image(renderer.page(number), number, options))
            except (OcrPageError, render.RenderError) as exc:
                pages.append(PageText(number=number, text="", scanned=True, error=str(exc)))
            except OcrUnavailable as exc:
                raise LoaderError(path, f"scanned PDF skipped: {exc}") from None
            if on_page:
                on_page(need_ocr.index(number) + 1, len(need_ocr))
    result = page_result(pages, "pdf", options, warnings)
    if not result.page_texts:
        n = len(texts)
        raise LoaderError(path, f"scanned PDF with no text layer, and OCR recognised no text on its {n} "
                                f"page{'s' if n > 1 else ''} ({'; '.join(result.warnings)})")
    return result


def _result(texts: list[str], failed: list[int], path: Path, unavailable: str = "") -> LoadedText:
    with_text = [i for i, t in enumerate(texts, start=1) if _has_text(t)]
    count = len(texts)
    if count >= 4 and len(with_text) < count / 2:
        reason = _SCANNED.format(detail=f" (only {len(with_text)} of {count} pages have text)")
        raise LoaderError(path, reason + (f"; {unavailable}" if unavailable else ""))
    warnings = []
    has_text = set(with_text)
    missing = [i for i in range(1, count + 1) if i not in has_text and i not in failed]
    if failed:
        warnings.append(f"text of page(s) {_pages(failed)} could not be extracted")
    if missing:
        warnings.append(f"page(s) {_pages(missing)} have no text layer (scanned?); "
                        "their content is not indexed" + (f"; {unavailable}" if unavailable else ""))
    text = "\n".join(t.strip("\n") for t in texts)
    return LoadedText(text=text, pages=count, kind="pdf", warnings=warnings,
                      page_texts=[(i, t, False) for i, t in enumerate(texts, start=1) if t.strip()])


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
