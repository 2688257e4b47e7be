"""Số hiệu normalisation, effective dates and relations between documents, read from a document's text.

A relation is what *this* document does to another one: ``replaces`` ("thay thế"), ``repeals``
("bãi bỏ"), ``ends`` ("... hết hiệu lực") or ``amends`` ("sửa đổi, bổ sung"). Legal bases
("Căn cứ ...", "Xét Tờ trình ...") and the titles of cited documents are not relations, and neither are
the model forms printed in a Phụ lục (which often say "Quyết định có hiệu lực kể từ ngày ký").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ingest.normalize import fold_diacritics
from ingest.types import DocHeader, Relation

# "90/2020/NĐ-CP", "0124/KH-UBND", "22/2008/QH12", "15/2023/TT- BKHĐT"; a code part is letters then
# letters/digits ("QH15"), parts joined by "-".
_PART = r"[^\W\d_][^\W_&]*(?:&[^\W_]+)*"
_CODE = rf"{_PART}(?:(?:\s?-(?!\s)|-\s?){_PART})*"
_STATE_NO = rf"(?<![\w/])\d{{1,5}}(?:\s*/\s*\d{{4}})?\s*/\s*{_CODE}"
_PARTY_NO = rf"(?<![\w/])\d{{1,5}}\s*-\s*{_PART}\s*/\s*{_PART}"          # "1147-QĐ/BTGDVTW"
_NUMBER_RE = re.compile(rf"{_PARTY_NO}|{_STATE_NO}", re.IGNORECASE)
_BARE_RE = re.compile(r"(?<![\d/])\d{1,5}/\d{4}(?![\d/])")                # "90/2020" typed by a user

# In running text a số hiệu is written in capitals; demanding that avoids "2019/2020/học kỳ".
_TEXT_NUMBER_RE = re.compile(
    r"(?<![\w/])\d{1,5}(?:-[A-ZĐÐ][A-ZĐÐ0-9]*/[A-ZĐÐ][A-ZĐÐ0-9]*"
    r"|(?:/\d{4})?/[A-ZĐÐ][A-Za-zĐđÐ0-9&]*(?:(?:\s?-(?!\s)|-\s?)[A-ZĐÐ][A-Za-zĐđÐ0-9&]*)*)(?!\w)")
_NOT_DOCS = {"TTR", "BC", "TB-VP", "CV"}   # tờ trình, báo cáo: cited in passing, never replaced


def _clean_number(raw: str) -> str:
    s = re.sub(r"\s+", "", raw).replace("Ð", "Đ").replace("ð", "đ")
    return unicodedata.normalize("NFC", s.upper())


def normalize_number(s: str) -> str:
    """The số hiệu inside `s`, normalised: "Nghị định số 90/2020/NĐ-CP" -> "90/2020/NĐ-CP".

    Spaces around "/" and "-" are removed, letters upper-cased, 'Ð' (U+00D0) unified to 'Đ', NFC.
    A bare "90/2020" is returned as is; "" when `s` holds no số hiệu.
    """
    s = unicodedata.normalize("NFC", s or "")
    m = _NUMBER_RE.search(s)
    if m:
        return _clean_number(m.group(0))
    m = _BARE_RE.search(s)
    return m.group(0) if m else ""


def number_key(s: str) -> str:
    """Accent-folded, case-folded form of a số hiệu for matching: "90/2020/NĐ-CP" -> "90/2020/nd-cp"."""
    n = normalize_number(s) or re.sub(r"\s+", "", s or "")
    return fold_diacritics(n).casefold()


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised số hiệu) of every số hiệu written in capitals in `text`."""
    out = []
    for m in _TEXT_NUMBER_RE.finditer(text):
        num = _clean_number(m.group(0))
        code = num.split("/")[-1]
        if "/" in num and code not in _NOT_DOCS and not code.startswith(("TTR", "BC-")):
            out.append((m.start(), m.end(), num))
    return out


# ---------------------------------------------------------------------------------------------- dates

_DATE_RE = re.compile(r"(\d{1,2})\s*(?:tháng|/|-|\.)\s*(\d{1,2})[\s.]*(?:năm|/|-|\.)\s*(\d{4})")


def _date(d: str, m: str, y: str) -> str:
    try:
        return dt.date(int(y), int(m), int(d)).strftime("%d/%m/%Y")
    except ValueError:
        return ""


def parse_vn_date(s: str) -> str:
    """First date in `s` ("ngày 01 tháng 7 năm 2026", "01/7/2026") as dd/mm/yyyy, or ""."""
    m = _DATE_RE.search(s or "")
    return _date(*m.groups()) if m else ""


def _add_days(date: str, days: int) -> str:
    try:
        d = dt.datetime.strptime(date, "%d/%m/%Y").date()
    except ValueError:
        return ""
    return (d + dt.timedelta(days=days)).strftime("%d/%m/%Y")


_SELF = r"(?:này|nay)"
_EFFECT_RE = re.compile(rf"{_SELF}\s+(?:chính thức\s+)?có hiệu lực(?:\s+thi hành)?(?P<rest>[^;]{{0,160}})", re.I)
_SIGNED = r"(?:ký|ký ban hành|ban hành|công bố|thông qua)"


def _effective_from(rest: str, signed: str) -> str:
    """Date described by the words after "có hiệu lực": "sau 45 ngày kể từ ngày ký", "từ ngày 01/7/2026"."""
    m = re.match(rf"\s*(?:thi hành\s+)?sau\s+(\d+)\s+ngày,?\s*(?:kể\s+)?từ ngày {_SIGNED}", rest, re.I)
    if m:
        return _add_days(signed, int(m.group(1))) if signed else ""
    m = re.match(rf"\s*,?\s*(?:(?:kể\s+)?từ|kể từ)\s+ngày\s+(?:{_SIGNED}\b|[^\d]{{0,25}}{_SIGNED}\b)", rest, re.I)
    if m and not re.match(r"\s*,?\s*(?:kể\s+)?từ\s+ngày\s+\d", rest):
        return signed
    m = re.match(r"\s*,?\s*(?:(?:kể\s+)?từ|kể từ|vào)\s+ngày\s+" + _DATE_RE.pattern, rest, re.I)
    if m:
        return _date(*m.groups()[-3:])
    return ""


# ------------------------------------------------------------------------------------------ relations

_APPENDIX_RE = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s*)?(?:\d+|[IVXLC]+)\b)?\s*[.:\-–]?\s*(?:$|[A-ZĐ(“\"])")
_BASIS_RE = re.compile(r"^[-–•*\s]*(?:Căn cứ|Xét|Theo đề nghị|Nơi nhận|Thực hiện (?:Quyết định|Nghị quyết|Chỉ thị|"
                       r"Kế hoạch|Công văn|Thông tư|Luật|Nghị định|Hướng dẫn|Chương trình|Kết luận|Thông báo|"
                       r"Văn bản|ý kiến|sự chỉ đạo))", re.I)
_ITEM_RE = re.compile(r"^\s*(?:[a-zđ]\)|\d{1,2}\.|[-–+•])\s")
_CUES = {
    "replaces": re.compile(r"\bthay thế(?:\s+cho)?\b", re.I),
    "repeals": re.compile(r"\bbãi bỏ\b", re.I),
    "ends": re.compile(r"\bhết hiệu lực(?:\s+thi hành)?\b", re.I),
    "amends": re.compile(r"\bsửa đổi,?\s+bổ sung\b", re.I),
}
_PASSIVE_RE = re.compile(r"(?:được|bị|đã|cần|để|nghiên cứu|đề xuất|kiến nghị|hoặc|ban hành|người)\s*$", re.I)
_TYPE_WORDS = (r"Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định|Chỉ thị|Kế hoạch|"
               r"Quy định|Quy chế|Hướng dẫn|Công văn|Văn bản|văn bản|Nội quy|Điều lệ")
_LAST_TYPE_RE = re.compile(rf"(?:{_TYPE_WORDS})(?!.*(?:{_TYPE_WORDS}))", re.S)
_COORD_END_RE = re.compile(r"(?:^|,|;|:|\bvà|\bhoặc|\bcác|\bcủa các)\s*$", re.I)
_PARTIAL_RE = re.compile(r"\b(?:Điều|điều|khoản|Khoản|điểm|Điểm|Chương|chương|Mục|mục|Phần|phần|Phụ lục|phụ lục)"
                         r"\s+(?:\d+|[a-zđ]\b|[IVXLC]+\b)|\b(?:các|những|một số)\s+(?:quy định|nội dung|điều)\b"
                         r"|\bquy định\s+(?:về|tại|liên quan|đối với)", re.I)
_SENTENCE_END_RE = re.compile(r"\.(?=\s+[^\W\d_]|\s*$)")
_UNTIL_RE = re.compile(r"hết hiệu lực(?:\s+thi hành)?\s*,?\s*(?:kể\s+)?từ\s+ngày\s+" + _DATE_RE.pattern, re.I)


def _units(text: str) -> list[str]:
    """Paragraphs of the issuing part of the body: the preamble, legal bases and Phụ lục dropped.

    A paragraph ending with ":" is joined with the list items that follow it, and a line starting in
    lower case (a broken line) with the one before, so that a cue and its targets end up together.
    """
    lines = text.split("\n")
    for i, line in enumerate(lines[:15]):
        if re.fullmatch(r"\s*={10,}\s*", line):
            lines = lines[i + 1:]
            break
    units: list[str] = []
    seen_body = False
    lead_numbered = False   # the open list's lead-in is itself a "2." item: its list holds a), -, + only
    for raw in lines:
        line = raw.strip().strip("*#").strip()
        if not line:
            continue
        if seen_body and _APPENDIX_RE.match(line):
            break
        seen_body = seen_body or bool(re.match(r"(?:Điều|Chương|[IVX]+\.)\s", line))
        if _BASIS_RE.match(line):
            units.append("")
            continue
        item = _ITEM_RE.match(line) and not (lead_numbered and re.match(r"\d", line))
        if units and units[-1] and (line[0].islower() or item and (units[-1].rstrip().endswith(":")
                                                                   or "\n" in units[-1])):
            if item and "\n" not in units[-1]:
                lead_numbered = bool(re.match(r"\d{1,2}\.\s", units[-1]))
            units[-1] += ("\n" if item else " ") + line
        else:
            units.append(line)
    return [u for u in units if u]


def _coordinated(between: str) -> bool:
    """Is a số hiệu preceded by `between` (the text since the previous one) another target of the same verb?"""
    if "\n" in between:
        between = _ITEM_RE.sub("", between.rsplit("\n", 1)[1])
    m = None
    for m in _LAST_TYPE_RE.finditer(between):
        pass
    head = between[:m.start()] if m else between
    return bool(_COORD_END_RE.search(head.rstrip()))


def _targets(unit: str, nums: list[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, str]]:
    """The số hiệu a verb acts on among `nums` within [start, end): the first, then those coordinated with it."""
    out: list[tuple[int, str]] = []
    prev_end = None
    for s, e, num in nums:
        if s < start or s >= end:
            continue
        if prev_end is None or _coordinated(unit[prev_end:s]):
            out.append((s, num))
            prev_end = e
        else:
            prev_end = e  # a document named in the previous one's title ("... sửa đổi Nghị định số X")
    return out


def _is_partial(unit: str, seg_start: int, ref_start: int) -> bool:
    seg = unit[seg_start:ref_start]
    if "\n" in seg:
        seg = seg.rsplit("\n", 1)[1]
    return bool(_PARTIAL_RE.search(seg))


def _relations_in(unit: str, own_key: str, effective: str) -> list[Relation]:
    nums = [n for n in find_numbers(unit) if number_key(n[2]) != own_key]
    if not nums:
        return []
    cues = []
    for kind, rx in _CUES.items():
        for m in rx.finditer(unit):
            before = unit[:m.start()]
            if kind != "ends" and _PASSIVE_RE.search(before):
                continue
            if kind == "ends" and re.search(r"(?:đã|đương nhiên|chưa|không)\s*$", before, re.I):
                continue
            if kind == "amends" and not (re.fullmatch(r"\s*(?:(?:Điều|Khoản)\s+\d+[.:]?|\d+\.|[a-zđ]\))?\s*", before)
                                         or re.search(rf"{_SELF}\s*$", before, re.I)):
                continue   # "Nghị định số X ... sửa đổi, bổ sung ..." is the title of a cited document
            if kind == "replaces" and re.match(r"\s*bằng\b", unit[m.end():]):
                continue
            cues.append((m.start(), m.end(), kind))
    cues.sort()
    until = _UNTIL_RE.search(unit)
    when = _date(*until.groups()[-3:]) if until else effective
    rels: list[Relation] = []
    for i, (cs, ce, kind) in enumerate(cues):
        nxt = cues[i + 1][0] if i + 1 < len(cues) else len(unit)
        stop = next((m.start() for m in _SENTENCE_END_RE.finditer(unit, ce)
                     if m.end() >= len(unit.rstrip()) or unit[m.end():].lstrip()[:1].isupper()), len(unit))
        nxt = min(nxt, stop) if "\n" not in unit[ce:stop] else nxt
        prev = cues[i - 1][1] if i else 0
        subject_refs = [n for n in nums if prev <= n[0] < cs]
        lead_in = ":" in unit[ce:ce + 120] and not subject_refs
        if kind == "ends" and not lead_in:
            found, seg_start = _targets(unit, nums, prev, cs), prev   # "Nghị định số X ... hết hiệu lực"
        else:
            found, seg_start = _targets(unit, nums, ce, nxt), ce
        partial = kind == "amends"
        for s, num in found:
            partial = partial or _is_partial(unit, seg_start, s)   # "các quy định tại A và B": both partly
            seg_start = s + len(num)
            rels.append(Relation(kind=kind, target=num, partial=partial, effective=when))
    return rels


def extract_validity(text: str, header: DocHeader) -> tuple[str, list[Relation]]:
    """Effective date (dd/mm/yyyy, or "") and the relations the document states about other documents.

    `header.date` (ngày ban hành) resolves "kể từ ngày ký"; `header.number` keeps the document from
    relating to itself; `header.title` ("Nghị định sửa đổi, bổ sung ... Nghị định số X") yields an
    ``amends`` relation. Secondary sources (articles, news) state no relations of their own.
    """
    if header.secondary:
        return "", []
    units = _units(text)
    effective = ""
    for u in units:
        for m in _EFFECT_RE.finditer(u):
            effective = _effective_from(m.group("rest"), header.date)
            if effective:
                break
        if effective:
            break
    own = number_key(header.number) if header.number else "\0"
    rels: list[Relation] = []
    if header.title and _CUES["amends"].search(header.title):
        title = re.sub(rf"^(?:{_TYPE_WORDS})\s+", "", header.title)   # "Nghị định sửa đổi, bổ sung ..."
        rels += _relations_in(title, own, effective)
    for u in units:
        rels += _relations_in(u, own, effective)
    merged: dict[tuple[str, str], Relation] = {}
    for r in rels:
        key = (r.kind, number_key(r.target))
        if key in merged:
            merged[key].partial = merged[key].partial and r.partial
        else:
            merged[key] = r
    return effective, list(merged.values())
