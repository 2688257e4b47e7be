"""The grade (mức xếp loại) a question asks about, and the grade a clause lists a criterion under.

Grading rules list the same criteria under each grade, in the same words: "3. Hoàn thành nhiệm vụ … c)
… hoàn thành trên 70% các chỉ tiêu", "4. Không hoàn thành nhiệm vụ … d) … hoàn thành dưới 50% các chỉ
tiêu" (QĐ 212/2025 Hải Phòng, Điều 7). Shared words cannot tell the items apart, and "không" is a
function word to the reader, so "dưới bao nhiêu phần trăm … thì bị xếp loại không hoàn thành nhiệm vụ"
was answered with the "trên 70%" of the grade above (blind dev38 d38-030). The reader
(bot/answering/reader.py) skips a span listed under another grade than the one the question names.

Pure: imports ingest.normalize and the standard library.
"""

from __future__ import annotations

import re

from ingest.normalize import fold_diacritics

# Most specific first: "không hoàn thành" holds "hoàn thành", "hoàn thành tốt nhiệm vụ" holds "nhiệm vụ".
_GRADES = (("khong", r"khong hoan thanh"), ("xuat sac", r"hoan thanh xuat sac"), ("tot", r"hoan thanh tot"),
           ("hoan thanh", r"hoan thanh nhiem vu"))
# A heading ("4. Không hoàn thành nhiệm vụ") or a lead-in naming the grade ("… thì xếp loại chất lượng ở
# mức hoàn thành nhiệm vụ:"), on a folded line.
_HEADING = re.compile(r"^\s*(?:\d+[.)]|[a-zđ][.)]|[ivx]+[.)])?\s*(.{0,40}?)\s*$")
_LEAD_IN = re.compile(r"(?:o muc|xep loai(?: chat luong)?(?: o muc)?)\s+(.+?):?\s*$")


def _grade(folded: str, whole: bool = False) -> str | None:
    """The grade `folded` names; with `whole`, only when the grade's words end it (a heading names nothing else)."""
    end = r"(?: nhiem vu)?$" if whole else r"\b"
    return next((name for name, pat in _GRADES if re.search(rf"\b{pat}{end}", folded)), None)


def grade_named(question: str) -> str | None:
    """The grade the question names ("khong", "xuat sac", "tot", "hoan thanh"), or None."""
    return _grade(" ".join(re.findall(r"\w+", fold_diacritics(question.lower()))))


def grade_above(clause: str, start: int) -> str | None:
    """The grade whose heading or lead-in the text at `start` is listed under, within the clause; None when
    no line above it names one."""
    for line in reversed(clause[:start].split("\n")):
        folded = " ".join(re.findall(r"\w+|:", fold_diacritics(line.lower())))
        if not folded:
            continue
        heading = _HEADING.match(folded)
        # A short line that is the grade itself ("3. Hoàn thành nhiệm vụ"), not a criterion in the grade's words:
        # "Hoàn thành xuất sắc nhiệm vụ được giao;" opens Bắc Ninh's criteria for "Tập thể lao động xuất sắc",
        # and "Có 100% cá nhân … hoàn thành nhiệm vụ được giao" under it was skipped as another grade's
        # (blind dev117 d117-022 was told "không nêu tỷ lệ").
        if heading and _grade(heading.group(1), whole=True) and not folded.endswith(":"):
            return _grade(heading.group(1))
        lead = _LEAD_IN.search(folded) if folded.endswith(":") else None
        if lead and _grade(lead.group(1)):
            return _grade(lead.group(1))
    return None


def other_grade(question_grade: str | None, clause: str, start: int) -> bool:
    """The span at `start` is listed under a grade, and not the one the question names."""
    if question_grade is None:
        return False
    above = grade_above(clause, start)
    return above is not None and above != question_grade


__all__ = ["grade_above", "grade_named", "other_grade"]
