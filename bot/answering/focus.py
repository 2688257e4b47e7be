"""What a question names and what kind of figure it asks for — the parts a clause must contain to answer it.

Two checks the refusal rule (bot/answering/refusal.py) adds to phrase coverage, because near-topic questions
share most of their words with real clauses and only these parts tell them apart:

- Names that set the question's scope: a province or ministry ("tỉnh Quảng Ninh", "Bộ Công Thương")
  or the title of an award ("danh hiệu Nghệ sĩ Nhân dân", Kỷ niệm chương “Vì sự nghiệp Tài chính”).
  If none of the documents the answer would come from mentions it, the documents are about
  something else (another province's rules, another award). Bodies and titles come from the capitals the user
  typed; provinces also from the gazetteer (ingest.places) and ministries by name, so "Quảng Ninh quy định…" at a
  sentence's start and "quang ninh", "bo cong an" typed in lower case count; not the asker's own story ("tôi ở …").
- Documents cited by number ("theo Nghị định 178") that none of those documents even mentions.
- The figure asked for (bot/answering/figures.py).

Measured (eval/dev.jsonl + eval/oos.jsonl out of scope; dev in scope, eval/heldout.jsonl, CongBot and
a 150-question ALQAC sample on their own corpora): these checks alone refused 16 of 74 out-of-scope
questions that phrase coverage let through, and 3 of 383 answerable ones (two whose money table was
not retrieved, one naming a body the law calls otherwise).
"""

from __future__ import annotations

import re
import unicodedata

from bot.answering.named_documents import document_refs, event_ordinals
from bot.answering.question import Question, phrase_form
from ingest.abbreviations import MINISTRY_CODES, expand_abbreviations, joined_codes
from ingest.places import canonical_place, place_spans, places_in, same_place

_WORD = re.compile(r"[\w&]+", re.UNICODE)

# A capitalised name right after one of these (folded) words, or starting with one, names the body or
# place whose rules the question is about.
_SCOPE_BEFORE = re.compile(r"(?:tinh|thanh pho|tp|bo|so|nganh|danh hieu|giai thuong|ky niem chuong|ki niem chuong|"
                           r"huan chuong|huy chuong|co thi dua|bang khen|vi su nghiep) $")
_SCOPE_HEADS = ("bo", "so", "tong", "giai", "huan", "huy", "ky", "ki", "co", "bang", "thanh pho", "tinh", "uy ban",
                "ban", "hoi", "nha", "nghe", "thay", "anh", "chien", "lao", "cong")
# Every Party committee has a "Ban Thường vụ" (standing committee) and a "Ban Chấp hành": the committee it
# belongs to ("Tỉnh ủy Nam Định") sets the scope, not these. Typed "Ban Thường vụ Tỉnh ủy", the run stops at
# "vụ" and "Ban Thường" was a name no document writes (the article writes "Ban TVTU"; blind dev33 d33-033).
# The Party's central bodies issue the directives every plan cites ("Chỉ thị 41-CT/TW của Bộ Chính trị … ban hành
# ngày nào?"): naming the issuer of a cited directive sets no scope, and the run stopped at "Chính" ("Bộ Chính",
# read as a ministry, ruled out the two provincial plans that cite the directive; dev45 d45-031).
_STANDING_BODIES = ("ban thuong", "ban chap",      # "Ban Thường vụ …", "Ban Thường trực", "Ban Chấp hành …"
                    "bo chinh", "chinh tri", "ban bi")   # "Bộ Chính trị", "Ban Bí thư"
# "... tôi ở Bình Thuận", "mẹ tôi sống ở Quảng Trị": the asker's situation, not the rules' scope.
_OWN_STORY = re.compile(r"\b(tôi|em|mình|gia đình|ông|bà|bố|mẹ|con)\b[^.?!]*\b(ở|tại|sống ở|quê|từ)\s*$", re.I)
# "Tôi là công chức Sở Tài chính …", "Em là trưởng phòng … của Sở Nội vụ": the asker's own post. The rules asked
# about need not name the asker's office, so the refusal does not ask for it (dev54 d54-037 was refused: "Sở Tài"
# in no document of Luật 80's answer). Ranking still reads it: a document that does name the office is closer.
_OWN_POST = re.compile(r"\b(?:tôi|em|mình)\s+(?:hiện\s+|đang\s+)?(?:là|làm)\b[^.?!,;]*$", re.I)
_TITLE_WORDS = re.compile(r"\b(danh hiệu|kỷ niệm chương|kỉ niệm chương|giải thưởng|huân chương|huy chương|"
                          r"cờ thi đua|bằng khen|huy hiệu)\s+", re.I)
# Words that end an award title typed without quotes ("danh hiệu Nghệ sĩ Nhân dân gồm những gì").
_TITLE_END = set("""gồm là được cho của thì có không nào gì bao những các và hoặc khi để theo do tại ở với về xét
tặng phải cần cấp đã đang sẽ còn hiện này nay năm trong trên dưới từ đến như bị mà hay nhé ạ vậy tối đa
thiểu mức mỗi hằng hàng bao thế lần thành tỉnh tp quy định tiêu chuẩn điều kiện hồ sơ thủ tục thời vào dịp
trước sau ngày lúc lên tới gửi nộp chuyển đầu thứ cuối tiếp khác đó ấy kia nữa kèm bằng""".split())   # "giải thưởng Hải Thượng Lãn Ông trước ngày nào" (blind
# dev38 d38-037); "… Lãn Ông lên tới Cục …" (blind dev72 d72-048 was refused: no document names "Lãn Ông lên tới Cục");
# "… Lãn Ông kèm Quyết định 3621" (blind dev96 d96-062); "trao danh hiệu bằng cách nào" (blind dev104 d104-043 was
# refused: no document names "bằng cách")
# An ordinal or a pointer after the title word says which one, not its name ("Kỷ niệm chương đầu tiên của Bộ Xây
# dựng", "… thứ hai", "danh hiệu đó": "đầu tiên" was a title no document names, blind dev78 d78-060 was refused).
# The occasion after a title ("Bằng khen nhân dịp đơn vị kỷ niệm …", eval/dev27.jsonl d27-057) is not part of it,
# nor its reason ("Bằng khen TTg vì thành tích đột xuất": "ttg vi" typed without accents was a title no document
# names, blind dev49 d49-054),
# nor the document that issues the rules it asks about ("giải thưởng Hải Thượng Lãn Ông ban hành kèm Quyết định
# 3621": "… Lãn Ông ban hành kèm" was a title no document names, blind dev52 d52-044).
_OCCASION = ("nhân dịp", "nhan dip", "vì thành", "vi thanh", "vì có", "vi co", "ban hành", "ban hanh")
# Words of a title that begin with a glue word ("Kỷ niệm chương Vì thế hệ trẻ": "thế" as in "như thế nào").
_TITLE_COMPOUNDS = {"thế hệ"}


def folded(text: str) -> str:
    """Lower-case, accent-folded words separated by single spaces, padded: for whole-phrase lookups."""
    return text.phrases if isinstance(text, Question) else phrase_form(text)


def _capitalised_runs(question: str) -> list[tuple[str, int]]:
    """Runs of 2+ capitalised words that do not start a sentence ("Quảng Ninh", "Công Thương")."""
    runs, cur, start, end = [], [], 0, 0

    def close() -> None:
        if len(cur) >= 2:
            runs.append((" ".join(cur), start))
        cur.clear()

    for i, m in enumerate(_WORD.finditer(question)):
        t = m.group()
        if cur and question[end:m.start()].strip():   # "Ở tỉnh Bắc Ninh, Ban Thi đua …": a comma ends a run
            close()
        end = m.end()
        sentence_start = i == 0 or re.search(r"[.?!:;\"“(]\s*$", question[:m.start()])
        if t[0].isupper() and not t.isupper() and not t.isdigit() and not sentence_start:
            if not cur:
                start = m.start()
            cur.append(t)
            continue
        close()
    close()
    return runs


def award_titles(question: str) -> list[str]:
    """The title after "danh hiệu", "Kỷ niệm chương"…: quoted, or capitalised words up to a glue word."""
    # "KNC" is how cadres type "Kỷ niệm chương" (ingest.abbreviations.ABBREVIATIONS): the title follows it.
    question = re.sub(r"(?<![\w/-])KNC(?![\w/-])", "Kỷ niệm chương", question)
    out = []
    for m in _TITLE_WORDS.finditer(question):
        rest = question[m.end():]
        # Typed quotes too: 'Vì sự nghiệp Tài chính' (eval/dev28.jsonl d28-060), ‘…’.
        quoted = re.match(r"[“\"‘']([^”\"’']{3,80})[”\"’']", rest)
        if quoted:
            out.append("“" + quoted.group(1).strip() + "”")
            continue
        toks = re.findall(r"[\w&]+|[^\w\s]", rest)
        if not toks or not toks[0][0].isupper() or toks[0].isupper():
            continue
        span = []
        for i, t in enumerate(toks[:7]):
            compound = f"{t} {toks[i + 1]}".lower() in _TITLE_COMPOUNDS if i + 1 < len(toks) else False
            if not re.match(r"\w", t) or (t.lower() in _TITLE_END and not compound) or \
                    (i + 1 < len(toks) and f"{t} {toks[i + 1]}".lower() in _OCCASION):
                break
            span.append(t)
        if len(span) >= 2:
            out.append(" ".join(span))
    return out + [t for t in _lowercase_titles(question) if t not in out]


# The title words, folded, for questions typed in lower case or without accents.
_TITLE_HEADS = [tuple(h.split()) for h in ("danh hieu", "ky niem chuong", "ki niem chuong", "giai thuong",
                                            "huan chuong", "huy chuong", "bang khen", "huy hieu")]
_TITLE_END_FOLDED = {phrase_form(w).strip() for w in _TITLE_END} | {"ko", "k", "hong"}


def _lowercase_titles(question: str) -> list[str]:
    """A title typed in lower case ("kỷ niệm chương vì sức khỏe nhân dân", "danh hieu nghe nhan uu tu"):
    the lower-case words after the title word up to a glue word. Cadres type titles this way as often
    as capitalised, and such a title no document names is another award's."""
    toks = _WORD.findall(unicodedata.normalize("NFC", question))
    f = [phrase_form(t).strip() for t in toks]
    out = []
    for i in range(len(toks)):
        head = next((h for h in _TITLE_HEADS if tuple(f[i:i + len(h)]) == h), None)
        if head is None:
            continue
        # "kỷ niệm chương vì sự nghiệp Nội vụ": a Kỷ niệm chương's field keeps its capitals after a lower-case
        # "vì sự nghiệp", which alone would be every ministry's title.
        span, field = [], f[i + len(head):i + len(head) + 3] == ["vi", "su", "nghiep"]
        # "danh hiệu tương đương tập thể lao động tiên tiến" names the title after "tương đương" (blind dev108 d108-054)
        first = i + len(head) + (2 if f[i + len(head):i + len(head) + 2] in (["tuong", "duong"], ["tuong", "tu"]) else 0)
        for j in range(first, len(toks)):
            t, ft = toks[j], f[j]
            capital = field and len(span) >= 3 and not t.islower() and (len(span) == 3 or not toks[j - 1].islower())
            if len(span) == (7 if capital else 5) or not (t.islower() or capital) or ft in _TITLE_END_FOLDED or \
                    ft.isdigit() or " ".join(f[j:j + 2]) in _OCCASION:
                break
            span.append(t)
        if len(span) >= 2:
            out.append(" ".join(span))
    return out


def scope_names(question: str, own_post: bool = True) -> list[str]:
    """Names of places, bodies and awards that define what the question is about; without `own_post`, not
    the body the asker introduces themself by ("Tôi là công chức Sở Tài chính")."""
    q = unicodedata.normalize("NFC", question)
    out = []
    for name, start in _capitalised_runs(q):
        before = q[:start]
        if _OWN_STORY.search(before) or (not own_post and _OWN_POST.search(before) and not canonical_place(name)):
            continue
        f = folded(name).strip()
        if f.startswith(_STANDING_BODIES):
            continue
        if f.startswith(tuple(h + " " for h in _SCOPE_HEADS)) or _SCOPE_BEFORE.search(folded(before[-40:])):
            out.append(name)
    # A province typed at the start of a sentence or in lower case ("Quảng Ninh quy định…", "quang
    # ninh") has no capitalised run, but the gazetteer knows it: it sets the scope all the same.
    for start, end, _ in place_spans(q):
        name = q[start:end]
        if not _OWN_STORY.search(q[:start]) and not any(name in n or n in name for n in out):
            out.append(name)
    # A ministry at the start of a sentence or in lower case ("Bộ Công an quy định…", "bo y te"): by name.
    for m in _MINISTRY_NAME.finditer(folded(q)):
        name = _MINISTRY_NAMES[m.group(2)]
        name = name if m.group(1) == "bo" else "ngành " + name[len("Bộ "):]
        if not any(folded(name) in folded(n) or folded(n) in folded(name) for n in out):
            out.append(name)
    for title in award_titles(q):
        if title not in out:
            out.append(title)
    # "Bộ LĐTBXH", "ngành KH&CN": a ministry or its sector typed by initials (capitalised runs skip
    # all-capital words), spelled out as its documents write it.
    for m in _MINISTRY_CODE.finditer(joined_codes(q)):
        full = MINISTRY_CODES.get(m.group(2).upper())
        name = f"{m.group(1)} {full}" if full else ""
        if name and name not in out:
            out.append(name)
    return out


# The ministries (2025 and earlier names); the documents' own are among them.
_MINISTRY_NAMES = {folded(n).strip(): "Bộ " + n for n in (
    "Công an", "Quốc phòng", "Ngoại giao", "Nội vụ", "Tư pháp", "Tài chính", "Công Thương", "Y tế", "Xây dựng",
    "Nông nghiệp và Môi trường", "Nông nghiệp và Phát triển nông thôn", "Tài nguyên và Môi trường",
    "Giao thông vận tải", "Văn hóa, Thể thao và Du lịch", "Khoa học và Công nghệ", "Giáo dục và Đào tạo",
    "Dân tộc và Tôn giáo", "Thông tin và Truyền thông", "Lao động - Thương binh và Xã hội", "Kế hoạch và Đầu tư")}
# "ngành Tài chính" names the ministry's sector as "Bộ Tài chính" names the ministry: a Kỷ niệm chương "của
# ngành Tài chính" is not Bộ LĐTBXH's (dev23 d23-015, dev29 d29-050 were answered from TT 16/2023).
_MINISTRY_NAME = re.compile(r" (bo|nganh) (" + "|".join(sorted(map(re.escape, _MINISTRY_NAMES), key=len, reverse=True))
                            + r") ")
_MINISTRY_CODE = re.compile(r"\b(Bộ|bộ|Bo|bo|Ngành|ngành|Nganh|nganh)\s+([A-Za-zĐđ]{3,8})\b")


def sector(name: str) -> str:
    """ "ngành kế hoạch và đầu tư" → "kế hoạch và đầu tư": a ministry's documents name their sector with
    or without "Bộ"/"ngành" in front. Two-word names keep it ("Bộ Y tế": "y tế" alone is any clinic)."""
    rest = re.sub(r"^(?:[Bb][ộo]|[Nn]g[àa]nh)\s+", "", name)     # typed without accents too: "Bo KH&CN"
    return rest if len(rest.split()) >= 3 else name


def spelled_out(name: str) -> str:
    """The name with its abbreviations written out as the documents write them ("Bộ LĐTBXH" → "Bộ lao
    động thương binh và xã hội", "Chủ tịch UBND" → "Chủ tịch ủy ban nhân dân"), a ministry's code too
    (“Vì sự nghiệp LĐTBXH” → “Vì sự nghiệp lao động thương binh và xã hội”)."""
    # "KH&ĐT" is joined first: "KH" alone is "kế hoạch", which left “Vì sự nghiệp kế hoạch&ĐT” (dev94 d94-067)
    name = re.sub(r"[\w.&-]+ \(([^()]+)\)", r"\1", expand_abbreviations(joined_codes(name)))
    return _CODE.sub(lambda m: MINISTRY_CODES.get(m.group(1).upper(), m.group(1)), name)


_CODE = re.compile(r"(?<![\w/-])([A-ZĐ]{2,8})(?![\w/-])")


def _mentioned(name: str, document_texts: list[str]) -> bool:
    """The name occurs in one of the documents; an unquoted title of 4+ words may also match without
    its last word, which can be a word of the question the title's end caught."""
    # "Bằng khen Chủ tịch UBND": documents spell the body out ("Chủ tịch Ủy ban nhân dân").
    spellings = {name, spelled_out(name), sector(name)}
    if name.startswith("ngành "):   # a ministry's sector is mentioned by its ministry or its field too
        spellings |= {"Bộ " + name[6:], "lĩnh vực " + name[6:]}
    for spelling in spellings:
        words = spelling.split()
        shortest = len(words) - 1 if len(words) >= 4 and not spelling.startswith("“") else len(words)
        for n in range(len(words), shortest - 1, -1):
            phrase = folded(" ".join(words[:n]))
            if any(phrase in d for d in document_texts):
                return True
    return False


def missing_names(question: str, document_texts: list[str]) -> list[str]:
    """The question's scope names, the documents it cites by number and the meetings or terms it names
    by number, that none of the given (folded, see `folded`) documents contains. Quoted titles keep their
    quotes (“…”): matched whole."""
    names = [n for n in scope_names(question, own_post=False) if not _mentioned(n, document_texts)]
    refs = [(label, (key,)) for label, key in document_refs(question)] + event_ordinals(question)
    return names + [label for label, keys in refs if not any(k in d for k in keys for d in document_texts)]


# Issuers whose documents apply everywhere: a place or body the question names is not contradicted by them.
_NATIONAL = re.compile(r"^ *(chinh phu|quoc hoi|thu tuong|uy ban thuong vu quoc hoi|ban chap hanh trung uong|"
                       r"bo chinh tri|ban bi thu|trung uong|chu tich nuoc) ")


def _record_get(record, key: str, default=None):
    return record.get(key, default) if isinstance(record, dict) else getattr(record, key, default)


def conflicting_scope(name: str, record) -> bool:
    """Whether a document is another place's or another body's, for a question naming `name` that the
    document does not mention: a provincial document of another province, or a document of another
    body. Such a document cannot answer for `name`; a national document (or an article naming no
    place) may, with a note that it does not mention the name."""
    meta = _record_get(record, "meta") or {}
    head = f"{_record_get(record, 'title') or ''}\n{_record_get(record, 'issuer') or ''}"
    place = canonical_place(name) or next(iter(places_in(name)), None)
    if place:
        about = set(meta.get("places") or []) | set(places_in(head))
        return bool(about) and not any(same_place(place, p) for p in about)
    if meta.get("kind") == "explainer":
        return False    # its "issuer" says what kind of article it is ("Bài viết hỏi-đáp pháp luật …"), not whose
    issuer = folded(_record_get(record, "issuer") or "")
    return bool(issuer.strip()) and not _NATIONAL.match(issuer)


# A clause addressed to every body of a class ("Hồ sơ Bộ, ban, ngành, tỉnh gửi …", "các Sở, ban, ngành") holds
# for the one the question names in telling its own case: "Trường chúng tôi được Bộ GD&ĐT đề nghị …, hồ sơ
# gửi chậm nhất ngày nào?" (blind dev47 d47-060 was refused: "không nói đến Bộ Giáo dục và Đào tạo").
_CLASS_OF = {"bo": re.compile(r" (?:cac bo|bo ban nganh|bo nganh|co quan ngang bo) "),
             "so": re.compile(r" (?:cac so|so ban nganh) ")}


def named_by_class(name: str, texts: list[str]) -> bool:
    """`name` is a ministry or a department ("Bộ …", "Sở …") and one of `texts` speaks to all of its class."""
    words = phrase_form(name).split()
    pattern = _CLASS_OF.get(words[0]) if len(words) > 1 else None
    return pattern is not None and any(pattern.search(phrase_form(t)) for t in texts)
