"""Abbreviations as cadres type them ("TĐKT", "CSTĐ", "UBND", "tdkt"), written out for the question's
reading, and ministries' codes ("Bộ LĐTBXH", "KH&CN"), which set a question's scope instead. Query side only:
documents are indexed as they are written.
"""

from __future__ import annotations

import re

from ingest.normalize import fold_diacritics, to_nfc

ABBREVIATIONS = {
    "TĐKT": "thi đua khen thưởng", "CSTĐ": "chiến sĩ thi đua", "CSTĐCS": "chiến sĩ thi đua cơ sở",
    "LĐTT": "lao động tiên tiến", "HTXSNV": "hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "hoàn thành tốt nhiệm vụ", "HTNV": "hoàn thành nhiệm vụ",
    "KHTNV": "không hoàn thành nhiệm vụ", "UBND": "ủy ban nhân dân", "HĐND": "hội đồng nhân dân",
    "QĐ": "quyết định", "NĐ": "nghị định", "TT": "thông tư", "NQ": "nghị quyết", "KH": "kế hoạch",
    "CBCCVC": "cán bộ công chức viên chức", "CBCC": "cán bộ công chức", "CCVC": "công chức viên chức",
    "CB": "cán bộ", "CC": "công chức", "VC": "viên chức", "NLĐ": "người lao động",
    "BCH": "ban chấp hành", "TW": "trung ương", "TƯ": "trung ương", "BNV": "bộ nội vụ",
    "HĐTĐKT": "hội đồng thi đua khen thưởng", "TTLĐXS": "tập thể lao động xuất sắc",
    "TTLĐTT": "tập thể lao động tiên tiến", "BK": "bằng khen", "GK": "giấy khen",
    "MTTQ": "mặt trận tổ quốc", "ĐTN": "đoàn thanh niên", "TNCS": "thanh niên cộng sản",
    "ĐVTT": "đơn vị tiên tiến", "CP": "chính phủ", "TTg": "thủ tướng", "QH": "quốc hội",
    "BKHĐT": "bộ kế hoạch và đầu tư", "BLĐTBXH": "bộ lao động thương binh và xã hội",
    "BYT": "bộ y tế", "THPT": "trung học phổ thông", "ĐVHC": "đơn vị hành chính",
    # Priority groups in recruitment (NĐ 170 Điều 6) and award names, as cadres shorten them.
    "NVQS": "nghĩa vụ quân sự", "CAND": "công an nhân dân", "TNXP": "thanh niên xung phong",
    "BHXH": "bảo hiểm xã hội", "HCLĐ": "huân chương lao động", "KNC": "kỷ niệm chương",
    # Party bodies as the news and cadres shorten them ("báo cáo BTV Tỉnh ủy", "Ban TVTU", eval/dev33.jsonl).
    "BTV": "ban thường vụ", "TVTU": "thường vụ tỉnh ủy", "BTVTU": "ban thường vụ tỉnh ủy",
    "UBKT": "ủy ban kiểm tra", "ĐBQH": "đại biểu quốc hội", "HTXS": "hoàn thành xuất sắc",
    "HTLÔ": "hải thượng lãn ông",
    # Groups and titles as recruitment and award questions shorten them (blind dev49 d49-036, d49-059).
    "DTTS": "dân tộc thiểu số", "LLVT": "lực lượng vũ trang", "LLVTND": "lực lượng vũ trang nhân dân",
    "AHLĐ": "anh hùng lao động",
    # "tiêu chí khả năng sử dụng CNTT" (blind dev91 d91-065), "Kỷ niệm chương 'Vì sự nghiệp KH&ĐT VN'" (dev94 d94-067)
    "CNTT": "công nghệ thông tin", "VN": "việt nam",
    # Posts and members as Telegram questions shorten them: "CT UBND xã có thẩm quyền ký …" (blind dev51 d51-056
    # was refused: no document names "CT"), "ĐV không giữ chức vụ LĐQL" (d51-062). "CT" inside a số hiệu
    # ("05-CT/TW": Chỉ thị) is not a standalone token and stays as it is.
    "CT": "chủ tịch", "PCT": "phó chủ tịch", "ĐV": "đảng viên", "LĐQL": "lãnh đạo quản lý",
    # "có phải làm BC tự đánh giá không?" (blind dev55 d55-063 was refused: no clause says "làm BC tự đánh giá")
    "BC": "báo cáo",
    # "có được miễn KL không?", "bị KL khiển trách" (blind dev65 d65-013 was refused: no clause says "miễn KL"). In
    # the documents "KL" is only inside a số hiệu ("01-KL/TW": Kết luận), which is not a standalone token.
    "KL": "kỷ luật", "HĐKL": "hội đồng kỷ luật", "ĐVSN": "đơn vị sự nghiệp",
    # Courts and procuracies as their staff write them ("TAND: HĐTĐKT cơ sở họp xét …", dev75 d75-037 was refused:
    # the Tòa án article was not found for "TAND")
    "TAND": "tòa án nhân dân", "TANDTC": "tòa án nhân dân tối cao", "VKSND": "viện kiểm sát nhân dân",
    "VKSNDTC": "viện kiểm sát nhân dân tối cao",
}
# Words shortened in chat, typed in lower case: "tối đa bn bài/ngày?", "mỗi tỉnh đc đề nghị mấy cờ?" (blind dev60
# d60-031, dev64 d64-055). Without them "bn" asks nothing and a count goes unchecked. Upper-case "BN" is a place.
# "có dc ko", "qđ 2579", "xét bk chủ tịch" ("là j" below): a lower-case token without a vowel is no Vietnamese word, and
# these have one reading here (dev28 d28-022, dev45 d45-050 typed so were refused, session 28). Not "tp"
# ("tp.hcm" is a place), "tt" (thông tư, tập thể, trung tâm) or "đv" (đảng viên, đơn vị): they have several.
CHAT_WORDS = {"bn": "bao nhiêu", "đc": "được", "dc": "được", "ntn": "như thế nào", "trc": "trước", "ko": "không",
              "qđ": "quyết định", "nđ": "nghị định", "bk": "bằng khen", "gk": "giấy khen"}
# Ministries and their sectors as cadres type them ("Bộ LĐTBXH", "ngành KHĐT", "Bộ KH&CN"). Not expanded
# in the question's text: the sector's name, repeated in the clauses of its own Thông tư, would outweigh
# what is asked. They set the question's scope instead (bot/answering/focus.py, scope_names).
MINISTRIES = {"LĐTBXH": "lao động thương binh và xã hội", "KHĐT": "kế hoạch và đầu tư",
              "KHCN": "khoa học và công nghệ", "GDĐT": "giáo dục và đào tạo"}
# Written with "&" or "-" ("KH&CN", "LĐ-TB&XH"), with or without accents: joined before a lookup.
_JOINED = re.compile(r"(?<![\w/\-])(L[ĐD]-?TB&XH|L[ĐD]TB&XH|KH&CN|KH&[ĐD]T|GD&[ĐD]T)(?![\w/])", re.I)


def joined_codes(text: str) -> str:
    """ "LĐ-TB&XH" → "LĐTBXH", "KH&CN" → "KHCN"."""
    return _JOINED.sub(lambda m: re.sub(r"[&\-]", "", m.group(1)), text)


def _by_code(table: dict[str, str]) -> dict[str, str]:
    """Upper-case code → expansion, also under the folded code: questions typed without diacritics
    write TDKT, CSTD, LDTBXH."""
    return {**{fold_diacritics(k).upper(): v for k, v in table.items()}, **{k.upper(): v for k, v in table.items()}}


_ABBR_LOOKUP = _by_code(ABBREVIATIONS)
MINISTRY_CODES = _by_code(MINISTRIES)
# A standalone abbreviation; not the "NĐ" inside a số hiệu such as 90/2020/NĐ-CP. "KH" is "kế hoạch", also in
# "KH&ĐT", but "khoa học" in "KH&CN": read as "kế hoạch" there, it sent "Hội đồng TĐKT Bộ KH&CN …" to Bộ KHĐT's
# Thông tư (dev7 d7-040, dev15 d15-008 and d15-027 typed without accents were refused). The other ministries'
# codes are not written out (MINISTRIES, above); "khoa học và công nghệ" is, as "kế hoạch" is for "KH&ĐT".
_ABBR_TOKEN = re.compile(r"(?<![\w/\-])([A-Za-zĐđƯưƠơÔôÂâÊêĂă]{2,8})(?![\w/\-]|&CN\b)")
_VOWEL = re.compile(r"[aeiouy]", re.I)
# "là j", "cần tiêu chuẩn j": one letter, so not an _ABBR_TOKEN. Vietnamese lists have no Điểm j.
_CHAT_J = re.compile(r"(?<![\w/\-.])j(?![\w/\-])")
_KHCN = re.compile(r"(?<![\w/\-])KH&CN(?![\w/])", re.I)


def abbreviation(token: str) -> str | None:
    """The expansion of a known abbreviation ("UBND" → "ủy ban nhân dân"), or None."""
    return _ABBR_LOOKUP.get(token.upper())


def typed_abbreviation(tok: str) -> str | None:
    """The expansion of a token as typed, or None. Short ones count only in upper case (a lower-case "tt" or
    "cc" is a word, not Thông tư); those of four letters or more ("tdkt", "ubnd", "dtts") also in lower case,
    as people type them; chat shortenings (CHAT_WORDS) only in lower case."""
    if tok in CHAT_WORDS:
        return CHAT_WORDS[tok]
    # Three lower-case letters without a vowel are no word either: "knc", "bnv", "byt" as typed in chat.
    vowelless = len(tok) == 3 and not _VOWEL.search(fold_diacritics(tok))
    if not (tok.isupper() or tok == "TTg" or len(tok) >= 4 or vowelless):
        return None
    return abbreviation(tok)


def expand_abbreviations(text: str) -> str:
    """Append the expansion after each known abbreviation: "CSTĐ" → "CSTĐ (chiến sĩ thi đua)" (typed_abbreviation
    decides which tokens are abbreviations); a chat shortening is replaced: "bn" → "bao nhiêu"."""
    def repl(m: re.Match) -> str:
        tok = m.group(1)
        if tok in CHAT_WORDS:   # replaced, not glossed: no document writes "bn", and "(bao nhiêu)" in brackets
            return CHAT_WORDS[tok]   # reads as a number spelled out (bot/answering/counts.py)
        full = typed_abbreviation(tok)
        return f"{tok} ({full})" if full else tok
    text = _KHCN.sub(lambda m: f"{m.group(0)} ({MINISTRIES['KHCN']})", to_nfc(text))
    return _CHAT_J.sub("gì", _ABBR_TOKEN.sub(repl, text))
