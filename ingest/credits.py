"""Who made a news article, as the page prints it: byline, photo captions, the paper's masthead, a signature.

ingest/article.py blanks these lines as site chrome: in the chunks they would match every question about
the paper or its people. A reader still asks "bài này ai viết?", "ai chụp ảnh …?", "Tổng biên tập Báo Nam
Định là ai?" (asked by three blind writers), so they are kept in the article's metadata instead
(`meta["credits"]`), each as the line printed, and bot/answering/credits.py answers from there.

Each credit is {"label", "name", "line"} and, for a photo, "caption" (the caption it signs):
    {"label": "Bài và ảnh", "name": "Xuân Thu", "line": "Bài và ảnh: Xuân Thu"}
    {"label": "Ảnh", "name": "Duy Thính", "line": "Ảnh: Duy Thính", "caption": "Khối thi đua … năm 2017."}
    {"label": "Tổng biên tập", "name": "Phạm Văn Trường", "line": "Tổng biên tập: Phạm Văn Trường"}
    {"label": "Tác giả", "name": "Hoàng Yên", "line": "Hoàng Yên"}   (signed under the last paragraph)
"""

from __future__ import annotations

import re

_PHOTO_RE = re.compile(r"(?:^|\s)Ảnh\s*:\s*(\S.{0,40})$")
_MASTHEAD_RE = re.compile(r"^((?:Phó\s+)?Tổng biên tập|Thư ký tòa soạn|Tòa soạn|Toà soạn|Trụ sở|Địa chỉ|Điện thoại|"
                          r"Đường dây nóng|Hotline|Fax|Email|E-mail|Giấy phép[^:]{0,80})\s*:\s*(\S.{1,200})$", re.I)


def byline(line: str, name: str) -> dict:
    """The credit of a byline line ("Bài, ảnh: Thái Bình") whose name the caller has read."""
    return {"label": line.split(":", 1)[0].strip(), "name": name.strip(), "line": line}


def photo(line: str, previous: str) -> dict | None:
    """The credit of "caption.   Ảnh: Duy Thính", or of "Ảnh: Duy Thính" under its caption (`previous`)."""
    m = _PHOTO_RE.search(line)
    if not m:
        return None
    return {"label": "Ảnh", "name": m.group(1).strip(), "line": line[m.start():].strip(),
            "caption": line[: m.start()].strip() or previous}


def masthead(lines: list[str]) -> list[dict]:
    """The paper's masthead lines ("Tổng biên tập: Phạm Văn Trường") among the lines after the article."""
    out = []
    for ln in lines:
        if m := _MASTHEAD_RE.match(ln.strip()):
            out.append({"label": m.group(1).strip(), "name": m.group(2).strip(), "line": ln.strip()})
    return out


def signature(lines: list[str], start: int) -> dict | None:
    """The author signed under the last paragraph without a label ("Hoàng Yên", "Ban Dân vận Đảng ủy khối"):
    a short capitalised line with no number, after a paragraph of 80 characters or more."""
    tail = [ln.strip() for ln in lines[start:] if ln.strip(" .\u00a0\t")]
    if len(tail) < 2 or len(tail[-2]) < 80:
        return None
    s = tail[-1]
    if (len(s) <= 60 and len(s.split()) <= 8 and s[0].isupper() and not s.isupper() and s[-1] not in ".:;,!?…"
            and not re.search(r"\d", s)):
        return {"label": "Tác giả", "name": s, "line": s}
    return None


def unique(credits: list[dict]) -> list[dict]:
    """Each credit once, in order (a caption printed twice signs once)."""
    return [c for i, c in enumerate(credits) if c not in credits[:i]]
