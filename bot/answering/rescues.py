"""Questions refused for phrase coverage alone that are answered all the same (bot/answering/refusal.py).

- A paraphrase a little below the threshold whose best clause gives the count asked or repeats the
  question's own figure.
- A question that tells the asker's story first: its own ask, read alone, is covered.
- A question asking what a term means, when one of the best clauses defines it.
"""

from __future__ import annotations

import re
from typing import Callable

from bot.answering.counts import counted, states_count
from bot.answering.coverage import key_terms
from bot.answering.figures import asks_for_figure
from bot.answering.question import as_question, without_story
from bot.answering.question_kind import defined_term, definition, question_kind
from ingest.normalize import fold_diacritics

# Refused for coverage alone, a little below the threshold, the question paraphrases a clause that answers it:
# - a count asked, which the best clause gives ("cấm nộp phiếu ở mấy kỳ" → "không tiếp nhận Phiếu đăng ký
#   dự tuyển trong 01 kỳ tuyển dụng tiếp theo", eval/dev12.jsonl d12-041);
# - a figure asked, with the question's own figure repeated by the best clause ("bài thi 60 phút, đến muộn
#   tối đa bao nhiêu phút" → "không quá 10 phút đối với bài thi có thời gian thi tối đa từ 60 phút trở lên",
#   eval/dev20.jsonl d20-029).
# Not far below: far-off questions count and quote figures too. On the 19 development sets no out-of-scope
# question refused for coverage alone within the margin has either.
RESCUE_MARGIN = 0.1
_OWN_FIGURE = re.compile(r"\b0*(\d+)\s*(phut|gio|ngay|thang|nam|%|diem|tuoi)\b")


def _own_figures(text: str) -> set[tuple[str, str]]:
    return set(_OWN_FIGURE.findall(fold_diacritics(text.lower())))


def paraphrase_rescues(question: str, hits: list, sup, threshold: float) -> bool:
    """Refused for coverage alone, and one of the three best clauses defines the term asked (at any score); or,
    within RESCUE_MARGIN of the threshold, the best clause gives the count asked (bot/answering/counts.py) or
    repeats the question's own figure while it asks for one."""
    if not hits or sup.reasons != ["coverage"]:
        return False
    if defined_in(question, hits[:3]):
        return True
    if sup.score < threshold - RESCUE_MARGIN:
        return False
    reading, best = as_question(question).reading, hits[0].text
    nouns = counted(reading) if question_kind(reading) == "other" else ()
    if nouns and states_count(nouns, best):
        return True
    return asks_for_figure(reading) and bool(_own_figures(reading) & _own_figures(best))


# "Trong quy chế thi công chức, chữ 'bài làm' được hiểu là gì?" asks what a term means, and a clause that defines it
# answers ("*2. Bài làm* là nội dung thí sinh trình bày …"), however few of the question's other words it shares:
# blind dev98 d98-036 was refused for coverage (.98) beside the Quy chế's Điều 3, "Giải thích từ ngữ".
def defined_in(question: str, hits: list) -> bool:
    """The question asks what a term of two syllables or more means, and one of the clauses defines it ("chữ ký
    là gì" is too short to tell a definition from a sentence that uses the word)."""
    term = defined_term(as_question(question).text)
    return len(term.split()) >= 2 and any(definition(question, f"{h.text}\n{h.context}") for h in hits)


# A story told first ("Tôi có bằng thạc sĩ do một trường đại học ở Úc cấp, đang được đơn vị đề xuất bổ nhiệm phó
# trưởng phòng. Bằng này nộp vào hồ sơ bổ nhiệm thì có phải làm thủ tục công nhận văn bằng không?") fills the
# question with words no clause has: the degree, the country, the post. Read on the whole, the clause that
# answers it (NĐ 170 Điều 35 Khoản 9, "… văn bằng do cơ sở giáo dục nước ngoài … cấp thì thực hiện việc công
# nhận") covers .98 of the threshold; its ask alone 1.20 (blind dev78 d78-003 was refused; so were dev74 d74-019,
# d74-052 and dev51 d51-035). Read alone, the ask must still have most of its own words in the clause
# (STORY_ASK_WORDS, IDF-weighted): near-topic asks that were answered otherwise lack the one that matters ("… có
# quyền đề nghị Hội đồng bố trí cho em thi ở điểm thi tại huyện không?", .34; "thí sinh vắng thi vì ốm …", .48;
# dev76 d76-043, dev54 d54-018, out of scope). Nor may it ask for a figure: a clause on the story's subject states
# some figure ("Học xong tôi phải cam kết phục vụ tại cơ quan tối thiểu bao nhiêu năm?", dev74 d74-031). An ask of
# a few words ("Vậy tôi có được không?") says too little to be covered alone: it needs STORY_ASK_TERMS key terms.
STORY_ASK_TERMS = 5
STORY_ASK_WORDS = 0.6


def story_rescues(question, covers: Callable[[object], tuple[float, float]], threshold: float) -> bool:
    """The question's own ask, after the story its first sentences tell (question.without_story), has
    STORY_ASK_TERMS key terms and asks no figure, and covers(ask) - the support score of the same clauses
    for it, and the share of its key words they hold - reaches the threshold and STORY_ASK_WORDS."""
    text = as_question(question).text
    ask = without_story(text)
    if ask == text:
        return False
    # "Trưởng phòng muốn nhắc nhở anh em cho đúng luật: khi tiếp dân thì công chức phải có thái độ … thế nào?": the
    # ask sentence may open with the asker's purpose, and the ask is after its colon (blind dev84 d84-024).
    asks = [ask, ask.rsplit(": ", 1)[1]] if ": " in ask else [ask]
    for one in asks:
        ask_q = as_question(one)
        if len(key_terms(ask_q)) < STORY_ASK_TERMS or asks_for_figure(ask_q):
            continue
        score, words = covers(ask_q)
        if score >= threshold and words >= STORY_ASK_WORDS:
            return True
    return False
