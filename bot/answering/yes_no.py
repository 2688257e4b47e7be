"""A yes/no question asks about one act or case: do the best clauses speak of it at all?

Issue 18, item 4 for "có được … không". The phrase-coverage check (bot/answering/refusal.py) reads the
whole question, and a permission question shares most of its words with the clauses on its topic:
"Thời gian nghỉ thai sản của công chức có được tính để nâng bậc lương thường xuyên không?" found the
clause on the time counted for a severance allowance, and that clause was shown as the answer. What the
question asks is the part from its first verb on ("được tính để nâng bậc lương thường xuyên"). When
the best clauses hold less than LOW of that part's key syllables (IDF-weighted), they do not speak of
the case, and the answer is "Tài liệu hiện có không nêu quy định cho trường hợp …" with the nearest
clause.

LOW sits in the gap the development sets show (eval/dev*.jsonl, docs/benchmarks.md): below 0.3, 3 of their 19
out-of-scope yes/no questions that pass the other checks and 1 of 68 answerable ones (whose clause is
not retrieved at all); the next answerable one holds 0.43.
"""

from __future__ import annotations

import re
from typing import Callable

from bot.answering.question import syllables
from bot.answering.question_kind import question_kind
from bot.answering.refusal import key_terms
from bot.types import Hit
from ingest.normalize import fold_diacritics

LOW = 0.35
DEPTH = 3     # the clauses the answer is read from (bot/answering/direct.py READ_DEPTH)
# The asked part: from the first verb of the question to its closing "không".
_ASKED = re.compile(r" (?:co|duoc|phai|bi|can) ((?:duoc|phai|bi|can|the|bat buoc|duoc phep|nen)? ?.*?) "
                    r"(?:hay )?(?:khong|ko) ?$")


def asked_case(question: str) -> str:
    """The folded part of a yes/no question that names what it asks about; "" when there is none."""
    if question_kind(question) != "yesno":
        return ""
    folded = " " + " ".join(re.findall(r"\w+", fold_diacritics(question.lower()))) + " "
    m = _ASKED.search(folded)
    return m.group(1) if m else ""


def case_not_covered(question: str, hits: list[Hit], idf: Callable[[str], float] | None = None) -> bool:
    """The best clauses hold less than LOW of the asked case's key syllables."""
    terms = key_terms(asked_case(question), idf)
    if not terms or not hits:
        return False
    weight = {t: (idf(t) if idf else 1.0) for t in terms}
    total = sum(weight.values()) or 1.0
    best = 0.0
    for h in hits[:DEPTH]:
        bag = set(syllables(f"{h.title} {h.section} {h.text} {h.context or ''}"))
        best = max(best, sum(w for t, w in weight.items() if t in bag) / total)
    return best < LOW


__all__ = ["LOW", "asked_case", "case_not_covered"]
