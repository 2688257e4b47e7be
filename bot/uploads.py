"""The one upload policy every face uses: file names, accepted types, the staging folder, and the swap.

An upload is kept as data_dir/uploads/<name>, so uploading the same name again replaces that document
(the index identifies a document by its path). A face first stages the bytes under uploads/.incoming/;
`swap_in_and_ingest` then puts them in place and ingests them. The new bytes only stay when ingest took
them; otherwise the previous file is put back, and the index — which only ever commits a whole
document — is as it was.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ingest.loaders import SUPPORTED_SUFFIXES

log = logging.getLogger(__name__)

MAX_NAME = 120
_KEEP = set(" .-_()[]+,")
# English loader reasons → what an office user can act on. Checked in order; first match wins.
_REASONS = [
    # OCR first: their English reasons also contain "scanned" / "not a" (issue 14)
    (("tesseract",), "Máy chủ chưa cài phần mềm nhận dạng chữ (tesseract-ocr, tesseract-ocr-vie) nên chưa đọc được "
                     "bản quét. Hãy báo quản trị hệ thống."),
    (("no text recognised",), "Không nhận dạng được chữ nào trong ảnh (ảnh trắng, quá mờ hoặc chỉ có con dấu)."),
    (("not a readable image", "corrupt image"), "Ảnh bị hỏng hoặc không đọc được."),
    (("password", "encrypted"), "PDF có mật khẩu, không đọc được. Hãy gỡ mật khẩu rồi tải lên lại."),
    (("scanned", "no text layer", "image-only", "no text"),
     "PDF dạng ảnh quét, không có lớp chữ. Hãy dùng bản PDF có chữ hoặc bản Word."),
    (("tcvn3", "vni", "legacy", "8-bit"),
     "Văn bản dùng bảng mã cũ (TCVN3/VNI). Hãy chuyển sang Unicode rồi tải lên lại."),
    (("empty", "no content"), "Tệp rỗng hoặc không có nội dung chữ."),
    (("too large", "too big", "limit", "more than", "exceeds", "bomb"),
     "Tệp vượt giới hạn cho phép (kích thước, số trang hoặc số đoạn)."),
    (("unsupported", "not supported"), "Định dạng tệp không được hỗ trợ."),
    (("corrupt", "truncated", "invalid", "not a", "cannot", "could not", "damaged", "bad", "binary"),
     "Tệp bị hỏng hoặc không đúng định dạng."),
]


class UploadError(Exception):
    """A refused upload; `message` is Vietnamese and shown to the user as is; `status` is the HTTP code."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class UploadResult:
    """What became of one upload. outcome: added | updated | unchanged | duplicate | failed | error."""
    name: str
    outcome: str
    chunks: int = 0
    reason: str = ""            # failed: the loader's English reason (see vietnamese_reason)
    duplicate_of: str = ""      # duplicate: the source of the indexed document with the same content
    report: object = None       # the IngestReport (None on error)

    @property
    def ok(self) -> bool:
        return self.outcome in ("added", "updated", "unchanged")


@dataclass
class RemoveResult:
    removed: list[str] = field(default_factory=list)        # sources removed from the index
    copies_deleted: list[str] = field(default_factory=list)  # uploaded copies deleted with them


def accepted_types() -> str:
    """The accepted suffixes as users read them: "DOCX, HTM, HTML, MARKDOWN, MD, PDF, TXT"."""
    return ", ".join(sorted(s.lstrip(".").upper() for s in SUPPORTED_SUFFIXES))


def accept_attribute() -> str:
    """The same list for a browser's file picker: ".docx,.htm,…,.webp"."""
    return ",".join(sorted(SUPPORTED_SUFFIXES))


def safe_filename(raw: str | None) -> str:
    """Basename only (no folders, no ../), NFC, letters/digits/space and a few marks; ≤ 120 chars.

    Control, format (direction overrides, zero-width) and shell characters are dropped, so
    "tailieu\u202etxt.pdf" cannot pass for another name wherever the name is shown (issue 8).
    """
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] in "LN" or ch in _KEEP)
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"\.{2,}", ".", name).strip(" .-")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if len(name) > MAX_NAME:
        name = stem[:MAX_NAME - len(suffix) - 1].rstrip(" .") + (f".{suffix}" if suffix else "")
    if not stem.strip(" ._-()[]+,"):
        raise UploadError("Tên tệp không hợp lệ. Hãy đổi tên tệp rồi tải lên lại.")
    return name


def check_suffix(name: str) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "không có đuôi"
        raise UploadError(f"Định dạng «{shown}» không được hỗ trợ. Chỉ nhận {accepted_types()}.", 415)


def clean_upload_name(raw: str | None) -> str:
    """The name an upload is kept under; UploadError when the name or its type is refused."""
    name = safe_filename(raw)
    check_suffix(name)
    return name


def vietnamese_reason(reason: str) -> str:
    low = (reason or "").lower()
    for keys, message in _REASONS:
        if any(k in low for k in keys):
            return message
    return "Không đọc được nội dung tệp."


def ocr_note(result: UploadResult) -> str:
    """What a face tells the uploader about pages read by OCR, in Vietnamese; "" for a typed file:
    "Đã đọc 3 trang bản quét. Trang 2: nhận dạng kém, 61% — nên kiểm tra lại." """
    report = result.report
    summary = (getattr(report, "ocr", None) or {}).get(result.name) if report is not None else None
    if not summary or not summary.get("scanned_pages"):
        return ""
    pages = summary["scanned_pages"]
    note = f"Đã đọc {len(pages) if isinstance(pages, list) else pages} trang bản quét."
    conf = summary.get("confidence") or {}
    low = summary.get("low_confidence_pages") or []
    if low:
        note += " " + "; ".join(f"Trang {n}: nhận dạng kém, {conf.get(str(n), 0):.0f}%" for n in low[:5])
        note += " — nên kiểm tra lại bản gốc."
    blank = summary.get("blank_pages") or []
    if blank:
        note += f" Không có chữ (bỏ qua): trang {', '.join(str(n) for n in blank[:5])}."
    return note


def upload_dir(data_dir) -> Path:
    path = Path(data_dir) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def staging_path(data_dir, name: str) -> Path:
    """Where a face writes an upload's bytes before `swap_in_and_ingest` (uploads/.incoming/)."""
    folder = upload_dir(data_dir) / ".incoming"
    folder.mkdir(exist_ok=True)
    return folder / f"{secrets.token_hex(6)}{Path(name).suffix.lower()}"


def swap_in_and_ingest(data_dir, staged: Path, name: str, ingest: Callable) -> UploadResult:
    """Put `staged` in place as uploads/<name>, ingest it, keep it only if ingest took it.

    ingest(path, display_name) returns an IngestReport; any exception it raises counts as an error
    and leaves the folder (and so the index) as it was.
    """
    folder = upload_dir(data_dir)
    target = folder / name
    backup = None
    if target.exists():
        backup = staged.parent / f"{secrets.token_hex(6)}-old{target.suffix}"
        os.replace(target, backup)
    os.replace(staged, target)
    try:
        report = ingest(target, name)
    except Exception:
        log.exception("ingest of upload %s failed", name)
        report = None
    result = _result(name, report)
    if result.ok:
        if backup:
            backup.unlink(missing_ok=True)
    else:  # put the folder back as it was, to match the index
        target.unlink(missing_ok=True)
        if backup:
            os.replace(backup, target)
    return result


def _result(name: str, report) -> UploadResult:
    if report is None:
        return UploadResult(name, "error")
    if report.failed:
        return UploadResult(name, "failed", reason=report.failed[0][1], report=report)
    if report.duplicates:
        source = report.duplicates[0][0]
        return UploadResult(name, "duplicate", duplicate_of=report.duplicate_of.get(source, ""), report=report)
    if report.unchanged:
        return UploadResult(name, "unchanged", report=report)
    return UploadResult(name, "updated" if report.updated else "added", chunks=report.chunks, report=report)


def delete_copies(data_dir, paths: list[str]) -> list[str]:
    """Delete the kept copies among these removed documents' paths: only files directly in
    DATA_DIR/uploads (documents ingested from elsewhere are not touched). Returns the deleted names."""
    folder = (Path(data_dir) / "uploads").resolve()
    gone = []
    for p in paths:
        path = Path(p)
        if path.parent.resolve() == folder and path.is_file():
            path.unlink(missing_ok=True)
            gone.append(path.name)
    return gone
