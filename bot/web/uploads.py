"""The web face of uploads: stream the posted file into the staging folder, let the service ingest it
(bot.uploads holds the one policy: names, types, staging, swap), and say in Vietnamese how it went."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from bot.uploads import UploadError, clean_upload_name, ocr_note, vietnamese_reason

__all__ = ["UploadError", "UploadResult", "ingest_upload", "save_upload"]


@dataclass
class UploadResult:
    name: str
    ok: bool
    message: str
    chunks: int = 0
    report: dict = field(default_factory=dict)


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


def _report_dict(report, name: str) -> dict:
    def shown(x) -> str:
        return name if Path(str(x)).name == name else Path(str(x)).name
    return {"added": [shown(x) for x in report.added], "updated": [shown(x) for x in report.updated],
            "unchanged": [shown(x) for x in report.unchanged],
            "failed": [{"name": shown(n), "reason": r, "message": vietnamese_reason(r)} for n, r in report.failed],
            "duplicates": [{"name": shown(n), "reason": r} for n, r in getattr(report, "duplicates", [])],
            "chunks": report.chunks}


async def ingest_upload(service, settings, upload, lock: asyncio.Lock) -> UploadResult:
    """Stage an uploaded file under a safe name and have the service ingest it; the index is
    untouched on failure. Raises UploadError for a refused name, type or size (before ingest)."""
    name = clean_upload_name(getattr(upload, "filename", ""))
    staged = service.staging_path(name)
    size = await save_upload(upload, staged, int(settings.max_file_mb * (1 << 20)))
    if size == 0:
        staged.unlink(missing_ok=True)
        raise UploadError("Tệp rỗng, không có gì để nạp.")
    async with lock:  # the page's own queue; the service serialises uploads too
        result = await asyncio.to_thread(service.upload, staged, name)
    if result.outcome == "error":
        return UploadResult(name, False, f"Không nạp được «{name}» do lỗi hệ thống. Chỉ mục không thay đổi.")
    data = _report_dict(result.report, name)
    if result.outcome == "failed":
        msg = f"Không nạp được «{name}»: {vietnamese_reason(result.reason)} Chỉ mục không thay đổi."
        return UploadResult(name, False, msg, report=data)
    if result.outcome == "duplicate":
        which = f" «{result.duplicate_of}»" if result.duplicate_of else ""
        msg = f"«{name}» có cùng nội dung với văn bản{which} đã nạp, nên không nạp thêm."
        return UploadResult(name, False, msg, report=data)
    if result.outcome == "unchanged":
        return UploadResult(name, True, f"«{name}» không thay đổi so với bản đã nạp.", report=data)
    verb = "Đã cập nhật" if result.outcome == "updated" else "Đã nạp"
    note = ocr_note(result)   # a scan or photo: pages read and any page read poorly
    return UploadResult(name, True, f"{verb} «{name}» ({result.chunks} đoạn)." + (f" {note}" if note else ""),
                        chunks=result.chunks, report=data)
