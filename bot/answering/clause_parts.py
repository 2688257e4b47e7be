"""The other parts of a clause's Điều, read when the best clause alone does not show the answer whole.

The chunker splits a long Điều at its Khoản and Điểm, so what the direct answer (bot/answering/direct.py)
shows first may need a neighbour of its chunk:
- a list cut at a chunk boundary continues in the next chunks (`continuation`);
- a list item says what it says only under its lead-in (`lead_in`);
- a role's special case ("b) Lãnh đạo Bộ …") gives way to the general case a question that names no role
  asks for (`special_case`, `general_case`);
- a figure the best clause does not state may be in a sibling Khoản its context holds (`in_context`).
A form with blanks to fill in (`blank_form`) states no rule and is never one of these parts.
"""

from __future__ import annotations

import re

from bot.answering.question import as_question
from bot.answering.kind_stated import states
from bot.answering.reader import Span, read
from bot.types import Hit
from ingest.normalize import fold_diacritics


# List markers by kind: a list of Điểm (a, b, c) continues with Điểm and their dashes, never with the
# next Khoản ("2. …") that closes it.
_MARKS = (("letter", re.compile(r"^\s*[a-zđ](?:\.\d+)?\)")), ("number", re.compile(r"^\s*\d+(?:\.\d+)*[.)]\s")),
          ("paren", re.compile(r"^\s*\((?:\d+|[a-zđ])\)")), ("dash", re.compile(r"^\s*[-–•*+]\s")))


def item_mark(line: str) -> str:
    """The kind of list marker a line opens with ("letter", "number", "paren", "dash"), or ""."""
    return next((kind for kind, pat in _MARKS if pat.match(line)), "")


# A form to fill in (a Phụ lục's "Mẫu", "Tổ chức từ ngày …… tháng …… năm ……"): its blanks state nothing.
_BLANK = re.compile(r"…+|\.{4,}")
FORM_BLANKS = 4


def blank_form(text: str) -> bool:
    """Whether a chunk is a form with blanks to fill in rather than a rule."""
    return len(_BLANK.findall(text)) >= FORM_BLANKS


# A list item that opens with a role ("b) Lãnh đạo Bộ, … từ đủ 05 năm trở lên nếu được điều động …") is a
# special case of its Khoản: a question that names no role asks for the general case ("a) Có thời gian
# công tác từ đủ 15 năm trở lên"), which shares fewer of its words with the question. Items are matched
# with their accents: "Trưởng phòng" is a role, "Trường hợp" is not.
_ROLES = "lãnh đạo|trưởng|phó|giám đốc|chủ tịch|người đứng đầu|thủ trưởng|bí thư"
_ROLE_ITEM = re.compile(rf"^\s*(?:[a-zđ]\)|\d+[.)]|[-–•+])?\s*(?:cán bộ |cá nhân là )?(?:{_ROLES}|người nước ngoài)\b")
# In the question, typed with or without accents.
_ROLE = re.compile(r"\b(?:lanh dao|pho|giam doc|chu tich|nguoi dung dau|bi thu|nguoi nuoc ngoai|quan ly)\b"
                   r"|\btruong\b(?! (?:hop|hoc)\b)")   # "trưởng", "thủ trưởng"; not "trường hợp"


def special_case(item: str, question: str) -> bool:
    """The item is a role's special case and the question names no role at all ("Trưởng phòng …" asks
    for "c) Lãnh đạo cấp phòng …", in other words)."""
    return bool(_ROLE_ITEM.match(item.lower())) and \
        not _ROLE.search(fold_diacritics(as_question(question).expanded.lower()))


def parts_of(retriever, hit: Hit) -> list[dict]:
    """The chunks of `hit`'s Điều, in order; [] without an index or outside a Điều."""
    index = getattr(retriever, "index", None)
    if index is None or hit is None:
        return []
    row = index.chunks_by_ids([hit.chunk_id]).get(hit.chunk_id)
    return index.siblings(hit.doc_id, row["parent"]) if row and row.get("parent") else []


def in_context(question: str, kind: str, best: Hit, idf, retriever) -> tuple[Span, Hit] | None:
    """The span of the asked kind in the other parts of the best clause's Điều that its context holds
    (Retriever.with_context), with the Hit to cite, ranked as the best clause; None when none states it."""
    sibs = [sib for sib in parts_of(retriever, best) if sib["chunk_id"] != best.chunk_id
            and sib["text"] in (best.context or "") and not blank_form(sib["text"])]
    found = read(question, [sib["text"] for sib in sibs], kind=kind, idf=idf, depth=len(sibs)) if sibs else None
    clause = retriever.clause(sibs[found.clause]["chunk_id"]) if found is not None else None
    if clause is None:
        return None
    clause.score, clause.dense_score, clause.keyword_score = best.score, best.dense_score, best.keyword_score
    return Span(0, found.start, found.end, found.text, found.kind, found.unit, found.score), clause


def items_after(retriever, hit: Hit) -> tuple[str, list[dict]]:
    """(the Khoản's section, the Điều's chunks) when `hit` ends on a lead-in line and the next chunk of
    its Điều is a Điểm; ("", []) otherwise."""
    lines = [ln for ln in hit.text.split("\n") if ln.strip()]
    if not lines or not lines[-1].rstrip().endswith(":"):
        return "", []
    chunks = parts_of(retriever, hit)
    after = [sib for sib in chunks if sib["position"] > hit.position]
    head, sep, _ = ((after[0].get("section") or "") if after else "").rpartition(" › Điểm")
    return (head, chunks) if sep else ("", [])


def general_case(question: str, kind: str, head: str, chunks: list[dict], anchor: Hit, idf, retriever,
                  skip: int | None = None) -> tuple[Span, Hit] | None:
    """The Điểm of the Khoản `head` (among the Điều's `chunks`, not `skip`) that states the asked kind for
    no particular role, with the Hit to cite, ranked as `anchor`; None when there is none."""
    items = [sib for sib in chunks if (sib.get("section") or "").startswith(head + " › Điểm")]
    sibs = [sib for sib in items if sib["chunk_id"] != skip and not special_case(sib["text"], question)]
    if not sibs:
        return None
    # Read under the Khoản's lead-in ("3. Cá nhân đang công tác trong Ngành … khi đạt một trong các tiêu
    # chuẩn sau:"), the last one above its first Điểm: the item alone shares too few words with the question.
    above = [ln for sib in chunks if sib["position"] < items[0]["position"] for ln in sib["text"].split("\n")]
    lead = next((_lead(ln) for ln in reversed(above) if _lead(ln)), "")
    pad = len(lead) + 1 if lead else 0
    found = read(question, [f"{lead}\n{sib['text']}" if lead else sib["text"] for sib in sibs], kind=kind,
                 idf=idf, depth=len(sibs))
    if found is None or found.start < pad:
        return None
    general = retriever.clause(sibs[found.clause]["chunk_id"])
    if general is None:
        return None
    general.score, general.dense_score, general.keyword_score = anchor.score, anchor.dense_score, anchor.keyword_score
    return Span(0, found.start - pad, found.end - pad, found.text, found.kind, found.unit, found.score), general


def lead_in(text: str, start: int, retriever=None, hit: Hit | None = None) -> str:
    """The line ending with ":" that a list item at `start` belongs to: above it in the clause, past
    the items before it, or the last line of the Điều's previous chunk when the item opens this one."""
    above = [ln for ln in text[:start].split("\n") if ln.strip()]
    for ln in reversed(above):
        if _lead(ln):
            return _lead(ln)
        if not item_mark(ln) and not ln.lstrip()[:1].islower():
            return ""
    before = [sib for sib in parts_of(retriever, hit) if sib["position"] < hit.position]
    for sib in reversed(before):
        lines = [ln for ln in sib["text"].split("\n") if ln.strip()]
        for ln in reversed(lines):
            if _lead(ln):
                return _lead(ln)
            if not item_mark(ln) and not ln.lstrip()[:1].islower():
                return ""
    return ""


# A plan's "Tổ chức thực hiện" gives each body a numbered heading with its tasks as Điểm under it ("3. Ngân hàng
# Nhà nước chi nhánh khu vực 14" / "a) Chỉ đạo các Ngân hàng thương mại …"): who does a task is the heading,
# which the chunker may have left at the end of the chunk before (dev43 d43-027).
_HEADING = re.compile(r"^\s*\d+\.\s+[A-ZĐÀ-Ỹ][^:;.]{1,90}$")
# Heads that name a body only at the start of a numbered heading: in running text "Trường hợp", "Báo cáo", "Đoàn
# kết" are no body (question_kind._BODY holds the others).
_BODY_HEAD = re.compile(r"^\s*\d+\.\s+(?:Bảo hiểm|Liên đoàn|Hội|Đoàn|Đài|Báo|Trường|Viện|Các sở|Các cơ quan)")


def body_heading(retriever, hit: Hit, start: int) -> str:
    """The numbered heading naming a body that the Điểm at `start` sits under: above it in the clause, or the
    last such line of the previous chunk of the same Mục; "" when the item's Khoản heading names no body."""
    lines = [ln for ln in hit.text[:start].split("\n") if ln.strip()]
    index = getattr(retriever, "index", None)
    if index is not None and not any(_HEADING.match(ln) for ln in lines):
        top = (hit.section or "").split(" › ")[0]
        before = [c for c in index.document_chunks(hit.doc_id)
                  if c["position"] < hit.position and (c.get("section") or "").split(" › ")[0] == top]
        if before:
            lines = [ln for ln in before[-1]["text"].split("\n") if ln.strip()] + lines
    for ln in reversed(lines):
        if item_mark(ln) in ("letter", "dash", "paren") or ln.lstrip()[:1].islower():
            continue    # the Khoản's other items and their continuation lines
        named = _HEADING.match(ln) and (states("body", ln) or _BODY_HEAD.match(ln))
        return ln.strip() if named else ""
    return ""


_INLINE_ITEM = re.compile(r":\s+(?:[a-zđ]\)|\d+[.)]\s|[-–•]\s)")


def _lead(line: str) -> str:
    """A line's lead-in: the line when it ends with ":", or its text up to a ":" followed by an item on
    the same line ("4. Không hoàn thành nhiệm vụ … trong các trường hợp sau: a) …"); else ""."""
    if line.rstrip().endswith(":"):
        return line.strip()
    m = _INLINE_ITEM.search(line)
    return line[:m.start() + 1].strip() if m else ""


def continuation(retriever, hit: Hit) -> str:
    """The list items that continue `hit`'s last list in the next chunks of its Điều ("" if none).

    The chunker splits a long Điều at Khoản/Điểm, so "Hồ sơ gồm:" + a) b) may end one chunk and c) d)
    open the next; the items are read from the following siblings while they are list items.
    """
    kinds = [item_mark(ln) for ln in hit.text.split("\n") if item_mark(ln)]
    kind = next((k for k in reversed(kinds) if k != "dash"), kinds[-1] if kinds else "")   # the last item's
    if not kind and not hit.text.rstrip().endswith(":"):
        return ""
    after = [sib for sib in parts_of(retriever, hit) if sib["position"] > hit.position]
    if not kind and after:
        # The chunk ends on the lead-in itself ("… đạt các tiêu chuẩn sau đây:"): its items open the next one.
        kind = item_mark(after[0]["text"].lstrip().split("\n", 1)[0])
    if not kind:
        return ""
    out = []
    for sib in after:
        lines = [ln for ln in sib["text"].split("\n") if ln.strip()]
        items = []
        for ln in lines:
            mark = item_mark(ln)
            if mark == kind or (items and (mark == "dash" or (not mark and ln.lstrip()[:1].islower()))):
                items.append(ln)
            else:
                break
        out += items
        if len(items) < len(lines):
            break              # the list ended inside this chunk
    return "".join("\n" + ln for ln in out)
