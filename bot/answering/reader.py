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

from ingest.normalize import fold_diacritics, has_diacritics, search_form

KINDS = ("amount", "percent", "duration", "date", "body", "place", "list", "yesno", "other")


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


# ------------------------------------------------------------------------------ question kind

def _fold(text: str) -> str:
    """Lower case, accents folded, words separated by single spaces and padded: " co duoc ... khong "."""
    return " " + " ".join(re.findall(r"[\w%]+", fold_diacritics(text.lower()))) + " "


_C = re.compile
# Cues on the folded question, strongest first: an interrogative word beats a topic word ("thời hạn").
_STRONG = [
    # the unit right after "bao nhiêu"/"mấy" decides first ("bao nhiêu năm công tác", "bao nhiêu ngày")
    ("percent", _C(r" (?:bao nhieu|may) (?:%|phan tram) ")),
    ("duration", _C(r" (?:bao nhieu|may) (?:nam|thang|ngay|tuan|gio|phut) (?!tuoi)| bao lau ")),
    ("amount", _C(r" bao nhieu (?:tien|dong|trieu|nghin|ngan|ty dong) ")),
    ("percent", _C(r" (?:ty|ti) le (?:\w+ ){0,14}(?:bao nhieu|may|nhu the nao|la gi) | bao nhieu (?:\w+ ){0,4}(?:ty le|ti le) ")),
    # "ưu tiên" folds to "uu tien": "bao nhiêu điểm ưu tiên" asks for points, not money.
    ("amount", _C(r"(?<!uu) (?:tien|duoc thuong|muc thuong|luong|le phi|kinh phi|muc phat|tro cap|ho tro|chi phi|muc chi)"
                  r"(?: \w+){0,3} bao nhieu "
                  r"| bao nhieu (?:\w+ ){0,3}(?<!uu )(?:tien|muc luong|luong co so) | muc (?:tien )?thuong | (?:muc|so) tien ")),
    ("duration", _C(r" trong thoi gian bao | thoi gian bao ")),
    ("date", _C(r" khi nao | ngay nao | thang nao | nam nao (?!cung)| bao gio | truoc ngay | thoi diem | han chot "
                r"| han cuoi | han nop | thoi gian nao | tu (?:ngay|thang) nao ")),
    ("body", _C(r" (?:co quan|don vi|cap|to chuc|nguoi|bo|so|ban|hoi dong|chu the) nao (?!cung)")),
    ("place", _C(r" o dau | tai dau | noi nao | (?:tinh|thanh pho|huyen|xa|phuong|dia phuong|dia diem) nao (?!cung)"
                 r"| dia diem ")),
    ("list", _C(r" nhung gi | nhung (?:\w+ ){1,6}nao | cac (?:\w+ ){1,6}nao | gom (?:nhung )?(?:gi|nhung) "
                r"| bao gom (?:nhung )?(?:gi|nhung)? | gom nhung ")),
    ("other", _C(r" (?:bao nhieu|may) ")),    # a count or a score ("bao nhiêu điểm", "mấy người")
]
# "ai" (who) is read on the accented question when it has accents: folded, "ái quốc" would be "ai".
_WHO = _C(r" ai (?!cung)")
_YESNO = _C(r" co (?:duoc|phai|bat buoc|can|bi|the|nen|duoc phep) .* (?:khong|ko|hay khong) ?$"
            r"| (?:duoc|phai|dung|bat buoc|can) (?:khong|ko) ?$| hay khong ?$| co .* khong ?$")
_WEAK = [
    ("body", _C(r" tham quyen ")),
    ("duration", _C(r" thoi han | trong thoi gian | thoi gian (?:giai quyet|xu ly|thu ly|nop|cong tac|giu) ")),
    ("list", _C(r" ho so | giay to | tai lieu | gom | thu tuc | (?:tieu chuan|dieu kien|nhiem vu|quyen|trach nhiem) "
                r"(?:\w+ ){0,8}(?:gi|nao) ")),
    ("percent", _C(r" (?:ty|ti) le | phan tram | % ")),
]


def question_kind(question: str) -> str:
    """What a question asks for: one of KINDS.

    Cues are read on the accent-folded question, so "Thoi han giai quyet la bao lau" is "duration"
    like its accented form. An interrogative ("bao nhiêu tiền", "bao lâu", "khi nào", "cơ quan nào",
    "ở đâu", "những gì") decides first; then "có được … không"; then topic words ("thời hạn", "hồ sơ").
    """
    q = _fold(question)
    accented = " " + " ".join(re.findall(r"[\w%]+", question.lower())) + " "
    for kind, pat in _STRONG:
        if kind == "list" and _WHO.search(accented if has_diacritics(question) else q):
            return "body"               # "gồm những ai": a list of people is asked as "who"
        if pat.search(q):
            return "yesno" if kind == "other" and _YESNO.search(q) and " co bao nhieu " not in q else kind
    if _YESNO.search(q):
        return "yesno"
    for kind, pat in _WEAK:
        if pat.search(q):
            return kind
    return "other"


# ------------------------------------------------------------------------------ what answers a kind

_NUMWORD = r"(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|muoi lam|hai muoi|ba muoi|muoi hai)"
_ANSWERS = {  # patterns on the folded, lower-cased span
    "amount": _C(r"\d[\d.,]*\s*(?:dong|trieu|ty|nghin|ngan|vnd|vnđ)\b|\d[\d.,]*\s*(?:d|đ)\b(?!\w)"
                 r"|\d+(?:[.,]\d+)?\s*lan\s+(?:muc\s+)?luong|(?:muc|so) tien\s+(?:thuong\s+)?(?:la\s+)?\d"
                 r"|\b\d{1,3}(?:\.\d{3}){2,}\b"),   # 2.340.000 in a table whose unit is "đồng"
    "percent": _C(r"\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*phan tram|(?:mot|hai|ba) phan (?:hai|ba|tu|nam)"),
    "duration": _C(rf"(?<!thang )(?<!ngay )(?<!nam )\b(?:\d+|{_NUMWORD})(?:\s*\([a-z ]+\))?\s+"
                   r"(?:nam|thang|ngay|tuan|gio|phut|quy)\b(?!\s*\d)|(?:thoi han|thoi gian)[^.;]{0,60}\d+\s*(?:nam|thang|ngay)"
                   r"|\btu (?:ngay|thang) [^.;]{1,40}? den (?:het )?(?:ngay|thang) "),
    "date": _C(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|ngay\s+\S+\s+thang\s+\S+(?:\s+nam\s+\S+)?|truoc ngay\s+\S+"
               r"|\bthang\s+\d{1,2}\b|\bquy\s+(?:[ivx]+|\d)\b|hang nam|dinh ky|ngay\s+\d{1,2}\b"),
    "place": _C(r"\b(?:tai|o)\s+(?:tru so|dia diem|bo phan|trung tam|cong dich vu|noi|phong|van phong|uy ban|ubnd|so|"
                r"tinh|thanh pho|huyen|xa|phuong|co quan)\b|\bdia diem\b|\btru so\b|\bnoi (?:cu tru|lam viec|nop)\b"),
    "yesno": _C(r"\b(?:duoc|khong duoc|phai|co the|bat buoc|nghiem cam|cam|khong|chi)\b"),
}
# Bodies are recognised on the original text: the capital tells "Bộ" (a ministry) from "bộ" (a set).
_BODY = _C(r"\b(?:Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Chủ tịch|Bộ trưởng|Thủ tướng|Chính phủ|Quốc hội|Bộ|Sở|Ban|Cục|Vụ|"
           r"Phòng|Văn phòng|Thủ trưởng|Người đứng đầu|người đứng đầu|Giám đốc|Hiệu trưởng|Tòa án|Toà án|Viện kiểm sát|"
           r"Thanh tra|Trưởng|cơ quan có thẩm quyền|cấp có thẩm quyền|cơ quan chuyên môn|cơ quan, tổ chức, đơn vị)\b")


def states(kind: str, text: str) -> bool:
    """Whether text states a thing of the given kind (a "list" is judged by its shape, see _candidates)."""
    if kind == "body":
        return bool(_BODY.search(text))
    if kind in ("list", "other"):
        return True
    return bool(_ANSWERS[kind].search(_flat(text)))


def _flat(text: str) -> str:
    """Lower case, accents folded, punctuation kept ("05 nam (60 thang)", "31/3/2026")."""
    return re.sub(r"\s+", " ", fold_diacritics(text.lower()))


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

_STOP = set("""la va cua cho cac nhung duoc co khong the nao gi bao nhieu lau khi ai o dau tai trong theo voi ve thi de
nay do mot moi hay hoac neu da se dang bi phai tu den ra vao nhu sau truoc tren duoi toi em minh a nhe vay gom
ma nhu the nao bao gom can muon xin hoi biet duoc phep ko k vi sao tai sao""".split())


def _terms(text: str, accents: bool = False) -> list[str]:
    """Content words of text, accent-folded; with accents=True in their accented (canonical) form, so
    an accented question does not match "tiền" with "tiến" ("Lao động tiên tiến")."""
    if not accents:
        return [t for t in _fold(text).split() if t not in _STOP]
    words = re.findall(r"[\w%]+", search_form(text))
    return [w for w in words if fold_diacritics(w) not in _STOP]


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
    return len(t.split()) <= 14 and t[-1:] not in ".;:!?)”\"" and not re.search(r"\d", _ITEM.sub("", t))


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
        if not states(kind, text if unit != "row" else f"{context}\n{text}"):
            continue
        terms = _terms(text, accents)
        span_terms = set(terms) | set(zip(terms, terms[1:]))
        ctx = _terms(context, accents)
        ctx_terms = set(ctx) | set(zip(ctx, ctx[1:]))
        score = _overlap(q, span_terms, weight) + cw * _overlap(q, ctx_terms - span_terms, weight)
        if score < MIN_OVERLAP:
            continue
        score *= 1 - RANK_DECAY * ci
        key = (round(score, 6), -ci, (e - s) if unit == "list" else -(e - s))
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
