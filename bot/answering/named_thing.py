"""A named award or title the best clauses mention only in passing (issue 18, item 4).

"Tiêu chuẩn phong tặng danh hiệu Anh hùng Lao động là gì?" finds clauses that do name "Anh hùng Lao
động" — inside a list of titles ("… danh hiệu “Anh hùng Lực lượng vũ trang nhân dân”, “Anh hùng Lao
động”, “Chiến sĩ thi đua toàn quốc” phải có tỷ lệ phiếu …", "… đạt danh hiệu Anh hùng Lao động, Chiến
sĩ thi đua toàn quốc, …") — so the document-level name check (focus.missing_names) lets it through, and
the answer quotes a clause about another title. A clause is about the title when it names it outside
such a list: as the subject of its sentence ("Kỷ niệm chương “Vì sự nghiệp …” để tặng cho …"), in its
heading. When every mention in the best clauses is an item of a list of titles, the documents do not
regulate that title: the answer says so instead of quoting another title's rules. Not when the
question asks for a figure: a list of titles may share one ("… phải có tỷ lệ phiếu đồng ý từ 90%").

A title none of the best clauses names at all is left to the other checks (a lower clause may still
answer a paraphrase).

Also a lower-case word of two or more syllables the corpus never uses at all ("giáo viên mầm non"):
phrase coverage weighs it as one pair among many, so a question about an unindexed thing that shares
its other words with a real clause passed. On eval/dev.jsonl and eval/oos.jsonl such words occur only
in out-of-scope questions.
"""

from __future__ import annotations

import re

from bot.answering.asked_kind import asked
from bot.answering.focus import award_titles
from bot.answering.question import as_question
from ingest.places import place_spans
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
    if not titles or not hits or asked(question):
        # A list of titles may share one figure ("“Anh hùng Lao động”, “Chiến sĩ thi đua toàn quốc” …
        # phải có tỷ lệ phiếu đồng ý từ 90%"): a figure asked is left to asked_kind.py.
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


# A syllable no chunk holds gets the keyword index's highest idf: this one's (any index size).
_NEVER = "qqxzqq"


def unknown_words(question: str, idf, key: set[str]) -> list[str]:
    """Runs of two or more lower-case key syllables no indexed clause uses ("mầm non", "ngành hóa chất"):
    a thing no document speaks of, however well the rest of the question is covered. One unknown
    syllable alone is as often a typo ("bao nhiu") as a new thing, and is not counted."""
    q = as_question(question)
    text = q.expanded
    for a, b, _ in sorted(place_spans(text), reverse=True):
        text = text[:a] + " 0 " + text[b:]         # a break: the words around a place are not one run
    sylls = [fold_diacritics(w.lower()).replace("đ", "d") for w in re.findall(r"\w+", text)]
    shown = re.findall(r"\w+", text)
    never = idf(_NEVER) - 1e-9
    out, run = [], []
    for i, s in enumerate(sylls + [""]):          # runs of unknown key syllables: one name each
        # A capitalised word or a place is a name: the name checks (focus.py, refusal.py) decide, and
        # may answer with a note that the source does not mention it.
        if s and s in key and idf(s) >= never and not shown[i][:1].isupper():
            run.append(shown[i])
            continue
        if len(run) >= 2:
            out.append(" ".join(run))
        run = []
    return out


__all__ = ["mentioned_in_passing", "unknown_words"]
