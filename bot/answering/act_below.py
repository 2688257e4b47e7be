"""A yes/no question's act that the three best clauses lack, held by a clause of the same document ranked
just below.

Refusal's act check (coverage.act_not_found) reads the three best clauses. The clause that says yes or
no to the act is often a sibling of theirs ranked a little lower: the question's subject ("danh hiệu Công
dân danh dự Thủ đô") matches every Điều of the resolution, and the one that answers ("không áp dụng hình
thức truy tặng", Điều 3) shares only the act with the question (eval/dev22.jsonl d22-035).

Such a clause answers only when
- it is from the best clause's document: ranked 4th to 8th, or among that document's clauses the keyword
  index ranks in its ten best;
- it holds every key syllable of the act by itself, where the three best together held less than half;
- of those clauses, it is the first.
It is then moved first and the usual checks run again on the new order.
"""

from __future__ import annotations

from bot.answering.coverage import act_share
from bot.answering.figure_below import keyword_pool
from bot.types import Hit

FIRST = 3      # the act check read the three best clauses (refusal.TOP_N)


def act_below(question: str, hits: list[Hit], idf) -> int | None:
    """Index (FIRST or beyond) of the first clause of the best clause's document holding the whole act."""
    for j in range(FIRST, len(hits)):
        h = hits[j]
        if h.doc_id != hits[0].doc_id:
            continue
        act, share = act_share(question, [h], idf)
        if act and share >= 1.0:
            return j
    return None


def act_reordered(retriever, question: str, hits: list[Hit], reasons: list[str], filters=None,
                  n_context: int = 3) -> list[Hit] | None:
    """The hits with the clause holding the act moved first, when the act check alone refused
    (`reasons` are all "act: …") and a lower clause of the same document holds it; else None."""
    if not reasons or not all(r.startswith("act: ") for r in reasons) or not hits:
        return None
    pool = hits + keyword_pool(retriever, question, hits, filters)
    j = act_below(question, pool, getattr(retriever, "folded_idf", None))
    if j is None:
        return None
    moved = [pool[j]] + [h for i, h in enumerate(pool) if i != j][: len(hits) - 1]
    for h in moved[:n_context]:
        if not h.context:
            retriever.with_context(h)
    return moved
