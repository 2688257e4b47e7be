"""The reader: within the best clauses, the sentence, list or table row that states what is asked.

Issue 18, item 1. A question asks for a kind of thing (an amount, a percentage, a duration, a date, a
body, a place, a list, a yes/no rule); the answer is the span of a retrieved clause that states a thing
of that kind and shares the question's key words. The span is returned verbatim (clause index and
character offsets into that clause), so the caller can show it first and highlight it inside the
clause. A list is returned whole with its lead-in sentence ("Hồ sơ gồm:" + a), b), c)), never cut.
`read` returns None when no clause states a thing of the asked kind: the caller can then say that
the documents do not state it ("không nêu") instead of quoting a clause about something else.

Pure: imports only ingest.normalize and the standard library.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.answering.question_kind import KINDS, _C, _flat, _terms, asked_percent, in_a_range, question_kind, states
from ingest.normalize import fold_diacritics, has_diacritics



@dataclass(frozen=True)
class Span:
    """A verbatim span of one clause: clauses[clause][start:end] == text."""
    clause: int      # index into the clauses given to read()
    start: int
    end: int
    text: str
    kind: str        # the question kind it answers
    unit: str        # "sentence", "list" or "row"
    score: float

    def to_dict(self) -> dict:
        return {"clause": self.clause, "start": self.start, "end": self.end, "text": self.text,
                "kind": self.kind, "unit": self.unit}


# ------------------------------------------------------------------------------ candidate spans

_ITEM = _C(r"^\s*(?:(?P<letter>[a-zđ]\)|[a-zđ]\.\d+\))|(?P<number>\d+(?:\.\d+)*[.)](?=\s))|(?P<paren>\(\d+\)|\([a-zđ]\))"
           r"|(?P<dash>[-–•*](?=\s))|(?P<plus>\+(?=\s)))")
# "Hồ sơ gồm: tờ trình, báo cáo thành tích, biên bản họp." — a list written inline
_INLINE_LIST = _C(r"(?:gom|bao gom|nhu sau|sau day|cac loai)\b[^.]*?(?:,|;)[^.]*?(?:,|;| va )")
_FULL_STOP = _C(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ0-9(“\"-])")
_SENT_END = _C(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ0-9(“\"-])")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line, without its surrounding spaces."""
    out, pos = [], 0
    for line in text.split("\n"):
        s = len(line) - len(line.lstrip())
        e = len(line.rstrip())
        if e > s:
            out.append((pos + s, pos + e))
        pos += len(line) + 1
    return out


def _marker(line: str) -> str:
    m = _ITEM.match(line)
    return next((k for k, v in m.groupdict().items() if v), "") if m else ""


def _lists(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, first item line) of each enumerated list: a lead-in sentence ending with ":" and
    the items that follow it, or a run of at least two items of one marker after a plain line (or at
    the clause's start); each through its last item, with sub-items ("- " under "a)") and lower-case
    continuation lines, never stopping mid-list."""
    out = []
    marks = [_marker(text[s:e]) for s, e in lines]
    for i in range(-1, len(lines) - 1):
        lead = i >= 0 and text[slice(*lines[i])].endswith(":")
        own = marks[i] if i >= 0 else ""
        first = marks[i + 1]
        if not first or not lead and own:
            continue                       # no item follows, or a run that started earlier
        j, items = i + 1, 0
        while j < len(lines):
            line = text[slice(*lines[j])]
            mk = marks[j]
            if mk == first:
                items += 1
            elif mk and mk != own:
                pass                       # a sub-item ("- " under "a)")
            elif mk or not line[:1].islower():
                break                      # the next unit of the lead-in's level, or a closing sentence
            j += 1
        if lead and items >= 1:
            s, e = lines[i]
            last = _SENT_END.split(text[s:e])[-1]
            out.append((e - len(last), lines[j - 1][1], i + 1))   # from the lead-in's last sentence
        elif not lead and items >= 2:
            out.append((lines[i + 1][0], lines[j - 1][1], i + 1))
    return out


CONTEXT_WEIGHT = 0.5        # what a span depends on (its list's lead-in, its item) counts half…
CONTINUATION_WEIGHT = 1.0   # …but a line that completes its lead-in's sentence ("… như sau:" / the figure) is one with it


_CELL = _C(r"\s*\|\s*")


def _flattened_rows(line: str) -> list[tuple[int, int]]:
    """(start, end) of each row of a table flattened onto one line ("1 | A | 1,5 | 3.510.000 | 2 | B | …"):
    a row begins at a cell holding its number, 1, 2, 3 … in order. [] when the line is one row."""
    cells, pos = [], 0
    for m in _CELL.finditer(line):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, len(line)))
    starts, want = [], 1
    for i, (a, b) in enumerate(cells):
        if line[a:b].strip() == str(want) and (not starts or i - starts[-1] >= 2):
            starts.append(i)
            want += 1
    if len(starts) < 3:
        return []
    while cells and not line[cells[-1][0]:cells[-1][1]].strip():
        cells.pop()   # the empty cell after a closing "|"
    bounds = starts + [len(cells)]
    return [(cells[i][0], cells[j - 1][1]) for i, j in zip(bounds, bounds[1:])]


def _candidates(text: str) -> list[tuple[int, int, str, str, float]]:
    """(start, end, unit, context, the context's weight) of every sentence, table row and list of one clause."""
    lines = _lines(text)
    out = []
    header, lead, item, prev = "", "", "", ""
    for s, e in lines:
        line = text[s:e]
        if " | " in line or line.startswith("|"):
            if not header:
                header = line
            rows = _flattened_rows(line)
            if rows:   # a whole table on one line: each numbered row is a span, read under the line above
                out += [(s + a, s + b, "row", prev, CONTEXT_WEIGHT) for a, b in rows]
            else:
                out.append((s, e, "row", header if header != line else "", CONTEXT_WEIGHT))
            continue
        header = ""
        pos = s
        marked = bool(_marker(line))
        # a sentence is read with what it depends on: an item with its list's lead-in, a line right
        # after a lead-in with it ("… được tính như sau:" above "Mức tiền thưởng = 1,0 x 2.340.000 …"),
        # a paragraph with the item it sits under ("a) Vòng 1: …" above "Thời gian thi: 60 phút.")
        after_lead = bool(lead) and not marked and prev == lead
        context = lead if marked or after_lead else item
        # an unmarked item ends with ";" ("Hoàn thành xuất sắc nhiệm vụ được giao;") and shares its lead-in
        # with the items after it; a line that does not completes the lead-in's sentence
        cw = CONTINUATION_WEIGHT if after_lead and not line.rstrip().endswith(";") else CONTEXT_WEIGHT
        for sent in _FULL_STOP.split(line):
            a = text.index(sent, pos)
            out.append((a, a + len(sent), "sentence", context, cw))
            parts = _SENT_END.split(sent)
            if len(parts) > 1:                 # its clauses between ";" too ("…; b) …; c) …")
                p = a
                for part in parts:
                    b = text.index(part, p)
                    out.append((b, b + len(part), "sentence", context, cw))
                    p = b + len(part)
            pos = a + len(sent)
        if marked:
            item = line
        if line.rstrip().endswith(":"):
            lead = line
        elif not marked:
            lead = ""
        prev = line
    for s, e, _ in _lists(text, lines):
        out.append((s, e, "list", "", CONTEXT_WEIGHT))
    return out


# ------------------------------------------------------------------------------ scoring

def _idf_of(idf, units: list[set[str]], accents: bool) -> Callable[[str], float]:
    """The weight of a term: the given IDF of its folded form, else an IDF over the candidate spans."""
    if callable(idf):
        return lambda t: max(float(idf(fold_diacritics(t) if accents else t)), 0.0)
    if isinstance(idf, Mapping):
        return lambda t: max(float(idf.get(fold_diacritics(t) if accents else t, 1.0)), 0.0)
    n = max(len(units), 1)
    df: dict[str, int] = {}
    for u in units:
        for t in u:
            df[t] = df.get(t, 0) + 1
    return lambda t: math.log(1 + n / (1 + df.get(t, 0))) + 0.1


def _overlap(q: list[str], span_terms: set[str], weight: Callable[[str], float]) -> float:
    """Share of the question's weighted terms and word pairs that the span holds."""
    total = sum(weight(t) for t in q) or 1.0
    got = sum(weight(t) for t in q if t in span_terms)
    pairs = [(a, b) for a, b in zip(q, q[1:])]
    return got / total + 0.05 * sum(1 for p in pairs if p in span_terms)


def _is_title(text: str) -> bool:
    """A heading line ("Điều kiện đăng ký dự tuyển công chức", "d) Đối với các doanh nghiệp"): it names
    the subject, it does not state anything about it."""
    t = text.strip().rstrip("*")
    # A year or a document's number in a heading ("… đảng viên 2025 theo Quy định 366") states nothing.
    bare = _REFERENCE.sub(" ", _ITEM.sub("", t))
    return len(t.split()) <= 14 and t[-1:] not in ".;:!?)”\"" and not re.search(r"\d", bare)


_REFERENCE = _C(r"\b(?:19|20)\d\d\b|\b(?:Quy định|Nghị định|Thông tư|Quyết định|Luật|Hướng dẫn|Kế hoạch|Điều|số)\s+"
                r"[\w/.-]*\d[\w/.-]*", re.I)


# "bao nhiêu đảng viên", "mấy Phó Chủ tịch": a count is stated with a number; a span that gives one is
# preferred to one that only names the thing counted ("b) Các Phó Chủ tịch Hội đồng;").
COUNT_BONUS = 0.15
_COUNT = _C(r"\b(?:bao nhieu|may)\s+\w")
_NUMBER = _C(r"\b(?!(?:19|20)\d\d\b)\d")     # a year ("năm 2018" in a headline) counts nothing


MIN_OVERLAP = 0.2           # below this share of the question's weight a span is about something else
RANK_DECAY = 0.12           # a later clause must match this much better per rank to win


def read(question: str, clauses: list[str], kind: str | None = None,
         idf: Callable[[str], float] | Mapping[str, float] | None = None, depth: int = 3) -> Span | None:
    """The span of the best clauses that states what the question asks, verbatim.

    Args:
        question: the user's question, with or without diacritics.
        clauses: clause texts in rank order (best first), e.g. the texts of the retrieved hits.
        kind: the question kind; question_kind(question) when None.
        idf: weight of an accent-folded syllable ("thuong", "khen"), e.g. the keyword index's IDF of
            "~" + syllable; without it, an IDF over the sentences of the given clauses is used.
        depth: how many of the first clauses are read.
    Returns:
        The best Span (clauses[span.clause][span.start:span.end] == span.text), or None when none of
        the clauses read states a thing of the asked kind with at least MIN_OVERLAP of the question's
        key words (the caller can then say the documents do not state it).
    """
    kind = kind or question_kind(question)
    accents = has_diacritics(question)
    q = list(dict.fromkeys(_terms(question, accents)))
    pool = []
    for ci, clause in enumerate(clauses[:depth]):
        for s, e, unit, context, cw in _candidates(clause):
            pool.append((ci, s, e, unit, context, clause[s:e], cw))
    if not pool or not q:
        return None
    asked_pct = asked_percent(question)
    counts = kind == "other" and _COUNT.search(_flat(question)) is not None
    units = [set(_terms(p[5], accents)) for p in pool if p[3] != "list"]
    weight = _idf_of(idf, units, accents)
    best, best_key = None, None
    for ci, s, e, unit, context, text, cw in pool:
        if unit == "sentence" and _is_title(text):
            continue
        if kind == "list" and unit != "list" and not _INLINE_LIST.search(_flat(text)):
            continue
        if kind != "list" and unit == "list":
            continue                    # other kinds are stated by a sentence or a row (a lead-in brings its list)
        if not states(kind, text if unit != "row" else f"{context}\n{text}", question):
            continue
        terms = _terms(text, accents)
        span_terms = set(terms) | set(zip(terms, terms[1:]))
        ctx = _terms(context, accents)
        ctx_terms = set(ctx) | set(zip(ctx, ctx[1:]))
        score = _overlap(q, span_terms, weight) + cw * _overlap(q, ctx_terms - span_terms, weight)
        # The line of a points table that holds the asked rate shares few words with the question: it
        # needs no minimum, and it comes first.
        holds = asked_pct is not None and in_a_range(asked_pct, text)
        if score < MIN_OVERLAP and not holds:
            continue
        if counts and _NUMBER.search(text):
            score += COUNT_BONUS
        score *= 1 - RANK_DECAY * ci
        key = (holds, round(score, 6), -ci, (e - s) if unit == "list" else -(e - s))
        if best_key is None or key > best_key:
            best, best_key = (ci, s, e, unit, score), key
    if best is None:
        return None
    ci, s, e, unit, score = best
    s, e, unit = _whole_list(clauses[ci], s, e, unit)
    return Span(clause=ci, start=s, end=e, text=clauses[ci][s:e], kind=kind, unit=unit, score=round(score, 4))


def _whole_list(text: str, s: int, e: int, unit: str) -> tuple[int, int, str]:
    """A sentence that leads into a list ("… gồm:") comes with the whole list it opens."""
    if unit == "list" or not text[s:e].rstrip().endswith(":"):
        return s, e, unit
    for ls, le, _ in _lists(text, _lines(text)):
        if ls <= s < le and e <= le:
            return ls, le, "list"
    return s, e, unit


__all__ = ["KINDS", "Span", "question_kind", "read", "states"]
