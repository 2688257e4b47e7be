"""What of a question a retrieved clause covers (bot/answering/refusal.py decides with it).

- key terms: the question's content syllables, folded, without question words and glue;
- key pairs: adjacent key syllables, the phrase unit refusal's coverage counts. An abbreviation the
  question expanded ("UBND (ủy ban nhân dân)") is found as typed or written out;
- the act of a yes/no question ("có được họp trực tuyến không"), which the clauses must hold, not only
  its subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from bot.answering.counts import counted, states_count
from bot.answering.question import as_question, syllables
from bot.answering.everyday import in_regulation_words
from bot.answering.yes_no import asked_act
from ingest.abbreviations import abbreviation, typed_abbreviation
from ingest.normalize import fold_diacritics
from ingest.places import without_places

# Question words and glue that say nothing about the topic (folded forms). "quy dinh", "tieu chuan",
# "dieu kien" are here too: nearly every clause uses them, so they cannot tell covered from uncovered.
STOP = set("""
la gi nao the nhu sao bao nhieu khi nao o dau ai co khong duoc phai can de cho cua va voi tu den trong
theo ve thi ma nay do nhung cac mot hay hoac neu thi se da dang bi boi tai vi nen rang tren duoi sau truoc
toi minh em anh chi ban oi a a u nhe vay con gi ra sao muon hoi xin cho biet lam the nao quy dinh
gom nhung dieu kien tieu chuan hien hanh moi nhat hien nay nam duoc xet hoac cung nhu khac
toi da phan tram muc bao lau
may it nhieu roi chang het thay nghe noi vay nhe chao bon tui ko k hong gio bay xua luc kia
biet lai nua cai no dang tam chung rat qua lam
ay vua xong
luon gium dum
""".split())
# "luôn" ("có bị hủy luôn không"), "giùm", "dùm" are particles of speech (blind dev92 d92-029 was refused for "luôn").
# "ấy" ("anh ấy", "việc ấy") points back into the asker's story; no clause uses it (blind dev50 d50-003: "có bị
# báo về trường anh ấy không" was refused, its act read as "trường … ấy"). "vừa" ("vừa chuyển công tác") dates
# the story, as "mới" and "rồi" do.
_VOWELS = set("aeiouy")
UNKNOWN_IDF = 7.0   # idf above this: (nearly) absent from the corpus
# A yes/no question's act ("họp trực tuyến", "miễn thị thực"): refused when the best clauses hold less than
# this share of its key syllables. On 18 development sets it refused 14 more out-of-scope questions and 2
# answerable ones, whose answers had not held the asked words either; on eval/dev18.jsonl, written blind,
# 6 of 25 out-of-scope yes/no questions and no answerable one (docs/benchmarks.md).
ACT_MIN = 0.5
# ... and refused when almost none of them stand next to a neighbour of theirs in the act in any clause.
# On 33 development sets it caught 7 out-of-scope questions ("họp trực tuyến", "hỗ trợ tiền ăn, tiền đi
# lại"; 5 not refused before) and one answerable (eval/dev.jsonl q048, "tính tiếp khi đề nghị bằng khen"
# said as "không được dùng trong xét hình thức khen thưởng"); at 0.25, 11 and 8 (docs/benchmarks.md,
# session 18). Neighbours one word apart (session 19) gave q048 back and cost none of the 7.
ACT_TOGETHER_MIN = 0.1


# Spoken phrases that carry no topic, as folded syllables: "trước khi bắt tay vào chấm bài", "bộ phận nào lo tổ
# chức", "bên nào đứng ra tổ chức", "còn cách nào khác", "bị xử lý kiểu gì", "hiểu nôm na". Clauses seldom write
# them, and their syllables are rare in the corpus, so missing they weighed as much as the topic's own words (blind
# dev88 d88-064, d88-068, d88-056 were refused for coverage). Only as phrases: "lộ đề", "cách chức", "bên ngoài"
# keep their words. "có bắt buộc phải … không" asks what "phải" asks, which clauses write "phải" (dev74 d74-043,
# dev78 d78-002); "bảo hiểm bắt buộc" names a thing. Refusal also reads the question with them kept (refusal.py).
_SPOKEN = re.compile(r"\b(?:bat tay(?: vao)?|dung ra|(?:bang )?cach(?= (?:nao|gi)\b)|ben(?= nao\b)|kieu(?= (?:gi|nao|sao)\b)"
                     r"|lo(?= (?:to chuc|viec|lieu|cham|lam|thu tuc|ho so|giay to|chi tra)\b)|thuc ra|dai khai|nom na|tuc la"
                     r"|(?<=\bco )bat buoc|bat buoc(?= phai\b))\b")


def _spoken(sylls: list[str]) -> set[int]:
    """Indexes of the syllables in spoken phrases (_SPOKEN); a match starts on a syllable (its \\b), so the spaces
    before it count the syllables before it."""
    text, out = " ".join(sylls), set()
    for m in _SPOKEN.finditer(text):
        first = text.count(" ", 0, m.start())
        out.update(range(first, first + len(m.group().split())))
    return out


def key_terms(question: str, idf: Callable[[str], float] | None = None, keep_spoken: bool = False) -> list[str]:
    """Folded content syllables of the question, in order, without duplicates.

    With `idf`, a vowel-less token the corpus does not use ("khdt", "cbcc", "hp") is dropped: it is an
    abbreviation the user typed (expanded where known), not a word a clause can be expected to contain.
    keep_spoken: keep the syllables of spoken phrases (_SPOKEN), for a clause that writes them ("bắt buộc").
    """
    out = []
    sylls = as_question(question).syllables
    spoken = set() if keep_spoken else _spoken(sylls)
    for i, s in enumerate(sylls):
        # A short number is the user's own figure ("88 điểm"), not a term the clause must contain.
        if s in STOP or len(s) < 2 or (s.isdigit() and len(s) < 4) or s in out or i in spoken:
            continue
        if idf is not None and not (set(s) & _VOWELS) and idf(s) > UNKNOWN_IDF:
            continue
        out.append(s)
    return out


# "… thì bài thi bị tính thế nào, có bị huỷ điểm không?": the question asks first what the rule is, and its
# yes/no part is the asker's guess at it. The clause that states the rule answers even in other words
# ("tính 0 (không) điểm", eval/dev26.jsonl d26-029).
_OPEN_ASK = re.compile(r"\b(?:the nao|ra sao)\b")
# So does a count asked first: "hồ sơ … gửi Bộ Nội vụ mấy bộ, có phải gửi file điện tử không" (blind dev52 d52-024
# was refused for "gửi file điện tử" beside "01 bộ (bản chính) và các tệp tin điện tử"), when a clause states
# that count: a near-topic question asks one too. Folded "may" is also "máy" (thi trên máy tính): only before a unit.
_COUNT_ASK = re.compile(r"\bbao nhieu\b|\bmay (?:bo|ban|lan|nguoi|ngay|thang|nam|tuan|buoc|loai|muc|cap|hinh thuc)\b")


# So does an open question put first and closed with a comma: "… phải chấm bằng bút gì, có được tự mang bút theo
# không?", "… tiền trả hợp đồng lấy ở đâu, có phải trích từ quỹ lương không?" (blind dev65 d65-031 and d65-020
# were refused for the guess: "Chỉ được chấm thi bằng loại bút mực đỏ do Hội đồng cung cấp" answers it).
# The question word may open that part: "Ai có thẩm quyền tạm đình chỉ công tác đối với công chức lãnh đạo, quản lý
# vậy, có phải Chủ tịch uỷ ban không?" asks who (dev75 d75-052 was refused for the guess "Chủ tịch uỷ ban").
_OPEN_FIRST = re.compile(r"\b(?:gi|nao|o dau|tu dau|ai|bao gio)\b[^,;?]*[,;]")


def _asked_first(before: str, hits: list) -> bool:
    """The question asks something open before its yes/no part: how the rule goes, or a count a clause states."""
    folded = fold_diacritics(before.lower())
    if _OPEN_ASK.search(folded) or _OPEN_FIRST.search(folded):
        return True
    nouns = counted(before) if _COUNT_ASK.search(folded) else ()
    return bool(nouns) and any(states_count(nouns, f"{h.text} {h.context}") for h in hits)


# "… có bị vướng tiêu chí nào không?" asks which criterion, not whether an act is allowed (blind dev35 d35-014).
_WHICH = re.compile(r"\b(?:nào|nao|gì|gi)\b")
# What the act is measured by or compared with is not the act: "có bị đánh giá xếp loại theo nghị định 233
# giống viên chức không" asks about "đánh giá xếp loại" (dev32 d32-023), "có được giảm so với quy định chung không,
# giảm bao nhiêu?" about "giảm" (dev32 d32-035: "được giảm 1/3 thời gian so với …"); a document named is checked by
# focus.document_refs.
ASIDE = re.compile(r"\s+(?:(?:theo|tại|tai)\s+(?:quy định của\s+|quy dinh cua\s+)?(?:luật|luat|nghị định|nghi dinh|"
                    r"nđ|nd|thông tư|thong tu|tt|quyết định|quyet dinh|qđ|qd|quy định|quy dinh|hướng dẫn|huong dan)\b"
                    r"|(?:giống|giong|so với|so voi)\b).*$", re.I)


# "có được coi là công chức không" asks whether the asker is one: the clause that says who is answers, in its own
# words, never "coi là" (blind dev66 d66-020 was refused for "coi").
# Not "tính là": "có bị tính là căn cứ hạ loại …" asks whether a rule counts it so (dev45 d45-015).
_COUNTED_AS = re.compile(r"^(?:được\s+|duoc\s+)?(?:coi|xem)\s+(?:là|la|như|nhu)\s+", re.I)
# "ra thêm một quyết định tiếp nhận riêng" is "quyết định tiếp nhận": "thêm", "riêng" say how the act is done,
# not what it is, and no clause that settles it repeats them (blind dev67 d67-023: "Quyết định bổ nhiệm đồng
# thời là quyết định tiếp nhận vào làm công chức").
_MODIFIERS = {"them", "rieng"}
# An exemption asked ("có được miễn thi ngoại ngữ không") is a rule of its own: clauses that never say "miễn" do
# not grant it, however well they hold the rest ("ngoại ngữ"). Across the development sets 11 out-of-scope acts
# began with "miễn" that no best clause held, and no answerable one (blind dev72 d72-063, dev9 d9-023 and dev19
# d19-027 had been answered).
_EXEMPTION = {"mien"}
# "việc phát sinh đột xuất có được tính vào không": an act of light verbs only asks whether the subject counts; the
# clause that lists it ("Mức độ hoàn thành các nhiệm vụ đột xuất") never writes "tính vào" (blind dev93 d93-030).
# So is "… năm bị kỷ luật đó có được cộng vào không" (blind dev104 d104-064): "cộng" folds like "công", a light verb
# only among these.
_LIGHT = {"tinh", "vao", "xet", "den", "ap", "dung", "cong"}
# "điều động đi đơn vị khác", "cử đi học": "đi" after a verb only says which way the act goes; no clause writes it
# ("không thực hiện điều động … đang trong quá trình bị xem xét, xử lý kỷ luật", dev75 d75-010 was refused for it),
# unless a clause writes it beside a neighbour ("cử người đi họp thay" holds "nhờ người khác đi thay", dev12 d12-059).
# Not "đi lại" (travel), nor the "di" of "di động", "di chuyển", "di dời", which fold the same.
_GO_KEEP = {"lai", "dong", "chuyen", "doi", "san", "tich", "cu", "tru", "tan", "truyen"}


def _heading_to(words: list[str], i: int) -> bool:
    return words[i] == "di" and 0 < i < len(words) - 1 and words[i + 1] not in _GO_KEEP


_UPPER = re.compile(r"(?<![\w&])[A-ZĐ][A-ZĐ&]+(?![\w&])")
_LOWER_CODE = re.compile(r"(?<![\w&])[bcdđghklmnpqrstvx]{2,}(?![\w&])")
_LEVELS = {"tinh", "huyen", "xa", "bo", "thanh", "trung", "co"}   # tỉnh, huyện, xã, bộ, thành phố, trung ương, cơ sở


def act_not_found(question: str, hits: list, idf: Callable[[str], float] | None) -> str:
    """The act a yes/no question asks about ("có được họp trực tuyến không"), when the clauses given hold
    less than ACT_MIN of its key syllables (IDF-weighted), or almost none of them together
    (ACT_TOGETHER_MIN): they are about its subject, not the act, and a clause on the subject does not say
    yes or no to it. "" when they hold it, or the question is not shaped "có được … không"."""
    act, share, together = act_shares(question, hits, idf)
    return act if act and (share < ACT_MIN or together < ACT_TOGETHER_MIN) else ""


def act_share(question: str, hits: list, idf: Callable[[str], float] | None) -> tuple[str, float]:
    """The yes/no question's act and the IDF-weighted share of its key syllables the clauses hold,
    wherever they stand; ("", 1.0) when there is no act to look for."""
    act, share, _ = act_shares(question, hits, idf)
    return act, share


def act_shares(question: str, hits: list, idf: Callable[[str], float] | None) -> tuple[str, float, float]:
    """The act, the share of its key syllables found anywhere in the clauses, and the share found next to
    a neighbour of theirs in the act as well ("trực tuyến" written together, not "trực tiếp" in one
    place and "tuyển dụng" in another: folded, both are "truc", "tuyen")."""
    act = asked_act(question)
    before = question[:max(question.find(act), 0)]   # the question's words before its act
    if not act or not idf or _asked_first(before, hits) or _WHICH.search(act):
        return "", 1.0, 1.0
    act = _COUNTED_AS.sub("", ASIDE.sub("", act))
    # "ý kiến của UBND tỉnh" is held by "ý kiến của Ủy ban nhân dân cấp tỉnh" (blind dev39 d39-033 was refused
    # for its act): an abbreviation is read written out, and a body "cấp tỉnh" is the body "tỉnh".
    # Typed in lower case ("tuyển người dtts", blind dev49 d49-036) a vowel-less code is one too, by the rule the
    # question's own expansion follows (a lower-case "tt" is a word, not Thông tư).
    said, act = act, _UPPER.sub(lambda m: abbreviation(m.group()) or m.group(), act)
    act = without_places(act)   # the scope, read by the name check (blind dev111 d111-041)
    act = _LOWER_CODE.sub(lambda m: typed_abbreviation(m.group()) or m.group(), act)
    held = [syllables(f"{h.text} {h.context}") for h in hits]
    found = set().union(*held) if held else set()
    bigrams = set().union(*(zip(x, x[1:]) for x in held)) if held else set()
    bigrams |= {(x[k], x[k + 2]) for x in held for k in range(len(x) - 2)
                if x[k + 1] == "cap" and x[k + 2] in _LEVELS}
    spaced = bigrams.union(*(zip(x, x[2:]) for x in held))   # one word between
    clauses = " " + " | ".join(" ".join(x) for x in held) + " "
    words = syllables(in_regulation_words(" ".join(syllables(act)), clauses))   # abbreviations written out
    ways = {w for i, w in enumerate(words) if _heading_to(words, i)
            and not {(words[i - 1], w), (w, words[i + 1])} & spaced}   # "cử người đi họp thay" has "đi … thay"
    terms = [t for t in key_terms(" ".join(words), idf) if t not in _MODIFIERS and t not in ways]
    if not terms or set(terms) <= _LIGHT:
        return "", 1.0, 1.0
    if terms[0] in _EXEMPTION and terms[0] not in found:
        return said, 0.0, 0.0
    weight = {t: idf(t) for t in terms}
    together = set()
    for i, t in enumerate(words):
        if t not in weight or t not in found:
            continue
        # Only key syllables are neighbours: glue words ("để", "khi") and abbreviations left as typed
        # ("QĐ", "CSTĐCS", written out in clauses) are not. Two act syllables one word apart may stand one
        # word apart or together in the clause ("viết bài bằng bút" ~ "viết bằng một loại mực", dev14
        # d14-070); adjacent ones must stand together ("trực tiếp tuyển dụng" does not hold "trực tuyến").
        # A syllable with no adjacent key neighbour counts alone ("đeo thẻ công chức": "thẻ" folds to glue).
        near = {j: (words[j], t) if j < i else (t, words[j]) for j in (i - 2, i - 1, i + 1, i + 2)
                if 0 <= j < len(words) and words[j] in weight}
        if not (near.keys() & {i - 1, i + 1}) or \
                any(p in (bigrams if abs(j - i) == 1 else spaced) for j, p in near.items()):
            together.add(t)
    total = sum(weight.values()) or 1.0
    return (said, sum(w for t, w in weight.items() if t in found) / total,
            sum(w for t, w in weight.items() if t in together) / total)


@dataclass(frozen=True)
class Pair:
    """Two adjacent key syllables of the question, and the clause bigrams that count as finding them."""
    a: str
    b: str
    alts: tuple = ()
    abbr: str = ""      # inside an abbreviation's expansion: a clause that uses the abbreviation has it
    bridged: bool = False   # glue syllables between a and b (_bridged): counts only where a clause has the run

    def found(self, bigrams: set, bag: set) -> bool:
        return any(x in bigrams for x in self.alts) or bool(self.abbr and self.abbr in bag)


_EXPANDED = re.compile(r"([\w&]+) \(([^()]+)\)")


def key_pairs(expanded: str, weight: dict) -> list[Pair]:
    """The question's adjacent pairs of key syllables, an abbreviation read as itself or written out.

    "Văn phòng UBND (ủy ban nhân dân) tỉnh" is found in a clause's "Văn phòng UBND tỉnh" as well as in
    "Văn phòng Ủy ban nhân dân tỉnh": "phòng ubnd" or "phòng ủy"; "dân tỉnh" or "ubnd tỉnh"; the pairs
    inside the expansion wherever the clause uses "UBND". The pair "ubnd ủy" is only the expansion's
    seam: no clause has it, so it is not one of the question's pairs."""
    sylls = syllables(expanded)
    start_of, end_of, inside = {}, {}, {}     # syllable index → abbreviation
    for m in _EXPANDED.finditer(expanded):
        full = abbreviation(m.group(1))
        if not full or syllables(full) != syllables(m.group(2)):
            continue
        i = len(syllables(expanded[:m.start()]))
        n = len(syllables(full))
        abbr = sylls[i]
        start_of[i] = abbr
        end_of[i + n] = abbr
        for k in range(i + 1, i + n):
            inside[k] = abbr
    out = []
    for i, (a, b) in enumerate(zip(sylls, sylls[1:])):
        if a not in weight or b not in weight or i in start_of:
            continue
        alts = {(a, b)}
        if i + 1 in start_of and i + 2 < len(sylls):
            alts.add((a, sylls[i + 2]))
        if i in end_of:
            alts.add((end_of[i], b))
        out.append(Pair(a, b, tuple(sorted(alts)), inside.get(i, "")))
    return out + _bridged(sylls, weight, set(start_of) | set(inside) | set(end_of))


# Two key syllables with one or two glue syllables between them in the question ("trưởng ban coi thi",
# "đơn từ chức") are a phrase when a clause has the same run of syllables. Without accents the glue list
# also takes words that are not glue ("ban" for bạn, "thi" for thì), and a question made of such phrases
# had almost no pairs to find.
BRIDGE = 2


def _bridged(sylls: list[str], weight: dict, abbreviated: set) -> list[Pair]:
    out = []
    keys = [i for i, s in enumerate(sylls) if s in weight]
    for i, j in zip(keys, keys[1:]):
        if (2 <= j - i <= BRIDGE + 1 and not abbreviated & set(range(i, j + 1))
                and all(s in STOP or len(s) < 2 for s in sylls[i + 1:j])):   # glue, not an unweighed name
            out.append(Pair(sylls[i], sylls[j], (tuple(sylls[i:j + 1]),), bridged=True))
    return out
