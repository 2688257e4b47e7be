"""Legacy 8-bit Vietnamese encodings: TCVN3 (ABC, fonts named `.VnTime`) and VNI-Windows (`VNI-Times`).

Such files are plain 8-bit bytes that any decoder accepts, so they arrive as Western-European gibberish,
either straight from a .txt file or inside a DOCX/HTML/PDF whose characters were stored as the font's
code points:

    TCVN3: "Céng hoµ x· héi chñ nghÜa ViÖt Nam"   VNI: "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"

`detect_legacy_vietnamese` recognises both in decoded text, `legacy_to_unicode` converts them, and
`repair_legacy` does both and says so in a warning, so nothing is silently indexed as garbage.
`unicode_to_legacy` goes the other way, for tests that need such files.
"""

from __future__ import annotations

import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"


# -- TCVN3 (ABC / TCVN 5712:1993 VN3) ------------------------------------------------------------
# One byte per letter. Each row lists a vowel's bytes for the tones huyền, sắc, hỏi, ngã, nặng.
# All codes are >= 0xA1, where cp1252 and latin-1 agree, so a code's decoded character is chr(code).
_TCVN3_ROWS = [
    ("àáảãạ", b"\xb5\xb8\xb6\xb7\xb9"),
    ("ằắẳẵặ", b"\xbb\xbe\xbc\xbd\xc6"),
    ("ầấẩẫậ", b"\xc7\xca\xc8\xc9\xcb"),
    ("èéẻẽẹ", b"\xcc\xd0\xce\xcf\xd1"),
    ("ềếểễệ", b"\xd2\xd5\xd3\xd4\xd6"),
    ("ìíỉĩị", b"\xd7\xdd\xd8\xdc\xde"),
    ("òóỏõọ", b"\xdf\xe3\xe1\xe2\xe4"),
    ("ồốổỗộ", b"\xe5\xe8\xe6\xe7\xe9"),
    ("ờớởỡợ", b"\xea\xed\xeb\xec\xee"),
    ("ùúủũụ", b"\xef\xf3\xf1\xf2\xf4"),
    ("ừứửữự", b"\xf5\xf8\xf6\xf7\xf9"),
    ("ỳýỷỹỵ", b"\xfa\xfd\xfb\xfc\xfe"),
    ("ăâêôơưđ", b"\xa8\xa9\xaa\xab\xac\xad\xae"),
    ("ĂÂÊÔƠƯĐ", b"\xa1\xa2\xa3\xa4\xa5\xa6\xa7"),
]
_TCVN3_DECODE = {code: letter for letters, codes in _TCVN3_ROWS for letter, code in zip(letters, codes)}
_TCVN3_ENCODE = {letter: code for code, letter in _TCVN3_DECODE.items()}

# -- VNI-Windows --------------------------------------------------------------------------------
# A base ASCII letter followed by a diacritic character; a few letters are one character of their own.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_MARKS = {  # lowercase form; the uppercase character carries the same marks
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE,
    "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}  # ì, í are themselves
_VNI_SINGLE.update({k.upper(): v.upper() for k, v in list(_VNI_SINGLE.items())})
_VNI_SINGLE_TABLE = str.maketrans(_VNI_SINGLE)
_VNI_SINGLE_REVERSE = {v: k for k, v in _VNI_SINGLE.items()}
_VNI_MARK_FOR = {v: k for k, v in _VNI_MARKS.items() if k.islower()}
_VNI_COMBO = re.compile("([aeiouyAEIOUYơưƠƯ])([" + "".join(_VNI_MARKS) + "])")
_TONES = {_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT}
# Words typed in capitals: two or more A-Z and no a-z ("HOµ" is "HOÀ"; but "Tù" is "Tự", not "TỰ"),
# and lines without a-z made mostly of such words ("CéNG HOµ X· HéI": "X·" is "XÃ" there).
_CAPITAL_WORD = re.compile(r"(?<!\S)[^\sa-z]*[A-Z][^\sa-z]*[A-Z][^\sa-z]*(?!\S)")
_NO_LOWER_LINE = re.compile(r"^[^a-z\n]*[A-Z][^a-z\n]*$", re.MULTILINE)

# -- detection ----------------------------------------------------------------------------------
# TCVN3 codes 0xA1-0xBE (à á ả ã ạ ă â ê ô ơ ư đ ...) are not letters in any Western text and VNI
# never uses them: their presence inside words is the strongest TCVN3 sign. « and » (ô, ằ) are
# also quotation marks, so they count only between two letters ("Th«ng").
_TCVN3_LOW = "".join(sorted({chr(c) for c in _TCVN3_DECODE if c <= 0xBE} - {"«", "»"}))
_LOW_IN_WORD = re.compile(f"(?<=[A-Za-z{_TCVN3_LOW}])[{_TCVN3_LOW}]|[{_TCVN3_LOW}](?=[A-Za-z])"
                          "|(?<=[A-Za-z])[«»](?=[A-Za-z])")
# Other TCVN3 toned vowels that are not Vietnamese letters in Unicode, after a consonant ("chñ").
_TCVN3_AFTER_CONSONANT = re.compile("(?<=[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ])[ÆËÎÏÐÑÖØÜÞßäåæçëîïñöøûüþ]")
# VNI diacritics after a vowel ("oä" = ộ, "oø" = ò). ï and ë are left out: French and Dutch put
# them after vowels too (naïve, Noël). ñ starting a word is VNI's đ; "öô" is its ươ.
_VNI_SIGNS = re.compile("(?<=[aeiouyAEIOUYôöÔÖ])[äåøûüÄÅØÛÜ]|(?<![A-Za-z])[ñÑ](?=[a-zA-Z])|[öÖ][ôÔ]")
# Proper Unicode Vietnamese: letters no 8-bit Western decoding can produce.
_UNICODE_VIETNAMESE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")
_SAMPLE = 200_000  # characters examined; legacy documents are uniformly encoded


def detect_legacy_vietnamese(text: str) -> str | None:
    """Say whether `text` is TCVN3 or VNI-Windows bytes that were decoded as cp1252/latin-1.

    Returns:
        "TCVN3", "VNI", or None for anything else (proper Unicode Vietnamese, English, ...).
    """
    sample = text[:_SAMPLE]
    low = len(_LOW_IN_WORD.findall(sample))
    tcvn = low + len(_TCVN3_AFTER_CONSONANT.findall(sample)) if low >= 2 else 0
    vni = len(_VNI_SIGNS.findall(sample))
    score, kind = (tcvn, TCVN3) if tcvn >= vni else (vni, VNI)
    if score < 3:
        return None
    words = max(1, len(sample.split()))
    if score < 0.05 * words:  # a stray "«»" or "Müller" in a long text is not an encoding
        return None
    if len(_UNICODE_VIETNAMESE.findall(sample)) > score:
        return None  # already real Vietnamese; the odd characters are something else
    return kind


def legacy_to_unicode(text: str, legacy: str) -> str:
    """Convert text in TCVN3 or VNI (as decoded by cp1252/latin-1) to Unicode NFC."""
    if legacy == TCVN3:
        out = text.translate(_TCVN3_DECODE)
        # All-capital headings were typed with the ".VnTimeH" font, which reuses the lowercase codes.
        out = _NO_LOWER_LINE.sub(_upper_if_capital_line, out)
        out = _CAPITAL_WORD.sub(lambda m: m.group(0).upper(), out)
    elif legacy == VNI:
        out = _VNI_COMBO.sub(_vni_compose, text.translate(_VNI_SINGLE_TABLE))
    else:
        raise ValueError(f"unknown legacy encoding {legacy!r}")
    return unicodedata.normalize("NFC", out)


def _upper_if_capital_line(match: re.Match) -> str:
    line = match.group(0)
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    capital = sum(1 for w in words if _CAPITAL_WORD.fullmatch(w))
    return line.upper() if len(words) >= 3 and capital >= 2 * len(words) / 3 else line


def _vni_compose(match: re.Match) -> str:
    base, mark = match.group(1), match.group(2)
    marks = _VNI_MARKS[mark]
    modifier = marks[0] if marks[0] in (_CIRC, _BREVE) else ""
    if modifier == _BREVE and base not in "aA":
        return match.group(0)
    if modifier == _CIRC and base not in "aeoAEO":
        return match.group(0)
    return base + marks


def unicode_to_legacy(text: str, legacy: str) -> bytes:
    """Encode Vietnamese text as TCVN3 or VNI-Windows bytes (the reverse of what we repair).

    Used to build test fixtures and to check a conversion by round trip. TCVN3 has no capital
    toned letters: they are written with the lowercase code, as the ".VnTimeH" fonts expect.
    """
    out = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) < 0x80:
            out.append(char.encode("ascii"))
        elif legacy == TCVN3:
            code = _TCVN3_ENCODE.get(char) or _TCVN3_ENCODE.get(char.lower())
            out.append(bytes([code]) if code else char.encode("cp1252", errors="replace"))
        elif legacy == VNI:
            out.append(_vni_char(char).encode("cp1252", errors="replace"))
        else:
            raise ValueError(f"unknown legacy encoding {legacy!r}")
    return b"".join(out)


def _vni_char(char: str) -> str:
    if char in _VNI_SINGLE_REVERSE:  # ơ ư đ ỉ ĩ ị ỵ
        return _VNI_SINGLE_REVERSE[char]
    parts = unicodedata.normalize("NFD", char)
    base, marks = parts[0], set(parts[1:])
    if _HORN in marks:  # ờ ớ ở ỡ ợ, ừ ...: the horned letter is one character, then the tone
        base, marks = _VNI_SINGLE_REVERSE[unicodedata.normalize("NFC", base + _HORN)], marks - {_HORN}
    tone = next(iter(marks & _TONES), "")
    modifier = next(iter(marks & {_CIRC, _BREVE}), "")
    if (not modifier and not tone) or (base in "iI" and not modifier):  # ì, í are themselves
        return char
    mark = _VNI_MARK_FOR[modifier + tone]
    return base + (mark.upper() if base.isupper() else mark)


def repair_legacy(text: str) -> tuple[str, list[str]]:
    """Detect TCVN3/VNI text and convert it; the warning list says when that happened."""
    legacy = detect_legacy_vietnamese(text)
    if legacy is None:
        return text, []
    return legacy_to_unicode(text, legacy), [
        f"converted from {legacy} (legacy 8-bit Vietnamese encoding) to Unicode; check the text"]
