"""Decoding text files and repairing legacy TCVN3 / VNI-Windows Vietnamese."""

from __future__ import annotations

import unicodedata

import pytest

from ingest.encoding import DecodeError, decode_bytes
from ingest.legacy import TCVN3, VNI, detect_legacy_vietnamese, legacy_to_unicode, repair_legacy, unicode_to_legacy

TEXT = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Điều 8. Danh hiệu Chiến sĩ thi đua cơ sở\n"
        "1. Danh hiệu được xét tặng hằng năm cho cá nhân đạt các tiêu chuẩn sau:\n"
        "a) Đạt danh hiệu Lao động tiên tiến và có sáng kiến được công nhận;\n"
        "b) Hoàn thành xuất sắc nhiệm vụ, được thủ trưởng cơ quan, đơn vị đề nghị.\n"
        "Người đứng đầu chịu trách nhiệm; mức thưởng ỷ ỹ ỵ ĩ ị ỉ, ữ ử ự, ẵ ẳ ặ, ẫ ẩ ậ, ễ ể ệ, ỗ ổ ộ, ỡ ở ợ.")
LOWER_LETTERS = "".join(sorted(
    {c for c in unicodedata.normalize("NFC", "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợ"
                                            "uùúủũụưừứửữựyỳýỷỹỵđ")}))

# Written by hand, as such text turns up in old documents (not produced by our own encoder).
TCVN3_SAMPLE = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
VNI_SAMPLE = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"


def test_every_vietnamese_letter_round_trips_through_vni():
    letters = LOWER_LETTERS + LOWER_LETTERS.upper()
    assert len(set(letters)) == 2 * 73  # 12 vowels x 6 tones, and đ
    legacy = unicode_to_legacy(letters, VNI).decode("cp1252")
    assert legacy_to_unicode(legacy, VNI) == letters


def test_every_lowercase_letter_round_trips_through_tcvn3():
    legacy = unicode_to_legacy(LOWER_LETTERS + " ĂÂÊÔƠƯĐ", TCVN3).decode("latin-1")
    assert legacy_to_unicode(legacy, TCVN3) == LOWER_LETTERS + " ĂÂÊÔƠƯĐ"


@pytest.mark.parametrize("legacy", [TCVN3, VNI])
def test_document_round_trip_and_detection(legacy):
    data = unicode_to_legacy(TEXT, legacy)
    assert max(data) > 0x7F and data.decode("latin-1") != TEXT
    as_western = data.decode("latin-1")
    assert detect_legacy_vietnamese(as_western) == legacy
    assert legacy_to_unicode(as_western, legacy) == TEXT  # TCVN3 capitals: see the next test
    text, warnings = decode_bytes(data)
    assert text == TEXT
    assert warnings == [f"converted from {legacy} (legacy 8-bit Vietnamese encoding) to Unicode; "
                        "check the text"]


def test_tcvn3_capital_words_typed_with_vntimeh_font():
    # .VnTimeH shows the lowercase codes as capitals: "§IÒU" is "ĐIỀU", "CÊP TØNH" is "CẤP TỈNH".
    assert legacy_to_unicode("§IÒU 5. CÊP TØNH x· héi", TCVN3) == "ĐIỀU 5. CẤP TỈNH xã hội"
    assert legacy_to_unicode("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", TCVN3) == \
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert legacy_to_unicode("Sè: 15/2023/TT-BKH§T\nTù do", TCVN3) == "Số: 15/2023/TT-BKHĐT\nTự do"


def test_hand_written_samples():
    assert detect_legacy_vietnamese(TCVN3_SAMPLE) == TCVN3
    assert legacy_to_unicode(TCVN3_SAMPLE, TCVN3) == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert detect_legacy_vietnamese(VNI_SAMPLE) == VNI
    assert legacy_to_unicode(VNI_SAMPLE, VNI) == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert legacy_to_unicode("Ñieàu 5. Ngöôøi ñöôïc khen thöôûng", VNI) == "Điều 5. Người được khen thưởng"
    assert legacy_to_unicode("§iÒu 5. Ng­êi ®­îc khen th­ëng", TCVN3) == "Điều 5. Người được khen thưởng"


@pytest.mark.parametrize("text", [
    TEXT,
    unicodedata.normalize("NFD", TEXT),
    "Plain English text about the annual emulation and commendation plan.",
    "Herr Müller aus Köln: «Ça coûte très cher», naïve Noël, smörgåsbord, Zoë.",
    "Điều 1. Phạm vi — xem § 5 và «Phụ lục» · ghi chú © 2025",
    "",
])
def test_no_false_positives(text):
    assert detect_legacy_vietnamese(text) is None
    assert repair_legacy(text) == (text, [])


def test_unicode_text_with_a_legacy_quote_is_left_alone():
    mixed = TEXT * 5 + "\n" + TCVN3_SAMPLE
    assert detect_legacy_vietnamese(mixed) is None


@pytest.mark.parametrize("codec,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                       ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_unicode_encodings(codec, bom):
    assert decode_bytes(bom + TEXT.encode(codec)) == (TEXT, [])


def test_utf16_without_bom():
    text, warnings = decode_bytes(TEXT.encode("utf-16-le"))
    assert text == TEXT and "UTF-16-LE" in warnings[0]


def test_nfd_becomes_nfc():
    assert decode_bytes(unicodedata.normalize("NFD", TEXT).encode("utf-8"))[0] == TEXT


def test_windows_1258():
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []  # cp1258 stores base letters (â, ơ, đ...) precomposed and the tone as a combining mark
    for char in TEXT:
        parts = unicodedata.normalize("NFD", char)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
                   + "".join(c for c in parts if c in tones))
    text, warnings = decode_bytes("".join(out).encode("cp1258"))
    assert text == TEXT and "Windows-1258" in warnings[0]


def test_windows_1252():
    text, warnings = decode_bytes("Café crème brûlée – “quoted”".encode("cp1252"))
    assert text == "Café crème brûlée – “quoted”" and "Windows-1252" in warnings[0]


def test_damaged_utf8_keeps_the_rest():
    text, warnings = decode_bytes(TEXT.encode("utf-8")[:200] + b"\xff\xfe" + TEXT.encode("utf-8")[200:])
    assert text.startswith("CỘNG HÒA") and "\ufffd" in text and "invalid UTF-8" in warnings[0]


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
                                  b"plain ascii\x00with a NUL", bytes(range(1, 32)) * 20 + b"abc"])
def test_binary_is_refused(data):
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)
