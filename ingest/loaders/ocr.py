"""Vietnamese OCR of page images with Debian's Tesseract (`tesseract-ocr` + `tesseract-ocr-vie`).

`ocr_image(image, options) -> PageText` runs one page through the `tesseract` command with a time
limit and keeps its mean word confidence; `page_result(...)` turns the pages of a document (from the
PDF or image loader) into a LoadedText whose warnings name low-confidence and empty pages.

Why the command and not a Python binding: the Debian packages are the only install needed, a hung
page can be killed by its timeout, and a killed ingest leaves no half-written state behind.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.types import LoadedText

MIN_PAGE_CHARS = 20   # fewer non-space characters than this: the page has no text (a stamp, a photo)
NOISE_CONF = 60       # punctuation-only "words" below this confidence are specks, not text
NO_TEXT_CONF = 40     # a page read with less mean confidence is a picture or noise, not text (measured: 12%)
PACKAGES = "tesseract-ocr tesseract-ocr-vie"


@dataclass(frozen=True)
class OcrOptions:
    command: str = "tesseract"     # HOIDAP_TESSERACT
    lang: str = "vie"              # HOIDAP_OCR_LANG
    timeout: float = 120.0         # HOIDAP_OCR_TIMEOUT: seconds per page
    min_conf: float = 70.0         # HOIDAP_OCR_MIN_CONF: a page below this is reported and marked
    dpi: int = 300                 # HOIDAP_OCR_DPI: resolution PDF pages are rendered at
    # HOIDAP_OCR_PSM: Tesseract page segmentation. 6 (one block of text) rather than the automatic 3: on
    # photos a few degrees askew, 3 split the page into blocks read out of order (CER 21-48 % against
    # 0.3-1.7 % with 6 on the benchmark's poor photos); a two-column decree header reads the same way.
    psm: int = 6

    @classmethod
    def from_settings(cls, settings) -> "OcrOptions":
        return cls(command=getattr(settings, "tesseract", "tesseract") or "tesseract",
                   lang=getattr(settings, "ocr_lang", "vie") or "vie",
                   timeout=float(getattr(settings, "ocr_timeout", 120.0)),
                   min_conf=float(getattr(settings, "ocr_min_conf", 70.0)),
                   dpi=int(getattr(settings, "ocr_dpi", 300)), psm=int(getattr(settings, "ocr_psm", 6)))


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese data is missing; str(e) is one line naming the Debian package."""


class OcrPageError(Exception):
    """One page could not be recognised (timeout, tesseract error); the other pages go on."""


@dataclass
class PageText:
    number: int                     # 1-based page number in the document
    text: str
    scanned: bool = False           # text recognised by OCR rather than read from a text layer
    confidence: float | None = None  # mean word confidence 0-100 (OCR pages only)
    error: str = ""                 # why the page has no text (OCR failed or timed out)


def check_available(options: OcrOptions) -> None:
    """Raise OcrUnavailable naming the package to install when OCR cannot run."""
    langs = _languages(options.command)
    if langs is None:
        raise OcrUnavailable(f"OCR needs Tesseract, which is not installed ({options.command!r} not found); "
                             f"install the Debian packages: apt-get install {PACKAGES}")
    missing = [lang for lang in options.lang.split("+") if lang not in langs]
    if missing:
        pkgs = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        raise OcrUnavailable(f"OCR needs Tesseract's language data {'+'.join(missing)!r}, which is not "
                             f"installed; install the Debian package: apt-get install {pkgs}")


@lru_cache(maxsize=8)
def _languages(command: str) -> frozenset[str] | None:
    try:
        out = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    lines = (out.stdout + out.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def ocr_image(image, number: int, options: OcrOptions) -> PageText:
    """Recognise one page image (a PIL image, already upright). Raises OcrPageError."""
    gray = even_light(image.convert("L"))
    dpi = image.info.get("dpi", (0, 0))[0] or options.dpi
    with tempfile.TemporaryDirectory(prefix="hoidap-ocr-") as tmp:
        src = Path(tmp) / "page.png"
        gray.save(src, dpi=(int(dpi), int(dpi)))
        # One thread: the machine's cores are shared, and tesseract's OpenMP threads gain little.
        env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
        try:
            out = subprocess.run([options.command, str(src), "stdout", "-l", options.lang, "--dpi", str(int(dpi)),
                                  "--psm", str(options.psm), "tsv"],
                                 capture_output=True, text=True, timeout=options.timeout, env=env)
        except subprocess.TimeoutExpired:
            raise OcrPageError(f"OCR took longer than {options.timeout:g} s (HOIDAP_OCR_TIMEOUT)") from None
        except OSError as exc:
            raise OcrUnavailable(f"cannot run {options.command!r} ({exc.strerror or exc}); "
                                 f"install the Debian packages: apt-get install {PACKAGES}") from None
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["no message"])[-1]
        raise OcrPageError(f"tesseract failed ({last})")
    text, conf = parse_tsv(out.stdout)
    return PageText(number=number, text=text, scanned=True, confidence=conf)


def even_light(gray):
    """The page divided by its own paper brightness, so a photo lit unevenly thresholds like a scan.

    Tesseract binarises with one global (Otsu) threshold: with a shadow across the page it keeps
    the dark half as a black block and reads nothing. The paper's brightness is estimated as the
    local maximum of a reduced copy (text is darker than paper, so it drops out), smoothed.
    """
    import numpy as np
    from PIL import Image, ImageFilter

    factor = max(1, min(gray.size) // 200)
    paper = gray.reduce(factor).filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.BoxBlur(4))
    low, high = paper.getextrema()
    if high - low < 40:
        return gray  # evenly lit (a scan): nothing to do, and the division costs a second a page
    paper = paper.resize(gray.size, Image.Resampling.BILINEAR)
    page = np.asarray(gray, dtype=np.float32)
    light = np.maximum(np.asarray(paper, dtype=np.float32), 32.0)  # a black border stays black
    out = Image.fromarray(np.clip(page * 255.0 / light, 0, 255).astype(np.uint8))
    out.info = dict(gray.info)
    return out


def parse_tsv(tsv: str) -> tuple[str, float | None]:
    """Text (one line per recognised line, a blank line between blocks) and mean word confidence."""
    lines: dict[tuple, list[str]] = {}
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if not word or conf < 0:
            continue
        if conf < NOISE_CONF and not any(ch.isalnum() for ch in word):
            continue  # a speck read as ' : - (one-block segmentation keeps specks that layout analysis dropped)
        confs.append(conf)
        lines.setdefault((int(cols[2]), int(cols[3]), int(cols[4])), []).append(word)
    out, last_block = [], None
    for (block, par, _line), words in lines.items():
        if last_block is not None and block != last_block:
            out.append("")
        out.append(" ".join(words))
        last_block = block
    return "\n".join(out), (sum(confs) / len(confs) if confs else None)


def has_text(text: str) -> bool:
    return len("".join(text.split())) >= MIN_PAGE_CHARS


@dataclass
class OcrSummary:
    """What ingest keeps about the recognised pages: stored as the document's `ocr` JSON."""
    scanned: list[int] = field(default_factory=list)      # pages read by OCR
    confidence: dict[int, float] = field(default_factory=dict)
    low: list[int] = field(default_factory=list)          # below min_conf: reported, marked, indexed
    blank: list[int] = field(default_factory=list)        # no text recognised: reported, not indexed
    min_conf: float = 70.0

    def to_json(self) -> dict:
        if not self.scanned:
            return {}
        return {"scanned_pages": self.scanned, "confidence": {str(k): round(v, 1) for k, v in self.confidence.items()},
                "low_confidence_pages": self.low, "blank_pages": self.blank, "min_conf": self.min_conf}


def page_result(pages: list[PageText], kind: str, options: OcrOptions, warnings: list[str] | None = None) -> LoadedText:
    """A LoadedText from a document's pages; pages without text are left out of the text."""
    warnings = list(warnings or [])
    summary = OcrSummary(min_conf=options.min_conf)
    for p in pages:
        if p.scanned:
            summary.scanned.append(p.number)
            if p.confidence is not None:
                summary.confidence[p.number] = p.confidence
        if p.error:
            warnings.append(f"page {p.number}: {p.error}; not indexed")
            summary.blank.append(p.number)
        elif p.scanned and not has_text(p.text):
            warnings.append(f"page {p.number}: no text recognised (trang {p.number}: không có chữ); not indexed")
            summary.blank.append(p.number)
        elif p.scanned and p.confidence is not None and p.confidence < NO_TEXT_CONF:
            warnings.append(f"page {p.number}: no text recognised, only a picture or noise (confidence "
                            f"{p.confidence:.0f}%; trang {p.number}: không có chữ); not indexed")
            summary.blank.append(p.number)
        elif p.scanned and p.confidence is not None and p.confidence < options.min_conf:
            pct = f"{p.confidence:.0f}%"
            warnings.append(f"page {p.number}: low OCR confidence {pct} (trang {p.number}: nhận dạng kém, {pct}); "
                            "indexed, check the text")
            summary.low.append(p.number)
    kept = [p for p in pages if p.number not in summary.blank and (p.scanned or p.text.strip())]
    return LoadedText(text="\n".join(p.text.strip("\n") for p in kept), pages=len(pages), kind=kind,
                      warnings=warnings, page_texts=[(p.number, p.text, p.scanned) for p in kept],
                      ocr=summary.to_json())


def list_mark(ocr: dict) -> str:
    """The mark `hoidap list` (and the web list) shows for a document read by OCR, in Vietnamese:
    "" for a typed document, "bản quét" or "bản quét; nhận dạng kém: trang 3 (61%)"."""
    if not ocr or not ocr.get("scanned_pages"):
        return ""
    low = ocr.get("low_confidence_pages") or []
    conf = ocr.get("confidence") or {}
    if not low:
        return "bản quét"
    pages = ", ".join(f"trang {n} ({conf.get(str(n), 0):.0f}%)" for n in low[:5])
    return f"bản quét; nhận dạng kém: {pages}" + (f" và {len(low) - 5} trang khác" if len(low) > 5 else "")
