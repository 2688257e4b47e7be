"""Answering a question: follow-up rewrite → retrieval → refusal check → extractive → (lead).

The extractive answer is always made first and handed to `on_extractive`, so every face shows it
within a second; the lead (bot/answering/lead.py) is then put above it when it passes the guard.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Callable

from bot.answering.act_below import act_among_best, act_reordered, phrase_below
from bot.answering.applies_to import other_year, split_applicable
from bot.answering.authority import place_label
from bot.answering.coverage import key_terms
from bot.answering.credits import credits_answer
from bot.answering.direct import READ_DEPTH, find_direct
from bot.answering.emulation_titles import passage_titled, split_titled, title_note
from bot.answering.extractive import apply_thresholds, cite_label, doc_name, extractive_answer, trim_to_question
from bot.answering.figure_below import reordered, stated_elsewhere
from bot.answering.followup import standalone_question
from bot.answering.bounds import BOUNDS, states_bound
from bot.answering.not_stated import ASKED_KINDS, CHECK_DEPTH, WHAT, not_stated, span_not_stating, subject_score
from bot.answering.notes import count_notes, name_notes, status_warnings, with_warnings
from bot.answering.people import passage_naming, person_not_named
from bot.answering.people_below import people_below
from bot.answering.question import Question, as_question, clean_question
from bot.answering.refusal import support
from bot.answering.signer import signer_answer
from bot.answering.timings import Timings
from bot.answering.validity_answer import validity_answer
from bot.prompts import prompt
from bot.types import Answer, Hit

log = logging.getLogger(__name__)
N_SOURCES = 3
# A clause below that gives the bound asked, when the best gave the other one, must be about the question's subject:
# its span, read on the subject alone, matches this well. "… ít nhất 30% nhiệm vụ hoàn thành vượt mức yêu cầu" for
# "số nhiệm vụ làm vượt yêu cầu phải chiếm tối thiểu bao nhiêu?" reads .66 (blind dev65 d65-017); another subject's
# ceiling ("Tỷ lệ khen thưởng mỗi lớp không quá 10% số học viên" for giảng viên, dev42 d42-042, out of scope) .23.
BOUND_SUBJECT = 0.4


def refused_answer(question: str, hits: list[Hit], reasons: list[str] | None = None) -> Answer:
    nearest, seen = [], set()
    for h in hits[:5]:
        if h.doc_id not in seen:
            seen.add(h.doc_id)
            nearest.append({"source": h.source, "number": h.number, "title": h.title})
    text = prompt("refusal")
    names = [r.split(": ", 1)[1] for r in reasons or [] if r.startswith("name: ")]
    if names:
        text += "\nCác văn bản tìm được không nói đến: " + ", ".join(n if n.startswith("“") else f"“{n}”" for n in names) + "."
    text += "".join(f"\n{line}" for line in scope_lines(reasons or []))
    if nearest:
        text += "\nCác văn bản gần nhất với câu hỏi:\n" + "\n".join(
            f"- {n['number'] + ' — ' if n['number'] else ''}{n['title'] or n['source']}" for n in nearest[:3])
    return Answer(question=question, answer=text, refused=True, mode="refused", nearest=nearest)


def scope_lines(reasons: list[str]) -> list[str]:
    """Why the nearest clauses do not apply (bot/answering/applies_to.py): another group of people,
    another province."""
    out = []
    for r in reasons:
        kind, _, what = r.partition(": ")
        asked, _, found = what.partition(" / ")
        if kind == "people":
            out.append(f"Các điều khoản tìm được quy định cho {found}, không phải cho {asked}.")
        elif kind == "place":
            out.append(f"Các văn bản tìm được là quy định của {place_label(found)}, không áp dụng cho {place_label(asked)}.")
        elif kind == "sector":   # applies_to.other_sector: a ministry's rule for its own sector
            whom = asked if asked.startswith("ngành ") else place_label(asked)
            out.append(f"Điều khoản tìm được là quy định riêng của ngành {found}, không áp dụng cho {whom}.")
        elif kind == "act":      # refusal.act_not_found: the clauses are on the subject, not the act asked
            out.append(f"Các điều khoản tìm được không nói đến việc “{what}”.")
    return out


# figures.FIGURES kinds as not_stated.WHAT names them.
_FIGURE_KIND = {"money": "amount", "percent": "percent", "duration": "duration", "age": "age", "score": "score"}
# ... and back, for the kinds whose absence refuses (not_stated.ASKED_KINDS)
_FIGURE_OF = {kind: figure for figure, kind in _FIGURE_KIND.items() if kind in ASKED_KINDS}


def _put_first(hits: list[Hit], j: int) -> list[Hit]:
    """The hits with the j-th moved first, the others in their order."""
    return [hits[j]] + hits[:j] + hits[j + 1:]


def referred_kind(reasons: list[str]) -> str | None:
    """The asked kind when the best clause refers the figure to another law (and so states none), and
    nothing but low coverage or a missing figure argues too: that clause is then shown, with what it
    does not state. A name or a group the clauses lack gets the plain refusal, which says so."""
    referred = [r.split(": ", 1)[1] for r in reasons if r.startswith("referred: ")]
    others = [r for r in reasons if not r.startswith(("referred: ", "figure: ", "coverage"))]
    return _FIGURE_KIND.get(referred[0]) if referred and not others else None


def not_stated_answer(question: str, hits: list[Hit], kind: str, referred: bool = False, what: str = "") -> Answer:
    """A refusal that says what is missing ("không nêu thời hạn", or `what`) and shows the nearest clause;
    `referred`: that clause hands the matter to another law."""
    top = hits[0]
    why = " Điều khoản gần nhất chỉ dẫn chiếu đến quy định của văn bản khác." if referred else ""
    text = (f"Tài liệu hiện có không nêu {what or WHAT[kind]} mà câu hỏi hỏi.{why}\n"
            f"Điều khoản gần nhất với câu hỏi — {doc_name(top)}, {top.section} [1]:\n"
            f"«{trim_to_question(top.text, question)}»")
    nearest = [{"source": top.source, "number": top.number, "title": top.title}]
    return Answer(question=question, answer=text, refused=True, mode="refused", citations=[top], nearest=nearest)


def retrieve_clauses(retriever, question: str, filters: dict | None = None, all_versions: bool = False) -> list[Hit]:
    """The clauses an answer is made from; the first N_SOURCES with their Điều's context."""
    hits = retriever.search(question, k=8, filters=filters, all_versions=all_versions)
    for h in hits[:N_SOURCES]:
        retriever.with_context(h)
    return hits


def check_support(retriever, question: str, hits: list[Hit], threshold: float):
    """bot.answering.refusal.support with the index's idf and documents and the embedder's threshold."""
    return support(question, hits, idf=retriever.folded_idf, threshold=threshold,
                   document_text=retriever.document_text,
                   document_record=getattr(retriever, "document_record", None))


def scale_rescues(question: str, hits: list[Hit], sup) -> bool:
    """A score in the question that falls in a scale stated by a retrieved clause is answerable, even
    with low coverage — unless another check (a name, a figure) argued against it: the scale may belong
    to another province or body than the one the question names."""
    return all(r == "coverage" for r in sup.reasons) and bool(apply_thresholds(question, hits[:5]))


@dataclass
class AnswerSetup:
    """What answering needs from its owner: the index's retriever, the settings and the refusal
    threshold, and the lead step (bot/answering/lead.py, run by the service after the extractive
    answer: lead(extractive answer, retrieved hits, support score) -> final Answer; None: none)."""
    retriever: object
    settings: object
    threshold: float
    lead: Callable[[Answer, list[Hit], float], Answer] | None = None


def answer_question(setup: AnswerSetup, question: str, history: list[str], all_versions: bool = False,
                    filters: dict | None = None, on_extractive=None) -> Answer:
    """The extractive answer (handed to on_extractive as soon as it is made), then `setup.lead` on
    it when there is one. Refusals and validity answers get no lead."""
    timings = Timings()
    q = Question.of(question)
    question = q.text
    if not key_terms(question) and not re.search(r"\w", question):
        return Answer(question=question, refused=True, mode="refused",
                      answer="Vui lòng nhập câu hỏi bằng chữ, ví dụ: \"Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?\"")
    retriever = setup.retriever
    # The rule, not the LLM, makes a follow-up stand alone: the extractive answer must not wait for it.
    # The earlier questions are read like the question: NFC, spaces cleaned (an NFD history lost its award title).
    history = [clean_question(h) for h in history or [] if h and h.strip()]
    standalone = as_question(standalone_question(q, history))   # folded once for every check below

    def without_lead(ans: Answer) -> Answer:
        """A refusal or a validity answer: shown as it is, no lead above it."""
        ans.standalone_question = standalone
        ans.timings_ms = timings.as_dict()
        if on_extractive:
            on_extractive(ans)
        return ans

    validity = None if all_versions else validity_answer(standalone, retriever)
    if validity is not None:  # "is X still in force?": answered from the relations, cited
        timings.retrieved()
        return without_lead(validity)
    hits = retrieve_clauses(retriever, standalone, filters, all_versions)
    timings.retrieved()
    record_of = getattr(retriever, "document_record", None)
    credit = credits_answer(standalone, hits, record_of, getattr(retriever, "document_text", None))
    credit = credit or signer_answer(standalone, hits, retriever)
    if credit is not None:   # "bài này ai viết?", "ai ký?": the byline, masthead or signature line, cited
        return without_lead(credit)
    j = phrase_below(standalone, hits)
    if j is not None:   # a lower clause of the best one's document writes the act asked word for word
        hits = _put_first(hits, j)
    sup = check_support(retriever, standalone, hits, setup.threshold)
    answerable = sup.supported or scale_rescues(standalone, hits, sup)
    below = None if answerable else reordered(retriever, standalone, sup.reasons, filters, all_versions,
                                              n_context=N_SOURCES)
    if below is None and not answerable:   # the act asked is in a sibling clause ranked 4th–8th (act_below.py)
        below = act_reordered(retriever, standalone, hits, sup.reasons, filters, n_context=N_SOURCES)
    if below is None and not answerable:   # the asked group's own clause is ranked 4th–8th (people_below.py)
        below = people_below(standalone, hits, sup.reasons, lambda h: check_support(
            retriever, standalone, [retriever.with_context(h)], setup.threshold).supported)
    if below is not None:   # the figure or act asked is in a lower sibling (figure_below.py, act_below.py)
        hits, sup = below, check_support(retriever, standalone, below, setup.threshold)
        answerable = sup.supported or scale_rescues(standalone, hits, sup)
    if not answerable:
        log.info("refused: %s", ", ".join(sup.reasons))
        referred = referred_kind(sup.reasons)
        return without_lead(not_stated_answer(question, hits, referred, referred=True) if referred
                            else refused_answer(question, hits, sup.reasons))
    idf = getattr(retriever, "folded_idf", None)
    if sup.law_first:   # a lower clause says the question's everyday words as the law does (refusal.py)
        hits = _put_first(hits, sup.law_first)
    elif (j := act_among_best(standalone, hits)) is not None:   # it, not the best, holds the act asked
        hits = _put_first(hits, j)
    applicable, others = split_applicable(standalone, hits, record_of)
    named = passage_naming(standalone.reading, applicable)
    if named:   # a lower passage names the post asked about: it answers (people.py)
        applicable.insert(0, applicable.pop(named))
    read_from = applicable[:1] if named is not None else applicable   # the name, not another passage's words
    hits = applicable + others
    for h in hits[:N_SOURCES]:
        if not h.context:
            retriever.with_context(h)
    titled = None if named is not None else passage_titled(question, applicable)
    if titled:   # a lower clause names the emulation title asked, the best one another title (emulation_titles.py)
        applicable.insert(0, applicable.pop(titled))
        read_from, hits = applicable[:1], applicable + others   # as for a post named: that clause's words
    elif named is None:   # a clause on another title than the one asked does not apply, when one names it
        kept, off = split_titled(question, applicable)
        if off:
            # What is left must still support the question: Quyết định 71's procedure does not say whether
            # “Công dân Thủ đô ưu tú” use public services free, which Nghị quyết 83 grants its own title.
            sup = check_support(retriever, standalone, kept + others, setup.threshold)
            if not (sup.supported or scale_rescues(standalone, kept + others, sup)):
                log.info("refused: only clauses on another title support it")
                return without_lead(not_stated_answer(question, off, "", what=title_note(question)))
            applicable, read_from, others = kept, kept, off + others
            hits = applicable + others
    scored = apply_thresholds(standalone, hits[:5])
    # A figure stated only by clauses that do not apply (another sector's, another province's) is not stated.
    asked = None if scored else (not_stated(standalone, applicable, idf)
                                 or ("person" if person_not_named(standalone.reading, applicable) else None))
    found = stated_elsewhere(retriever, standalone, applicable, _FIGURE_OF[asked], filters,
                             n_context=N_SOURCES) if asked in _FIGURE_OF else None
    if found is not None and not_stated(standalone, found, idf) is None:   # a lower or keyword-only clause states it
        applicable, hits, read_from = found, found + others, found
        asked = None
    if asked:   # an amount/percent/duration, or a person in a news article, not stated: say so, show the nearest clause
        log.info("refused: no %s stated in the best clauses", asked)
        return without_lead(not_stated_answer(question, hits, asked))
    # Read from the clauses that apply only: another ministry's or province's span may share more words.
    direct = None if scored else find_direct(standalone, read_from, idf, retriever, latest=question)
    year = other_year(standalone, direct.text, record_of(direct.hit)) if direct and record_of else None
    if year:   # the article reports another year's figure: say so, show it as the nearest text
        asked_year, found_year = year.split(" / ")
        log.info("refused: the span is about %s, not %s", found_year, asked_year)
        return without_lead(not_stated_answer(question, [direct.hit], "", what=f"số liệu năm {asked_year}"))
    count_note = [] if scored else count_notes(standalone, applicable)
    shown = direct.hit if direct is not None else (read_from or hits)[0]
    missing = None if scored else span_not_stating(standalone, direct.text if direct else None, shown,
                                                   bool(count_note), question)
    bound = missing is not None and missing[1] in BOUNDS and missing[0] in _FIGURE_OF
    if missing is not None and (bound or direct is None and missing[0] in (*_FIGURE_OF, "date") and not missing[1]):
        # No span of the best clauses gives the figure or day: a lower or keyword-only clause of their document
        # may. A day or a duration is looked for from the 4th clause on (the reader read three: "Thời gian thi
        # đua … 10 ngày làm việc" ranked 5th, dev21 d21-031), an amount or share from the 6th (not_stated read
        # five: one in the 4th or 5th is on another subject). A span giving the other bound ("không vượt quá 20%"
        # for "tối thiểu bao nhiêu") leaves the clauses below the best one to look at: "… trong đó có ít nhất 30%
        # nhiệm vụ hoàn thành vượt mức yêu cầu" ranked 6th (blind dev65 d65-017).
        day = missing[0] == "date"
        first = 1 if bound else READ_DEPTH if missing[0] in ("date", "duration") else CHECK_DEPTH
        keep = (lambda h: states_bound(question, h.text, missing[0]) and
                subject_score(standalone, h.text, idf) >= BOUND_SUBJECT) if bound else None
        found = stated_elsewhere(retriever, standalone, applicable, "date" if day else _FIGURE_OF[missing[0]],
                                 filters, n_context=N_SOURCES, first=first, keep=keep)
        direct = find_direct(standalone, found[:1], idf, retriever, latest=question) if found else None
        if direct is not None:
            hits, shown = found + others, direct.hit
            missing = span_not_stating(standalone, direct.text, shown, bool(count_note), question)
    if missing is not None:   # the span shown first does not state what is asked (not_stated.py)
        kind, what = missing
        log.info("refused: %s not stated in the span", what or kind)
        return without_lead(not_stated_answer(question, [shown], kind, what=what))
    text, cited = extractive_answer(standalone, hits, direct)
    warnings = name_notes(sup) + count_note + status_warnings(cited, retriever)
    ext = Answer(question=question, answer=with_warnings(text, warnings), refused=False, citations=cited,
                 mode="extractive", standalone_question=standalone, warnings=warnings,
                 direct=direct.as_dict() if direct else None)
    ext.timings_ms = timings.as_dict()
    if on_extractive:
        on_extractive(ext)
    return setup.lead(ext, hits, sup.score) if setup.lead else ext


__all__ = ["AnswerSetup", "answer_question", "cite_label", "clean_question"]
