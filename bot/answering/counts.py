"""A count asked ("có bao nhiêu Phó Chủ tịch", "gồm mấy thành viên"): do the best clauses count that thing?

Issue 18, item 4 for counts. A count falls to the question kind "other", and the answer was a clause that
shares the question's words but counts something else or nothing: "Hội đồng … có bao nhiêu Phó Chủ tịch?"
answered by the clause that lists the Council's members without a number. Such an answer now carries
"Lưu ý: văn bản trích dẫn không nêu số lượng mà câu hỏi hỏi." (bot/answering/answer.py). It is a note, not
a refusal: a clause may count the thing under a noun this module does not know ("mấy nhóm đối tượng" →
"2 đối tượng"), and the cadre should still see it.

The thing counted is the noun after "bao nhiêu"/"mấy". A clause counts it when a number stands before
that noun (at most two words between: "10 cơ quan, đơn vị"), or before a word for the same kind of thing:
people are counted as "cá nhân", "thành viên", "đồng chí" ("không quá 10 cá nhân" answers "bao nhiêu
người"), awards by "tập thể" and "cá nhân" ("xét tối đa 15 tập thể và 30 cá nhân" answers "bao nhiêu
Bằng khen"). A share of that thing ("80% tổng số Ủy viên", "2/3 số phiếu") answers a count too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answering.question import syllables, without_story
from ingest.normalize import fold_diacritics, has_diacritics, to_nfc

# "Kế hoạch số mấy", "lần thứ mấy", "khóa mấy", "chi nhánh khu vực mấy", "hạng mấy" ask for a number that
# names, not one that counts (dev42 d42-041 was told "không nêu số lượng" for "khu vực mấy"; blind dev85 d85-004 for
# "thực hiện theo điều mấy của Luật TĐKT"); "xe may"
# is "xe máy" typed without accents, "máy tính", "máy vi tính" fold like "mấy tính" (dev29 d29-019 counted
# "vi tinh" in "thi trên máy vi tính … bao nhiêu giám thị").
# Typed without accents, "máy chủ", "máy trạm", "máy thi" are "mấy chủ", "mấy trạm", "mấy thi": machines, not counts
# (blind dev102 d102-059, "dữ liệu trên may chu được giữ lại hay phải xóa đi", was told "không nêu số lượng"); "bao nhiêu"
# before them still counts, and so does "may anh" (photos are counted in hồ sơ more often than cameras named). "in"
# after either is the verb: "khổ bao nhiêu, in trên chất liệu gì" (dev101 d101-015) counts nothing.
_ASKED = re.compile(r"(?<! so)(?<! thu)(?<! khoa)(?<! xe)(?<! khu vuc)(?<! hang)(?<! dieu)(?<! khoan)(?<! chuong)"
                    r" (?:bao nhieu|may(?! (?:chu|tram|thi(?! sinh)|photo|chieu|moc) )) (?!(?:vi )?tinh |in )(\w+)(?: (\w+))?")
# Not a count: units other kinds check (bot/answering/focus.py FIGURES), and words that follow "bao nhiêu"
# without naming a thing ("lệch bao nhiêu thì …", "bao nhiêu mỗi buổi", "là bao nhiêu").
_NOT_COUNTED = set("""
nam thang ngay tuan gio phut quy tuoi diem tien dong trieu nghin ngan ty
thi la moi nua the vay duoc co khong ko de con va hay hoac voi tu den trong tren duoi so muc
""".split())
# Nouns of one syllable; any other noun is matched by its first two syllables ("pho chu" for "Phó Chủ tịch").
_ONE_SYLLABLE = set("nguoi ky suat buoc guong phieu ban bo cap loai khoa dot bai cau mon xa tinh huyen so khu lan".split())
_PEOPLE = ("nguoi", "ca nhan", "thanh vien", "dong chi", "uy vien", "dai bieu", "dang vien", "can bo", "cong chuc",
           "vien chuc", "guong", "thi sinh", "hoc vien", "giang vien", "doan vien", "hoi vien", "giam thi")
_AWARDS = ("tap the", "ca nhan", "suat", "bang khen", "giay khen", "danh hieu", "nguoi")
# A count of people asked in a general word ("bao nhiêu người") is given in any word for people; one asked
# for a particular group ("bao nhiêu đại biểu") only in that word or a general one: "81 đảng viên" does not
# count the delegates at a conference.
_GENERAL_PEOPLE = ("nguoi", "ca nhan", "thanh vien")
_SAME_KIND = {
    **{p: (p,) + _GENERAL_PEOPLE for p in _PEOPLE},
    **{p: _PEOPLE for p in _GENERAL_PEOPLE},
    # An award is counted by its recipients, in any word for them: "tặng Huy hiệu Đảng cho 7.897 đảng viên"
    # answers "tặng bao nhiêu huy hiệu Đảng?" (the Nam Định story shipped in corpus/).
    **{a: tuple(dict.fromkeys(_AWARDS + _PEOPLE))
       for a in ("bang khen", "giay khen", "danh hieu", "suat", "huy hieu", "huan chuong", "co thi")},
}
_NUMBER = r"(?:\d+|mot|hai|ba|bon|tu|nam|sau|bay|tam(?! guong)|chin|muoi|tram)"   # "tấm gương" folds like "tám"
# Between a number in digits and its noun only other nouns stand ("10 cơ quan, đơn vị"), never these: "năm
# 2017, các tổ chức cơ sở đảng" gives no count of them (nor does a year), and "3. Số thành viên …" is a
# list's third item. Not "co": "có" and "cơ" fold alike. A number in words ("hai", "tư" fold like "Hải",
# "từ") must stand right before its noun.
_GLUE = r"(?:cac|nhung|moi|cua|va|voi|thi|la|duoc|tai|o|trong|nam|ngay|thang|tu|den|tren|duoi|so)"
# A share: "80%", "2/3" (not a date's "10/7/2017"), "quá nửa".
_SHARE = r"(?:\d+(?:[.,]\d+)?%|[1-3]/[2-4]|\d+ phan tram|(?:mot|qua) nua|hai phan ba)"


def _flat(text: str) -> str:
    """Folded words; a number spelled out in brackets after its digits ("03 (ba)") is dropped."""
    text = re.sub(r"\(\s*[^()\d]{1,20}\)", " ", text)
    text = re.sub(r"(?<=[^\W\d])/(?=[^\W\d])", " ", text)   # "4 lần/năm/chi bộ" counts lần; "2/3" stays a share
    return " " + " ".join(re.findall(r"[\w%/]+", fold_diacritics(text.lower()))) + " "


# "Một người cùng lúc giữ mấy chức vụ thì … lấy chức vụ nào làm căn cứ?": in a condition ("… thì") that
# another ask follows, "mấy" is "several", not "how many" (blind dev31 d31-037 said "không nêu số lượng").
# Nor before the things it lists by "như": "mấy việc như đánh giá, khen thưởng, cho nghỉ hưu … thì Chủ tịch tỉnh phải
# tự làm hết hay được giao xuống?" (blind dev95 d95-058 was told "không nêu số lượng").
_INDEFINITE = re.compile(r" may \w+(?: \w+){0,6}? thi .* (?:nao|gi|ai|sao)\b| may \w+(?: \w+)? nhu (?!the nao|nao\b)")


# "… bị thanh tra chỉ ra mấy thiếu sót. Năm nay … thì mấy thiếu sót đó phải xử lý tới mức nào?": "mấy" before a
# noun a demonstrative closes points back at the story ("those few shortcomings"); it asks no count (blind dev79
# d79-067 was told "không nêu số lượng"). Read with accents only: folded, "đó" is "do" ("mấy thành viên do ai cử").
_POINTED = re.compile(r"\bmấy(?: \w+){1,2} (?:đó|này|ấy|kia|nọ)\b")


def counted(question: str) -> tuple[str, ...]:
    """The folded nouns whose count answers the question, or () when it asks for no count."""
    ask = without_story(question)   # "… cho mấy chi cục khác nhau. Việc em … căn cứ vào đâu?"
    # Read one question at a time: "… nằm trong khối mấy? Theo Thông tư 15 …" (a follow-up made whole) counts
    # nothing, where flat "khoi may theo thong" counted "theo thông" (blind dev93 d93-017: "không nêu số lượng").
    m = flat = None
    for one in ask.split("?"):
        flat = _flat(one)
        if (m := _ASKED.search(flat)):
            break
    if not m or m.group(1) in _NOT_COUNTED or m.group(1).isdigit():
        return ()
    if m.group(0).startswith(" may "):
        said = to_nfc(ask).lower()
        # "cái máy mà kỹ thuật viên … gọi là máy gì?" (blind dev82 d82-039): typed with accents, "máy" is no "mấy"
        if _POINTED.search(said) or has_diacritics(ask) and not re.search(r"\bmấy\b", said):
            return ()
    first, second = m.group(1), m.group(2)
    if (first, second) == ("phan", "tram"):   # a percentage ("phần mềm" is counted)
        return ()
    # "đạt tổng điểm từ bao nhiêu trở lên" asks a bound of what the question names before, not a count of "trở lên"
    # (blind dev98 d98-003 was told "không nêu số lượng" beside "đạt từ 90 điểm trở lên"); "mấy trợ lý" is counted.
    if first == "tro" and second in ("len", "xuong"):
        return ()
    if second in ("gi", "nao"):   # "phấn đấu theo mấy chữ gì?": which words, not how many
        return ()
    if _INDEFINITE.match(flat[m.start():]):
        return ()
    head = first if first in _ONE_SYLLABLE or not second else f"{first} {second}"
    if f" {head} moi " in flat and head != "lan":   # "mấy lần mỗi năm": "mỗi" folds like "mới"
        # "kết nạp bao nhiêu đảng viên mới": "Đảng bộ có 81 đảng viên" counts all of them, not the new ones
        return (f"{head} moi",)
    return (head,) + tuple(n for n in _SAME_KIND.get(head, ()) if n != head)


@lru_cache(maxsize=64)
def _states(nouns: tuple[str, ...], shares: bool = True) -> re.Pattern:
    """The pattern of a count of these nouns, built once per question, not once per clause."""
    heads = "|".join(re.escape(n) for n in nouns)
    share = rf"| {_SHARE}(?: \w+){{0,3}}? (?:{heads}) " if shares else ""            # "80% tổng số Ủy viên"
    return re.compile(rf" {_NUMBER} (?:{heads}) "                                        # "03 thành viên"
                      rf"| (?!(?:19|20)\d\d )\d+(?: (?!{_GLUE} )\w+){{1,2}}? (?:{heads}) "   # "10 cơ quan, đơn vị"
                      + share +
                      rf"| (?:{heads})(?: \w+){{0,4}}? (?:la|gom|co|toi da|khong qua|it nhat) {_NUMBER} ")


_CLOSING = {"thi", "la", "vay", "a", "nhe", "khong", "duoc", "da", "se", "dang", "roi", "ha", "the", "nao", "gi", "ko"}


def after_noun(question: str, noun: str) -> list[str]:
    """The two words (folded) the question puts after the counted noun, closing words left out."""
    words = syllables(question)
    head = noun.split()
    for i in range(len(words) - len(head) + 1):
        if words[i:i + len(head)] == head:
            return [w for w in words[i + len(head):i + len(head) + 2] if w not in _CLOSING]
    return []


def counts_thing(question: str, nouns: tuple[str, ...], text: str, shares: bool = True) -> bool:
    """The text counts the thing asked: one of the nouns, with the words the question puts after it ("giảng
    viên cơ hữu" is not counted by "chọn 1 giảng viên dự hội thi", dev36 d36-041; "đảng viên hoàn thành xuất
    sắc" not by "81 đảng viên", dev21 d21-006)."""
    words = set(syllables(text))
    return states_count(nouns, text, shares) and all(w in words for w in after_noun(question, nouns[0]))


# "Hội đồng … gồm tổng cộng bao nhiêu thành viên?" asks the whole number: "khi có ít nhất 2/3 tổng số ủy viên
# tham dự" is a share of it and does not answer (dev19 d19-012, dev28 d28-047, out of scope, were answered
# with the council's list of offices). How many must attend or agree ("phải có bao nhiêu ủy viên tham dự",
# eval/dev.jsonl q027) is answered by a share.
_TOTAL = re.compile(r"(?<! phai) (?:tong cong|tong so|gom|co|bao gom) (?:tat ca |tong cong )?(?:bao nhieu|may) ")
_PRESENT = re.compile(r" (?:tham du|co mat|du hop|dong y|tan thanh|bieu quyet|bo phieu) ")


def asks_total(question: str) -> bool:
    flat = _flat(question)
    return _TOTAL.search(flat) is not None and _PRESENT.search(flat) is None


# A list item's or an article's number ("2. Thành phần …", "Điều 3"): it counts nothing.
# So is a table row's number: a cell of its own ("5 ngày\n2\nCá nhân đề nghị …", a procedure table one cell a line;
# blind dev58 d58-070, out of scope, "tối đa bao nhiêu cá nhân" was answered by a deadline), "| 2. …".
_LIST_NUMBER = re.compile(r"(?m)(?:^|\|)\s*\d+(?:\.\d+)*[.)]\s|^\s*\d{1,2}\s*$"
                          r"|\b(?:Điều|Khoản|Điểm|Mục|Chương|Phần|khoản|điểm|điều)\s+\d+\w?")


def states_count(nouns: tuple[str, ...], text: str, shares: bool = True) -> bool:
    """In text: a number before one of the nouns, at most two words apart ("03 (ba) thành viên", "10 cơ
    quan, đơn vị" for "mấy đơn vị"); a share of them ("80% tổng số Ủy viên"); or the noun and then its
    number ("Số đảng viên là 8.023", "thành viên Hội đồng tối đa 09")."""
    # A list item's or an article's number counts nothing: "1. Cá nhân được tặng …" is not "1 cá nhân", nor
    # "Điều 3. Thành viên …" "3 thành viên".
    return _states(nouns, shares).search(_flat(_LIST_NUMBER.sub(" ", text))) is not None


# The title a count is asked of: "danh hiệu “Công dân danh dự Thủ đô”", quoted or not, up to the words that
# end it ("cho", "mỗi năm", "tối đa", "?").
_TITLE = re.compile(r" danh hieu (\w+(?: (?!(?:cho|cua|la|duoc|moi|hang|tai|o|trong|toi|khong|bao|may|thi|va|nam|gom|phai"
                    r"|can|co|nop|gui|ve|de|theo|khi|nhu|thuoc|tu|den|truoc|sau|nhung|cac|ho|so) )\w+){1,6})")


def asked_title(question: str) -> frozenset[str]:
    """The folded words of the title whose count is asked ("danh hiệu Công dân danh dự Thủ đô"), or none."""
    m = _TITLE.search(_flat(question))
    return frozenset(m.group(1).split()) if m else frozenset()


def count_not_stated(question: str, texts: list[str], titles: list[str] | None = None) -> bool:
    """The question asks how many of a thing and none of the texts gives a number of it. When it names a
    title, a count counts only where the text (or its document's title) names that title too: "không quá
    10 cá nhân" of “Công dân Thủ đô ưu tú” does not count the “Công dân danh dự Thủ đô” of another decision."""
    nouns = counted(question)
    if not nouns:
        return False
    title, shares = asked_title(question), not asks_total(question)
    return not any(states_count(nouns, t, shares) and title <= set(_flat(f"{doc} {t}").split())
                   for t, doc in zip(texts, titles or [""] * len(texts)))


# What a span's digits may be without counting anything: a list's or a Điều's number, a year, a date, a
# percentage or a document's number ("Điều 2 Thông tư 25/2025/TT-BKHCN", "2. Thành phần …", "ngày 04/11/2025").
_NOT_A_COUNT = re.compile(_LIST_NUMBER.pattern
                          + r"|\b(?![1-3]/[2-4]\b)\d+(?:/[\w.-]+)+|\b(?:19|20)\d\d\b"   # "2/3 thành viên" is a share
                          # a Party or plan document's number: "Chỉ thị số 41-CT/TW", "Kế hoạch số 319-KH/TU"
                          r"|\b\d+-[A-ZĐ]+(?:/[\w.-]+)+"
                          # "lần thứ 9", "ngày 10-7", "6 tháng đầu năm": an ordinal, a date, a span of time
                          r"|\bthứ\s+\d+|\b\d{1,2}-\d{1,2}(?:-\d{2,4})?\b|\b\d+\s+(?:tháng|năm|ngày|tuần|giờ|phút)\b"
                          # "chậm nhất ngày 31 tháng 12": a day and its month, not a count (dev54 d54-058, out of
                          # scope, asked "tối đa bao nhiêu cá nhân" and was answered with a deadline)
                          r"|\b(?:ngày|tháng)\s+\d{1,2}(?:[-/]\d{1,2}(?:[-/]\d{2,4})?)?\b"
                          # "80% số phiếu tín nhiệm trên tổng số thành viên" is a share of them, not their number
                          r"|\b\d+(?:[.,]\d+)?\s*%")


def numberless(span: str) -> bool:
    """The span shown first gives no number at all, once list, article, year, date and document numbers are
    set aside: it cannot answer a count ("b) Các Phó Chủ tịch Hội đồng;" for "có mấy Phó Chủ tịch?")."""
    return re.search(r"\d", _NOT_A_COUNT.sub(" ", span)) is None


# A count the rule gives in words, not in a number: "Phát cho thí sinh các tờ giấy nháp … với số lượng vừa đủ (không
# ký thừa)" answers "phát bao nhiêu tờ?" (blind dev80 d80-062 was told "không nêu số lượng"). Not a limit asked:
# "được phát tối đa bao nhiêu tờ giấy nháp?" has no ceiling in "vừa đủ" (dev63 d63-034, dev73 d73-034, out of scope).
_COUNT_IN_WORDS = re.compile(r"\bsố lượng (?:vừa đủ|phù hợp|cần thiết|tương ứng|theo (?:nhu cầu|yêu cầu))"
                             r"|\bkhông (?:hạn chế|giới hạn) số lượng", re.I)
_LIMIT_ASKED = re.compile(r"\b(?:toi da|toi thieu|it nhat|nhieu nhat|khong qua|khong vuot qua)\b")


def cannot_count(question: str, span: str) -> bool:
    """The span shown first cannot answer the count asked: it gives no number at all, or it counts all the
    members when the new ones are asked ("có 81 đảng viên" for "kết nạp bao nhiêu đảng viên mới")."""
    new = [n[:-len(" moi")] for n in counted(question) if n.endswith(" moi")]
    in_words = _COUNT_IN_WORDS.search(span) and not _LIMIT_ASKED.search(fold_diacritics(question.lower()))
    return numberless(span) and not in_words or bool(new) and states_count(tuple(new), span)


__all__ = ["asked_title", "cannot_count", "count_not_stated", "counted", "numberless", "states_count"]
