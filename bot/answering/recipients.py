"""Who received an award ("đơn vị nào được tặng Cờ thi đua?"): do the best clauses speak of that award?

A reader of the news asks which unit of the Khối got the Cờ thi đua in 2022, or whether anyone was given a
Bằng khen. The article reports the year's work and names no award, but its paragraphs share every other
word of the question, and a regulation elsewhere in the index speaks of the Cờ thi đua: the scope check,
which reads whole documents, finds the name and the answer was a paragraph that says nothing of it
(eval/dev21.jsonl d21-021, dev22 d22-009, dev9 and dev13 the same question). Such a question needs the
award in the clauses that answer it: when none of the three best holds the award's name, refusal says the
clauses do not speak of it (refusal.py, as an act not found).
"""

from __future__ import annotations

import re

from bot.answering.question import as_question, phrase_form
from bot.answering.question_kind import question_kind

DEPTH = 3
# Award names in phrase_form (folded, final y as i), longest first: "Cờ thi đua" is not any "cờ".
_AWARDS = ("co thi dua", "bang khen", "giay khen", "huan chuong", "huy chuong", "huy hieu", "ki niem chuong",
           "giai thuong", "giai nhat", "giai nhi", "giai ba")
_GIVEN = r"(?:(?:da |vua )?duoc (?:(?:tang|trao|trao tang|nhan|khen thuong) )?|(?:tang|trao|nhan|dat) )(?:\w+ ){0,2}?"
# Who or which unit received it: "đơn vị nào", "cơ quan nào", "ai được"; not "ai có thẩm quyền tặng" (a body
# that gives, which a regulation names).
_WHO = re.compile(r"\b(?:ai (?:da |vua )?(?:duoc|nhan|dat)|(?:don vi|co quan|tap the|ca nhan|dong chi|chi bo|dang bo) nao)\b")


def asked_award(question: str) -> str:
    """The award a question asks the recipient of, folded ("co thi dua"), or ""."""
    q = as_question(question)
    if question_kind(q.reading) not in ("body", "yesno") or not _WHO.search(q.lower_folded):
        return ""
    flat = phrase_form(q.text)
    for award in _AWARDS:
        if re.search(rf" {_GIVEN}{award} ", flat):
            return award
    return ""


def award_not_held(question: str, hits: list) -> str:
    """The award asked about, as the question writes it, when none of the DEPTH best clauses names it; else ""."""
    award = asked_award(question)
    if not award or not hits:
        return ""
    if any(f" {award} " in phrase_form(f"{h.text} {h.context}") for h in hits[:DEPTH]):
        return ""
    words = as_question(question).text.split()
    n = len(award.split())
    for i in range(len(words) - n + 1):   # the user's own spelling, for the message
        if phrase_form(" ".join(words[i:i + n])).strip() == award:
            return "được tặng " + " ".join(words[i:i + n]).strip("?.,;:“”\"")
    return "được tặng " + award
