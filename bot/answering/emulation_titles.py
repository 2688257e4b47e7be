"""Which emulation title (danh hiệu thi đua) a question is about, and whether the clause shown is about another one.

Hà Nội has two titles that share most of their words: “Công dân Thủ đô ưu tú” (Quyết định 71/2025/QĐ-UBND)
and “Công dân danh dự Thủ đô” (Nghị quyết 83/2025/NQ-HĐND). A question about one was answered from the
other's document: "… danh hiệu Công dân danh dự Thủ đô trong bao nhiêu ngày làm việc?" with the 07 days of
Quyết định 71 (blind dev39 d39-012), "Người được tặng danh hiệu Công dân Thủ đô ưu tú có được miễn phí …?"
with Nghị quyết 83's rights (dev14 d14-043, dev18 d18-026), "Danh hiệu Gia đình văn hóa bao lâu …?" with a
ministry's Bằng khen that names “Chiến sĩ thi đua cơ sở” (dev37 d37-048). Across 41 development sets six
out-of-scope questions are now refused, and two answerable ones read from the clause on their own title
("Lao động tiên tiến được thưởng bao nhiêu tiền?", refused before; the follow-up "Còn Tập thể lao động tiên
tiến thì …?", answered before from the title asked first); no answered question was lost.

The Party's Huy hiệu Đảng is read as one more title: "Huy hiệu 40 năm tuổi Đảng được thưởng bao nhiêu tiền?"
was answered with the sum of “Chiến sĩ thi đua toàn quốc”, whose holder is given a Huy hiệu too (dev7 d7-041,
dev32 d32-012, both out of scope and now refused).

The titles are those of the Luật Thi đua, khen thưởng 2022 (Điều 25–28) and Hà Nội's two, matched on the
folded text, longest first, so that “Tập thể lao động tiên tiến” is not also “Lao động tiên tiến”. The
second level of Chiến sĩ thi đua is written many ways ("cấp Bộ", "bộ, ban, ngành, tỉnh", "cấp tỉnh"): one
title. A Chiến sĩ thi đua of no known level ("các cấp", "Tòa án") may be any of them: it clashes with none.
"""

from __future__ import annotations

import re

from bot.answering.question import phrase_form

TITLES = {   # folded pattern → the title as the law writes it
    r"chien si thi dua toan quoc": "Chiến sĩ thi đua toàn quốc",
    r"chien si thi dua (?:cap )?(?:bo|ban|nganh|tinh)": "Chiến sĩ thi đua bộ, ban, ngành, tỉnh",
    r"chien si thi dua co so": "Chiến sĩ thi đua cơ sở",
    r"chien si thi dua": "",   # of no known level
    r"chien si tien tien": "Chiến sĩ tiên tiến", r"tap the lao dong xuat sac": "Tập thể lao động xuất sắc",
    r"tap the lao dong tien tien": "Tập thể lao động tiên tiến", r"lao dong tien tien": "Lao động tiên tiến",
    r"don vi quyet thang": "Đơn vị quyết thắng", r"don vi tien tien": "Đơn vị tiên tiến",
    r"gia dinh van hoa": "Gia đình văn hóa", r"co thi dua cua chinh phu": "Cờ thi đua của Chính phủ",
    r"cong dan thu do uu tu": "Công dân Thủ đô ưu tú", r"cong dan danh du thu do": "Công dân danh dự Thủ đô",
    # Not an emulation title, but the Party's own award: the Luật's amounts and criteria are not its
    # ("Huy hiệu 40 năm tuổi Đảng được thưởng bao nhiêu?" was answered with Chiến sĩ thi đua toàn quốc's sum).
    r"huy hieu (?:(?:\d+ )+nam tuoi )?dang": "Huy hiệu Đảng",
}
_TITLE = re.compile(r"\b(?:" + "|".join(f"({t})" for t in TITLES) + r")\b")   # in order: a longer title first
_NAMES = list(TITLES.values())


def named_titles(text: str) -> set[str]:
    """The titles the text names, as the law writes them; "" for a Chiến sĩ thi đua of no known level."""
    return {_NAMES[m.lastindex - 1] for m in _TITLE.finditer(phrase_form(text))}   # "Chiến sỹ" is "Chiến sĩ"


def asked_titles(question: str) -> set[str]:
    """The titles the question names, each of a known level."""
    return named_titles(question) - {""}


def _another(asked: set[str], named: set[str]) -> bool:
    """A text naming `named` is about another title than those asked: it names some, none asked, and no
    Chiến sĩ thi đua of unknown level when one is asked."""
    if not named or asked & named:
        return False
    return not ("" in named and any(t.startswith("Chiến sĩ thi đua") for t in asked))


def other_title(question: str, shown: str) -> str:
    """What the "không nêu" answer says is missing (title_note) when the shown text, read with its document's
    title and its Điều's context (`about`), names none of the question's titles and names another; else ""."""
    asked = asked_titles(question)
    return title_note(question) if asked and _another(asked, named_titles(shown)) else ""


def title_note(question: str) -> str:
    """What the "không nêu" answer says is missing: "quy định này đối với danh hiệu “…”"."""
    asked = sorted(asked_titles(question))
    if not asked:
        return ""
    return f"quy định này đối với {'' if asked[0].startswith('Huy hiệu') else 'danh hiệu '}“{asked[0]}”"


def about(hit) -> str:
    """What a clause is read with: its document's title, its Điều's context, its text."""
    return f"{hit.title}\n{hit.context}\n{hit.text}"


def passage_titled(question: str, hits: list, depth: int = 5) -> int | None:
    """The index of the first lower clause of the same document (within `depth`) that names the title asked,
    when the best one names another and not it: "Còn Tập thể lao động tiên tiến thì phải đạt từ bao nhiêu
    điểm?" is read from Điều 9 of Thông tư 15/2023, ranked second, not from Điều 8's “Tập thể lao động xuất
    sắc” (dev13 d13-015)."""
    asked = asked_titles(question)
    if not hits or not asked or not _another(asked, named_titles(about(hits[0]))):
        return None
    # Only a clause of the same document: another document naming the title may be about anything else
    # (Quyết định 71's procedure for "… Công dân Thủ đô ưu tú có được miễn phí dịch vụ công ích không?").
    return next((j for j, h in enumerate(hits[1:depth], 1)
                 if h.source == hits[0].source and asked & named_titles(about(h))), None)


def split_titled(question: str, hits: list) -> tuple[list, list]:
    """(the clauses that apply, those on another title than the one asked), when one of the clauses names the
    title asked; else (hits, []). "Thế còn Tập thể lao động tiên tiến?" after a question on the share of Chiến
    sĩ thi đua cơ sở is read from the article on Tập thể lao động tiên tiến, not from the 15% of the one before."""
    asked = asked_titles(question)
    if not asked:
        return hits, []
    names = [named_titles(about(h)) for h in hits]   # each clause read once
    if not any(asked & n for n in names):
        return hits, []
    off = [h for h, n in zip(hits, names) if _another(asked, n)]
    return [h for h in hits if h not in off], off


# An order's class ("Huân chương Độc lập hạng Ba"): a span that names the order in its other classes only
# ("Huân chương Độc lập hạng Nhì, … | 25 lần mức lương cơ sở"), or names other orders or emulation titles only
# ("Huân chương Lao động hạng Ba, … | 9 lần", "Danh hiệu “Lao động tiên tiến” … 0,3 lần"), states nothing for
# the class asked. Classes listed together ("hạng Nhất, hạng Nhì, hạng Ba") name each.
ORDER_CLASS = r"hang (nhat|nhi|ba)"    # folded; followup.py swaps the class a follow-up names
_CLASS_ASKED = re.compile(rf"\bhuan chuong ((?:\w+ ){{1,5}}?){ORDER_CLASS}\b")
_CLASS_SAID = re.compile(r"(?i)huân chương\s+[^,.;?|]{2,40}?\s+hạng\s+(?:nhất|nhì|ba)\b|huan chuong\s+[^,.;?|]{2,40}?\s+hang\s+(?:nhat|nhi|ba)\b")


def class_asked(question: str) -> tuple[str, str, str] | None:
    """(the order folded, the class folded, the order and class as typed) when the question names one class
    of an order ("Huân chương Độc lập hạng Ba"); None otherwise."""
    m = _CLASS_ASKED.search(phrase_form(question))
    if not m:
        return None
    said = _CLASS_SAID.search(question)
    order, asked = m.group(1).strip(), m.group(2)
    return order, asked, said.group(0) if said else f"huân chương {order} hạng {asked}"


def other_class(question: str, span: str, asked: tuple[str, str, str] | None = None, named: bool = False) -> str:
    """What the "không nêu" answer says is missing when the question asks one class of an order and the span
    names that order in other classes only, or other awards only; with `named`, also when it does not name
    the order at all (a sum is an award's own). `asked`: class_asked(question), when already read."""
    asked = asked or class_asked(question)
    if not asked:
        return ""
    order, cls, said = asked
    text = phrase_form(span)
    # the order not named, and a sum asked, or other orders or emulation titles named: another award's rule
    if f" huan chuong {order} " not in text and (named or " huan chuong " in text or named_titles(span)):
        return f"quy định này đối với “{said}”"
    runs = re.findall(rf"\b{re.escape(order)} ((?:hang (?:nhat|nhi|ba) ?)+)", text)
    classes = {c for run in runs for c in re.findall(ORDER_CLASS, run)}
    return f"quy định này đối với “{said}”" if classes and cls not in classes else ""


__all__ = ["ORDER_CLASS", "TITLES", "about", "asked_titles", "class_asked", "named_titles", "other_class", "other_title", "passage_titled",
           "split_titled", "title_note"]
