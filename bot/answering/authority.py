"""Whose rule a document is: national, a province's, or an article's — and which one a question wants.

Issue 18 item 5: a question that names no place or body is about the general rule, so a national
document (Luật, Nghị định, Thông tư, a Quyết định of a ministry or the Thủ tướng) ranks before a
province's decision on the same topic. A question that names a province or a body wants that one's
documents first. The answer says which applies where ("Quy định chung" vs "tại tỉnh X"), from
`applies_where`.

The level is told from the issuer first ("Ủy ban nhân dân tỉnh …", "HĐND …", "Sở …" are provincial;
"Chính phủ", "Bộ …", "Quốc hội", a central Party body are national), then from the số hiệu's suffix
(-UBND, -HĐND vs NĐ-CP, QĐ-TTg, TT-B…, QH), then from the places recorded in documents.meta.
"""

from __future__ import annotations

import re

from bot.answering.focus import scope_names, sector, spelled_out
from ingest.normalize import fold_diacritics
from ingest.places import CODES, canonical_place, mentions, places_in, same_place

NATIONAL, LOCAL, ARTICLE = "national", "local", "article"

# Folded issuer patterns. Provincial first: "Ủy ban nhân dân tỉnh" must not fall to a national rule.
_LOCAL_ISSUER = re.compile(
    r"\b(uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)\s+(tinh|thanh pho|tp|quan|huyen|thi xa|xa|phuong|dac khu)\b"
    r"|^\s*(so|ban thi dua[ -]khen thuong)\s+\w|\b(tinh uy|thanh uy|huyen uy|quan uy)\b")
_NATIONAL_ISSUER = re.compile(
    r"\b(chinh phu|thu tuong|quoc hoi|chu tich nuoc|uy ban thuong vu quoc hoi|trung uong|bo chinh tri|"
    r"ban bi thu|toa an nhan dan toi cao|vien kiem sat nhan dan toi cao|kiem toan nha nuoc|"
    r"ngan hang nha nuoc)\b|^\s*(bo|bo truong)\s+\w")
_LOCAL_NUMBER = re.compile(r"-(UBND|HĐND|HDND|UB|SNV|STP)\b|/(TU|HU|QU)\b", re.I)
_NATIONAL_NUMBER = re.compile(r"(NĐ-CP|ND-CP|QĐ-TTg|QD-TTg|CT-TTg|/QH\d*|QH\d+|-CP\b|TT-B|TTLT-|QĐ-B|QD-B|/TW\b|-TW\b)",
                              re.I)
_NATIONAL_TYPES = {"luat", "bo luat", "nghi dinh", "thong tu", "thong tu lien tich", "phap lenh", "phap dien",
                   "hien phap"}
# The six centrally-run cities are "thành phố"; every other unit is a "tỉnh".
_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}


def _get(doc, key: str, default=""):
    return doc.get(key, default) if isinstance(doc, dict) else getattr(doc, key, default)


def _meta(doc) -> dict:
    return _get(doc, "meta", None) or {}


def is_article(doc) -> bool:
    return _meta(doc).get("kind") in ("article", "explainer")


def is_news(doc) -> bool:
    """A news article (not an explainer, not a legal document)."""
    return _meta(doc).get("kind") == "article"


def level(doc) -> str:
    """national | local | article | "" (cannot tell) for a DocRecord or a document dict."""
    if is_article(doc):
        return ARTICLE
    issuer = fold_diacritics(_get(doc, "issuer") or "").lower()
    number = _get(doc, "number") or ""
    if issuer and _LOCAL_ISSUER.search(issuer):
        return LOCAL
    if issuer and _NATIONAL_ISSUER.search(issuer):
        return NATIONAL
    if number and _LOCAL_NUMBER.search(number):
        return LOCAL
    if number and _NATIONAL_NUMBER.search(number):
        return NATIONAL
    if fold_diacritics(_get(doc, "doc_type") or "").lower() in _NATIONAL_TYPES:
        return NATIONAL
    if _meta(doc).get("places"):
        return LOCAL
    if _get(doc, "secondary", False):
        return ARTICLE
    return ""


# A ministry's rules for its own sector ("… ngành Kế hoạch và Đầu tư", "… trong lĩnh vực lao động, người có
# công và xã hội"): national in form, but a general question is about the rule for everyone.
_SECTOR_TITLE = re.compile(r"\b(?:nganh|trong linh vuc)\s+(.+)$")


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", fold_diacritics(text).lower())) + " "


def sector_keys(doc) -> tuple[str, ...]:
    """For a ministry's document written for its own sector only (TT 15/2023/TT-BKHĐT, TT 16/2023/TT-BLĐTBXH):
    the folded words that name that sector in a question (the ministry's name, the title's sector); else ()."""
    issuer = _words(_get(doc, "issuer") or "")
    m = _SECTOR_TITLE.search(fold_diacritics(_get(doc, "title") or "").lower())
    # One ministry (not a joint circular), writing for the sector it runs (not "… do ngành X quản lý" in
    # another ministry's title): the sector's words are the ministry's.
    if level(doc) != NATIONAL or not issuer.startswith(" bo ") or issuer.count(" bo ") != 1 or not m:
        return ()
    sector = _words(m.group(1))
    if len(set(sector.split()) & set(issuer.split()) - {"bo", "va"}) < 2:
        return ()
    return tuple(k.strip() for k in (issuer[4:], sector) if k.strip())


def sector_name(doc) -> str:
    """The sector as the title writes it ("Kế hoạch và Đầu tư", "lao động, người có công và xã hội"); "" if none."""
    if not sector_keys(doc):
        return ""
    m = re.search(r"\b(?:ngành|trong lĩnh vực)\s+(.+)$", _get(doc, "title") or "", re.I)
    return m.group(1).strip() if m else ""


def names_sector(doc, question: str) -> bool:
    """The question names the sector this document is written for."""
    asked = _words(question)
    return any(f" {k} " in asked for k in sector_keys(doc))


def sector_rule(doc, question: str = "") -> bool:
    """A sector's own document asked about by a question that does not name that sector ("Kỷ niệm chương
    Vì sự nghiệp Kế hoạch và Đầu tư" names it)."""
    return bool(sector_keys(doc)) and not names_sector(doc, question)


def doc_places(doc) -> list[str]:
    """The canonical provinces/cities a document belongs to: its recorded places, else its issuer's."""
    places = list(_meta(doc).get("places") or [])
    return places or places_in(_get(doc, "issuer") or "")


def place_label(place: str) -> str:
    """ "Hải Phòng" -> "thành phố Hải Phòng", "Bắc Ninh" -> "tỉnh Bắc Ninh"."""
    return f"{'thành phố' if place in _CITIES else 'tỉnh'} {place}"


def applies_where(doc) -> str:
    """Where the rule of this document applies, for an answer citing national and local rules together.

    "Quy định chung" for a national document, "tại tỉnh Bắc Ninh" / "tại thành phố Hà Nội" for a
    province's, "quy định của địa phương" when the province cannot be told, "" for an article (an
    account of a rule, not a rule) or a document whose level is unknown.
    """
    lv = level(doc)
    if lv == NATIONAL:
        return "Quy định chung"
    if lv == LOCAL:
        places = doc_places(doc)
        return f"tại {place_label(places[0])}" if places else "quy định của địa phương"
    return ""


def where_labels(docs: list) -> list[str]:
    """`applies_where` of each cited document when national and provincial rules are cited together
    (a label is only useful then: "Quy định chung: …; tại tỉnh X: …"), else "" for each."""
    levels = {level(d) for d in docs}
    if not {NATIONAL, LOCAL} <= levels:
        return ["" for _ in docs]
    return [applies_where(d) for d in docs]


# ----------------------------------------------------------------------------------- the question

# Typed in lower case in a question ("dang uy van phong ubnd tinh tth …"): codes that are no Vietnamese
# word. Documents are searched for them in capitals only.
_LOWER_CODE = re.compile(r"(?<![\w/\-.])(tth|hcm)(?![\w/\-])")


def question_scope(question: str) -> tuple[list[str], list[str]]:
    """(places, other names) the question sets its scope by: canonical provinces ("TTH" -> "Huế") and
    the bodies or awards it names by capitalised words ("Bộ Kế hoạch và Đầu tư")."""
    places = places_in(question)     # "Ở HP, …", "tại CT" too (ingest.places)
    for m in _LOWER_CODE.finditer(question):
        if CODES[m.group(1).upper()] not in places:
            places.append(CODES[m.group(1).upper()])
    names = []
    for n in scope_names(question):
        if canonical_place(n) or places_in(n):
            places += [p for p in ([canonical_place(n)] if canonical_place(n) else places_in(n)) if p not in places]
        elif fold_diacritics(n).lower().split()[0] in ("bo", "so", "uy", "ban", "tong", "hoi", "tinh", "thanh",
                                                       "nganh"):
            names.append(sector(spelled_out(n)))   # a body; award titles are topic words, not a scope
    return places, names


def of_place(doc, places: list[str]) -> bool:
    """The document is one of the named places' own (its recorded places, else its issuer's)."""
    return any(same_place(p, m) for p in places for m in doc_places(doc))


def of_scope(doc, places: list[str], names: list[str]) -> bool:
    """The document belongs to a place or a body the question names (metadata, issuer or title)."""
    return of_place(doc, places) or any(mentions(doc, n) for n in names)
