"""A person asked about in a news article ("ai đạt giải nhất", "tên là gì"): do the best passages name one?

Issue 18, item 4 for people. In a regulation "Ai là Chủ tịch Hội đồng …?" is answered by a post
("Thủ tướng Chính phủ"), and bot/answering/question_kind.py's "body" covers it. In a news article the
question asks for a person, and the passage that shares its words often names nobody: "Hội thi 'Bí thư chi
bộ giỏi' … thì ai đạt giải nhất?" was answered by the paragraph on the contest, which names no winner.
When the best passage is a news article's and no sentence of the best three names a person (a Vietnamese
full name: a family name and two or more capitalised syllables, as "Nguyễn Thị Nghĩa") together with the
post or the act asked about ("Bí thư", "phát biểu", "đạt giải"), the answer is "Tài liệu hiện có không nêu
họ tên người …" with the nearest passage. A name in another sentence is someone else's: "Trưởng Ban Dân
vận Thành ủy … là ai?" is not answered by "Đồng chí Nguyễn Thị Nghĩa, Phó bí thư Thường trực Thành ủy".
"""

from __future__ import annotations

import re

from bot.types import Hit
from ingest.normalize import fold_diacritics

DEPTH = 3
POST_NEAR = 12   # words between a name and its post: "Bí thư Đảng ủy Khối các cơ quan thành phố Hải Phòng Phạm …"
DEEP = 8         # passages searched for one naming the post asked ("Bí thư Đảng ủy Khối Phạm Xuân Thanh")
# "ai phát biểu", "ai đạt giải", "ai là Bí thư …", "tên là gì", "họ tên": folded.
# "ông nào", "bà nào", "ông/bà nào" (folded; "ông bà nào" once the words are joined without the slash)
_WHICH_PERSON = r"(?:ong|ba)(?:[/ ]ba)? nao\b"
_ASKS_PERSON = re.compile(r"(?:^| )(?:ai (?!cung|quoc)|la ai\b|ten (?:la )?gi\b|ho ten\b|ten cua (?:nguoi|giang vien|dong chi)"
                          rf"|{_WHICH_PERSON})")
# "thi đua ái quốc" folds to "ai quoc": not a question about a person.
# Words between "ai" and the post or act asked about: "ai là người phát biểu", "ai giữ vị trí Phó Chủ tịch",
# "ai đang là Bí thư …", "ai hiện đảm nhiệm …".
_BEFORE_ROLE = {"la", "lam", "giu", "nguoi", "vi", "tri", "chuc", "vu", "duoc", "da", "se", "dang", "hien", "dam", "nhiem",
                "dong", "chi"}
# Posts a question names before "là ai" / "tên là gì" ("Bí thư Đảng ủy Khối … là ai?"), folded. Any other
# subject ("gương công dân trẻ … ở Kho bạc là ai?") is not checked for: its wording varies too much.
_POSTS = ("bi thu", "chu tich", "giam doc", "truong ban", "tong bien tap", "khoi truong", "truong phong",
          "bo truong", "thu truong", "chanh van phong", "truong khoa", "hieu truong")
# Words after a post that are not its unit: "Bí thư năm 2018 là ai", "Chủ tịch của …".
_NOT_UNIT = {"nam", "cua", "o", "tai", "la", "hien", "ten", "hoi", "trong", "thi", "vao", "nay", "do"}
# A sentence: a list joined by ";" ("gồm: Nguyễn Hải Long – Sở Tư pháp; Phan Thị Lan Anh – Kho bạc …") stays one.
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")
_FAMILY = set("""Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Mai Trịnh Lương
Lâm Hà Tạ Cao Chu Đoàn Trương Thái Tô Kiều La Quách Lưu Tăng Triệu Vương Phùng Nông Hứa Lục Doãn Khúc Âu""".split())
_WORD = re.compile(r"[^\W\d_]+")
# "năm 2018" in "Chủ tịch UBND tỉnh TTH năm 2018 là ai?": the year a post was held. Not a document's year
# ("theo Luật Thi đua, khen thưởng năm 2022"): folded.
_HELD_IN = re.compile(r"\bnam (?:19|20)\d\d\b")
_DOCUMENT = re.compile(r"\b(?:luat|nghi dinh|thong tu|quyet dinh|quy dinh|nghi quyet|huong dan|ke hoach|chi thi|cong van)\b")


# "… tọa đàm … mang tên gì?", "phần mềm … tên là gì?": the name of a thing, not of a person (blind dev51 d51-039
# was refused "không nêu họ tên người"). Folded.
_THINGS = (r"toa dam|hoi thao|hoi nghi|phong trao|cuoc thi|hoi thi|chuong trinh|chu de|chuyen de|phan mem|ung dung"
           r"|giai thuong|cuoc van dong|dot thi dua|de tai|sang kien|mo hinh|an pham|tac pham|cuon sach|khau hieu"
           r"|chuyen muc|du an|he thong|ke hoach|van ban")
_THING_NAMED = re.compile(rf"^(?:con |cai |thi |va |roi |the )?(?:{_THINGS})\b.* ten (?:la )?gi\b|\bmang ten (?:la )?gi\b"
                          rf"|\b(?:{_THINGS}) (?:\w+ ){{0,2}}ten (?:la )?gi\b")
_CLAUSE_CUT = re.compile(r"[,;:?!.]| va ")


def _names_a_thing(question: str) -> bool:
    """The part of the question that asks "tên (là) gì" starts with a thing ("tọa đàm … mang tên gì"), or
    asks what something "mang tên"; not "Giảng viên … đạt giải 3 hội thi … tên là gì"."""
    folded = f" {fold_diacritics(question.lower())} "
    return any(_THING_NAMED.search(" ".join(_WORD.findall(part))) for part in _CLAUSE_CUT.split(folded))


# "mục họ tên phải ghi thế nào", "phần họ tên có được viết tắt không", "có được ghi họ tên lên bài làm không": a form's
# field or what is written, not a person's name (blind dev109 d109-061, dev111 d111-020, dev112 d112-016 and dev113
# d113-054 were told "không nêu họ tên người" beside "Họ tên (Ghi đầy đủ …)" or "không được ghi họ tên … lên bài làm").
_NAME_FIELD = re.compile(r"\b(?:(?:muc|phan|o|dong|cot|truong) ho (?:va )?ten|ho (?:va )?ten (?:\w+ ){0,3}?(?:ghi|viet|dien|khai)"
                         r"|(?:ghi|viet|dien|khai)(?: ro| day du)? ho (?:va )?ten)\b")


def asks_person(question: str) -> bool:
    folded = _NAME_FIELD.sub(" ", " ".join(_WORD.findall(fold_diacritics(question.lower()))))
    if _names_a_thing(question):
        folded = _NAME_ASKED.sub(" ", folded)   # "tên … gì" asks the thing's name; "ai …" still asks a person
    return _ASKS_PERSON.search(folded) is not None


# A word, or a mark that parts two names: "… thành phố Hà Nội; Giám đốc Sở …" names nobody "Hà Nội Giám".
_WORD_OR_MARK = re.compile(r"[^\W\d_]+|[,;:()]")


def _words(text: str) -> list[str]:
    """Its words, with the marks that part phrases as ","; two words run together by a lost space ("được tôn
    vinhTôn Đức Thắng") are two."""
    out = []
    for w in _WORD_OR_MARK.findall(text):
        if not w[0].isalpha():
            out.append(",")
            continue
        k = next((k for k in range(1, len(w) - 1) if w[k - 1].islower() and w[k].isupper() and w[k + 1:].islower()), 0)
        out += [w[:k], w[k:]] if k else [w]
    return out


def _named_at(words: list[str]) -> list[int]:
    """Where a family name is followed by two capitalised syllables ("Nguyễn Thị Nghĩa"): a place named
    like a family ("Hà Nội", "Lâm Đồng") has one."""
    return [i for i, w in enumerate(words)
            if w in _FAMILY and len(words) > i + 2 and all(n[:1].isupper() for n in words[i + 1:i + 3])]


def _post(words: list[str]) -> tuple[str, ...] | None:
    """A post at the start of `words`, with the first word of its unit: "Bí thư Thành ủy" is not "Bí thư
    Đảng ủy Khối"; "Phó Chủ tịch" is not "Chủ tịch"."""
    head = " ".join(words)
    post = next((p for p in _POSTS if re.match(rf"(?:pho )?{p}\b", head)), None)
    if post is None:
        return None
    n = len(post.split()) + (words[0] == "pho")
    unit = words[n:n + 1] if words[n:n + 1] and words[n] not in _NOT_UNIT else []
    # A Chi bộ is told from the others by its name: "Bí thư Chi bộ Hành chính - Quản trị" is not "Bí thư Chi bộ
    # Tổng hợp- Kinh tế" (dev17 d17-034, out of scope, was answered with the latter).
    if unit == ["chi"] and words[n + 1:n + 2] == ["bo"] and words[n + 2:n + 3] and words[n + 2] not in _NOT_UNIT:
        unit = words[n:n + 3]
    return tuple(words[:n] + unit)


def _is_post(role: tuple[str, ...] | None) -> bool:
    """The role asked is a post ("Bí thư Chi bộ"), not an act ("phát biểu")."""
    return role is not None and _post(list(role)) is not None


def asked_role(question: str) -> tuple[str, ...] | None:
    """The post or act the question asks a person for, folded: "ai là Bí thư Chi bộ …" → ("bi", "thu",
    "chi"); "ai phát biểu …" → ("phat", "bieu"); "Phó Giám đốc Trung tâm … tên là gì?" → ("pho", "giam",
    "doc", "trung"). None when the question asks for someone by another description."""
    folded = fold_diacritics(question.lower())
    # "… là ai vậy mọi người?": the post is before "là ai", not the words after it.
    m = re.search(rf"(?:^|[^\w])(?:(?<!la )ai (?!cung|quoc)|{_WHICH_PERSON} )([^,.?!;:]*)", folded)
    if m:
        words = _WORD.findall(m.group(1))
        while words and words[0] in _BEFORE_ROLE:
            words.pop(0)
        return _post(words) or (tuple(words[:2]) if len(words) >= 2 else None)
    asking = next((part for part in re.split(r"[,;:?!]", folded)
                   if re.search(r"(?:^| )(?:la ai|ten (?:la )?gi|ho ten)\b", " ".join(_WORD.findall(part)))), "")
    return _post(_WORD.findall(asking))


# "ai trao Huy hiệu Đảng …?" in a news story is answered by the post that did it: "Lãnh đạo Đảng ủy Khối các Cơ quan
# và Doanh nghiệp tỉnh trao tặng Huy hiệu Đảng …" (blind dev84 d84-064 was refused "không nêu họ tên người"). Folded.
# "… do ai thẩm định?": "Ban Thường vụ Đảng ủy Khối mời các chuyên gia trong khối để thẩm định" (blind dev87 d87-063).
_DOERS = ("lanh dao", "dai dien", "thuong truc", "ban thuong vu", "chuyen gia", "hoi dong") + _POSTS


def _done_by_a_post(words: list[str], role: tuple[str, ...]) -> bool:
    """The sentence states the act asked ("trao tặng Huy hiệu": its first word, the others within the next few) with
    a post or a body's leaders among the POST_NEAR words before it, as its doer."""
    folded = [fold_diacritics(w.lower()) for w in words]
    for k, w in enumerate(folded):
        if w == role[0] and all(r in folded[k + 1:k + 1 + 2 * (len(role) - 1)] for r in role[1:]):
            before = f" {' '.join(folded[max(0, k - POST_NEAR):k])} "
            if any(f" {d} " in before for d in _DOERS):
                return True
    return False


def names_for(text: str, role: tuple[str, ...] | None) -> bool:
    """A sentence of `text` names a person and, when a role is asked, says it ("Bí thư chi bộ Nguyễn Thị
    Thanh Hương cho biết" for ("bi", "thu", "chi")). "Phó bí thư" is not the "Bí thư" asked. A post is the
    person's title only next to the name (POST_NEAR words): "Bà La Thị Ngọc Tình, Bí thư Chi bộ …" names
    her, and the "Chủ tịch UBND tỉnh" forty words on in her sentence is whom the office serves."""
    post = _is_post(role)
    if role is not None and role[-3:-1] == ("chi", "bo") and len(role) >= 5:
        # The Chi bộ named in the passage ("Tại Chi bộ Thông tin- Tin học, … Bí thư chi bộ Nguyễn Thị Thanh Hương
        # cho biết"): its secretary is the "Bí thư chi bộ" of the sentence.
        named_unit = f" {' '.join(role[-3:])} " in f" {' '.join(_WORD.findall(fold_diacritics(text.lower())))} "
        role = role[:-2] if named_unit else role
    n = len(role or ())
    for sentence in _SENTENCE.split(text):
        words = _words(sentence)
        named = _named_at(words)
        if not named and role and not post and _done_by_a_post(words, role):
            return True
        if not named:
            continue
        if role is None:
            return True
        folded = [fold_diacritics(w.lower()) for w in words]
        if any(tuple(folded[k:k + n]) == role and (role[0] == "pho" or k == 0 or folded[k - 1] != "pho")
               and (not post or any(-POST_NEAR <= k - i <= POST_NEAR for i in named))
               for k in range(len(folded) - n + 1)):
            return True
    return False


def _checked(question: str, hits: list[Hit]) -> bool:
    """The person check applies: the question asks who, and a news article's passage answers first or the
    question asks who held a post in a year or holds it now (a regulation's "Nhiệm vụ, quyền hạn của …
    Chủ tịch Ủy ban nhân dân tỉnh" does not answer "Chủ tịch UBND tỉnh TTH năm 2018 là ai?", nor "Ông/bà
    nào đang là Chủ tịch Hội đồng …?")."""
    return (bool(hits) and asks_person(question)
            and (hits[0].kind == "article" or _post_held_in_a_year(question) or _post_held_now(question)
                 or _NAME_ASKED.search(fold_diacritics(question.lower())) is not None))


# "hiện nay là ai", "ông/bà nào đang là", "tên là gì": a person's name is asked, not the post that holds an
# office under a regulation ("Ai là Chủ tịch Hội đồng cấp cơ sở?" → "Thủ trưởng cơ quan").
_NOW = re.compile(r"\b(?:hien nay|hien tai|hien dang|hien la|dang la|dang giu|dang dam nhiem|ten (?:la )?gi|ho ten)\b"
                  rf"|\b{_WHICH_PERSON}")


# "… tên là gì?", "họ tên …": a name, which only a passage naming someone gives, whoever is asked about ("Giảng
# viên … đạt giải 3 … tên là gì?" was answered with a regulation's clause on lecturers, eval/dev9.jsonl d9-051).
_NAME_ASKED = re.compile(r"\b(?:ten (?:la )?gi|ho (?:va )?ten)\b")


def _post_held_now(question: str) -> bool:
    """A post asked with "now" or for a name ("Trưởng Ban … hiện nay là ai?", "Ông/bà nào đang là Chủ tịch
    …?"): whom a regulation does not name."""
    return _NOW.search(fold_diacritics(question.lower())) is not None and _is_post(asked_role(question))


def _post_held_in_a_year(question: str) -> bool:
    """A post asked with the year it was held ("Chủ tịch UBND tỉnh TTH năm 2018 là ai?"), not with a
    document's year ("ai có thẩm quyền … theo Luật … năm 2022"): a person is asked, whom a regulation
    does not name."""
    folded = fold_diacritics(question.lower())
    m = _HELD_IN.search(folded)
    role = asked_role(question)
    return (m is not None and _is_post(role)
            and not _DOCUMENT.search(folded[max(0, m.start() - 60):m.start()]))


def passage_naming(question: str, hits: list[Hit]) -> int | None:
    """For a question on a post or act in a news article: the first of the DEEP best passages that names
    someone with it. Two articles on one body share the question's words; the other one may name the
    person ("bí thư Đảng ủy Khối các cơ quan thành phố Hải Phòng năm 2017 tên là gì?": the passage on
    the Khối's conference names its Phó bí thư; another article names its Bí thư)."""
    role = asked_role(question) if _checked(question, hits) else None
    if role is None:
        return None
    by_post = _post_answers(question)
    return next((i for i, h in enumerate(hits[:DEEP]) if h.kind == "article" and _says_who(h.text, role, by_post)),
                None)


# "các đồng chí Thường vụ Đảng ủy", "đồng chí Bí thư": comrades named by their post.
_COMRADES_BY_POST = re.compile(r"\b[Đđ]ồng chí\s+(\w)")


def comrades_for(text: str, role: tuple[str, ...] | None) -> bool:
    """A sentence of `text` does the act asked and says which comrades by their post: "phân công các đồng chí
    Thường vụ Đảng ủy tham dự …" answers "phân công ai tham dự …?" (blind dev57 d57-014 was refused: no
    full name)."""
    if role is None or _is_post(role):
        return False
    n = len(role)
    for sentence in _SENTENCE.split(text):
        folded = [fold_diacritics(w.lower()) for w in _WORD.findall(sentence)]
        by_post = any(m.group(1).isupper() for m in _COMRADES_BY_POST.finditer(sentence))   # not "đồng chí ấy"
        if by_post and any(tuple(folded[k:k + n]) == role for k in range(len(folded))):
            return True
    return False


def person_not_named(question: str, hits: list[Hit]) -> bool:
    """The person check applies (_checked: a news article's passage answers first, or a post held in a
    year is asked) and no sentence of the best passages names anyone with the post or act asked about. An
    act asked ("ai tham dự"), not a name, is also answered by the comrades' post (comrades_for)."""
    if not _checked(question, hits):
        return False
    role, by_post = asked_role(question), _post_answers(question)
    return not any(_says_who(h.text, role, by_post) for h in hits[:DEPTH])


def _post_answers(question: str) -> bool:
    """The comrades' post may answer: the question asks no name and not who holds a post now."""
    return not _NAME_ASKED.search(fold_diacritics(question.lower())) and not _post_held_now(question)


def _says_who(text: str, role: tuple[str, ...] | None, by_post: bool) -> bool:
    """`text` names someone with the post or act asked; when `by_post` (an act asked without a name, "phân
    công ai tham dự"), the comrades' post is said too."""
    return names_for(text, role) or (by_post and comrades_for(text, role))


__all__ = ["asked_role", "asks_person", "comrades_for", "names_for", "passage_naming", "person_not_named"]
