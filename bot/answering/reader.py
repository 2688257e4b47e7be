"""The reader: within the best clauses, the sentence, list or table row that states what is asked.

Issue 18, item 1. A question asks for a kind of thing (an amount, a percentage, a duration, a date, a
body, a place, a list, a yes/no rule); the answer is the span of a retrieved clause that states a thing
of that kind and shares the question's key words. The span is returned verbatim (clause index and
character offsets into that clause), so the caller can show it first and highlight it inside the
clause. A list is returned whole with its lead-in sentence ("Hồ sơ gồm:" + a), b), c)), never cut.
`read` returns None when no clause states a thing of the asked kind: the caller can then say that
the documents do not state it ("không nêu") instead of quoting a clause about something else.

Pure: imports the question-kind patterns, the spans of a clause (spans.py), the grades (grades.py), counts.py,
question.without_premise, ingest.normalize and the standard library.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.answering.counts import counted, counts_thing
from bot.answering.emulation_titles import class_asked, other_class
from bot.answering.grades import grade_named, other_grade
from bot.answering.kind_stated import _flat, asked_percent, echoes_question, in_a_range, states
from bot.answering.question_kind import KINDS, _C, fold_words, question_kind
from bot.answering.question import without_premise
from bot.answering.spans import _INLINE_LIST, _ITEM, _candidates, _lines, _lists
from ingest.normalize import fold_diacritics, has_diacritics, search_form


# ------------------------------------------------------------------------------ the words compared

# Function words with their accents. Folded, "thi" is "thì" and "thi" (thi đua), "hoi" is "hỏi" and "Hội",
# "dang" is "đang" and "Đảng", "can" is "cần" and "cán", "biet phai" is "biết phải": an accented question
# keeps the content words that only share a folded form with a function word.
_STOP_ACCENTED = {search_form(w) for w in """là và của cho các những được có không thể thế nào gì bao nhiêu lâu
khi ai ở đâu tại trong theo với về thì để này nay đó do một mỗi mọi hay hoặc nếu đã sẽ đang bị phải từ đến ra vào
như sau trước trên dưới tôi tới em mình à ạ nhé vậy gồm mà như thế nào bao gồm cần muốn xin hỏi biết được phép ko k
vì sao tại sao""".split()}
_STOP = {fold_diacritics(w) for w in _STOP_ACCENTED}     # the same words, folded


# Without accents, a function word's folded form is also a content word's: these pairs of the documents'
# vocabulary keep theirs ("biet phai" would otherwise be two function words, "can bo" only "bo").
_CONTENT_PAIRS = {tuple(p.split()) for p in """biet phai|thi dua|thi tuyen|thi hanh|ky thi|dang vien|dang uy|dang bo
|hoi dong|hoi nghi|can bo|co quan|co so|don vi|de nghi|de xuat|toi da|dung dau|bao cao|tai chinh""".split("|")}


def _in_pair(words: list[str], i: int) -> bool:
    return tuple(words[i:i + 2]) in _CONTENT_PAIRS or (i > 0 and tuple(words[i - 1:i + 1]) in _CONTENT_PAIRS)


def _terms(text: str, accents: bool = False) -> list[str]:
    """Content words of text, accent-folded; with accents=True in their accented (canonical) form, so
    an accented question does not match "tiền" with "tiến" ("Lao động tiên tiến")."""
    if not accents:
        words = fold_words(text).split()
        return [_unpadded(t) for i, t in enumerate(words) if t not in _STOP or _in_pair(words, i)]
    words = re.findall(r"[\w%]+", search_form(text))
    # A word typed without accents in an accented question ("co duoc") is read as the folded form it is.
    return [_unpadded(w) for w in words if w not in _STOP_ACCENTED and not (w in _STOP and w == fold_diacritics(w))]


def _unpadded(word: str) -> str:
    """ "01" → "1": documents pad numbers ("Đợt 01", "03 thành viên"), questions seldom do."""
    return word.lstrip("0") or "0" if word.isdigit() else word


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


def _overlap(q: list[str], span_terms: set[str], weight: Callable[[str], float], common=frozenset()) -> float:
    """Share of the question's weighted terms and word pairs that the span holds; `common` words count
    half, and a pair of them earns no bonus."""
    w = {t: weight(t) * (0.5 if t in common else 1.0) for t in q}
    got = sum(w[t] for t in q if t in span_terms)
    pairs = [(a, b) for a, b in zip(q, q[1:]) if a not in common or b not in common]
    return got / (sum(w.values()) or 1.0) + 0.05 * sum(1 for p in pairs if p in span_terms)


def _score(q: list[str], span_terms: set[str], context_terms: set[str], cw: float, weight, common=frozenset()) -> float:
    """A span's overlap with the question, plus its context's at the context's weight."""
    return _overlap(q, span_terms, weight, common) + cw * _overlap(q, context_terms, weight, common)


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


# "Tập thể lao động tiên tiến" is a title of its own, not "Lao động tiên tiến" for a group: a span that names
# the question's words only right after "tập thể" answers for the collective title, and a question that
# does not say "tập thể" asks for the individual one ("danh hiệu lao động tiên tiến được thưởng bao nhiêu":
# the row "Lao động tiên tiến | 0,3 | 702.000", not "Tập thể Lao động tiên tiến | 0,8 | 1.872.000").
COLLECTIVE_FACTOR = 0.5


def _words_folded(text: str) -> list[str]:
    return re.findall(r"\w+", fold_diacritics(text.lower()))


def _collective_only(question_words: list[str], text: str) -> bool:
    """The span holds three words of the question in a row only as part of a "tập thể …" title (three:
    "tiên tiến" alone is also in "Đơn vị tiên tiến")."""
    if "tap the" in " ".join(question_words):
        return False
    words = _words_folded(text)
    runs = set(zip(question_words, question_words[1:], question_words[2:]))
    plain = after = False
    start = None      # where the current stretch of the question's words begins
    for i, run in enumerate(zip(words, words[1:], words[2:])):
        if run not in runs:
            start = None
            continue
        start = i if start is None else start
        if start >= 2 and words[start - 2:start] == ["tap", "the"]:
            after = True
        else:
            plain = True
    return after and not plain


MIN_OVERLAP = 0.2           # below this share of the question's weight a span is about something else
RANK_DECAY = 0.12           # a later clause must match this much better per rank to win


def read(question: str, clauses: list[str], kind: str | None = None,
         idf: Callable[[str], float] | Mapping[str, float] | None = None, depth: int = 3,
         asked: str | None = None, topic: str = "", ranks: list[int] | None = None) -> Span | None:
    """The span of the best clauses that states what the question asks, verbatim.

    Args:
        question: the user's question, with or without diacritics.
        clauses: clause texts in rank order (best first), e.g. the texts of the retrieved hits.
        kind: the question kind; question_kind(question) when None.
        idf: weight of an accent-folded syllable ("thuong", "khen"), e.g. the keyword index's IDF of
            "~" + syllable; without it, an IDF over the sentences of the given clauses is used.
        depth: how many of the first clauses are read.
        asked: the whole question when `question` is only its subject: a duration must be in the unit it
            asks for ("bao nhiêu năm" is not answered by "05 ngày").
        ranks: the rank each clause's decay counts from (default: its index). Chunks the chunker cut
            from one table or Khoản share the rank of the first: their order says nothing.
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
    q_words = _words_folded(question)
    counts = kind == "other" and _COUNT.search(_flat(question)) is not None
    # "… chỉ được họp khi có bao nhiêu thành viên tham gia?": a sentence that counts the thing asked answers,
    # though another shares more of the question's subject ("Hội đồng … đánh giá … thay đổi vị trí việc làm";
    # blind dev69 d69-002 was refused "không nêu số lượng" beside "… khi có đủ từ 2/3 thành viên trở lên")
    nouns = counted(asked or question) if counts else ()
    counting = {p[5] for p in pool if nouns and p[3] != "list" and counts_thing(asked or question, nouns, p[5])}
    units = [set(_terms(p[5], accents)) for p in pool if p[3] != "list"]
    weight = _idf_of(idf, units, accents)
    # A word most candidate sentences share (the award's title in every sentence of its rules) cannot
    # tell them apart: it ranks at half weight. ("1." alone, a Khoản's number, is no sentence.)
    said = [u for u in units if len(u) >= 3]
    common = {t for t in q if len(said) >= 5 and sum(t in u for u in said) * 2 >= len(said)}
    # So does the document's own title and issuer: every sentence of "Quy chế xét tặng danh hiệu Công dân
    # Thủ đô ưu tú" of UBND thành phố Hà Nội is about them.
    if topic:
        common |= set(q) & set(_terms(topic, accents))
    grade = grade_named(asked or question)     # "… thì bị xếp loại không hoàn thành nhiệm vụ" (grades.py)
    order_class = class_asked(asked or question)   # "Huân chương Lao động hạng Ba" (emulation_titles.py)
    best, best_key, best_fresh, best_new = None, None, True, {}
    for ci, s, e, unit, context, text, cw in pool:
        if other_grade(grade, clauses[ci], s):
            continue                    # a criterion of another grade, in the same words
        if order_class and other_class("", text, order_class):
            continue                    # the row of the order's other class ("… hạng Nhì | 15 lần …")
        if unit == "sentence" and (_is_title(text) or (topic and len(text) > 20 and text.strip() in topic)):
            continue                    # a heading, or the document's own title (a news headline): states nothing
        if kind == "list" and unit != "list" and not _INLINE_LIST.search(_flat(text)):
            continue
        if kind != "list" and unit == "list":
            continue                    # other kinds are stated by a sentence or a row (a lead-in brings its list)
        if not states(kind, text if unit != "row" else f"{context}\n{text}", asked or question):
            continue
        if counting and text not in counting:
            continue
        terms = _terms(text, accents)
        span_terms = set(terms) | set(zip(terms, terms[1:]))
        ctx = _terms(context, accents)
        ctx_terms = set(ctx) | set(zip(ctx, ctx[1:]))
        score = _score(q, span_terms, ctx_terms - span_terms, cw, weight)
        # The line of a points table that holds the asked rate shares few words with the question: it
        # needs no minimum, and it comes first.
        holds = asked_pct is not None and in_a_range(asked_pct, text)
        if score < MIN_OVERLAP and not holds:
            continue
        if common:   # the minimum above counts them in full
            score = _score(q, span_terms, ctx_terms - span_terms, cw, weight, common)
        if counts and _NUMBER.search(text):
            score += COUNT_BONUS
        if _collective_only(q_words, text):
            score *= COLLECTIVE_FACTOR
        score *= 1 - RANK_DECAY * (ranks[ci] if ranks and ci < len(ranks) else ci)
        key = (holds, round(score, 6), -ci, (e - s) if unit == "list" else -(e - s))
        fresh = not echoes_question(asked or question, text)
        if best_key is None or key > best_key:
            best, best_key, best_fresh = (ci, s, e, unit, score), key, fresh
        if fresh and (ci not in best_new or key > best_new[ci][0]):
            best_new[ci] = (key, (ci, s, e, unit, score))
    if best is None:
        return None
    if not best_fresh:
        # A span that only repeats the question's own figure is its premise: "Ngoài khoản 1,5 tháng lương … còn
        # được trợ cấp thêm mấy tháng lương nữa?" is answered by Điểm a's "03 tháng", not Điểm b's "1,5 tháng"
        # (blind dev71 d71-034 was refused "không nêu" for the echo). Another span of the same clause that states
        # something new answers; one of another clause is about something else ("dưới 02 năm công tác" for "thời
        # hạn bổ nhiệm dưới 05 năm, vậy cụ thể là mấy năm?", dev39 d39-040, out of scope).
        if best[0] in best_new:
            best = best_new[best[0]][1]
        elif without_premise(question) != question:
            # the premise's words weigh most: the ask after "ngoài …", read alone, may find a span of the clause
            found = read(without_premise(question), clauses, kind, idf, depth, asked or question, topic, ranks)
            if found is not None and found.clause == best[0]:
                return found
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
