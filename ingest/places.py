"""Provinces, cities and their aliases: one small table, and the functions that read places from text.

Why: a news article names its province by a dateline code ("TTH -", "(HPĐT)-"), a newspaper or an
abbreviation (TP.HCM, HN), and a cadre's question may use the old name of a province merged in 2025.
Refusal's scope check and the article metadata both go through `canonical_place` and `mentions`.

The 2025 merger (Nghị quyết 202/2025/QH15, in force 01/07/2025) reduced 63 provincial units to 34.
Each pre-merger unit keeps its own canonical name here; `current_place` gives the unit it belongs to
now. Thừa Thiên Huế became the centrally-run city of Huế on 01/01/2025: one unit, canonical "Huế".
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.bodies import _body_key, bodies_in  # noqa: F401  (bodies_in re-exported for callers)
from ingest.normalize import canonical_tones, fold_diacritics, has_diacritics

# canonical name -> (aliases written in running text, the unit it belongs to since 01/07/2025 or "").
# Aliases are matched case-insensitively on whole words; CODES below only as standalone capitals.
_TABLE: dict[str, tuple[tuple[str, ...], str]] = {
    # the six centrally-run cities
    "Hà Nội": (("Hà Nội", "Hanoi", "Thủ đô Hà Nội"), ""),
    "Hồ Chí Minh": (("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP Hồ Chí Minh", "TP.Hồ Chí Minh",
                     "TP.HCM", "TP HCM", "TP. HCM", "TPHCM", "Tp.HCM", "HCMC", "Sài Gòn"), ""),
    "Hải Phòng": (("Hải Phòng",), ""),
    "Đà Nẵng": (("Đà Nẵng",), ""),
    "Cần Thơ": (("Cần Thơ",), ""),
    "Huế": (("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên – Huế", "Thừa Thiên-Huế", "TT-Huế", "TT Huế",
             "Huế"), ""),
    # provinces left unchanged in 2025
    **{name: ((name,), "") for name in ("Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
                                        "Nghệ An", "Hà Tĩnh", "Cao Bằng")},
    # provinces that absorbed others in 2025 keep their name
    **{name: ((name,), "") for name in ("Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
                                        "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
                                        "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau",
                                        "An Giang")},
    # merged into another unit on 01/07/2025
    "Hà Giang": (("Hà Giang",), "Tuyên Quang"),
    "Yên Bái": (("Yên Bái",), "Lào Cai"),
    "Bắc Kạn": (("Bắc Kạn", "Bắc Cạn"), "Thái Nguyên"),
    "Vĩnh Phúc": (("Vĩnh Phúc",), "Phú Thọ"),
    "Hòa Bình": (("tỉnh Hòa Bình",), "Phú Thọ"),      # also a common word/name: only with "tỉnh"
    "Bắc Giang": (("Bắc Giang",), "Bắc Ninh"),
    "Thái Bình": (("tỉnh Thái Bình", "Báo Thái Bình"), "Hưng Yên"),   # also a person's name
    "Hải Dương": (("Hải Dương",), "Hải Phòng"),
    "Hà Nam": (("Hà Nam",), "Ninh Bình"),
    "Nam Định": (("Nam Định",), "Ninh Bình"),
    "Quảng Bình": (("Quảng Bình",), "Quảng Trị"),
    "Quảng Nam": (("Quảng Nam",), "Đà Nẵng"),
    "Kon Tum": (("Kon Tum", "Kontum"), "Quảng Ngãi"),
    "Bình Định": (("Bình Định",), "Gia Lai"),
    "Ninh Thuận": (("Ninh Thuận",), "Khánh Hòa"),
    "Đắk Nông": (("Đắk Nông", "Đăk Nông", "Dak Nong"), "Lâm Đồng"),
    "Bình Thuận": (("Bình Thuận",), "Lâm Đồng"),
    "Phú Yên": (("Phú Yên",), "Đắk Lắk"),
    "Bình Dương": (("Bình Dương",), "Hồ Chí Minh"),
    "Bà Rịa - Vũng Tàu": (("Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu", "Bà Rịa Vũng Tàu",
                           "BR-VT", "BRVT"), "Hồ Chí Minh"),
    "Bình Phước": (("Bình Phước",), "Đồng Nai"),
    "Long An": (("tỉnh Long An", "Long An"), "Tây Ninh"),
    "Sóc Trăng": (("Sóc Trăng",), "Cần Thơ"),
    "Hậu Giang": (("Hậu Giang",), "Cần Thơ"),
    "Bến Tre": (("Bến Tre",), "Vĩnh Long"),
    "Trà Vinh": (("Trà Vinh",), "Vĩnh Long"),
    "Tiền Giang": (("Tiền Giang",), "Đồng Tháp"),
    "Bạc Liêu": (("Bạc Liêu",), "Cà Mau"),
    "Kiên Giang": (("Kiên Giang",), "An Giang"),
}
_EXTRA_ALIASES = {"Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Daklak", "Dak Lak"), "Khánh Hòa": ("Khánh Hoà",),
                  "Thanh Hóa": ("Thanh Hoá",)}

# Short codes: matched only as standalone capitals, never inside a số hiệu ("05-CT/TW", "QĐ-UBND").
CODES = {"HN": "Hà Nội", "HCM": "Hồ Chí Minh", "TP.HCM": "Hồ Chí Minh", "HP": "Hải Phòng", "ĐN": "Đà Nẵng",
         "CT": "Cần Thơ", "TTH": "Huế", "TT-H": "Huế", "BR-VT": "Bà Rịa - Vũng Tàu", "ĐL": "Đắk Lắk",
         "BN": "Bắc Ninh", "NA": "Nghệ An"}
# Codes too ambiguous to find anywhere in running text (Cần Thơ's "CT" is also Chỉ thị): only a whole query,
# the text's first word ("HP lưu giữ …") or after a word of place ("Ở BN, hồ sơ …", "tại CT", "thuộc ĐL").
_NOT_SCANNED = {"CT", "ĐL", "HP", "BN", "NA"}

# Dateline codes and the newspaper + province they stand for.
DATELINES = {
    "HPĐT": ("Báo Hải Phòng điện tử", "Hải Phòng"),
    "TTH": ("Báo Thừa Thiên Huế", "Huế"),
    "HNM": ("Báo Hà Nội Mới", "Hà Nội"),
    "HNMO": ("Báo Hà Nội Mới", "Hà Nội"),
    "SGGP": ("Báo Sài Gòn Giải Phóng", "Hồ Chí Minh"),
    "ĐNO": ("Báo Đà Nẵng", "Đà Nẵng"),
    "NDO": ("Báo Nhân Dân", ""),
    "ĐCSVN": ("Báo điện tử Đảng Cộng sản Việt Nam", ""),
    "TTXVN": ("Thông tấn xã Việt Nam", ""),
    "VOV": ("Đài Tiếng nói Việt Nam", ""),
    "QĐND": ("Báo Quân đội nhân dân", ""),
}

UNIT_WORDS = r"(?:tỉnh|thành phố|Thành phố|TP\.?|Tp\.?|TỈNH|THÀNH PHỐ)"


def current_place(name: str) -> str:
    """The 34-unit province/city a canonical name belongs to now: "Nam Định" -> "Ninh Bình"."""
    entry = _TABLE.get(name)
    return (entry[1] or name) if entry else ""


def merged_from(name: str) -> list[str]:
    """The pre-2025 units merged into `name` (itself excluded): "Ninh Bình" -> ["Hà Nam", "Nam Định"]."""
    return sorted(k for k, (_, into) in _TABLE.items() if into == name)


def all_places() -> list[str]:
    return list(_TABLE)


def _key(s: str) -> str:
    return canonical_tones(re.sub(r"\s+", " ", s.strip())).casefold()


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    """alias (tone-canonical, case-folded) -> canonical name; and the folded forms for unaccented text."""
    out: dict[str, str] = {}
    for name, (aliases, _) in _TABLE.items():
        for a in (name, *aliases, *_EXTRA_ALIASES.get(name, ())):
            bare = re.sub(r"^(?:tỉnh|Báo)\s+", "", a)
            out[_key(bare)] = name
            out[_key(fold_diacritics(bare))] = name
    for code, name in CODES.items():
        out[_key(code)] = name
        out[_key(fold_diacritics(code))] = name
    return out


def canonical_place(text: str) -> str | None:
    """The canonical province/city a name or abbreviation denotes, or None.

    "TTH", "Thừa Thiên Huế", "thành phố Huế" -> "Huế"; "TP.HCM", "tphcm" -> "Hồ Chí Minh";
    "tỉnh Nam Định", "nam dinh" -> "Nam Định" (whose current unit is Ninh Bình, see `current_place`).
    """
    s = re.sub(rf"^\s*{UNIT_WORDS}\s*", "", (text or "").strip(" .,;:()-–"), flags=re.I)
    if not s:
        return None
    return _lookup().get(_key(s)) or _lookup().get(_key(fold_diacritics(s)))


@lru_cache(maxsize=1)
def _scan_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(accented aliases, unaccented aliases, standalone codes, ambiguous codes where they can only be a
    place), longest alias first."""
    names, folded = set(), set()
    for name, (aliases, _) in _TABLE.items():
        for a in (*aliases, *_EXTRA_ALIASES.get(name, ())):
            names.add(a)
            folded.add(fold_diacritics(a))
    def alt(xs):
        return "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in sorted(xs, key=len, reverse=True))
    accented = re.compile(rf"(?<![\w])(?:{alt(names)})(?![\w])", re.I)
    unaccented = re.compile(rf"(?<![\w])(?:{alt(folded)})(?![\w])", re.I)
    codes = [c for c in CODES if c not in _NOT_SCANNED]
    standalone = re.compile(rf"(?<![\w/\-.])(?:{alt(codes)})(?![\w/]|-\w)")
    in_context = re.compile(rf"(?:^\s*|(?<!\w)(?:[Ởở]|[Tt]ại|[Oo]|[Tt]ai|thuộc|TP\.?)\s+)({alt(_NOT_SCANNED)})"
                            r"(?![\w/\-]|\s*\d)")     # not "CT 05" (a Chỉ thị's number)
    return accented, unaccented, standalone, in_context


def place_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every province/city named in `text`, in order.

    Accented text is matched accent-exactly (so the name "Huệ" is not "Huế"); text typed without
    diacritics is matched on folded forms. "Hồ Chí Minh" alone is not a place (tư tưởng Hồ Chí Minh):
    it needs "Thành phố"/"TP".
    """
    text = canonical_tones(text or "")
    accented, unaccented, standalone, in_context = _scan_patterns()
    pattern = accented if has_diacritics(text) else unaccented
    found: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text):
        name = _lookup().get(_key(re.sub(r"^(?:tỉnh|Báo)\s+", "", m.group(0), flags=re.I)))
        if name:
            found.append((m.start(), m.end(), name))
    for m in standalone.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), CODES[m.group(0)]))
    for m in in_context.finditer(text):
        if not any(s <= m.start(1) < e for s, e, _ in found):
            found.append((m.start(1), m.end(1), CODES[m.group(1)]))
    return sorted(found)


def without_places(text: str) -> str:
    """`text` with every province/city it names (place_spans) replaced by a space."""
    for s, e, _ in sorted(place_spans(text), reverse=True):
        text = text[:s] + " " + text[e:]
    return text


def places_in(text: str) -> list[str]:
    """Canonical provinces/cities named in `text`, each once, in order of first mention."""
    return list(dict.fromkeys(name for _, _, name in place_spans(text)))


def aliases_of(name: str) -> list[str]:
    """Every way the corpus or a user writes the canonical place `name`: its aliases and codes, plus
    the 2025 unit it now belongs to. For keyword/embedding text: "Huế" -> [..., "Thừa Thiên Huế", "TTH"]."""
    entry = _TABLE.get(name)
    if not entry:
        return []
    out = [name, *entry[0], *_EXTRA_ALIASES.get(name, ()), *(c for c, n in CODES.items() if n == name)]
    if entry[1]:
        out.append(entry[1])
    return list(dict.fromkeys(re.sub(r"^tỉnh\s+", "", a) for a in out))


def search_terms(meta: dict) -> str:
    """One line of words a document's metadata adds to retrieval (places with aliases, publisher, bodies).

    Meant for the embedded/keyword text of an article's chunks, so a question that names the province
    by abbreviation ("TTH") or the old/new name after the merger finds the article.
    """
    meta = meta or {}
    words = [a for p in meta.get("places", []) or [] for a in aliases_of(p)]
    words += [meta.get("publisher", ""), meta.get("section", "")]
    return " ".join(dict.fromkeys(w for w in words if w))


def same_place(asked: str, about: str) -> bool:
    """Does a document about `about` count for a question naming `asked` (both canonical names)?

    Yes for the same unit; for a question naming the 2025 unit a document about one of its old parts
    counts ("Ninh Bình" asked, an article about Nam Định); and a document of the new unit counts for
    a question naming an old part of it. Two old parts of one new unit do not count for each other.
    """
    if not asked or not about:
        return False
    return asked == about or asked == current_place(about) or current_place(asked) == about


# --------------------------------------------------------------------------------------- mentions

def _haystack(doc) -> tuple[str, list[str]]:
    """(the text to search, the places recorded) of a document dict, DocRecord, metadata dict or text."""
    if isinstance(doc, str):
        return doc, []
    get = doc.get if isinstance(doc, dict) else (lambda k, d=None: getattr(doc, k, d))
    meta = get("meta") or (doc if isinstance(doc, dict) and "kind" in doc else {}) or {}
    parts = [get("title") or "", get("issuer") or "", get("text") or "", meta.get("section", ""),
             meta.get("publisher", ""), " ".join(meta.get("bodies", []) or [])]
    places = list(meta.get("places", []) or [])
    if meta.get("dateline") in DATELINES and DATELINES[meta["dateline"]][1]:
        places.append(DATELINES[meta["dateline"]][1])
    return "\n".join(p for p in parts if p), places


def mentions(doc, name: str) -> bool:
    """Does the document mention the place or body `name`, counting its metadata and aliases?

    Args:
        doc: a document dict (as the store returns it, with "meta"), a DocRecord, a meta dict, or text.
        name: what a question names: "TTH", "Thừa Thiên Huế", "tỉnh Nam Định", "Văn phòng UBND tỉnh",
            "Đảng ủy Khối các cơ quan thành phố Hải Phòng".
    Returns:
        True when the place is one the document is about (its recorded places, its dateline code, its
        issuer, title or text), the merger taken into account (see `same_place`), and any words of
        `name` besides the place appear in the document (abbreviations such as UBND expanded).
    """
    text, recorded = _haystack(doc)
    asked_places = [canonical_place(name)] if canonical_place(name) else places_in(name)
    rest = name
    if asked_places:
        rest = without_places(name)
        if canonical_place(name):
            rest = ""
        rest = re.sub(rf"\b{UNIT_WORDS}\s*$", "", rest.strip(" ,.-"), flags=re.I).strip(" ,.-")
        about = set(recorded) | set(places_in(text))
        if not all(any(same_place(a, b) for b in about) for a in asked_places):
            return False
        if not rest:
            return True
    return _body_key(rest) in _body_key(text)

