"""Turn the bytes of a text file into Unicode: BOMs, UTF-16, UTF-8, Windows-1258, and legacy 8-bit
Vietnamese (TCVN3/VNI, detected and converted by ingest/legacy.py, with a warning)."""

from __future__ import annotations

import codecs
import re
import unicodedata

from ingest.legacy import detect_legacy_vietnamese, repair_legacy

class DecodeError(ValueError):
    """The bytes are not text (binary data); the message says why, in English."""


# -- bytes -> text ------------------------------------------------------------------------------
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}  # undefined in cp1252: kept as latin-1
_CP1252_FIX = {c: bytes([c]).decode("cp1252") for c in range(0x80, 0xA0) if c not in _CP1252_HOLES}
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode_8bit(data: bytes, codec: str) -> str:
    """Decode with a Windows code page, keeping its few undefined bytes as latin-1 characters."""
    if codec == "cp1252":
        return data.decode("latin-1").translate(_CP1252_FIX)
    return data.decode(codec, errors="replace")


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode a text file's bytes to Unicode NFC.

    Order: a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; UTF-8 with a few bad bytes; UTF-16 without
    a BOM; then 8-bit: TCVN3/VNI when detected (converted), else Windows-1258 when the bytes read as
    Vietnamese in it, else Windows-1252. Each guess beyond plain UTF-8 adds a warning.

    Returns:
        (text, warnings)
    Raises:
        DecodeError: the data is binary (NUL bytes, many control characters), not text.
    """
    warnings: list[str] = []
    text = None
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            if "\ufffd" in text:
                warnings.append(f"{text.count(chr(0xFFFD))} invalid {codec.upper()} sequences replaced")
            break
    if text is None and b"\x00" in data[:4096]:
        utf16 = _looks_utf16(data)
        if utf16:
            warnings.append(f"no byte-order mark; decoded as {utf16.upper()}")
            text = data.decode(utf16, errors="replace")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_imperfect(data, warnings)
    if _CONTROL.search(text):
        controls = len(_CONTROL.findall(text))
        if "\x00" in text or controls > 0.01 * len(text):
            raise DecodeError("binary data, not text (contains NUL or control bytes)")
        text = _CONTROL.sub("", text)
    if _looks_binary(text):
        raise DecodeError("binary data, not text (decodes to unassigned, private-use or mixed CJK characters)")
    text, legacy_warnings = repair_legacy(text)
    return unicodedata.normalize("NFC", text), warnings + legacy_warnings


_CJK = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3]")


def _looks_binary(text: str) -> bool:
    """Random bytes behind a UTF-16/32 byte-order mark decode without error, into a soup of Hangul,
    CJK, private-use and unassigned code points; such a file was indexed as garbage (issue 8).

    Real text, Vietnamese or even Chinese, has next to no private-use, unassigned or surrogate
    characters, so their share (with U+FFFD from replaced sequences) is the signal; a text that is
    mostly CJK needs only a small share, since a hoidap document written in CJK is unlikely anyway.
    """
    sample = text[:100_000]
    chars = len(sample) - sum(1 for c in sample if c.isspace())
    if chars < 16:
        return False
    odd = sum(1 for c in sample if c == "\ufffd" or unicodedata.category(c) in ("Co", "Cn", "Cs"))
    if odd > 0.05 * chars:
        return True
    return len(_CJK.findall(sample)) > 0.5 * chars and odd > 0.005 * chars


def _decode_imperfect(data: bytes, warnings: list[str]) -> str:
    """Bytes that are not strict UTF-8: damaged UTF-8 or an 8-bit code page."""
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    multibyte = len(data) - len(loose)  # bytes saved by multi-byte sequences that did decode
    if multibyte >= 10 * bad:
        warnings.append(f"{bad} invalid UTF-8 byte sequences replaced")
        return loose
    if b"\x00" in data:
        raise DecodeError("binary data, not text (contains NUL bytes)")
    western = _decode_8bit(data, "cp1252")
    if detect_legacy_vietnamese(western):
        return western  # repair_legacy converts it and says so
    # Never mistaken for TCVN3/VNI: cp1258 Vietnamese has none of the signs detection looks for.
    vietnamese = _decode_8bit(data, "cp1258")
    if _reads_as_cp1258(vietnamese):
        warnings.append("not UTF-8; decoded as Windows-1258 (Vietnamese)")
        return vietnamese
    warnings.append("not UTF-8; decoded as Windows-1252")
    return western


_VOWEL = "aeiouyâêôăơưAEIOUYÂÊÔĂƠƯ"
_TONE_AFTER_VOWEL = re.compile(f"[{_VOWEL}][\u0300\u0301\u0303\u0309\u0323]")
_TONE_ELSEWHERE = re.compile(f"(?<![{_VOWEL}])[\u0300\u0301\u0303\u0309\u0323]")


def _reads_as_cp1258(text: str) -> bool:
    """Windows-1258 Vietnamese puts its tone marks (combining characters) after vowels only."""
    good = len(_TONE_AFTER_VOWEL.findall(text)) + len(re.findall("[ăđơưĂĐƠƯ]", text))
    bad = len(_TONE_ELSEWHERE.findall(text))
    return good >= 2 and bad <= 0.05 * good
