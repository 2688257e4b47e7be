"""The document header: số hiệu, loại văn bản, cơ quan ban hành, ngày ban hành, trích yếu.

Read from the corpus preamble (TIÊU ĐỀ / SỐ HIỆU / ...) when present, otherwise from the document's
own first lines ("Số: 15/2023/TT-BKHĐT", "Hà Nội, ngày 26 tháng 12 năm 2023", the issuing body in
capitals, the type line "THÔNG TƯ" and the trích yếu after it). Also decides whether a text is a
secondary source (an explainer article or news rather than an issued document).
"""

from __future__ import annotations

import re

from ingest.article import iso_to_vn, read_article
from ingest.places import places_in
from ingest.types import DocHeader
from ingest.validity import normalize_number, parse_vn_date

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"

KEMTHEO_RE = re.compile(r"\(?\s*(?:Ban hành\s+)?[Kk]èm theo\b")

VANBAN_RE = re.compile(r"^(QUY ĐỊNH|QUY CHẾ|NỘI QUY|ĐIỀU LỆ|HƯỚNG DẪN|QUY TRÌNH|CHƯƠNG TRÌNH|KẾ HOẠCH|ĐỀ ÁN|DANH MỤC)\b(.*)$")


def is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def clean_line(line: str) -> str:
    """The line as used for matching: markdown heading marks and emphasis stripped."""
    return re.sub(r"^#+\s*", "", line.strip()).strip("*_ ").strip()


_PREAMBLE_KEYS = {"TIÊU ĐỀ": "title", "SỐ HIỆU": "number", "CƠ QUAN BAN HÀNH": "issuer",
                  "NGÀY BAN HÀNH": "date", "NGUỒN": "source", "GHI CHÚ": "note"}
_TYPES = ["Thông tư liên tịch", "Nghị định", "Nghị quyết", "Thông tư", "Quyết định", "Kế hoạch", "Bộ luật", "Luật",
          "Quy định", "Quy chế", "Hướng dẫn", "Chỉ thị", "Công văn", "Thông báo", "Chương trình", "Pháp lệnh",
          "Kết luận", "Báo cáo", "Đề án", "Công điện", "Pháp điển"]
_TYPE_LINE_RE = re.compile(r"^(" + "|".join(t.upper() for t in _TYPES) + r")(?=$|[\s:.,]|[A-ZĐ])\s*:?\s*(.*)$")
_CODE_TYPES = {"NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "QĐ": "Quyết định",
               "KH": "Kế hoạch", "NQ": "Nghị quyết", "CT": "Chỉ thị", "HD": "Hướng dẫn", "TB": "Thông báo",
               "KL": "Kết luận", "QC": "Quy chế", "CTr": "Chương trình", "CĐ": "Công điện"}
_CODE_ISSUERS = {"CP": "Chính phủ", "TTG": "Thủ tướng Chính phủ", "QH": "Quốc hội"}
_MOTTO_RE = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]\s*Tự do|ĐẢNG CỘNG SẢN VIỆT NAM|"
                       r"VĂN BẢN QUY PHẠM PHÁP LUẬT")
_STOP_RE = re.compile(r"^[-–•\s]*(?:Căn cứ|Thực hiện|Theo đề nghị|Xét\b|Kính gửi|Chương\s|CHƯƠNG\s|Điều\s|Phần\s|"
                      r"PHẦN\s|Mục\s+\d|MỤC\s|I\.\s)")
_SECONDARY_RE = re.compile(r"bài viết|thuvienphapluat|nguồn thứ cấp|hỏi[- ]đáp|không phải văn bản gốc", re.I)
_ORGAN_FULL = {"CHÍNH PHỦ": "Chính phủ", "QUỐC HỘI": "Quốc hội", "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
               "BỘ CHÍNH TRỊ": "Bộ Chính trị", "BAN BÍ THƯ": "Ban Bí thư", "VĂN PHÒNG CHÍNH PHỦ": "Văn phòng Chính phủ",
               "ỦY BAN THƯỜNG VỤ QUỐC HỘI": "Ủy ban Thường vụ Quốc hội"}
_LOCAL_RE = re.compile(r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)\s*"
                       r"(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)?\s*(.*)$")
_ORGAN_RE = re.compile(r"^(TỔNG CỤC|HỌC VIỆN|VĂN PHÒNG|THANH TRA|BỘ|SỞ|BAN|CỤC|VỤ|VIỆN|TRƯỜNG|ĐẢNG ỦY|ĐẢNG UỶ|"
                       r"TỈNH ỦY|THÀNH ỦY|HỘI ĐỒNG|ỦY BAN|UỶ BAN|TÒA ÁN|VIỆN KIỂM SÁT|KIỂM TOÁN|BẢO HIỂM|NGÂN HÀNG)\s+(.+)$")


def _organ_case(caps: str) -> str:
    """ "BỘ KẾ HOẠCH VÀ ĐẦU TƯ" -> "Bộ Kế hoạch và Đầu tư"; "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" -> "Ủy ban nhân dân tỉnh Bắc Ninh"."""
    caps = re.sub(r"\s+", " ", caps).strip(" .,-–*")
    if caps in _ORGAN_FULL:
        return _ORGAN_FULL[caps]
    m = _LOCAL_RE.match(caps)
    if m:
        body = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}.get(m.group(1), m.group(1).capitalize())
        unit = f" {m.group(2).lower()}" if m.group(2) else ""
        return f"{body.replace('Uỷ', 'Ủy')}{unit} {m.group(3).title()}".strip()
    m = _ORGAN_RE.match(caps)
    if m:
        parts = re.split(r"(\s+VÀ\s+|\s*[-–]\s*|,\s*)", m.group(2))
        name = "".join(p.lower() if i % 2 else p.capitalize() for i, p in enumerate(parts))
        return f"{m.group(1).capitalize()} {name}"
    return ""


_PROPER = ["Ủy ban nhân dân", "Hội đồng nhân dân", "Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc", "Việt Nam",
           "Đảng", "Nhà nước", "Quốc hội", "Chính phủ", "Thủ tướng", "Thủ đô", "Hồ Chí Minh", "Trung ương", "Đại hội"]
_PLACE_RE = re.compile(r"\b(tỉnh|thành phố|huyện|quận)\s+((?:[^\W\d_]+\s?){1,3}?)(?=[,;.“”\")]|\s+(?:và|của|"
                       r"trên|năm|giai đoạn|nhiệm kỳ|về|trong)\b|$)")


def _sentence_case(caps: str) -> str:
    """ "BAN HÀNH QUY ĐỊNH ... TỈNH BẮC NINH" -> "Ban hành quy định ... tỉnh Bắc Ninh" (roman numerals kept)."""
    s = caps.lower()
    for name in _PROPER:
        s = re.sub(rf"\b{name.lower()}\b", name, s)
    s = _PLACE_RE.sub(lambda m: f"{m.group(1)} {m.group(2).title()}", s)
    s = re.sub(r"\b([ivxlc]+)\b", lambda m: m.group(1).upper() if re.fullmatch(_ROMAN, m.group(1).upper()) else m.group(1), s)
    s = re.sub(r"“(\w)", lambda m: "“" + m.group(1).upper(), s)
    return s[:1].upper() + s[1:]


def _issuer_from(line: str) -> str:
    line = re.split(r"_{3,}|-{3,}|—{2,}|\s\|\s|\bSố\b|\*|" + _MOTTO_RE.pattern, line)[0].strip()
    if not is_caps(line) or _TYPE_LINE_RE.match(line):
        return ""
    line = re.sub(r"^BAN CHẤP HÀNH TRUNG ƯƠNG\s+(?=\S)", "", line)
    line = re.split(r"(?<!ỦY)(?<!UỶ)(?<!TỔNG)(?<!VĂN)\s+(?=(?:SỞ|BAN|CỤC|PHÒNG)\s)", line)[-1]
    return _organ_case(line)


def _type_of_number(number: str) -> str:
    """ "90/2020/NĐ-CP" -> Nghị định, "80/2025/QH15" -> Luật, "1147-QĐ/BTGDVTW" -> Quyết định, "2902/BNV-VP" -> Công văn."""
    head = number.split("/")[0]
    code = head.split("-", 1)[1] if "-" in head else number.split("/")[-1]
    first = code.split("-")[0]
    if re.fullmatch(r"QH\d*", first):
        return "Luật"
    if "UBTVQH" in first:
        return "Nghị quyết"
    if first in _CODE_TYPES:
        return _CODE_TYPES[first]
    return "" if re.search(r"/\d{4}/", number) else "Công văn"   # a công văn has neither year nor type code


def _type_of_title(title: str) -> str:
    return next((t for t in _TYPES if title.startswith(t + " ") or title == t), "")


def _preamble(lines: list[str]) -> tuple[dict, int]:
    """Fields of the corpus preamble and the index of the first body line (0 when there is none)."""
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[:20]):
        if re.fullmatch(r"\s*={10,}\s*", line):
            return (fields, i + 1) if fields else ({}, 0)
        m = re.match(r"\s*([A-ZÀ-Ỹ ]+?)\s*:\s*(.*)$", line)
        if m and m.group(1) in _PREAMBLE_KEYS:
            fields[_PREAMBLE_KEYS[m.group(1)]] = m.group(2).strip()
    return {}, 0


def _body_header(lines: list[str]) -> tuple[dict, int]:
    """Số hiệu, ngày, cơ quan, loại and trích yếu from the top of the body; and where the header ends."""
    out: dict[str, str] = {}
    end, seen = 0, 0
    i = 0
    while i < len(lines) and seen < 25:
        s = clean_line(lines[i])
        i += 1
        if not s:
            continue
        seen += 1
        if _STOP_RE.match(s) or (len(s) > 300 and "type" not in out):
            break
        if KEMTHEO_RE.search(s) or VANBAN_RE.match(s) and is_caps(s) and "type" in out:
            break
        if "number" not in out and (m := re.search(r"(?:^|[\s|])(?:Số|[Ll]uật số|số)\s*:\s*(\d[^|,]{0,40})|^Số\s+(\d[^|,]{0,40})", s)):
            if number := normalize_number(m.group(1) or m.group(2)):
                out["number"], end = number, i
        if "date" not in out and (d := re.search(r"(?:^|,\s*)ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", s)):
            out["date"], end = parse_vn_date(d.group(0)), i
        if "issuer" not in out and "type" not in out and (org := _issuer_from(s)):
            out["issuer"], end = org, i
        if "type" not in out and (m := _TYPE_LINE_RE.match(s)):
            out["type"] = next(t for t in _TYPES if t.upper() == m.group(1))
            rest = re.split(r"\s+Căn cứ\b", m.group(2))[0].strip()
            title_lines = [rest] if rest else []
            end = i
            while not rest and i < len(lines) and len(title_lines) < 3:
                t = clean_line(lines[i])
                if t and (_STOP_RE.match(t) or _issuer_from(t) and title_lines or t.endswith(":")):
                    break
                if t:
                    title_lines.append(t)
                    end = i + 1
                i += 1
            out["trich_yeu"] = " ".join(title_lines)
            break
    return out, end


MAX_TITLE = 300   # characters


def parse_header(text: str, source_name: str = "") -> tuple[DocHeader, list[str], int]:
    """(DocHeader, body lines, number of body lines that form the document's own header)."""
    lines = text.split("\n")
    pre, start = _preamble(lines)
    body = lines[start:]
    found, header_end = _body_header(body)
    h = DocHeader()
    numbers = [normalize_number(x) for x in re.split(r";", re.sub(r"\([^)]*\)", "", pre.get("number", "")))]
    numbers = [n for n in numbers if n]
    h.number = numbers[0] if numbers else (found.get("number", "") if not pre.get("number") else "")
    h.aliases = numbers[1:]
    h.date = parse_vn_date(pre.get("date", "")) or found.get("date", "")
    h.issuer = pre.get("issuer") or found.get("issuer", "")
    doc_type = found.get("type", "")
    trich_yeu = found.get("trich_yeu", "")
    if pre.get("title"):
        h.title = pre["title"]
    elif doc_type and trich_yeu:
        trich_yeu = _sentence_case(trich_yeu) if is_caps(trich_yeu) else trich_yeu
        first = trich_yeu[0] if doc_type in ("Luật", "Bộ luật", "Pháp lệnh") else trich_yeu[0].lower()
        h.title = f"{doc_type} {first}{trich_yeu[1:]}"
    elif doc_type:
        h.title = f"{doc_type} {h.number}".strip()
    else:
        h.title = next((clean_line(x) for x in body if clean_line(x)), "") or source_name
    pre_secondary = bool(_SECONDARY_RE.search(" ".join(pre.get(k, "") for k in ("number", "issuer", "note"))))
    body = _article_hook(h, body, pre, legal=bool(h.number or doc_type) and not pre_secondary)
    if len(h.title) > MAX_TITLE:
        # Issue 8: a file on one line made its whole text the title, which every chunk's embedded
        # text repeats (a 100 KB file took 80 s to index). Real titles stay under ~220 characters.
        h.title = h.title[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    h.doc_type = _type_of_title(pre.get("title", "")) or doc_type or (_type_of_number(h.number) if h.number else "")
    if not h.issuer and h.number:
        code = h.number.split("/")[-1].split("-")[-1].upper()
        h.issuer = _CODE_ISSUERS.get(re.sub(r"\d+$", "", code), "")
    h.secondary = pre_secondary or (not h.number and not doc_type) or h.kind in ("article", "explainer")
    return h, body, header_end


def _article_hook(h: DocHeader, body: list[str], pre: dict, legal: bool) -> list[str]:
    """Issue 16: an article gets its headline as title, its own date, its metadata and its body
    without site chrome; a legal document gets kind "legal" and the places its issuer/title name."""
    art = read_article(body, pre, legal=legal)
    if art is None:
        if legal:
            h.kind = "legal"
            h.meta = {"kind": "legal", "places": places_in(f"{h.issuer}\n{h.title}")}
        return body
    h.kind, h.meta = art.kind, art.meta
    if art.title and not pre.get("title"):
        h.title = art.title
    if art.published:
        h.date = iso_to_vn(art.published)
    return art.lines
