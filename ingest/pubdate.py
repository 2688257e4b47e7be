"""An article's own date: read from its date line ("Cập nhật lúc10:20, Thứ Hai, 10/07/2017 (GMT+7)",
"24/03/2018 - 14:45") by ingest/article.py, written dd/mm/yyyy like every other date of the index, and put in
the article's citation ("Báo Hải Phòng điện tử, 10/07/2017")."""

from __future__ import annotations

import re

_DMY = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d{2})"
_DMY_RE = re.compile(rf"(?<![\d/]){_DMY}(?![\d/])")
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?"
_WEEKDAY = r"(?:Thứ\s*(?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s*[Nn]hật|CN)"
_DATE_WORDS = r"(?:Cập nhật(?:\s+lúc)?|Ngày đăng|Ngày cập nhật|Đăng(?:\s+(?:ngày|lúc))?|Xuất bản|Ngày|ngày|Lúc|lúc)"
_RESIDUE_RE = re.compile(rf"{_DMY}|{_TIME}|{_WEEKDAY}|{_DATE_WORDS}|\(?GMT\s*[+\-]\s*\d+\)?|[\s,|\-–—:.()…]+")


def date_line(line: str) -> str:
    """ISO date when `line` is a publication-date line and nothing else, else "".

    "Cập nhật lúc10:20, Thứ Hai, 10/07/2017 (GMT+7)" -> "2017-07-10"; "24/03/2018 - 14:45" -> "2018-03-24";
    "08:24, 06/01/2023" -> "2023-01-06"; "Ngày 05/3/2024" -> "2024-03-05"; a sentence -> "".
    """
    s = line.strip()
    if not s or len(s) > 90:
        return ""
    dates = _DMY_RE.findall(s)
    if len(dates) != 1 or _RESIDUE_RE.sub("", s):
        return ""
    d, m, y = (int(x) for x in dates[0])
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return ""
    return f"{y:04d}-{m:02d}-{d:02d}"


def iso_to_vn(iso: str) -> str:
    """ "2017-07-10" -> "10/07/2017" (the dd/mm/yyyy form every other date of the index uses)."""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def citation_label(meta: dict, title: str, date: str = "") -> str:
    """How an article is named in a citation: "Báo Hải Phòng điện tử, 10/07/2017" or "headline, 10/07/2017".

    Args:
        meta: the document's metadata (documents.meta).
        title: the document's title (the headline for an article).
        date: dd/mm/yyyy; taken from meta["published"] when empty.
    """
    meta = meta or {}
    if not date and meta.get("published"):
        date = iso_to_vn(meta["published"])
    name = meta.get("publisher") or title
    return f"{name}, {date}" if date else name
