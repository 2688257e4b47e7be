"""News and explainer articles: recognised by their layout, their site chrome removed, their metadata read.

Layouts seen in the corpus:
- news: site section label(s) ("Thông tin lý luận", "Chính trị - Xã hội Xây dựng Đảng"), the headline,
  a date line ("Cập nhật lúc 10:20, Thứ Hai, 10/07/2017 (GMT+7)", "24/03/2018 - 14:45", "08:24, 06/01/2023"),
  a lead that may open with a dateline code ("(HPĐT)-", "TTH -"), a byline, then share bars, related-article
  lists ("headline (10/8/2019)"), "Hình ảnh hoạt động", "Video" and the paper's footer ("BÁO NAM ĐỊNH ĐIỆN TỬ").
- explainer (legal Q&A site): the headline repeated, "Nội dung chính", questions as headings, the law quoted
  ("Căn cứ Điều 23 Luật Thi đua, khen thưởng 2022 …"), "(Hình từ Internet)", ">> Xem thêm", "Quý khách …".
A legal document (số hiệu or a type line such as "QUYẾT ĐỊNH") is never an article.

`read_article` returns an `Article` whose `lines` are the body lines with chrome blanked (same count and
order, so line indices stay valid) and whose `meta` is stored as the document's `meta` JSON:

    kind          "article" (news) | "explainer"; legal documents get {"kind": "legal", "places": [...]}
    published     ISO yyyy-mm-dd of the article's own date line (absent when it has none)
    year          an explainer's year when its preamble gives only that ("2025 (theo nội dung bài)")
    section       the site section label(s) above the headline ("Thông tin lý luận")
    dateline      the code opening the lead ("HPĐT", "TTH")
    publisher     the newspaper ("Báo Hải Phòng điện tử", "Báo Nam Định")
    author        the byline ("Bài, ảnh: Thái Bình" -> "Thái Bình")
    credits       who made it, as printed (ingest/credits.py): byline, photo captions, masthead, signature
    places        canonical provinces/cities it is about (ingest.places; "Huế" for TTH)
    bodies        bodies it is about ("Đảng ủy Khối các cơ quan thành phố", "Văn phòng UBND tỉnh")
    legal_bases   [{"diem", "khoan", "dieu", "doc", "year", "number"}] it quotes (ingest.legal_refs)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.legal_refs import basis_label, format_basis, legal_bases  # noqa: F401  (bot side imports them here too)
from ingest.bodies import bodies_in
from ingest.credits import byline, masthead, photo, signature, unique
from ingest.pubdate import citation_label, date_line, iso_to_vn  # noqa: F401  (header.py and tests import them here)
from ingest.places import DATELINES, canonical_place, place_spans, places_in


# ------------------------------------------------------------------------------------------ chrome

def _halves_repeat(s: str) -> bool:
    """ "Thông tin lý luận Thông tin lý luận": a menu label printed twice."""
    w = s.split()
    return len(w) >= 2 and len(w) % 2 == 0 and w[: len(w) // 2] == w[len(w) // 2:]


_CHROME_LINE_RE = re.compile(
    r"^(?:Hình ảnh hoạt động|Video|Tin nổi bật|Tin mới|Tin đọc nhiều|Xem tin theo ngày|Ngày|Chia sẻ|Share|"
    r"In bài(?: viết)?|Gửi bài(?: viết)?|Bình luận|Ý kiến bạn đọc|Về đầu trang|Trang chủ|Nội dung chính|"
    r"Quý khách cần hỏi thêm.*|Mua bán .{0,60}|Facebook|Zalo|Twitter|Email|Bản in|Lượt xem.*|"
    r"(?:\(\*\)\s*)?Trên đây là (?:thông tin|nội dung|toàn bộ).*)$", re.I)
_LINK_RE = re.compile(r"^(?:>{2,3}|»)\s*")                       # ">> Xem thêm", ">>> Tải về …"
_IMAGE_CAPTION_RE = re.compile(r"\((?:Hình|Ảnh) từ Internet\)\s*$|^\s*Ảnh\s*:\s*\S.{0,40}$")
_RELATED_RE = re.compile(r"\(\s*\d{1,2}/\d{1,2}/\d{4}\s*\)\s*$")    # "headline (10/8/2019)"
_TAIL_START_RE = re.compile(
    r"^(?:CÁC TIN BÀI KHÁC|Các tin bài khác|CÁC TIN KHÁC|Các tin khác|Tin khác|TIN LIÊN QUAN|Tin liên quan|"
    r"Tin cùng chuyên mục|TIN CÙNG CHUYÊN MỤC|BÀI VIẾT LIÊN QUAN|Bài viết liên quan|Chia sẻ bài viết|"
    r"Tổng biên tập\s*:)", re.I)
_FOOTER_RE = re.compile(r"(BÁO\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{1,40}?\s+ĐIỆN TỬ)")
_BYLINE_RE = re.compile(r"^(?:Bài(?:\s*(?:,|và|&)\s*ảnh)?|Tin(?:\s*(?:,|và)\s*ảnh)?|Nhóm PV)\s*:\s*(.{2,60})$")
_CAPTION_TAIL_RE = re.compile(r"\s{2,}Ảnh\s*:\s*\S.{0,40}$|\s+Ảnh\s*:\s*[^.]{2,40}$")
_NEWS_MARKERS_RE = re.compile(r"^(?:Chia sẻ bài viết|CÁC TIN BÀI KHÁC|Tin nổi bật|Hình ảnh hoạt động|"
                              r"Bài(?:\s*(?:,|và)\s*ảnh)?\s*:|Tổng biên tập\s*:)", re.I)
_EXPLAINER_MARKERS_RE = re.compile(r"^Nội dung chính$|\((?:Hình|Ảnh) từ Internet\)|^Quý khách cần hỏi thêm|"
                                   r"^(?:\(\*\)\s*)?Trên đây là (?:thông tin|nội dung)")
_DATELINE_RE = re.compile(r"^\(\s*([A-ZĐ][A-Za-zĐđ.]{1,12})\s*\)\s*[-–—]|^([A-ZĐ]{2,6})\s*[-–—]\s+(?=\S)")
_PREAMBLE_SECONDARY_RE = re.compile(r"bài viết|thuvienphapluat|nguồn thứ cấp|hỏi[- ]đáp|không phải văn bản gốc",
                                    re.I)


@dataclass
class Article:
    kind: str                    # "article" (news) | "explainer"
    title: str                   # the headline
    published: str = ""          # ISO yyyy-mm-dd, "" when the article has no date of its own
    lines: list[str] = field(default_factory=list)   # body lines, chrome blanked
    meta: dict = field(default_factory=dict)


def _nonempty(lines: list[str], limit: int) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.strip()][:limit]


def _headline_like(s: str) -> bool:
    return 2 <= len(s.split()) <= 40 and len(s) <= 250 and s[-1] not in ".;,:" and not _halves_repeat(s)


def _find_headline(lines: list[str], top: list[int], date_idx: int | None) -> int | None:
    """Index of the headline line among the top lines."""
    if date_idx is not None:
        before = [i for i in top if i < date_idx]
        after = [i for i in top if i > date_idx]
        if after and _headline_like(lines[after[0]].strip()) and not _DATELINE_RE.match(lines[after[0]].strip()):
            return after[0]
        if before:
            return before[-1]
        return after[0] if after else None
    return next((i for i in top if _headline_like(lines[i].strip())), None)


def _chrome(lines: list[str], start: int) -> tuple[list[str], dict]:
    """The lines from `start` on with chrome blanked, and what the chrome told (byline, footer paper)."""
    out = list(lines)
    info: dict = {"credits": []}
    credits = info["credits"]
    n = len(out)
    prev = ""
    for i in range(start, n):
        s = out[i].strip()
        if not s:
            continue
        if (m := _FOOTER_RE.search(s)) and i >= start + (n - start) // 2:
            info.setdefault("footer_paper", m.group(1))
            s = s[: m.start()].strip()
            out[i] = s
            credits += masthead(out[i + 1:])
            for j in range(i + 1, n):     # the paper's imprint below its name
                out[j] = ""
            if not s:
                break
        if _TAIL_START_RE.match(s) and i >= start + (n - start) // 2:
            credits += masthead(out[i:])
            for j in range(i, n):
                out[j] = ""
            break
        if m := _BYLINE_RE.match(s):
            info.setdefault("author", m.group(1).strip())
            credits.append(byline(s, m.group(1)))
            out[i] = ""
            continue
        if shot := photo(s, prev):   # kept before the caption's credit is cut off below
            credits.append(shot)
        if (_CHROME_LINE_RE.match(s) or _LINK_RE.match(s) or _IMAGE_CAPTION_RE.search(s)
                or _RELATED_RE.search(s) and len(s) < 250 and not s.endswith(".")
                or _halves_repeat(s) and len(s) < 120):
            out[i] = ""
            continue
        if _CAPTION_TAIL_RE.search(s):
            out[i] = s = _CAPTION_TAIL_RE.sub("", s).strip()
        if s == prev:                 # a caption printed twice
            out[i] = ""
        prev = s
    return out, info


def _dateline(lines: list[str], top: list[int]) -> str:
    for i in top:
        m = _DATELINE_RE.match(lines[i].strip())
        if m:
            code = m.group(1) or m.group(2)
            if code in DATELINES or m.group(1):
                return code
    return ""


def _publisher(code: str, footer: str) -> tuple[str, str]:
    """(newspaper, its province) from a dateline code or the footer's "BÁO NAM ĐỊNH ĐIỆN TỬ"."""
    if code in DATELINES:
        return DATELINES[code]
    if footer:
        name = re.sub(r"^BÁO\s+|\s+ĐIỆN TỬ$", "", footer)
        place = canonical_place(name) or ""
        return ("Báo " + (name.title() if not place else place)), place
    return "", ""


def _layout_kind(lines: list[str], top: list[int], date_idx, code: str, preamble: dict) -> str:
    text_lines = [ln.strip() for ln in lines if ln.strip()]
    news = date_idx is not None or bool(code) or any(_NEWS_MARKERS_RE.match(s) for s in text_lines)
    explainer = any(_EXPLAINER_MARKERS_RE.search(s) for s in text_lines) or bool(
        _PREAMBLE_SECONDARY_RE.search(" ".join(preamble.get(k, "") for k in ("number", "issuer", "note"))))
    if news and (date_idx is not None or code or not explainer):
        return "article"
    return "explainer" if explainer else ""


def read_article(body: list[str], preamble: dict | None = None, legal: bool = False) -> Article | None:
    """The article read from the body lines of a document, or None when it is not one.

    Args:
        body: the document's lines after any corpus preamble.
        preamble: fields of the corpus preamble (title, number, issuer, date, note), when present.
        legal: the header found a số hiệu or a type line: such a document is never an article.
    """
    preamble = preamble or {}
    if legal:
        return None
    top = _nonempty(body, 12)
    dates = [(i, date_line(body[i])) for i in top[:8]]
    date_idx, published = next(((i, d) for i, d in dates if d), (None, ""))
    code = _dateline(body, top)
    kind = _layout_kind(body, top, date_idx, code, preamble)
    if not kind:
        return None
    lines = list(body)
    meta: dict = {"kind": kind}
    if kind == "article":
        head = _find_headline(lines, top, date_idx)
        labels = [lines[i].strip() for i in top if head is not None and i < head and i != date_idx]
        for i in top:
            if head is not None and i < head:
                lines[i] = ""      # section labels, and a date line printed above the headline
        title = lines[head].strip() if head is not None else ""
        if labels:
            meta["section"] = " / ".join(dict.fromkeys(
                " ".join(x.split()[: len(x.split()) // 2]) if _halves_repeat(x) else x for x in labels))
        start = (head + 1) if head is not None else 0
    else:
        title = (preamble.get("title") or next((ln.strip() for ln in lines if ln.strip()), "")).strip()
        first = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
        for i in range(first + 1, len(lines)):       # the headline printed again
            if lines[i].strip() == title:
                lines[i] = ""
        start = first + 1
    lines, info = _chrome(lines, start)
    if not published and kind == "explainer":
        year = re.match(r"\s*((?:19|20)\d{2})\b", preamble.get("date", ""))
        if year:
            meta["year"] = year.group(1)    # "2025 (theo nội dung bài)": a year, not a date
    paper, paper_place = _publisher(code, info.get("footer_paper", ""))
    # Metadata is read from the first 200,000 characters: enough for any article, and a hostile
    # multi-megabyte text costs no more than that (the chrome pass above is linear).
    text = "\n".join(ln for ln in lines if ln.strip())[:200_000]
    if published:
        meta["published"] = published
    if code:
        meta["dateline"] = code
    if paper:
        meta["publisher"] = paper
    if info.get("author"):
        meta["author"] = info["author"]
    signed = None if info.get("author") else signature(lines, start)
    credits = unique(info["credits"]) + ([signed] if signed else [])
    if credits and kind == "article":
        meta["credits"] = credits
    meta["places"] = _places(title, meta.get("section", ""), text, paper_place)
    meta["bodies"] = bodies_in(" \n".join([meta.get("section", ""), title, text]), keep=[meta.get("section", ""), title])
    meta["legal_bases"] = legal_bases(text)
    return Article(kind=kind, title=title, published=published, lines=lines, meta=meta)


def _places(title: str, section: str, text: str, paper_place: str) -> list[str]:
    """Places an article is about: its dateline/paper, those in headline or label, and those named twice."""
    out = [paper_place] if paper_place else []
    out += places_in(section + "\n" + title)
    lead = next((p for p in text.split("\n") if len(p) > 80), "")
    out += places_in(lead)
    counts: dict[str, int] = {}
    for p in places_in_all(text):
        counts[p] = counts.get(p, 0) + 1
    out += [p for p, c in counts.items() if c >= 2]
    return list(dict.fromkeys(out))


def places_in_all(text: str) -> list[str]:
    """Every mention (with repeats) of a province/city in `text`."""
    return [name for _, _, name in place_spans(text)]


# ----------------------------------------------------------------------------------- for the bot side

def is_article(meta: dict) -> bool:
    """True for news and explainer articles (secondary sources ranked after primary documents)."""
    return (meta or {}).get("kind") in ("article", "explainer")
