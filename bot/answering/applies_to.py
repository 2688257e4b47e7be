"""Whether the best clauses' rules are for the people and the place the question asks about.

A near-topic question often shares nearly every word with a clause that governs someone else, so
phrase coverage cannot refuse it:
- "Thời hiệu xử lý kỷ luật đối với viên chức là bao lâu?" finds Luật Cán bộ, công chức's Điều 37, whose
  5 and 10 years are for cán bộ, công chức. Viên chức are disciplined under another law the corpus
  does not hold, so quoting Điều 37 would give a wrong figure.
- "Quảng Ninh xét tặng Cờ thi đua của UBND tỉnh theo tiêu chuẩn nào?" finds Bắc Ninh's decision.
  Quảng Ninh is named somewhere in the index, so the missing-name check in focus.py lets it through.

Each check returns the reason refusal.py records, or None:
- **people**: the question names exactly one of the groups the documents regulate separately (cán bộ,
  công chức, viên chức, đảng viên). None of the three best clauses names that group, with its
  document title and heading, and they name another group instead. Also a recipient: an award asked
  for a cá nhân whose clauses are headed for tập thể only, or the reverse.
- **place**: the question names a province or city. The best clause is another province's own
  document (ingest.places.same_place counts the 2025 mergers), and none of the three best clauses
  comes from that place. A national document or an article may still answer, with a note
  (refusal.py's `unnamed`).
- **sector**: the best clause is a ministry's rule for its own sector (TT 15/2023 for ngành KHĐT) and
  the question is about a province that clause does not name, or names another sector.
- **referred**: the question asks for a figure (an amount, a percentage, a duration, an age). The best
  clause hands the matter to another text ("theo quy định của pháp luật về khiếu nại", "do Chính phủ
  quy định") and states no figure of that kind. "Công chức được nghỉ phép năm bao nhiêu ngày?" finds
  Luật 80's Điều 11, which grants leave "theo quy định của pháp luật về lao động". The documents do not
  give the number, so the answer says so and shows that clause.

Issue 18 item 4. Built on eval/dev.jsonl, dev2, dev3 and oos.jsonl, and checked on dev4 and on 200 of
ALQAC's own questions. None of the three fired on any of the 417 answerable questions. They fired on 28
out-of-scope ones: people 8, place 2, referred 18. Session 7 (dev..dev9, 706 questions, two sets new and
written blind) added the recipient, sector and year checks: with the session's ranking changes, 6 more out-of-scope
questions refused (one other, d2-044, answered instead) and no answerable one.

Two more decide what the reader reads, not whether to refuse (`split_applicable`): criteria for those who
hold a leading office do not answer for those who do not (the reverse too), and a news article's figure for
another year does not answer for the year asked (`other_year`, said as "không nêu số liệu năm …").
"""

from __future__ import annotations

import re
from typing import Callable

from bot.answering.authority import (ARTICLE, LOCAL, doc_places, is_news, level, names_sector, of_scope,
                                     question_scope, sector_keys, sector_name)
from bot.answering.emulation_titles import TITLES
from bot.answering.figures import asked_figures, states_figure
from bot.answering.focus import award_titles, conflicting_scope
from bot.answering.question import as_question, phrase_form
from bot.answering.yes_no import asks_yes_no
from bot.answering.ranking import holds_office, other_office
from bot.answering.named_documents import mentioned_numbers
from ingest.normalize import fold_diacritics
from ingest.places import mentions

# The groups whose rules are separate laws (Luật Cán bộ, công chức; Luật Viên chức; the Party's rules):
# folded, padded phrase → how the answer names the group.
# "người lao động" (hợp đồng lao động) falls under the Bộ luật Lao động: rules for cán bộ, công chức, viên chức
# do not grade them (eval/dev33.jsonl d33-044, "người lao động làm theo hợp đồng lao động … bao nhiêu điểm").
GROUPS = {" can bo ": "cán bộ", " cong chuc ": "công chức", " vien chuc ": "viên chức", " dang vien ": "đảng viên",
          " nguoi lao dong ": "người lao động", " hop dong lao dong ": "người lao động", " doan vien ": "đoàn viên"}
PEOPLE_CLAUSES = 3   # a clause for the asked group ranked third still answers (the reader reads it first)
PLACE_CLAUSES = 3
# A clause that leaves the matter to another law or body (folded).
_REFERS = re.compile(r"\btheo quy dinh (?:cua|tai) (?:phap luat|bo luat|luat|chinh phu|nghi dinh)\b|"
                     r"\bdo chinh phu quy dinh\b|\bthuc hien theo quy dinh\b")


# "… theo quy định tại Điều 35 Nghị định này" refers within the same text, which is indexed too (dev75 d75-003).
_INTERNAL = re.compile(r"\btheo quy dinh tai (?:(?:diem|khoan|dieu|muc|chuong) [\w.,]+ ){1,4}"
                       r"(?:(?:nghi dinh|luat|thong tu|quyet dinh|quy che|quy dinh|phu luc) )?nay\b")
# "… theo quy định của pháp luật về lưu trữ": the matter the clause leaves to its own law, and the figure
# asked right after that matter in the question ("lưu trữ tối thiểu bao nhiêu năm").
_REFERS_TOPIC = re.compile(r"\btheo quy dinh cua phap luat ve (\w+ \w+)")
_FIGURE_ASKED = r"(?:(?:toi thieu|toi da|it nhat|khoang|trong|trong vong|trong thoi gian) )?(?:bao nhieu|bao lau|may) "


def groups_in(text: str) -> list[str]:
    """The regulated groups a text names ("cán bộ, công chức" → ["cán bộ", "công chức"]). "Cán bộ, công chức là
    đảng viên" are công chức: Luật 80's thời hiệu is not the Party's (blind dev92 d92-033, out of scope)."""
    f = re.sub(r" la (?:dang|doan) vien ", " ", phrase_form(text))
    return list(dict.fromkeys(name for key, name in GROUPS.items() if key in f))


def groups_of(hit) -> list[str]:
    return groups_in(f"{hit.title} {hit.dieu} {hit.section} {hit.text} {hit.context}")


def _another_places(record, places: list[str], levels: tuple[str, ...]) -> bool:
    """The document (of one of `levels`) belongs to a province other than the question's."""
    return (record is not None and level(record) in levels and bool(doc_places(record))
            and not of_scope(record, places, []))


def other_people(question: str, hits: list) -> str | None:
    """"viên chức / cán bộ, công chức" when the question asks about one group and the best clauses
    are about other groups only; None otherwise."""
    asked = groups_in(as_question(question).expanded)
    if len(asked) != 1 or not hits:
        return None   # no group, or several ("CBCCVC"): any clause about one of them may answer
    if asked == ["cán bộ"] and _party_rule(question):
        return None   # the Party's "cán bộ lãnh đạo" are its members: its criteria for đảng viên answer
    found: list[str] = []
    for h in hits[:PEOPLE_CLAUSES]:
        named = groups_of(h)
        if asked[0] in named or not named:
            return None   # a clause for the asked group, or one naming no group (it may apply to all)
        found += [g for g in named if g not in found]
    return f"{asked[0]} / {', '.join(found)}"


def _party_rule(question: str) -> bool:
    """The question names a Party document ("Quy định 366", "366-QĐ/TW"): its cán bộ are đảng viên
    (eval/dev28.jsonl d28-040, "cán bộ lãnh đạo thuộc diện Trung ương quản lý … theo Quy định 366")."""
    return any("/" not in key for key in mentioned_numbers(as_question(question).text))


# Who an award or a reward is for: a clause headed for one (its document title, Điều or section heading)
# does not answer for the other ("Huân chương Lao động hạng Ba" for a cá nhân from a table of tập thể awards).
RECIPIENTS = {" ca nhan ": "cá nhân", " tap the ": "tập thể"}
# "Tập thể lao động tiên tiến" names a title, not who a clause is for: Bắc Ninh's "Điều 4. … tiêu chuẩn xét
# tặng Tập thể lao động tiên tiến, Lao động tiên tiến và Giấy khen" heads its rule for a cá nhân's Giấy khen
# too (blind dev62 d62-045 was refused "cá nhân / tập thể"). The titles named "Tập thể …" are those of
# emulation_titles.TITLES.
_TITLE_OF_GROUP = re.compile(" (?:" + "|".join(t for t in TITLES if t.startswith("tap the ")) + ") ")


def _recipients(text: str) -> list[str]:
    f = _TITLE_OF_GROUP.sub(" ", phrase_form(text))
    return [name for key, name in RECIPIENTS.items() if key in f]


def other_recipient(question: str, hits: list) -> str | None:
    """"cá nhân / tập thể" when the question asks for one recipient and the clauses that state its award
    (those of the three best that name the award's title, else the three best) are headed for the other
    recipient only; None otherwise."""
    asked = _recipients(as_question(question).expanded)
    if len(asked) != 1 or not hits:
        return None
    titles = [phrase_form(t.strip("“”")) for t in award_titles(question)]
    # The clauses that state the asked award, else all three best: one of them headed for the asked
    # recipient, or for no one in particular, may answer.
    stating = ([h for h in hits[:PLACE_CLAUSES] if any(t in phrase_form(h.text) for t in titles)]
               or hits[:PLACE_CLAUSES])
    others = []
    for h in stating:
        named = _recipients(f"{h.title} {h.dieu} {h.section}")
        if not named or asked[0] in named:
            return None
        others += [n for n in named if n not in others]
    return f"{asked[0]} / {others[0]}"


def other_place(question: str, hits: list, document_record: Callable[[object], object] | None) -> str | None:
    """"Quảng Ninh / Bắc Ninh" when the question names a place and the best clause is another
    province's document and none of the best is that place's; None otherwise."""
    if document_record is None or not hits:
        return None
    places, _ = question_scope(question)
    if not places:
        return None
    records = [document_record(h) for h in hits[:PLACE_CLAUSES]]
    # Only a province's own document refuses: an article about another place may still quote a
    # national rule (prefer_applicable ranks it below the ones that apply).
    if not _another_places(records[0], places, (LOCAL,)):
        return None
    if any(r is not None and of_scope(r, places, []) for r in records):
        return None
    return f"{places[0]} / {doc_places(records[0])[0]}"


def other_sector(question: str, hits: list, document_record: Callable[[object], object] | None) -> str | None:
    """"Nghệ An / Kế hoạch và Đầu tư" when the best clause is a ministry's rule for its own sector
    (authority.sector_keys) and the question is about a province the clause does not name, or names
    another sector whose own document is among the best; None otherwise. Bộ KHĐT's deadline for its
    Khối thi đua is not Nghệ An's, nor the one for Kỷ niệm chương of Bộ LĐTBXH."""
    if document_record is None or not hits:
        return None
    record, expanded = document_record(hits[0]), as_question(question).expanded
    if record is None or not sector_keys(record) or names_sector(record, expanded):
        return None
    sector = sector_name(record)
    places, _ = question_scope(question)
    text = f"{hits[0].text} {hits[0].context}"
    if places and not any(mentions(text, p) for p in places):
        return f"{places[0]} / {sector}"
    for h in hits[1:5]:
        other = document_record(h)
        if other is not None and sector_keys(other) and names_sector(other, expanded):
            return f"ngành {sector_name(other)} / {sector}"
    return None


_YEAR = re.compile(r"(?<![\d/.-])(19[4-9]\d|20[0-4]\d)(?![\d/])")
_PERIOD_ASKED = re.compile(r" (?:giai doan|nhiem ky|thoi ky) ")
_YEARS = re.compile(r"(?<![\d/.])(19[4-9]\d|20[0-4]\d)\s*[-–]\s*(19[4-9]\d|20[0-4]\d)(?![\d/])")


def other_year(question: str, span: str, record) -> str | None:
    """"2018 / 2017" when the question asks about a year, the span read from a news article
    reports other years only, and the asked one is not among them: "năm 2018 … bao nhiêu đồng chí hoàn
    thành xuất sắc?" is not answered by "Năm 2017, có 16 đồng chí …". A legal document's years are dates
    of issue and effect, not of the facts asked, and are left alone."""
    if record is None or not is_news(record):   # an explainer's years are those of the decrees it quotes
        return None
    asked = _YEAR.findall(question)
    clause = _answering_clause(question, span)
    found = _YEAR.findall(clause)
    # A period asked of: "giai đoạn 2019-2025" covers 2022 (blind dev61 d61-065, "… áp dụng cho giai đoạn nào?",
    # was told "không nêu số liệu năm 2022"). A figure asked for one year is not a period's (dev36 d36-041).
    covered = ({str(y) for a, b in _YEARS.findall(clause) for y in range(int(a), int(b) + 1)}
               if _PERIOD_ASKED.search(phrase_form(question)) else set())
    if not asked or not found or set(asked) & (set(found) | covered):
        return None
    return f"{asked[0]} / {found[0]}"


def _answering_clause(question: str, span: str) -> str:
    """The part of a news sentence whose year dates the figure: the ";"-clause sharing most words with
    the question, after a year that frames the whole sentence ("Năm 2017, có 16 đồng chí …; …"). A year
    inside another clause names another event ("liên hoan … lần 7 - năm 2017; tuyên dương 76 gương …")."""
    clauses = [c for c in span.split(";") if c.strip()]
    if len(clauses) < 2:
        return span
    words = set(phrase_form(question).split())
    best = max(clauses, key=lambda c: len(words & set(phrase_form(c).split())))
    frame = re.match(r"\W*(?:trong )?năm \d{4}\b", clauses[0].strip(), re.I)
    return f"{frame.group(0)} {best}" if frame and best is not clauses[0] else best


def referred_elsewhere(question: str, hits: list) -> str | None:
    """The kind of figure asked ("duration", "money", …) when the best clause refers the matter to
    another text and states no figure of that kind, or one of the three best refers the very matter asked
    ("lưu trữ") to the law on it; None otherwise."""
    kinds = asked_figures(question)
    if not kinds or not hits or asks_yes_no(question):
        return None   # "có được trả tiền cho mấy ngày phép không nghỉ không?" asks whether, not how many
    # "… bàn giao … để tổ chức lưu trữ theo quy định của pháp luật về lưu trữ": how long papers are kept is
    # the archives law's, whatever other period the clause states ("Trong thời hạn 01 năm …", eval dev33
    # d33-027, dev35 d35-030: "lưu trữ bao nhiêu năm").
    asked = phrase_form(question)
    for h in hits[:PEOPLE_CLAUSES]:
        topic = _REFERS_TOPIC.search(fold_diacritics(h.text.lower()))
        # the very matter whose figure is asked: "lưu trữ (tối thiểu) bao nhiêu năm", not "hội đồng tuyển
        # dụng được bao nhiêu ngày để thông báo" next to "pháp luật về tuyển dụng" (dev24 d24-013)
        if topic and re.search(rf" {topic.group(1)} {_FIGURE_ASKED}", asked):
            return kinds[0]
    text = hits[0].text
    if not _REFERS.search(_INTERNAL.sub(" ", fold_diacritics(text.lower()))):
        return None
    return None if any(states_figure(k, text) for k in kinds) else kinds[0]


def applies(hit, record, places: list[str], asked: list[str], bodies: list[str] = (),
            office: bool | None = None) -> bool:
    """Whether a clause may answer for the places, bodies and groups of people the question names
    (`question_scope`'s places and bodies, `groups_in` of the question): not another province's own
    document, not another ministry's ("Bộ KH&CN" is not answered from Bộ KHĐT's Thông tư), not a clause
    about other groups only, not a leader's criteria asked for others (`office`: ranking.holds_office of
    the question), nor the reverse."""
    if other_office(office, {"dieu": hit.dieu, "section": hit.section}):
        return False
    if places and _another_places(record, places, (LOCAL, ARTICLE, "")):   # any but a national document
        return False
    if bodies and record is not None and not of_scope(record, [], bodies) and conflicting_scope(bodies[0], record):
        return False
    if len(asked) == 1:
        named = groups_of(hit)
        if named and asked[0] not in named:
            return False
    return True


def prefer_applicable(question: str, hits: list, document_record: Callable[[object], object] | None) -> list:
    """The hits with those that apply to the question's place and group first, in their order; the
    others follow (they are still the nearest text). "Đảng bộ VP UBND tỉnh TTH có bao nhiêu đồng chí…"
    is then read from the Huế article, not from a Hồ Chí Minh one that states a count with more of its
    words; "xếp loại đảng viên … bao nhiêu phần trăm" from the đảng viên rules, not viên chức ones."""
    ok, rest = split_applicable(question, hits, document_record)
    return ok + rest


def split_applicable(question: str, hits: list, document_record: Callable[[object], object] | None) -> tuple[list, list]:
    """(the hits that apply, the others), each in rank order; (hits, []) when all apply or none of the
    best do (then refusal decides). The answer's first span is read from the first list only."""
    if document_record is None or len(hits) < 2:
        return hits, []
    places, bodies = question_scope(question)
    expanded = as_question(question).expanded
    asked = groups_in(expanded)
    office = holds_office(expanded)   # a leader's criteria do not answer for others
    records = [document_record(h) for h in hits]
    # The question names a sector whose own document is here: another sector's document does not answer.
    named = {id(r) for r in records if r is not None and sector_keys(r) and names_sector(r, expanded)}
    ok = [applies(h, r, places, asked, bodies, office)
          and not (named and r is not None and sector_keys(r) and id(r) not in named)
          for h, r in zip(hits, records)]
    if all(ok) or not any(ok[:PLACE_CLAUSES]):
        return hits, []
    return [h for h, a in zip(hits, ok) if a], [h for h, a in zip(hits, ok) if not a]
