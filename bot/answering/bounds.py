"""The bound a question asks ("tối đa bao nhiêu", "tối thiểu bao nhiêu") and the bound a text states.

not_stated.py says "không nêu mức tối đa" when the span gives only the other bound; answer.py then looks below
for a clause that states the bound asked (`states_bound`).
"""

from __future__ import annotations

import re

from bot.answering.figures import asks_for_figure
from ingest.normalize import fold_diacritics

# A bound asked ("tối đa bao nhiêu tuổi", "luân chuyển tối đa bao nhiêu năm") is not stated by a span that
# gives only the other one ("Đủ 18 tuổi trở lên", "ít nhất 3 năm (36 tháng)"): the law sets a floor and no
# ceiling, and showing the floor as the answer misleads (eval/dev2.jsonl d2-034, blind dev30).
BOUNDS = ("mức tối đa", "mức tối thiểu")   # what other_bound says is not stated
_MAX_ASKED = re.compile(r"\b(?:toi da|nhieu nhat|lau nhat|cao nhat|khong qua bao)\b")
_MIN_ASKED = re.compile(r"\b(?:toi thieu|it nhat|thap nhat|khong duoi bao)\b")
# The words that set a floor or a ceiling before the figure ("ít nhất 30%", "không quá 03 năm"); after it, "trở
# lên" and "trở xuống" do.
_FLOOR_WORDS = "it nhat|toi thieu|khong duoi|khong it hon"
_CEILING_WORDS = "toi da|khong qua|khong vuot qua|nhieu nhat"
_MIN_STATED = re.compile(rf"\b(?:{_FLOOR_WORDS}|tro len)\b")
_MAX_STATED = re.compile(rf"\b(?:{_CEILING_WORDS}|tro xuong|khong nhieu hon|duoi \d)")


def other_bound(question: str, span: str) -> str:
    """"mức tối đa" when a ceiling is asked and the span states only a floor; "mức tối thiểu" the reverse;
    else ""."""
    if not asks_for_figure(question):
        return ""
    q, f = fold_diacritics(question.lower()), fold_diacritics(span.lower())
    if _MAX_ASKED.search(q) and not _MIN_ASKED.search(q) and _MIN_STATED.search(f) and not _MAX_STATED.search(f):
        return BOUNDS[0]
    if _MIN_ASKED.search(q) and not _MAX_ASKED.search(q) and _MAX_STATED.search(f) and not _MIN_STATED.search(f):
        return BOUNDS[1]
    return ""


# The bound stated with a figure of the kind asked: "không quá 10%", "ít nhất 30% nhiệm vụ", "từ 5 năm trở lên".
_BOUND_UNIT = {"percent": r"\d+(?:[.,]\d+)?\s*(?:%|phan tram)",
               "duration": r"\d+\s*(?:\([^)]*\)\s*)?(?:nam|thang|ngay|tuan|gio|phut)",
               "amount": r"\d[\d.,]*\s*(?:dong|trieu|nghin|ngan|ty|lan)"}
_CEILING = rf"(?:{_CEILING_WORDS})(?: la)?"
_FLOOR = rf"(?:{_FLOOR_WORDS})(?: la)?"


def states_bound(question: str, text: str, kind: str) -> bool:
    """The text states the bound the question asks with a figure of the kind asked: a ceiling ("không quá 10%")
    for "tối đa bao nhiêu", a floor ("ít nhất 30%", "30% trở lên") for "tối thiểu bao nhiêu"."""
    unit = _BOUND_UNIT.get(kind)
    if unit is None:
        return False
    q, f = fold_diacritics(question.lower()), " ".join(re.findall(r"[\w%().,]+", fold_diacritics(text.lower())))
    if _MAX_ASKED.search(q):
        return re.search(rf"\b{_CEILING} (?:\S+ ){{0,3}}?{unit}|{unit} (?:\S+ ){{0,2}}?tro xuong\b", f) is not None
    if _MIN_ASKED.search(q):
        return re.search(rf"\b{_FLOOR} (?:\S+ ){{0,3}}?{unit}|{unit} (?:\S+ ){{0,2}}?tro len\b", f) is not None
    return False


__all__ = ["BOUNDS", "other_bound", "states_bound"]
