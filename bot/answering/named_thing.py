"""A named award or title the best clauses mention only in passing (issue 18, item 4).

"Tiêu chuẩn phong tặng danh hiệu Anh hùng Lao động là gì?" finds clauses that do name "Anh hùng Lao
động" — inside a list of titles ("… danh hiệu “Anh hùng Lực lượng vũ trang nhân dân”, “Anh hùng Lao
động”, “Chiến sĩ thi đua toàn quốc” phải có tỷ lệ phiếu …", "… đạt danh hiệu Anh hùng Lao động, Chiến
sĩ thi đua toàn quốc, …") — so the document-level name check (focus.missing_names) lets it through, and
the answer quotes a clause about another title. A clause is about the title when it names it outside
such a list: as the subject of its sentence ("Kỷ niệm chương “Vì sự nghiệp …” để tặng cho …"), in its
heading. When every mention in the best clauses is an item of a list of titles, the documents do not
regulate that title: the answer says so instead of quoting another title's rules.

A title none of the best clauses names at all is left to the other checks (a lower clause may still
answer a paraphrase).
"""

from __future__ import annotations

import re

from bot.answering.focus import award_titles
from ingest.normalize import fold_diacritics

TOP_N = 3
_PART = re.compile(r"[.;:!?]\s|\n")
_QUOTED = re.compile(r"[“\"][^”\"]{3,80}[”\"]")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", fold_diacritics(text.lower()).replace("đ", "d"))


def _in_a_list(part: str, start: int, end: int) -> bool:
    """Whether the title at part[start:end] (folded) is one item of a list of titles: other quoted
    titles share its sentence part, or a comma joins it to the next or previous item."""
    others = [m for m in _QUOTED.finditer(part) if not (m.start() <= start and end <= m.end())]
    if len(others) >= 2:
        return True
    after = part[end:end + 3].lstrip("”\" ")
    before = part[max(0, start - 3):start].rstrip("“\" ")
    return after.startswith(",") or before.endswith(",")


def mentioned_in_passing(question: str, hits: list) -> str | None:
    """The question's award title when the best clauses name it, but only as an item of a list."""
    titles = [t.strip("“”") for t in award_titles(question)]
    if not titles or not hits:
        return None
    for title in titles:
        key = _fold(title)
        mentions, subject = 0, False
        for h in hits[:TOP_N]:
            text = _fold(f"{h.text}\n{h.context or ''}")
            for part in _PART.split(text):
                for m in re.finditer(re.escape(key), part):
                    mentions += 1
                    if not _in_a_list(part, m.start(), m.end()):
                        subject = True
        if mentions and not subject:
            return title
    return None


__all__ = ["mentioned_in_passing"]
