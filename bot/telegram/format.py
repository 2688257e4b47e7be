"""Telegram HTML for answers, sources, clauses, search results and document lists.

Everything that came from a user, a document or the model is HTML-escaped here and nowhere else;
`split_html` cuts long texts into messages Telegram accepts (MessageLimit.MAX_TEXT_LENGTH) at
line, then sentence, then word boundaries, closing and reopening tags across the cut.
"""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.types import Answer, Hit

LIMIT = MessageLimit.MAX_TEXT_LENGTH
_RANGE = r"(?:\s*[–-]\s*(?:\d+|[a-zđ])(?!\w))?"   # "Khoản 1–2", "Điểm a–c"
_SECTION_PART = re.compile(rf"^(Điều\s+\d+[a-zđ]?{_RANGE}|Khoản\s+\d+{_RANGE}|Điểm\s+[a-zđ0-9]+{_RANGE}"
                           rf"|Phụ lục\s*[IVXLC\d]*|Mục\s+[IVXLC\d]+)", re.IGNORECASE)
_TOKEN = re.compile(r"(<[^>]*>)|(&[#\w]+;)|([^<&]+)|([<&])")
_SENTENCE_END = re.compile(r"(?<=[.!?;:…])\s+")


def esc(text: str) -> str:
    """Escape text for parse_mode=HTML (quotes need no escaping outside attributes)."""
    return html.escape(str(text or ""), quote=False)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _markdown_bold(escaped: str) -> str:
    # Small models like **bold**; show it as bold instead of literal asterisks.
    return re.sub(r"\*\*([^*\n]{1,200})\*\*", r"<b>\1</b>", escaped)


# -- citations --------------------------------------------------------------------------------
def section_label(section: str) -> str:
    """'Chương II › Điều 8. Tiêu chuẩn › Khoản 2' -> 'Điều 8, Khoản 2'."""
    parts = [p.strip() for p in re.split(r"\s*›\s*", section or "") if p.strip()]
    keep = [m.group(1) for m in (_SECTION_PART.match(p) for p in parts) if m]
    if keep:
        return ", ".join(keep)
    return _shorten(parts[-1], 60) if parts else ""


def citation_label(hit: Hit) -> str:
    """'15/2023/TT-BKHĐT, Điều 8, Khoản 2' (plain text; escape before use)."""
    head = hit.number or _shorten(hit.title, 70) or hit.source
    sec = section_label(hit.section)
    return f"{head}, {sec}" if sec else head


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
    return "\n".join(lines)


def render_answer(answer: Answer, prefix: str = "") -> list[str]:
    """A final (or extractive) answer as one or more HTML messages; `prefix` is HTML put first."""
    blocks = [prefix, _markdown_bold(esc(answer.answer.strip()))]
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


MAX_SOURCE_BUTTONS = 8


def answer_keyboard(answer_id: int, n_sources: int, feedback: bool = True) -> InlineKeyboardMarkup | None:
    """"Xem nguyên văn [n]" for each source (two per row) and 👍/👎 under an answer."""
    buttons = [InlineKeyboardButton(f"Xem nguyên văn [{i}]", callback_data=f"src:{answer_id}:{i}")
               for i in range(1, min(n_sources, MAX_SOURCE_BUTTONS) + 1)]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    if feedback:
        rows.append([InlineKeyboardButton("👍", callback_data=f"fb:{answer_id}:1"),
                     InlineKeyboardButton("👎", callback_data=f"fb:{answer_id}:-1")])
    return InlineKeyboardMarkup(rows) if rows else None


def render_streaming(text: str) -> str:
    """The generated answer while it is being written: its tail, with a cursor."""
    body = _markdown_bold(esc(text.strip())) + " ▌\n\n<i>✍️ Đang soạn câu trả lời…</i>"
    if utf16_len(body) > LIMIT:
        # Show the newest part; cutting at a space never lands inside an entity such as &amp;.
        tail = esc(text.strip())[-(LIMIT - 200):]
        tail = tail[tail.find(" ") + 1:] if " " in tail else ""
        body = "… " + tail + " ▌"
    return body


def render_clause(hit: Hit, n: int) -> list[str]:
    """The full verbatim clause behind citation [n]."""
    lines = [f"<b>[{n}] {esc(hit.number or hit.source)}</b>"]
    if hit.title:
        lines.append(f"<i>{esc(hit.title)}</i>")
    meta = " · ".join(x for x in (hit.issuer, hit.date) if x)
    if meta:
        lines.append(esc(meta))
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
        extra = [x for x in (doc.get("date") or "", f"{doc.get('n_chunks', 0)} đoạn") if x]
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
    return split_html(text + "\n\n" + render_documents(docs, limit=30)[0])


# -- splitting --------------------------------------------------------------------------------
def split_html(text: str, limit: int = LIMIT) -> list[str]:
    """Split Telegram HTML into messages of at most `limit` UTF-16 units.

    Cuts at line breaks, else at sentence ends, else at spaces, never inside a tag or an entity;
    tags open at a cut are closed at the end of one part and reopened at the start of the next.
    """
    text = text.strip()
    if utf16_len(text) <= limit:
        return [text] if text else []
    budget = limit - 200  # room for the closing and reopening tags
    pieces: list[str] = []
    for line in text.split("\n"):
        pieces.extend(_split_long(line + "\n", budget))
    parts, current = [], ""
    for piece in pieces:
        if current and utf16_len(current) + utf16_len(piece) > budget:
            parts.append(current)
            current = ""
        current += piece
    if current.strip():
        parts.append(current)
    return _balance(parts)


def _split_long(line: str, budget: int) -> list[str]:
    if utf16_len(line) <= budget:
        return [line]
    out: list[str] = []
    for sentence in _cut(line, _SENTENCE_END):
        if utf16_len(sentence) <= budget:
            out.append(sentence)
            continue
        for word in _cut(sentence, re.compile(r"(?<=\s)")):
            out.extend(_hard_cut(word, budget) if utf16_len(word) > budget else [word])
    return out


def _cut(text: str, pattern: re.Pattern) -> list[str]:
    """Split after each match of `pattern` that lies outside a tag; pieces keep their separators."""
    out, start = [], 0
    for m in pattern.finditer(text):
        end = m.end()
        if _inside_tag(text, m.start()) or end == start:
            continue
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return [p for p in out if p]


def _inside_tag(text: str, pos: int) -> bool:
    return text.rfind("<", 0, pos) > text.rfind(">", 0, pos)


def _hard_cut(word: str, budget: int) -> list[str]:
    out, current = [], ""
    for m in _TOKEN.finditer(word):
        units = [m.group(0)] if (m.group(1) or m.group(2)) else list(m.group(0))
        for unit in units:
            if current and utf16_len(current) + utf16_len(unit) > budget:
                out.append(current)
                current = ""
            current += unit
    if current:
        out.append(current)
    return out


def _balance(parts: list[str]) -> list[str]:
    out, carried = [], []          # carried: (name, opening tag) still open at the previous cut
    for part in parts:
        body = "".join(tag for _, tag in carried) + part.strip("\n").rstrip()
        stack = list(carried)
        for m in re.finditer(r"<(/?)([a-zA-Z-]+)[^>]*>", part):
            closing, name = m.group(1), m.group(2).lower()
            if not closing:
                stack.append((name, m.group(0)))
            else:
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        del stack[i]
                        break
        body += "".join(f"</{name}>" for name, _ in reversed(stack))
        carried = stack
        out.append(body)
    return [p for p in out if p.strip()]
