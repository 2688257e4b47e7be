"""The asked group's own clause ranked below clauses for another group.

Refusal's people check (applies_to.other_people) reads the three best clauses: when all of them are for
another group than the one asked (viên chức for công chức), it refuses. The asked group's own rule is often
ranked just below them, because another group's rule uses the same words: "Khi đánh giá công chức làm ở bộ
phận tiếp dân, một cửa thì có xét đến thái độ phục vụ người dân và doanh nghiệp không?" ranked NĐ 233's
criteria for viên chức ("Thái độ phục vụ người sử dụng dịch vụ sự nghiệp công") first to third and Luật 80
Điều 25 Khoản 4 ("thái độ phục vụ người dân, doanh nghiệp", công chức) sixth (blind dev93 d93-018; dev84
d84-001 had the đảng viên guide's rule fifth under NĐ 233).

Such a clause answers only when
- it names the asked group itself, with its document's title and heading (one that names no group may be
  any group's);
- read alone, it supports the question: another group's clauses share the question's words, so the
  support of the three together says nothing about it. A near-topic question finds some clause of the
  asked group below, on another subject: alone it does not cover the question, and the refusal stands;
- of those clauses, it is the first;
- the question asks for no figure: a clause below that holds the words of "Thời gian biệt phái viên chức tối
  đa là bao lâu?" (NĐ 233 Điều 14, on evaluating viên chức sent on biệt phái) states other periods, and a
  figure read from it would be a guess (dev9 d9-033, out of scope; NĐ 170's 03 năm is for công chức).
It is then moved first and the usual checks run again on the new order.
"""

from __future__ import annotations

from typing import Callable

from bot.answering.applies_to import PEOPLE_CLAUSES, groups_in, groups_of, other_people
from bot.answering.figures import asks_for_figure
from bot.answering.question import as_question
from bot.types import Hit


def people_below(question: str, hits: list[Hit], reasons: list[str],
                 supports_alone: Callable[[Hit], bool]) -> list[Hit] | None:
    """The hits with the first clause ranked PEOPLE_CLAUSES or below that is for the asked group and
    supports the question alone (`supports_alone`) moved first, when refusal's only reason is the people
    check; None otherwise."""
    if (not reasons or not all(r.startswith("people: ") for r in reasons) or not other_people(question, hits)
            or asks_for_figure(question)):
        return None
    asked = groups_in(as_question(question).expanded)[0]
    for j in range(PEOPLE_CLAUSES, len(hits)):
        if asked in groups_of(hits[j]) and supports_alone(hits[j]):
            # the others keep their order: the other group's clauses still show as further sources
            return [hits[j]] + hits[:j] + hits[j + 1:]
    return None


__all__ = ["people_below"]
