"""Admin-only work: document upload (download, ingest, report), /xoa and /thongke.

The upload policy (names, types, staging, swap and restore) is bot.uploads'; this face downloads the
file into the staging folder, shows progress while the service ingests it, and reports the outcome.
"""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.telegram.deps import Deps, deps
from bot.telegram.format import esc
from bot.telegram.handlers import say
from bot.telegram.stream import LiveReply
from bot.uploads import UploadError, accepted_types, clean_upload_name, ocr_note, safe_filename

log = logging.getLogger(__name__)

ADMIN_ONLY = "⛔ Chỉ quản trị viên mới dùng được chức năng này."
NON_ADMIN_UPLOAD = "⛔ Chỉ quản trị viên mới được gửi văn bản để nạp vào hệ thống."
PROGRESS_EVERY = 2.0   # seconds between progress edits


def _progress_text(name: str, info: dict, started: float) -> str:
    text = f"⏳ Đang đọc và lập chỉ mục «{esc(name)}»…"
    if info.get("total"):
        text += f"\n{info.get('done', 0)}/{info['total']} đoạn đã xử lý"
    return text + f" ({int(time.monotonic() - started)} giây)"


def _result_text(result) -> str:
    name = result.name
    if result.outcome == "error":
        return f"❌ Lỗi khi nạp «{esc(name)}». Chi tiết đã được ghi vào nhật ký; dữ liệu hiện có không bị ảnh hưởng."
    if result.outcome == "failed":
        return f"❌ Không nạp được «{esc(name)}»: {esc(result.reason)}\nDữ liệu hiện có không bị ảnh hưởng."
    if result.outcome == "duplicate":
        return f"ℹ️ «{esc(name)}» trùng nội dung với văn bản đã có «{esc(result.duplicate_of)}»; bỏ qua."
    note = ocr_note(result)   # a scan or photo: pages read and any page read poorly
    note = f"\n{esc(note)}" if note else ""
    if result.outcome == "added":
        return f"✅ Đã nạp «{esc(name)}»: {result.chunks} đoạn. Có thể đặt câu hỏi về văn bản này ngay.{note}"
    if result.outcome == "updated":
        return f"✅ Đã cập nhật «{esc(name)}»: {result.chunks} đoạn.{note}"
    return f"ℹ️ «{esc(name)}» đã có trong hệ thống, nội dung không thay đổi."


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin sends a file: download it, ingest it with a progress message, say how it went."""
    doc = update.message.document
    await _receive(update, context, doc.file_id, doc.file_name or "", doc.file_size)


async def on_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin sends a photo of a page (compressed, not as a file): the largest size is read by OCR."""
    msg = update.message
    largest = max(msg.photo, key=lambda p: (p.width * p.height, p.file_size or 0))
    name = f"anh-{msg.date:%Y%m%d-%H%M%S}-{msg.message_id}.jpg"
    await _receive(update, context, largest.file_id, name, largest.file_size)


async def _receive(update: Update, context, file_id: str, raw_name: str, file_size: int | None) -> None:
    d = deps(context)
    msg, user, chat = update.message, update.effective_user, update.effective_chat
    if not d.access.is_admin(user.id):
        d.state.log("upload_refused", user.id, chat.id)
        await say(update, context, NON_ADMIN_UPLOAD)
        return
    try:
        name = clean_upload_name(raw_name)
    except UploadError as exc:
        try:
            shown = safe_filename(raw_name)
        except UploadError:
            shown = ""
        if not shown:
            await say(update, context, f"❌ {esc(exc.message)}")
            return
        await say(update, context, f"❌ «{esc(shown)}»: định dạng không được hỗ trợ. "
                                    f"Chấp nhận {accepted_types()}.")
        return
    limit = int(d.settings.max_file_mb * 1024 * 1024)
    if file_size and file_size > limit:
        await say(update, context, f"❌ «{esc(name)}» quá lớn ({file_size / 1048576:.1f} MB). "
                                    f"Giới hạn là {d.settings.max_file_mb:g} MB.")
        return
    live = LiveReply(context.bot, chat.id, msg.message_id)
    await live.show(f"⏳ Đang tải «{esc(name)}»…")
    async with d.chat_lock("upload"):  # one ingest at a time; the service serialises them anyway
        text = await _ingest(d, context, file_id, name, live, limit, (user.id, chat.id))
    await live.finish([text])


async def _ingest(d: Deps, context, file_id: str, name: str, live: LiveReply, limit: int, who: tuple[int, int]) -> str:
    staged = d.service.staging_path(name)
    try:
        tg_file = await context.bot.get_file(file_id)
        await tg_file.download_to_drive(staged)
    except (TelegramError, OSError) as exc:
        log.warning("download of %r failed: %s", name, exc)
        staged.unlink(missing_ok=True)
        detail = str(exc).replace(d.settings.telegram_token, "***")
        if "too big" in detail.lower():  # Telegram's own Bot API serves bots files of up to 20 MB
            detail = "Telegram chỉ cho phép bot tải tệp tối đa 20 MB"
        return f"❌ Không tải được «{esc(name)}» từ Telegram ({esc(detail)})."
    if staged.stat().st_size > limit:
        staged.unlink(missing_ok=True)
        return f"❌ «{esc(name)}» quá lớn. Giới hạn là {d.settings.max_file_mb:g} MB."
    info: dict = {}
    started = time.monotonic()
    job = d.run(d.service.upload, staged, name, progress=info.update)
    while not job.done():
        await asyncio.wait({job}, timeout=PROGRESS_EVERY)
        if not job.done():
            await live.show(_progress_text(name, info, started))
    result = job.result()
    d.state.log("upload", *who, int((time.monotonic() - started) * 1000),
                detail=f"{name}: {'ok' if result.ok else 'failed'}")
    return _result_text(result)


async def xoa(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/xoa <tên>: remove a document by file name or số hiệu (admins)."""
    d = deps(context)
    if not d.access.is_admin(update.effective_user.id):
        await say(update, context, ADMIN_ONLY)
        return
    name = " ".join(context.args or []).strip()
    if not name:
        await say(update, context, "Cách dùng: /xoa &lt;tên tệp hoặc số hiệu&gt; (xem /vanban)")
        return
    removed = (await d.run(d.service.remove, name)).removed
    if not removed:
        await say(update, context, f"Không tìm thấy văn bản «{esc(name)}». Dùng /vanban để xem danh sách.")
        return
    d.state.log("remove", update.effective_user.id, update.effective_chat.id, detail=", ".join(removed))
    await say(update, context, "🗑 Đã xoá: " + ", ".join(f"«{esc(s)}»" for s in removed))


async def thongke(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/thongke: usage and feedback counts (admins)."""
    d = deps(context)
    if not d.access.is_admin(update.effective_user.id):
        await say(update, context, ADMIN_ONLY)
        return
    s = d.state.stats(since=time.time() - 7 * 86400)
    docs = await d.run(d.service.documents)
    median = f"{s['median_ms'] / 1000:.1f} giây" if s["median_ms"] is not None else "—"
    lines = [
        "📊 <b>Thống kê sử dụng</b>",
        f"Câu hỏi: {s['questions']} (7 ngày qua: {s['questions_recent']})",
        f"Tra cứu /tim: {s['searches']}",
        f"Người dùng đã hỏi: {s['users']}",
        f"Thời gian trả lời (trung vị): {median}",
        f"Góp ý: 👍 {s['thumbs_up']} · 👎 {s['thumbs_down']}",
        f"Bị từ chối (không có quyền): {s['refused_users']} · Vượt giới hạn: {s['rate_limited']}",
        f"Lỗi: {s['errors']} · Tệp đã gửi: {s['uploads']}",
        f"Văn bản: {len(docs)} ({sum(int(x.get('n_chunks') or 0) for x in docs)} đoạn)",
    ]
    await say(update, context, "\n".join(lines))
