"""Bodies (Đảng ủy Khối …, Văn phòng UBND tỉnh, Khối thi đua …) named in an article, and the key that
compares body names with their abbreviations expanded (UBND = Ủy ban nhân dân)."""

from __future__ import annotations

import re

from ingest.normalize import canonical_tones, fold_diacritics

# Abbreviations of bodies, expanded before comparing names ("Văn phòng UBND tỉnh").
BODY_ABBREVIATIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "MTTQ": "Mặt trận Tổ quốc",
                      "ĐUK": "Đảng ủy Khối", "BCH": "Ban Chấp hành", "BTV": "Ban Thường vụ",
                      "UBKT": "Ủy ban Kiểm tra", "TW": "Trung ương", "TƯ": "Trung ương", "TP": "thành phố",
                      "TNCS": "Thanh niên Cộng sản"}
_BODY_HEAD = (r"(?:Đảng (?:ủy|uỷ|bộ) Khối|Đảng (?:ủy|uỷ|bộ)|Văn phòng|Ban Thường vụ|Ban Chấp hành|Ban Tổ chức|"
              r"Ban Tuyên giáo|Ban Dân vận|Ban Nội chính|Ban Kinh tế|Ủy ban Kiểm tra|Ủy ban nhân dân|UBND|HĐND|"
              r"Hội đồng nhân dân|Khối [Tt]hi đua|Sở|Thành (?:ủy|uỷ)|Tỉnh (?:ủy|uỷ)|Mặt trận Tổ quốc|Hội Nông dân|"
              r"Hội Cựu chiến binh|Công đoàn|Đoàn TNCS|Cục|Báo)")
_BODY_HEAD_RE = re.compile(rf"(?<![\w]){_BODY_HEAD}(?![\w])")
# Lower-case words that continue a body's name ("Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh").
_BODY_LOWER = {"các", "cơ", "quan", "và", "doanh", "nghiệp", "tỉnh", "thành", "phố", "thuộc", "của", "phòng",
               "ủy", "uỷ", "bộ", "-", "–", "viên", "chức", "dân", "nhân", "thường", "vụ", "chấp", "hành", "trực", "sở", "ương"}
_TRAILING_JOINERS = re.compile(r"(?:\s+(?:các|và|thuộc|của|cơ|-|–))+$")
_TOKEN_RE = re.compile(r"\S+")


def _body_at(text: str, m: re.Match, limit: int = 8) -> str:
    """The body name that starts with the head word matched at m: the head and the words that continue it."""
    name, pos = m.group(0), m.end()
    for _ in range(limit):
        t = _TOKEN_RE.match(text, pos + 1) if text[pos:pos + 1] == " " else None
        if not t:
            break
        word = t.group(0)
        core = word.rstrip(",.;:”\")")
        if not core or not (core[0].isupper() or core in _BODY_LOWER or core in ("UBND", "HĐND")):
            break
        if core[0].isupper() and core.lower() in ("đồng", "ông", "bà", "năm", "trong", "để", "với", "tại"):
            break
        name += " " + core
        pos = t.end()
        if core != word and not (word == "Ban," and text.startswith(" cơ quan", pos)):
            break                 # punctuation ends the name ("… Thành ủy, HĐND"), not "các Ban, cơ quan"
        name += "," if core != word else ""
    return _TRAILING_JOINERS.sub("", name).strip(" ,-–")


def _body_key(s: str) -> str:
    s = canonical_tones(s).replace("uỷ", "ủy").replace("Uỷ", "Ủy")
    for abbr, full in BODY_ABBREVIATIONS.items():
        s = re.sub(rf"(?<![\w/\-]){abbr}\.?(?![\w/\-])", full, s)
    # "Bộ Lao động - Thương binh và Xã hội" is also typed "Bộ Lao động Thương binh và Xã hội".
    return re.sub(r"\s+", " ", re.sub(r"\s[-–&]\s|,", " ", fold_diacritics(s))).strip().casefold()


def bodies_in(text: str, keep: list[str] | None = None, min_count: int = 2, limit: int = 10) -> list[str]:
    """Bodies (Đảng ủy Khối …, Văn phòng UBND tỉnh, Khối thi đua …) an article is about.

    A body counts when it is named `min_count` times, or in one of the `keep` texts (headline,
    section label); a bare head word ("Sở", "Báo") never counts.
    """
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    text = (text or "").replace("uỷ", "ủy")
    for m in _BODY_HEAD_RE.finditer(text):
        name = _body_at(text, m)
        if len(name.split()) < 2 or re.fullmatch(_BODY_HEAD, name):
            if not re.fullmatch(r"(?:Thành|Tỉnh) ủy", name):
                continue
        k = _body_key(name)
        counts[k] = counts.get(k, 0) + 1
        first.setdefault(k, name)
    kept = {_body_key(x) for x in (keep or []) if x}
    chosen = [k for k in counts if counts[k] >= min_count or any(k in x for x in kept)]
    chosen.sort(key=lambda k: -counts[k])
    return [first[k] for k in chosen[:limit]]


