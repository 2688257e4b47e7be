"""Telegram HTML for answers, sources, clauses, search results and document lists.

Everything that came from a user, a document or the model is HTML-escaped here and nowhere else;
long texts go out through `split_html` (split.py), so no message exceeds Telegram's limit.
"""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram.split import LIMIT, split_html, utf16_len
from bot.types import Answer, Hit

_RANGE = r"(?:\s*[–-]\s*(?:\d+|[a-zđ])(?!\w))?"   # "Khoản 1–2", "Điểm a–c"
_SECTION_PART = re.compile(rf"^(Điều\s+\d+[a-zđ]?{_RANGE}|Khoản\s+\d+{_RANGE}|Điểm\s+[a-zđ0-9]+{_RANGE}"
                           rf"|Phụ lục\s*[IVXLC\d]*|Mục\s+[IVXLC\d]+)", re.IGNORECASE)


def esc(text: str) -> str:
    """Escape text for parse_mode=HTML (quotes need no escaping outside attributes)."""
    return html.escape(str(text or ""), quote=False)


def _markdown_bold(escaped: str) -> str:
    # Small models like **bold**; show it as bold instead of literal asterisks.
    return re.sub(r"\*\*([^*\n]{1,200})\*\*", r"<b>\1</b>", escaped)


# -- citations --------------------------------------------------------------------------------
def section_label(parts: list[str]) -> str:
    """['Chương II', 'Điều 8. Tiêu chuẩn', 'Khoản 2'] -> 'Điều 8, Khoản 2'."""
    keep = [m.group(1) for m in (_SECTION_PART.match(p) for p in parts) if m]
    if keep:
        return ", ".join(keep)
    return _shorten(parts[-1], 60) if parts else ""


def citation_label(hit: Hit) -> str:
    """'15/2023/TT-BKHĐT, Điều 8, Khoản 2' (plain text; escape before use).

    An article (issue 16) is named by its paper and date, then its headline: 'Báo Hải Phòng điện tử,
    10/07/2017 — Nâng cao chất lượng …'; without a known paper, by its headline and date.
    """
    if hit.is_article:
        if hit.publisher:
            head = f"{hit.doc_label()} — {_shorten(hit.title, 80)}" if hit.title else hit.doc_label()
        else:
            date = hit.date if hit.published else ""
            head = _shorten(hit.title, 100) or hit.source
            head = f"{head}, {date}" if date else head
        # which part of the article ("Đoạn 3", a question heading): two quotes of one article differ
        sec = section_label(hit.section_path)
        return f"{head}, {sec}" if sec and sec.rstrip("…") not in hit.title else head
    head = hit.number or _shorten(hit.title, 70) or hit.source
    sec = section_label(hit.section_path)
    label = f"{head}, {sec}" if sec else head
    return f"{label}, {hit.page_label()}" if hit.scanned else label   # "trang 2, bản quét"


def basis_line(hit: Hit) -> str:
    """HTML line under an article's citation: its legal basis, 'căn cứ: Điều 23 Luật …' ('' when none)."""
    if not hit.basis:
        return ""
    linked = any(r.get("chunk_id") for r in hit.basis_refs)
    tail = " — 📖 xem điều khoản bằng nút bên dưới" if linked else ""
    return f"    ↳ <i>{esc(hit.basis)}</i>{tail}"


def status_note(hit: Hit) -> str:
    """The validity status worth telling the user, or '' when the document is simply in force."""
    return "" if in_force(hit.status) else hit.status.strip()


def in_force(status: str) -> bool:
    """True for '' and 'đang có hiệu lực (từ …)': nothing the user needs to be warned about."""
    return not status or status.strip().lower().startswith("đang có hiệu lực")


def _shorten(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def render_sources(citations: list[Hit]) -> str:
    lines = ["📚 <b>Nguồn:</b>"]
    for i, hit in enumerate(citations, 1):
        line = f"[{i}] {esc(citation_label(hit))}"
        note = status_note(hit)
        if note:
            line += f" — <i>⚠️ {esc(note)}</i>"
        lines.append(line)
        if basis_line(hit):
            lines.append(basis_line(hit))
    return "\n".join(lines)


def render_answer(answer: Answer, prefix: str = "") -> list[str]:
    """A final (or extractive) answer as one or more HTML messages; `prefix` is HTML put first."""
    blocks = [prefix, _with_direct(answer)]
    for warning in answer.warnings:
        blocks.append(f"⚠️ <i>{esc(warning)}</i>")
    if answer.citations:
        blocks.append(render_sources(answer.citations))
    elif answer.refused and answer.nearest:
        nearest = [d for d in answer.nearest if (d.get("title") or d.get("number") or "") not in answer.answer]
        if nearest:
            blocks.append("<b>Văn bản gần nhất:</b>\n" + "\n".join(
                f"• {esc(_doc_name(d))}" for d in nearest[:5]))
    return split_html("\n\n".join(b for b in blocks if b))


def _with_direct(answer: Answer) -> str:
    """The answer's HTML with its direct span (the verbatim sentence or list that states what was asked)
    in bold; put first when the text does not hold it (a generated answer)."""
    body = _markdown_bold(esc(answer.body()))
    direct = esc(((answer.direct or {}).get("text") or "").strip())
    if not direct:
        return body
    if direct in body:
        return body.replace(direct, f"<b>{direct}</b>", 1)
    return f"<b>{direct}</b>\n\n{body}"


MAX_SOURCE_BUTTONS = 8
MAX_BASIS_BUTTONS = 4


def basis_buttons(answer_id: int, citations: list[Hit]) -> list[InlineKeyboardButton]:
    """'📖 Căn cứ [1]: Điều 23 Luật Thi đua, khen thưởng 2022' for each legal basis of a cited article that
    is itself indexed; pressing it shows that clause (callback 'law:<answer>:<source n>:<basis n>')."""
    out = []
    for n, hit in enumerate(citations[:MAX_SOURCE_BUTTONS], 1):
        for j, ref in enumerate(hit.basis_refs, 1):
            if ref.get("chunk_id") and len(out) < MAX_BASIS_BUTTONS:
                out.append(InlineKeyboardButton(_shorten(f"📖 Căn cứ [{n}]: {ref.get('label', '')}", 60),
                                                callback_data=f"law:{answer_id}:{n}:{j}"))
    return out


def answer_keyboard(answer_id: int, n_sources: int, feedback: bool = True,
                    citations: list[Hit] | None = None) -> InlineKeyboardMarkup | None:
    """"Xem nguyên văn [n]" for each source (two per row), a button per indexed legal basis of a cited
    article (one per row), and 👍/👎 under an answer."""
    buttons = [InlineKeyboardButton(f"Xem nguyên văn [{i}]", callback_data=f"src:{answer_id}:{i}")
               for i in range(1, min(n_sources, MAX_SOURCE_BUTTONS) + 1)]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    rows += [[b] for b in basis_buttons(answer_id, citations or [])]
    if feedback:
        rows.append([InlineKeyboardButton("👍", callback_data=f"fb:{answer_id}:1"),
                     InlineKeyboardButton("👎", callback_data=f"fb:{answer_id}:-1")])
    return InlineKeyboardMarkup(rows) if rows else None


_NUMBER = re.compile(r"\[\d{1,2}\]|\d+(?:[.,]\d+)*")
_MARKER = re.compile(r"\b[A-ZÀ-ỸĐ]+(?:_[A-ZÀ-ỸĐ]+)+\b")   # e.g. the prompt's KHÔNG_CÓ_THÔNG_TIN


def _forms(token: str) -> set[str]:
    return {token, token.replace(".", "").replace(",", ""), token.lstrip("0") or "0"}


def numbers_in(*texts: str) -> set[str]:
    """Every number in `texts`, in the forms the guard compares (1.000 == 1000, 01 == 1)."""
    out: set[str] = set()
    for text in texts:
        for m in _NUMBER.finditer(text or ""):
            if not m.group(0).startswith("["):
                out |= _forms(m.group(0))
    return out


def mask_unsupported_numbers(text: str, allowed: set[str]) -> str:
    """Hide numbers the sources do not contain while the answer streams: the guard checks the
    finished answer, but a number shown for a few seconds is a number the user has read."""
    def keep(m: re.Match) -> str:
        token = m.group(0)
        return token if token.startswith("[") or _forms(token) & allowed else "…"
    return _NUMBER.sub(keep, text)


def render_streaming(text: str, allowed_numbers: set[str] | None = None) -> str:
    """The generated answer while it is being written: its tail, with a cursor.

    allowed_numbers: when given, other numbers are shown as "…" until the guarded answer arrives.
    """
    text = _MARKER.sub("", text)
    if allowed_numbers is not None:
        text = mask_unsupported_numbers(text, allowed_numbers)
    body = _markdown_bold(esc(text.strip())) + " ▌\n\n<i>✍️ Đang soạn câu trả lời…</i>"
    if utf16_len(body) > LIMIT:
        # Show the newest part; cutting at a space never lands inside an entity such as &amp;.
        tail = esc(text.strip())[-(LIMIT - 200):]
        tail = tail[tail.find(" ") + 1:] if " " in tail else ""
        body = "… " + tail + " ▌"
    return body


def render_clause(hit: Hit, n: int, heading: str = "") -> list[str]:
    """The full verbatim clause behind citation [n]; `heading` (HTML) is put first when given."""
    head = hit.number or (hit.doc_label() if hit.is_article else "") or hit.source
    lines = ([heading] if heading else []) + [f"<b>[{n}] {esc(head)}</b>"]
    if hit.title:
        lines.append(f"<i>{esc(hit.title)}</i>")
    meta = " · ".join(x for x in (hit.issuer, hit.date) if x)
    if meta:
        lines.append(esc(meta))
    if hit.basis:
        lines.append(f"<i>{esc(hit.basis)}</i>")
    if hit.section:
        lines.append(f"📍 {esc(hit.section)}")
    note = status_note(hit)
    if note:
        lines.append(f"⚠️ <i>{esc(note)}</i>")
    lines.append(f"<blockquote>{esc(hit.text.strip())}</blockquote>")
    if hit.source and hit.source != hit.number:
        lines.append(f"📄 Tệp: {esc(hit.source)}")
    return split_html("\n".join(lines))


def render_search(query: str, hits: list[Hit]) -> list[str]:
    if not hits:
        return [f"Không tìm thấy điều khoản nào khớp với «{esc(query)}»."]
    lines = [f"🔎 <b>Kết quả cho «{esc(query)}»:</b>"]
    for i, hit in enumerate(hits, 1):
        line = f"\n[{i}] <b>{esc(citation_label(hit))}</b>"
        note = status_note(hit)
        if note:
            line += f" — <i>⚠️ {esc(note)}</i>"
        if basis_line(hit):
            line += "\n" + basis_line(hit)
        lines.append(line + "\n" + esc(_shorten(hit.text, 220)))
    return split_html("\n".join(lines))


def _doc_name(doc: dict) -> str:
    number, title = doc.get("number") or "", doc.get("title") or ""
    if number and title:
        return f"{number} — {_shorten(title, 120)}"
    return number or _shorten(title, 120) or doc.get("source", "")


def render_documents(docs: list[dict], limit: int | None = None) -> list[str]:
    """The indexed documents, one line each (with chunk count, date and status)."""
    if not docs:
        return ["Chưa có văn bản nào trong hệ thống."]
    shown = docs if limit is None else docs[:limit]
    lines = [f"📚 <b>Văn bản trong hệ thống ({len(docs)}):</b>"]
    for doc in shown:
        # an article: its paper and publication date (issue 16); a legal document: its date of issue
        extra = [x for x in (doc.get("publisher") or "", doc.get("date") or "", f"{doc.get('n_chunks', 0)} đoạn") if x]
        line = f"• {esc(_doc_name(doc))} <i>({esc(', '.join(extra))})</i>"
        status = (doc.get("status") or "").strip()
        if not in_force(status):
            line += f" — ⚠️ {esc(status)}"
        lines.append(line)
    if limit is not None and len(docs) > limit:
        lines.append(f"… và {len(docs) - limit} văn bản khác: /vanban")
    return split_html("\n".join(lines))


HELP = (
    "Tôi trả lời câu hỏi về các văn bản quy định, hướng dẫn (thi đua, khen thưởng, đánh giá xếp loại…) "
    "và luôn dẫn nguồn: số hiệu văn bản, Điều, Khoản.\n\n"
    "<b>Cách hỏi:</b> gõ câu hỏi như khi hỏi đồng nghiệp, có dấu hoặc không dấu, ví dụ:\n"
    "• Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?\n"
    "• don vi dat 88 diem thi xep loai gi\n"
    "Có thể hỏi tiếp (\"thế còn tập thể thì sao?\").\n\n"
    "<b>Lệnh:</b>\n"
    "/hoi &lt;câu hỏi&gt; — hỏi (dùng trong nhóm; hoặc nhắc tên tôi, hoặc trả lời tin nhắn của tôi)\n"
    "/tim &lt;từ khoá&gt; — tìm các điều khoản khớp\n"
    "/vanban — danh sách văn bản\n"
    "/moi — bắt đầu cuộc hỏi đáp mới\n"
    "/help — hướng dẫn này"
)
ADMIN_HELP = (
    "\n\n<b>Quản trị:</b> gửi tệp PDF/DOCX/TXT/MD/HTML để nạp văn bản; "
    "/xoa &lt;tên&gt; — xoá văn bản; /thongke — thống kê sử dụng và góp ý."
)


def render_help(docs: list[dict], admin: bool = False, greeting: bool = False) -> list[str]:
    head = "Xin chào! 👋 " if greeting else ""
    text = head + HELP + (ADMIN_HELP if admin else "")
    return split_html(text + "\n\n" + "\n".join(render_documents(docs, limit=30)))
