"""Extractive answers: the best clause quoted verbatim, trimmed to what answers the question.

Also applies quoted scoring thresholds ("88 điểm thì xếp loại gì?"): the range that contains the
user's score is found in the retrieved clauses and quoted, so the rule used is visible. Nothing here
invents text: every sentence shown is copied from a clause.
"""

from __future__ import annotations

import math
import re

from bot.answering.authority import where_labels
from bot.answering.question import as_question
from bot.answering.coverage import key_terms
from bot.types import Hit
from ingest.normalize import fold_diacritics, search_form

QUOTE_WHOLE_WORDS = 120   # a clause this short is quoted whole
_ASKS_FIGURE = re.compile(r"bao nhieu|may (thang|nam|ngay|lan|phut|diem|nguoi|truong hop)|khi nao|bao lau|"
                          r"thoi han|han nop|truoc ngay|ty le|muc (thuong|tien)|bao gio|ngay nao")
_LIST_ITEM = re.compile(r"^\s*([a-zđ]\)|[a-zđ]\.\d*\)|\d+(\.\d+)*[.)]|[-+•–*])\s*", re.IGNORECASE)
_SYL = re.compile(r"\w+", re.UNICODE)

# --- scoring thresholds --------------------------------------------------------------------------
_NUM = r"(\d+(?:[.,]\d+)?)"
_RANGES = [  # (pattern on folded lower-case text, kind)
    # "từ 7 đến cận 8": "cận" (just under) excludes its bound like "dưới"
    (re.compile(rf"tu {_NUM}\s*(?:diem)?\s*(?:den|-|–)\s*(?:duoi|nho hon|can) {_NUM}"), "lo_incl_hi_excl"),
    (re.compile(rf"tu {_NUM}\s*(?:diem)?\s*(?:den|-|–)\s*{_NUM}"), "lo_incl_hi_incl"),
    (re.compile(rf"(?:tu|dat|dat tu) {_NUM}\s*diem tro len"), "lo_incl"),
    (re.compile(rf"(?:tren|lon hon) {_NUM}\s*diem"), "lo_excl"),
    (re.compile(rf"{_NUM}\s*diem tro xuong"), "hi_incl"),
    (re.compile(rf"(?:duoi|nho hon|khong dat) {_NUM}\s*diem"), "hi_excl"),
    (re.compile(rf"(?<![\d.,]){_NUM}\s*(?:-|–)\s*{_NUM}\s*diem"), "lo_incl_hi_incl"),
]
_QUESTION_SCORE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:điểm|diem|đ\b)", re.IGNORECASE)


def _f(x: str) -> float:
    return float(x.replace(",", "."))


def parse_range(line: str) -> tuple[float, float, bool, bool] | None:
    """(low, high, low_inclusive, high_inclusive) of the first score range stated in a line."""
    t = fold_diacritics(search_form(line))
    for pat, kind in _RANGES:
        m = pat.search(t)
        if not m:
            continue
        g = m.groups()
        if kind == "lo_incl_hi_excl":
            return _f(g[0]), _f(g[1]), True, False
        if kind == "lo_incl_hi_incl":
            return _f(g[0]), _f(g[1]), True, True
        if kind == "lo_incl":
            return _f(g[0]), math.inf, True, False
        if kind == "lo_excl":
            return _f(g[0]), math.inf, False, False
        if kind == "hi_incl":
            return -math.inf, _f(g[0]), False, True
        if kind == "hi_excl":
            return -math.inf, _f(g[0]), False, False
    return None


def _in_range(x: float, r) -> bool:
    lo, hi, li, hi_i = r
    return (x > lo or (li and x == lo)) and (x < hi or (hi_i and x == hi))


def question_score(question: str) -> float | None:
    m = _QUESTION_SCORE.search(question)
    return _f(m.group(1)) if m else None


def _segments(text: str) -> list[str]:
    """The lines of a clause, each split at ";": a scale is often written on one line
    ("điểm từ 5 đến cận 7: đạt loại Trung bình; điểm từ 7 đến cận 8: đạt loại Khá; …")."""
    return [seg.strip() for ln in text.split("\n") for seg in ln.split(";") if seg.strip()]


def apply_thresholds(question: str, hits: list[Hit]) -> tuple[Hit, str] | None:
    """The (hit, line) whose stated score range contains the score in the question, if any.

    Only a Điều (a document without Điều: the document) whose clauses among `hits` state at least two
    ranges between them counts as stating a scoring scale (one range alone is usually a condition, not a
    classification: "Tập thể lao động xuất sắc: từ 850 điểm" in Điều 8 and "… tiên tiến: từ 700 điểm" in
    Điều 9 are two conditions); the chunker often puts each level of a scale in its own Khoản. Of the
    ranges that contain the score, the best-ranked document's narrowest is the answer ("từ 7 đến cận 8:
    Khá" rather than "đạt từ 5,0 điểm trở lên"); among equally narrow ones, the better-ranked clause.
    """
    score = question_score(question)
    if score is None:
        return None
    ranges: dict[tuple, set[str]] = {}   # a unit's distinct ranged segments (a sibling may be a hit too)
    first: dict[int, int] = {}           # the rank of a document's best clause
    found = []
    for rank, hit in enumerate(hits):
        first.setdefault(hit.doc_id, rank)
        unit = (hit.doc_id, hit.dieu or "")
        ranged = [(seg, parse_range(seg)) for seg in _segments(hit.text + "\n" + (hit.context or ""))]
        ranged = [(seg, r) for seg, r in ranged if r]
        ranges.setdefault(unit, set()).update(seg for seg, _ in ranged)
        found += [(first[hit.doc_id], r[1] - r[0], rank, unit, hit, seg) for seg, r in ranged if _in_range(score, r)]
    found = [f for f in found if len(ranges[f[3]]) >= 2]
    if not found:
        return None
    *_, hit, seg = min(found, key=lambda f: f[:3])
    return hit, seg


# --- trimming a clause to the question -----------------------------------------------------------

_SECTION_HEAD = re.compile(r"^(Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+\S+\s*$")


def strip_section_headings(text: str) -> str:
    """Drop the Chương/Phần/Mục heading lines a chunk may start with ("Chương II" / "DANH HIỆU THI ĐUA"):
    the citation already names the place, and a quote should start at the clause itself."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) - 1 and (_SECTION_HEAD.match(lines[i].strip()) or
                                  (i > 0 and _SECTION_HEAD.match(lines[i - 1].strip()) and lines[i].isupper())):
        i += 1
    return "\n".join(lines[i:])


_SENTENCE_END = (".", ";", ":", "!", "?", "…", "»", "”", '"', ")")


def _whole_lists(lines: list[str], keep: set[int]) -> set[int]:
    """The kept lines grown so that nothing kept is cut mid-way (issue 18: a list is never cut):
    - every kept lead-in ending with ":" brings the list items after it, whichever kept line it is
      (the first line "Điều 9. …" can outscore the lead-in, which is then kept only as a good match);
    - a kept line that stops mid-sentence brings the lower-case lines that continue it (a PDF's hard
      line breaks: "+ Có tỷ lệ cử tri đi bầu cử đạt" / "từ 98% trở lên; …")."""
    keep = set(keep)
    todo = sorted(keep)
    while todo:
        i = todo.pop(0)
        line = lines[i].rstrip()
        j = i + 1
        if line.endswith(":"):
            while j < len(lines) and (_LIST_ITEM.match(lines[j]) or not lines[j].strip()
                                      or lines[j].lstrip()[:1].islower()):
                if j not in keep:
                    keep.add(j)
                    todo.append(j)
                j += 1
        elif line and not line.endswith(_SENTENCE_END):
            while j < len(lines) and lines[j].lstrip()[:1].islower() and not _LIST_ITEM.match(lines[j]):
                if j not in keep:
                    keep.add(j)
                    todo.append(j)
                if lines[j].rstrip().endswith(_SENTENCE_END):
                    break
                j += 1
    return keep


def with_heading(hit: Hit, quote: str) -> str:
    """A Khoản quoted without its Điều comes under the Điều's heading: "2. Cán bộ, công chức là nữ giới
    đang … nuôi con dưới 12 tháng tuổi" says nothing until "Điều 3. Các trường hợp chưa xem xét xử lý kỷ
    luật" says what the list is of."""
    head = (hit.dieu or "").strip().split("\n")[0]
    if not re.match(r"Điều\s+[\w.]+\.?\s+\S", head) or head in quote:
        return quote
    return f"{head}\n…\n{quote}"


def trim_to_question(text: str, question: str, shown: str = "") -> str:
    """The lines of a clause that answer the question (with a list's lead-in and items kept together).
    shown: the span already shown first (the reader's): its lines stay in the quote, so the cadre can
    check it in the clause it comes from."""
    text = strip_section_headings(text)
    if len(text.split()) <= QUOTE_WHOLE_WORDS:
        return text
    lines = text.split("\n")
    terms = set(key_terms(question))
    if not terms:
        return text

    wants_figure = bool(_ASKS_FIGURE.search(as_question(question).lower_folded))

    def overlap(line: str) -> float:
        syl = set(_SYL.findall(fold_diacritics(search_form(line))))
        score = len(terms & syl) / len(terms)
        # "bao nhiêu / mấy / khi nào / bao lâu": the line that states a figure is the answer
        if wants_figure and re.search(r"\d", line):
            score += 0.25
        if line.lstrip().startswith("#") or (line.isupper() and len(line.split()) < 12):
            score *= 0.5  # a bare heading is not an answer
        return score

    scores = [overlap(ln) for ln in lines]
    best = max(range(len(lines)), key=lambda i: scores[i])
    # The lines that match: the best and those nearly as good. Each is shown whole: a lead-in with
    # its list, a line cut mid-sentence with the rest of its sentence.
    matched = {best} | {i for i, s in enumerate(scores) if s >= 0.75 * scores[best] and s > 0}
    shown = shown.strip()
    matched |= {i for i, ln in enumerate(lines) if shown and len(ln.strip()) > 3 and (ln.strip() in shown or shown in ln)}
    keep = _whole_lists(lines, matched) | {0}   # the clause's own first line says what it is about
    # A list item brings its lead-in.
    if _LIST_ITEM.match(lines[best]) and not lines[best].rstrip().endswith(":"):
        j = best - 1
        while j > 0 and _LIST_ITEM.match(lines[j]):
            j -= 1
        if lines[j].rstrip().endswith(":"):
            keep.update(range(j, best + 1))
    out, last = [], -1
    for i in sorted(keep):
        if last >= 0 and i > last + 1:
            out.append("…")
        out.append(lines[i])
        last = i
    if last < len(lines) - 1:
        out.append("…")
    trimmed = "\n".join(out)
    # Never return more than the original, nor a trim that lost almost everything.
    return trimmed if len(trimmed.split()) >= 8 else text


def cite_label(hit: Hit) -> str:
    """ "15/2023/TT-BKHĐT, Điều 8, Khoản 2"; an article: "Báo Hải Phòng điện tử, 10/07/2017, Đoạn 3" """
    sec = ", ".join(p for p in hit.section_path if not p.startswith(("Chương", "Phần", "Mục")))
    head = hit.doc_label() if hit.is_article else (hit.number or hit.title or hit.source)
    if sec and sec.rstrip("?.: ") in head:
        sec = ""   # an article's heading that its headline already says ("X là gì? Hồ sơ …", "X là gì?")
    label = f"{head}, {sec}" if sec else head
    return f"{label}, {hit.page_label()}" if hit.scanned else label   # a scan says so: "trang 2, bản quét"


def doc_name(hit: Hit) -> str:
    """ "15/2023/TT-BKHĐT — title"; an article (issue 16): "Báo …, 10/07/2017" or "headline, 10/07/2017"."""
    if hit.is_article:
        return hit.doc_label()
    if hit.number and hit.title:
        return f"{hit.number} — {hit.title}"
    return hit.title or hit.number or hit.source


def extractive_answer(question: str, hits: list[Hit], direct=None) -> tuple[str, list[Hit]]:
    """(answer text, the hits it cites). hits must be non-empty.

    direct: the reader's span (bot/answering/direct.py) — shown first, verbatim, then the clause that
    holds it (cited [1]) as before.
    """
    scored = apply_thresholds(question, hits[:5])
    if scored:
        hit, line = scored
        score = question_score(question)
        shown = f"{score:g}"
        text = (f"Với {shown} điểm, mức tương ứng theo {cite_label(hit)} [1] là:\n«{line}»\n\n"
                f"Quy định đầy đủ ({doc_name(hit)}, {hit.section}):\n«{trim_to_question(hit.text, question)}»")
        return text, [hit]
    if direct is not None:   # the clause holding the span is cited first (it may be a sibling of the hits)
        hits = [direct.hit] + [h for h in hits if h.chunk_id != direct.hit.chunk_id]
    top = hits[0]
    quote = with_heading(top, trim_to_question(top.text, question, direct.text if direct is not None else ""))
    # A second clause from another place when it is nearly as good: lists are often split in two.
    second = hits[1] if len(hits) > 1 and hits[1].score >= 0.85 * top.score and hits[1].chunk_id != top.chunk_id \
        else None
    where = [f" ({w})" if w else "" for w in where_labels([top, second] if second else [top])]  # national + local
    text = f"Theo {doc_name(top)}{where[0]}, {top.section} [1]:\n«{quote}»"
    if direct is not None and direct.text.strip() != quote.strip():   # the span that answers comes first
        text = f"{direct.text.strip()}\n({cite_label(top)} [1])\n\n{text}"
    cited = [top]
    if second:
        text += (f"\n\nXem thêm {doc_name(second)}{where[1]}, {second.section} [2]:\n"
                 f"«{trim_to_question(second.text, question)}»")
        cited.append(second)
    return text, cited
