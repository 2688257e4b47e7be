"""Whether the best clauses' rules are for the people and the place the question asks about.

A near-topic question often shares nearly every word with a clause that governs someone else, so
phrase coverage cannot refuse it:
- "Thời hiệu xử lý kỷ luật đối với viên chức là bao lâu?" finds Luật Cán bộ, công chức's Điều 37, whose
  5 and 10 years are for cán bộ, công chức. Viên chức are disciplined under another law the corpus
  does not hold, so quoting Điều 37 would give a wrong figure.
- "Quảng Ninh xét tặng Cờ thi đua của UBND tỉnh theo tiêu chuẩn nào?" finds Bắc Ninh's decision.
  Quảng Ninh is named somewhere in the index, so the missing-name check in focus.py lets it through.

Two checks. Each returns the reason refusal.py records, or None:
- **people**: the question names exactly one of the groups the documents regulate separately (cán bộ,
  công chức, viên chức, đảng viên). Neither of the two best clauses names that group, with its
  document title and heading, and they name another group instead.
- **place**: the question names a province or city. The best clause is another province's own
  document (ingest.places.same_place counts the 2025 mergers), and none of the three best clauses
  comes from that place. A national document or an article may still answer, with a note
  (refusal.py's `unnamed`).

Issue 18 item 4. Chosen on eval/dev.jsonl, dev2, dev3 and oos.jsonl, and checked on ALQAC's own
questions. There they fired on none of 377 answerable questions and on 8 out-of-scope ones. The
figures are in docs/benchmarks.md.
"""

from __future__ import annotations

from typing import Callable

from bot.answering.authority import LOCAL, doc_places, level, of_scope, question_scope
from bot.answering.question import as_question, phrase_form

# The groups whose rules are separate laws (Luật Cán bộ, công chức; Luật Viên chức; the Party's rules):
# folded, padded phrase → how the answer names the group.
GROUPS = {" can bo ": "cán bộ", " cong chuc ": "công chức", " vien chuc ": "viên chức", " dang vien ": "đảng viên"}
PEOPLE_CLAUSES = 2   # a sibling clause ranked second may name the group the first leaves implicit
PLACE_CLAUSES = 3


def groups_in(text: str) -> list[str]:
    """The regulated groups a text names ("cán bộ, công chức" → ["cán bộ", "công chức"])."""
    f = phrase_form(text)
    return [name for key, name in GROUPS.items() if key in f]


def other_people(question: str, hits: list) -> str | None:
    """"viên chức / cán bộ, công chức" when the question asks about one group and the best clauses
    are about other groups only; None otherwise."""
    asked = groups_in(as_question(question).expanded)
    if len(asked) != 1 or not hits:
        return None   # no group, or several ("CBCCVC"): any clause about one of them may answer
    found: list[str] = []
    for h in hits[:PEOPLE_CLAUSES]:
        named = groups_in(f"{h.title} {h.dieu} {h.section} {h.text} {h.context}")
        if asked[0] in named or not named:
            return None   # a clause for the asked group, or one naming no group (it may apply to all)
        found += [g for g in named if g not in found]
    return f"{asked[0]} / {', '.join(found)}"


def other_place(question: str, hits: list, document_record: Callable[[object], object] | None) -> str | None:
    """"Quảng Ninh / Bắc Ninh" when the question names a place and the best clause is another
    province's document and none of the best is that place's; None otherwise."""
    if document_record is None or not hits:
        return None
    places, _ = question_scope(question)
    if not places:
        return None
    records = [document_record(h) for h in hits[:PLACE_CLAUSES]]
    top = records[0]
    if top is None or level(top) != LOCAL or not doc_places(top):
        return None
    if any(r is not None and of_scope(r, places, []) for r in records):
        return None
    return f"{places[0]} / {doc_places(top)[0]}"
