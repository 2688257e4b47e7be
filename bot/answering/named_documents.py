"""Documents and meetings a question names: by number, a law by its title, a meeting or term by its ordinal.

Retrieval ranks a document the question names first (bot/answering/retrieve.py); refusal checks that the
documents answering name the document, meeting or term asked about (bot/answering/focus.py).
"""

from __future__ import annotations

import re
import unicodedata

from bot.answering.question import phrase_form
from ingest.normalize import fold_diacritics


# "90/2020", "15/2023/TT-BKHĐT", "Luật 80/2025/QH15"
_NUMBER_IN_QUERY = re.compile(r"\b(\d{1,4})\s*/\s*(\d{4})(?:\s*/\s*([A-Za-zĐđ0-9\-]+))?")


# A Party document is cited without its year: "Quy định 366", "QĐ 366", "366-QĐ/TW", "Hướng dẫn 21-HD/TW".
_PARTY_KIND = {"quy dinh": "qd", "qd": "qd", "huong dan": "hd", "hd": "hd", "ket luan": "kl", "kl": "kl",
               "chi thi": "ct", "ct": "ct", "nghi quyet": "nq", "nq": "nq"}
_PARTY_NUMBER = re.compile(r"\b(quy dinh|qd|huong dan|hd|ket luan|kl|chi thi|ct|nghi quyet|nq)\s+(?:so\s+)?(\d{1,4})\b(?!\s*/)"
                           r"|\b(\d{1,4})\s*-\s*(qd|hd|kl|ct|nq)\s*/\s*tw\b")


# A decree or circular cited without its year, as cadres do: "Nghị định 90", "NĐ 172", "Thông tư 15" (blind
# dev60 d60-007: "Theo bản pháp điển Nghị định 90, …" was answered from Nghị định 233 and refused).
_STATE_KIND = {"nghi dinh": "nd", "nd": "nd", "thong tu": "tt", "tt": "tt"}
_STATE_NUMBER = re.compile(r"\b(nghi dinh|nd|thong tu|tt)\s+(?:so\s+)?(\d{1,4})\b(?!\s*/)")


def mentioned_numbers(query: str) -> list[str]:
    """Folded prefixes of document numbers named in the question: "NN/YYYY"; "NNN-qd" for a Party
    document cited without a year ("Quy định 366" → "366-qd", matching "366-QĐ/TW"); "NN/|nd" for a decree
    cited without one ("Nghị định 90" → "90/|nd", matching "90/2020/NĐ-CP": number_named)."""
    out = [f"{a}/{b}" for a, b, _ in _NUMBER_IN_QUERY.findall(query)]
    folded = fold_diacritics(query.lower())
    for kind, num, num2, kind2 in _PARTY_NUMBER.findall(folded):
        key = f"{num}-{_PARTY_KIND[kind]}" if num else f"{num2}-{kind2}"
        if key not in out:
            out.append(key)
    for kind, num in _STATE_NUMBER.findall(folded):
        key = f"{num}/|{_STATE_KIND[kind]}"
        if key not in out and not any(k.startswith(f"{num}/") for k in out):
            out.append(key)
    return out


def number_named(key: str, prefix: str) -> bool:
    """A folded số hiệu (ingest.validity.number_key) is the one mentioned_numbers' `prefix` names: it starts
    with it, or, for a decree or circular named without its year, has its number and its kind ("nd-cp")."""
    if "|" not in prefix:
        return key.startswith(prefix)
    num, kind = prefix.split("|")
    return key.startswith(num) and re.search(rf"/{kind}(?:-|$)", key) is not None


def law_named(doc, query: str) -> bool:
    """The question names this law by its title ("Theo Luật Cán bộ, công chức năm 2025, …"): a law is cited
    by name more often than by number, and its title is short and its own. Not "kỷ luật cán bộ, công chức"."""
    if fold_diacritics(getattr(doc, "doc_type", "") or "").lower() != "luat":   # most documents: no folding
        return False
    title = phrase_form(getattr(doc, "title", "") or "")
    if not title.startswith(" luat ") or len(title.split()) < 3:
        return False
    q = phrase_form(query).replace(" ki luat ", " ki_luat ")   # phrase_form spells "kỷ" "ki"
    return title in q


_DOC_REF = re.compile(r"\b(nghị định|nđ|thông tư|tt|quyết định|qđ|nghị quyết|nq|luật|chỉ thị|kế hoạch|kh|"
                      r"hướng dẫn|hd|quy định|công văn)\s*(?:số\s*)?(\d{1,5})(?:/(\d{4}))?\b", re.I)


def document_refs(question: str) -> list[tuple[str, str]]:
    """Documents the question cites by number: ("NĐ 178", " 178 ") — the label and the folded form
    that must occur ("178/2025/NĐ-CP" folds to "178 2025 nd cp")."""
    out = []
    for m in _DOC_REF.finditer(unicodedata.normalize("NFC", question)):
        num, year = m.group(2), m.group(3)
        out.append((m.group(0), f" {num} {year} " if year else f" {num} "))
    return out


# Which meeting, congress or term ("lần thứ XI", "Kỳ họp lần thứ 28", "khóa XII", "Đại hội XIV"): a document
# on another one, or on the body in general, does not say what happened at this one.
_ORDINAL = re.compile(r"\b(lần thứ|lan thu|kỳ họp thứ|ky hop thu|khóa|khoá|khoa|đại hội|dai hoi)\s+([IVXL]{1,6}|\d{1,3})\b(?![/.,]\d)",
                      re.I)


# "lần thứ 3" names a meeting or an award's round only after one: "Hội nghị BCH Đảng bộ Khối … lần thứ 9", "giải
# Tôn Đức Thắng lần thứ XVIII". "Bài thi viết … đã chấm tới lần thứ 3 mà điểm … vẫn lệch nhau" counts the markings
# (blind dev100 d100-067 was refused: "không nói đến “lần thứ 3”").
_EVENT_BEFORE = re.compile(r"\b(?:hoi nghi|dai hoi|ki hop|hoi thao|phien|le|giai|giai thuong|ton vinh|lien hoan|hoi thi|"
                           r"hoi dien|hoi giang|cuoc thi|bch|ban chap hanh|hoi|dot)\b")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


def _arabic(roman: str) -> int:
    values = [_ROMAN[c] for c in roman.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _roman(number: int) -> str:
    """1 → "i", 14 → "xiv", up to 89 (documents write congresses and terms in Roman numerals)."""
    out = ""
    for value, letters in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def event_ordinals(question: str) -> list[tuple[str, tuple[str, ...]]]:
    """The meetings, congresses or terms the question names by number, with the folded forms a document
    may write them in: "Đại hội XIV" is also "Đại hội lần thứ XIV", "khóa XII" also "khóa 12"."""
    out = []
    text = unicodedata.normalize("NFC", question)
    for m in _ORDINAL.finditer(text):
        word, num = phrase_form(m.group(1)).strip(), m.group(2).lower()
        if num.isalpha() and not m.group(2).isupper():
            continue      # "khoa học", not a Roman numeral
        if word == "lan thu" and num.isdigit() and not _EVENT_BEFORE.search(phrase_form(text[:m.start()])[-120:]):
            continue      # "chấm tới lần thứ 3": the third time something is done, not a meeting's number
        # "đại hội 14" is the documents' "Đại hội lần thứ XIV" (dev45 d45-047 was refused: "không nói đến")
        nums = {num, str(_arabic(num))} if num.isalpha() else {num, _roman(int(num))} if 0 < int(num) < 90 else {num}
        words = {word, "lan thu", f"{word} lan thu"}
        out.append((m.group(0), tuple(f" {w} {n} " for w in words for n in nums)))
    return out
