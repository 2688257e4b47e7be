"""How a body line opens a level of a legal text (Phần, Chương, Mục, Điều, Khoản, Điểm, Phụ lục; Roman and
letter sections of plans), a scoring line or a bullet; and whether lines hold a law's own articles.
The parser (ingest/structure.py) walks the lines with these."""

from __future__ import annotations

import re

from ingest.header import KEMTHEO_RE, VANBAN_RE, clean_line, is_caps

DEPTH = {"vanban": 0, "phuluc": 0, "phan": 1, "chuong": 2, "muc": 3, "dieu": 4, "khoan": 5, "diem": 6}

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
PHAN_RE = re.compile(rf"^(?:PHẦN|Phần)\s+(THỨ\s+\S+|thứ\s+\S+|\d+|{ROMAN})\b\s*[.:\-–]?\s*(.*)$")
CHUONG_RE = re.compile(rf"^(?:CHƯƠNG|Chương)\s+(\d+|{ROMAN})\b\s*[.:\-–]?\s*(.*)$")
MUC_RE = re.compile(rf"^(?:MỤC|Mục)\s+(\d+|{ROMAN})\b\s*[.:\-–]?\s*(.*)$")
DIEU_RE = re.compile(r"^(?:Điều|ĐIỀU)\s+(\d+(?:\.[0-9A-ZĐa-z]+)+|\d+[a-zđ]?)\s*([.:])\s*(.*)$")
DIEU_BARE_RE = re.compile(r"^(?:Điều|ĐIỀU)\s+(\d+[a-zđ]?)(?:\s+(\S.*))?$")
PHULUC_RE = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ|số)?\s*(\d+[a-z]?|[IVXLC]+|[A-Z])\b)?\s*[.:\-–]?\s*(.*)$")
ROMAN_RE = re.compile(rf"^({ROMAN})\s*[.)]\s+(\S.*)$")
LETTER_SECTION_RE = re.compile(r"^([A-Z])\.\s+(\S.*)$")
KHOAN_RE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
DIEM_RE = re.compile(r"^([a-zđ])\)\s*(.*)$")
DOC_WORDS = re.compile(r"^(?:Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Chỉ thị|Hiến pháp|Pháp lệnh|"
                        r"Quy định|này|và|của|tại|theo|được)\b")
BULLET_RE = re.compile(r"^(?:[-–+•*]\s|[a-zđ]\.\d|\(\s*[\divx*]+\s*\)|\d+\.\d+)")
SCORE_RE = re.compile(r"(?:\(\s*(?:tối đa\s*:?\s*)?\d+(?:[.,]\d+)?\s*điểm\s*\)|:\s*(?:tối đa\s*)?\d+(?:[.,]\d+)?\s*điểm\s*[.;]?$"
                       r"|\b(?:từ|trên|dưới|đạt)\s+\d+(?:[.,]\d+)?\s+(?:điểm|đến)\b)", re.I)
SCORE_START_RE = re.compile(r"^(?:[-–+•]\s*|Tiêu chí\s+(?:thứ\s+)?\d+\s*[:.])", re.I)
TERMINAL = ".;,:!…"


def short_heading(s: str, limit: int = 160) -> str:
    s = s.strip()
    if len(s) <= limit:
        return s
    cut = s[:limit].rsplit(" ", 1)[0]
    return cut + "…"


LAW_BODY_MIN_DIEU = 3


def law_body(lines: list[str]) -> bool:
    """Whether lines hold a legal text's own articles: "Điều 1" and at least LAW_BODY_MIN_DIEU
    ascending Điều headings at line start. An article quoting a few Điều of a law does not start at 1."""
    nums = []
    for line in lines:
        m = DIEU_RE.match(clean_line(line))
        if m and re.fullmatch(r"\d+", m.group(1)) and (not m.group(3) or not m.group(3)[0].islower()):
            nums.append(int(m.group(1)))
    if len(nums) < LAW_BODY_MIN_DIEU or nums[0] != 1:
        return False
    ascending = sum(1 for a, b in zip(nums, nums[1:]) if b > a)
    return ascending >= 0.8 * (len(nums) - 1)


def title_like(s: str) -> bool:
    return 0 < len(s) <= 120 and s[-1] not in TERMINAL


def structural(s: str) -> bool:
    """The line opens a Phần, Chương, Điều, Phụ lục, a Roman-numbered section or a Khoản."""
    return bool(PHAN_RE.match(s) or CHUONG_RE.match(s) or DIEU_RE.match(s) or PHULUC_RE.match(s)
                or ROMAN_RE.match(s) or KHOAN_RE.match(s))


def dieu_heading(s: str) -> tuple[str, str, int | None] | None:
    """(number, heading, int number) when s is a real Điều heading and not a reference to one."""
    m = DIEU_RE.match(s)
    if m:
        num, rest = m.group(1), m.group(3)
        if rest and rest[0].islower():
            return None
    else:
        m = DIEU_BARE_RE.match(s)   # "Điều 7 Trách nhiệm ..." or "Điều 5" alone
        rest = (m.group(2) or "") if m else ""
        if not m or rest and (not rest[0].isupper() or DOC_WORDS.match(rest) or s.endswith(":")):
            return None
        num = m.group(1)
    n = int(re.match(r"\d+", num).group(0)) if re.fullmatch(r"\d+[a-zđ]?", num) else None
    return num, rest, n


def region_start(lines: list[str], i: int, secondary: bool) -> tuple[str, str, str] | None:
    """(level, label, heading) when line i opens a Phụ lục, or a regulation issued with the document ("QUY
    ĐỊNH …" in capitals, "(Ban hành kèm theo …)" within the next lines; never in an article)."""
    s = clean_line(lines[i])
    m = PHULUC_RE.match(s)
    if m and (not m.group(2) or m.group(2)[0] in "(“\"-–" or m.group(2)[0].isupper()):
        label = "Phụ lục" + (f" {m.group(1)}" if m.group(1) else "")
        return "phuluc", label, m.group(2).strip(" .:-–")
    m = VANBAN_RE.match(s)
    if m and is_caps(s) and not secondary:
        ahead = [clean_line(x) for x in lines[i:i + 8] if x.strip()][:5]
        if any(KEMTHEO_RE.search(x) for x in ahead):
            return "vanban", m.group(1).capitalize(), m.group(2).strip(" .:-–")
    return None
