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

import re

from bot.answering.coverage import ASIDE, act_share
from bot.answering.figure_below import keyword_pool
from bot.answering.question import _SYL, syllables
from bot.answering.yes_no import asked_act
from bot.types import Hit
from ingest.normalize import has_diacritics, search_form

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


def act_among_best(question: str, hits: list[Hit]) -> int | None:
    """Index (1 or 2) of the clause among the three best whose text writes the head of the act (its first two
    syllables, "điều động"), when the best one's writes neither syllable. The act check passes on the three
    together; the answer should come from the one that says yes or no to the act. "Anh em trong phòng đang bị
    xem xét kỷ luật thì cơ quan có được điều động đi đơn vị khác không?" ranked NĐ 172 Điều 2 Khoản 11 ("anh,
    chị, em ruột … bị xem xét xử lý kỷ luật") first and NĐ 170 Điều 25 Khoản 4–5 ("không thực hiện điều động …
    đang trong quá trình bị xem xét, xử lý kỷ luật") second (dev75 d75-010). A best clause that writes one of
    them ("được sử dụng đi làm căn cứ" for "dùng làm căn cứ") stays first (dev43 d43-004, dev14 d14-052)."""
    act = ASIDE.sub("", asked_act(question)) if len(hits) > 1 else ""
    accents = has_diacritics(act)
    words = _words(act, accents)
    if len(words) < 2:
        return None
    head = f" {words[0]} {words[1]} "
    best = _words(hits[0].text, accents)
    if words[0] in best or words[1] in best:
        return None
    return next((j for j in range(1, min(FIRST, len(hits))) if head in f" {' '.join(_words(hits[j].text, accents))} "),
                None)


def _words(text: str, accents: bool) -> list[str]:
    """Syllables as typed (lower case, one tone placement) or folded."""
    return _SYL.findall(search_form(text)) if accents else syllables(text)


# The act as a phrase: three or more syllables the question writes in a row ("làm lại bài"). Its glue
# syllables ("làm", "lại") are not key terms, so act_share sees only "bài", which every clause holds.
PHRASE_MIN = 3
PHRASE_DEPTH = 8
_ASKED = re.compile(r"[^\n.?]*\?")


def phrase_below(question: str, hits: list[Hit]) -> int | None:
    """Index (1 to PHRASE_DEPTH - 1) of the first clause of the best clause's document that writes the act of
    a yes/no question word for word, when the best clause does not ("máy bị treo thì có được làm lại bài
    không": NĐ 22/2025 Nội quy Khoản 11 "thí sinh được làm lại bài thi", ranked 4th or 5th under the rules
    on preparing the computers; blind dev34 d34-045, dev38 d38-026 and dev39 d39-030 asked it)."""
    act = ASIDE.sub("", asked_act(question)) if hits else ""
    words = syllables(act)
    if len(words) < PHRASE_MIN:
        return None
    phrase = f" {' '.join(words)} "

    def holds(h: Hit) -> bool:      # in a statement: an article's heading asks it ("… có thẩm quyền … không?")
        return phrase in f" {' '.join(syllables(_ASKED.sub(' ', h.text)))} "

    if holds(hits[0]):
        return None
    return next((j for j in range(1, min(PHRASE_DEPTH, len(hits)))
                 if hits[j].doc_id == hits[0].doc_id and holds(hits[j])), None)


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
