"""How a body line opens a level of a legal text (Phần, Chương, Mục, Điều, Khoản, Điểm, Phụ lục; Roman and
letter sections of plans), a scoring line or a bullet; and whether lines hold a law's own articles.
The parser (ingest/structure.py) walks the lines with these."""

from __future__ import annotations

import re

from ingest.header import clean_line

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
