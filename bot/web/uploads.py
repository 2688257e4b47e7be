"""Admin uploads: a safe file name, a size limit, ingest, and a clear Vietnamese result.

An upload is kept as data_dir/uploads/<name>, so uploading the same name again replaces that
document (the index identifies a document by its path). The new bytes only stay when ingest took
them; otherwise the previous file is put back, and the index — which only ever commits a whole
document — is as it was.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".html", ".htm")
MAX_NAME = 120
_KEEP = set(" .-_()[]+,")
# English loader reasons → what an office user can act on. Checked in order; first match wins.
_REASONS = [
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
    """A refused upload; `message` is Vietnamese and shown to the user as is."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class UploadResult:
    name: str
    ok: bool
    message: str
    chunks: int = 0
    report: dict = field(default_factory=dict)


def safe_filename(raw: str | None) -> str:
    """Basename only (no folders, no ../), NFC, letters/digits/space and a few marks; ≤ 120 chars."""
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
    if suffix not in ALLOWED_SUFFIXES:
        shown = suffix or "không có đuôi"
        raise UploadError(f"Định dạng «{shown}» không được hỗ trợ. Chỉ nhận PDF, DOCX, TXT, MD, HTML.", 415)


def vietnamese_reason(reason: str) -> str:
    low = (reason or "").lower()
    for keys, message in _REASONS:
        if any(k in low for k in keys):
            return message
    return "Không đọc được nội dung tệp."


def upload_dir(settings) -> Path:
    path = Path(settings.data_dir) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


async def save_upload(upload, dest: Path, max_bytes: int) -> int:
    """Copy an UploadFile to `dest` in pieces, stopping (and deleting) past `max_bytes`."""
    size = 0
    try:
        with open(dest, "wb") as fh:
            while True:
                piece = await upload.read(1 << 20)
                if not piece:
                    break
                size += len(piece)
                if size > max_bytes:
                    raise UploadError(f"Tệp quá lớn (tối đa {max_bytes // (1 << 20)} MB).", 413)
                fh.write(piece)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return size


def _report_dict(report, shown: dict[str, str]) -> dict:
    def name(x) -> str:
        return shown.get(str(x), Path(str(x)).name)
    return {"added": [name(x) for x in report.added], "updated": [name(x) for x in report.updated],
            "unchanged": [name(x) for x in report.unchanged],
            "failed": [{"name": name(n), "reason": r, "message": vietnamese_reason(r)} for n, r in report.failed],
            "duplicates": [{"name": name(n), "reason": r} for n, r in getattr(report, "duplicates", [])],
            "chunks": report.chunks}


async def ingest_upload(service, settings, upload, lock: asyncio.Lock) -> UploadResult:
    """Save an uploaded file under a safe name and ingest it; the index is untouched on failure.

    Raises UploadError for a refused name, type or size (before anything is ingested).
    """
    name = safe_filename(getattr(upload, "filename", ""))
    check_suffix(name)
    max_bytes = int(settings.max_file_mb * (1 << 20))
    folder = upload_dir(settings)
    target = folder / name
    incoming = folder / f".incoming-{secrets.token_hex(6)}{Path(name).suffix.lower()}"
    size = await save_upload(upload, incoming, max_bytes)
    if size == 0:
        incoming.unlink(missing_ok=True)
        raise UploadError("Tệp rỗng, không có gì để nạp.")
    async with lock:  # one upload at a time: two of the same name must not swap files under each other
        backup = None
        if target.exists():
            backup = folder / f".backup-{secrets.token_hex(6)}{target.suffix}"
            os.replace(target, backup)
        os.replace(incoming, target)
        shown = {str(target): name}
        try:
            report = await asyncio.to_thread(service.ingest, [target], names={str(target): name})
        except Exception:
            log.exception("ingest of upload %s failed", name)
            report = None
        ok = report is not None and not report.failed and not getattr(report, "duplicates", None)
        if ok:
            if backup:
                backup.unlink(missing_ok=True)
        else:
            target.unlink(missing_ok=True)
            if backup:
                os.replace(backup, target)
    if report is None:
        return UploadResult(name, False, f"Không nạp được «{name}» do lỗi hệ thống. Chỉ mục không thay đổi.")
    data = _report_dict(report, shown)
    if report.failed:
        msg = f"Không nạp được «{name}»: {data['failed'][0]['message']} Chỉ mục không thay đổi."
        return UploadResult(name, False, msg, report=data)
    if data["duplicates"]:
        other = re.search(r"same content as (.+?), already", data["duplicates"][0]["reason"])
        which = f" «{other.group(1)}»" if other else ""
        msg = f"«{name}» có cùng nội dung với văn bản{which} đã nạp, nên không nạp thêm."
        return UploadResult(name, False, msg, report=data)
    if report.unchanged:
        return UploadResult(name, True, f"«{name}» không thay đổi so với bản đã nạp.", report=data)
    verb = "Đã cập nhật" if report.updated else "Đã nạp"
    return UploadResult(name, True, f"{verb} «{name}» ({report.chunks} đoạn).", chunks=report.chunks, report=data)


def forget_upload(settings, sources: list[str]) -> None:
    """Delete the kept copies of removed uploads (documents ingested from elsewhere are not touched)."""
    folder = Path(settings.data_dir) / "uploads"
    for source in sources:
        path = folder / Path(source).name
        if path.is_file() and path.parent == folder:
            path.unlink(missing_ok=True)
