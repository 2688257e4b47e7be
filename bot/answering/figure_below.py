"""A figure asked for that the five best clauses lack, stated by a clause of the same document just below.

Refusal's figure check (refusal.py, check 3) reads the five best clauses. When all of them come from the
document the question names, the clause that states the figure is often one of its siblings ranked a
little lower: the question's other words ("phong trào … chi trả … Cần Thơ") match every clause of the
plan, and the one that answers ("Đợt 01: 10 ngày làm việc") shares only the asked words with it
(eval/dev21.jsonl d21-031; d21-059: "Tiêu chí chung … (20 điểm)" ranked 9th in its decision).

Such a clause answers only when
- it is from the best clause's document, ranked 6th to 10th;
- it states every kind of figure that was missing, a duration in the unit asked ("mấy ngày làm việc" is not
  answered by "một năm");
- of those clauses, it has most of the question's pairs of adjacent words (IDF-weighted), and at least one.
It is then moved first and the usual checks run again on the new order.

The same document's clauses that only the keyword index ranks high are looked at too (`keyword_pool`): a
procedure table's row ("Chỉ những cá nhân đạt ít nhất 80% số phiếu tín nhiệm …", QĐ 3621) sits in a chunk
of several steps whose vector is about none of them; it ranks 3rd by keywords and 182nd by meaning, so
fusion leaves it out of the ten (eval/dev12.jsonl d12-056, dev27 d27-042).
"""

from __future__ import annotations

import re

from bot.answering.figures import states_figure
from bot.answering.question import as_question, syllables
from bot.answering.kind_stated import states
from bot.types import Hit
from ingest.normalize import fold_diacritics

FIRST, LAST = 5, 10      # 0-based ranks looked at: the check read the first five
KEYWORD_DEPTH = 10       # the keyword index's best clauses added to those ranks
_UNIT_ASKED = re.compile(r"\b(?:may|bao nhieu)\s+(ngay lam viec|ngay|thang|nam|tuan|gio|phut)\b")
_NUMBER = r"(?:\d+(?:[.,]\d+)*|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|nua)"


def _unit_stated(question: str, text: str) -> bool:
    """A duration asked in a unit ("mấy ngày làm việc") is stated in that unit; any unit for "bao lâu"."""
    m = _UNIT_ASKED.search(as_question(question).search_folded)
    if not m:
        return True
    unit = m.group(1).replace(" ", r"\s+")
    return re.search(rf"\b{_NUMBER}\s*(?:\([^)]{{1,20}}\)\s*)?{unit}\b", fold_diacritics(text.lower())) is not None


# A share as a clause writes it: "80%", "80 phần trăm", "2/3", "một nửa"; not the "24/2024" of a cited
# Thông tư nor a "Số phiếu" heading, which the refusal's looser pattern (figures.FIGURES) lets pass
# (blind dev32 d32-024 moved a procedure table's list of forms first instead of its 80% row).
_SHARE = re.compile(r"\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*phần trăm|(?<![\w/])[1-9]\s*/\s*[2-9](?![\w/])|một nửa|quá nửa")


def _states(kind: str, text: str, question: str) -> bool:
    """A figure kind (figures.FIGURES; a share strictly), or a day ("date": kind_stated.states, a cited
    document's date not counting)."""
    if kind == "date":
        return states(kind, text, question)
    return _SHARE.search(text) is not None if kind == "percent" else states_figure(kind, text)


def figure_below(question: str, hits: list[Hit], kinds: list[str], idf=None, first: int = FIRST,
                 keep=None) -> int | None:
    """Index (first..LAST-1, or beyond for the keyword pool's clauses) of the clause that states the
    missing figure `kinds` (and that `keep`, when given, keeps), or None."""
    if not kinds or len(hits) <= first:
        return None
    q = as_question(question)
    sylls = syllables(q.expanded)
    # Every adjacent pair of the question's words, common ones too: "tiêu chí chung", "ngày làm việc"
    # tell a sibling clause from the next one, and key pairs drop such words as too frequent.
    pairs = {(a, b): (idf(a) if idf else 1.0) + (idf(b) if idf else 1.0) for a, b in zip(sylls, sylls[1:])}
    best, best_cov = None, 0.0
    for j in range(first, len(hits)):
        h = hits[j]
        if h.doc_id != hits[0].doc_id or not all(_states(k, h.text, q) for k in kinds) or (keep and not keep(h)):
            continue
        if "duration" in kinds and not _unit_stated(q, h.text):
            continue
        text = syllables(f"{h.dieu} {h.text}")
        cov = sum(w for p, w in pairs.items() if p in set(zip(text, text[1:])))
        if cov > best_cov:
            best, best_cov = j, cov
    return best


def reordered(retriever, question: str, reasons: list[str], filters=None, all_versions: bool = False,
              k: int = 8, n_context: int = 3) -> list[Hit] | None:
    """The hits with the clause stating the missing figure first, when the figure check alone refused
    (`reasons` are all "figure: …") and figure_below finds one; else None. The search is run again ten
    deep: answering reads eight.

    Not when the best clause refers the figure to another text ("referred: …", applies_to.py): a sibling below
    stating some figure of that kind answered ten out-of-scope questions of the development sets that way
    ("… khiếu nại quyết định kỷ luật … bao nhiêu ngày?" with "trong thời hạn 30 ngày, kể từ ngày công bố quyết
    định kỷ luật về đảng"), for one answerable (blind dev65 d65-009; session 28)."""
    kinds = [r.split(": ", 1)[1] for r in reasons if r.startswith("figure: ")]
    if not kinds or len(kinds) != len(reasons):
        return None
    deeper = retriever.search(question, k=LAST, filters=filters, all_versions=all_versions)
    return _moved_first(retriever, question, deeper + keyword_pool(retriever, question, deeper, filters),
                        kinds, FIRST, k, n_context)


def keyword_pool(retriever, question: str, hits: list[Hit], filters=None) -> list[Hit]:
    """The best clause's document's clauses among the keyword index's KEYWORD_DEPTH best that are not in
    `hits`, as Hits (ranked after them)."""
    if not hits or not hasattr(retriever, "keyword") or not hasattr(retriever, "clause"):
        return []
    seen = {h.chunk_id for h in hits}
    allowed = retriever.allowed_docs(filters) if filters else None
    rows = retriever.keyword(as_question(question).expanded, KEYWORD_DEPTH, allowed)
    out = [retriever.clause(r["chunk_id"]) for r, _ in rows
           if r["doc_id"] == hits[0].doc_id and r["chunk_id"] not in seen]
    return [h for h in out if h is not None]


def stated_elsewhere(retriever, question: str, hits: list[Hit], kind: str, filters=None, k: int = 8,
                     n_context: int = 3, first: int = FIRST, keep=None) -> list[Hit] | None:
    """The hits with a clause of the best clause's document that states the `kind` asked moved first, when
    none of the `first` best clauses states it (not_stated.py; the reader's, answer.py) and one ranked lower
    (up to the fifth), or by keywords only, does (and `keep` keeps)."""
    pool = hits[:FIRST] + keyword_pool(retriever, question, hits[:FIRST], filters)
    return _moved_first(retriever, question, pool, [kind], first, k, n_context, keep)


def _moved_first(retriever, question: str, pool: list[Hit], kinds: list[str], first: int, k: int,
                 n_context: int, keep=None) -> list[Hit] | None:
    j = figure_below(question, pool, kinds, getattr(retriever, "folded_idf", None), first, keep)
    if j is None:
        return None
    hits = [pool[j]] + [h for i, h in enumerate(pool) if i != j][: k - 1]
    for h in hits[:n_context]:
        if not h.context:
            retriever.with_context(h)
    return hits
