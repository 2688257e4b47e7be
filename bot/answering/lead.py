"""The lead: up to three generated sentences placed above the verbatim clause, never replacing it.

Issue 17. The extractive answer (quote + citation) is made first and shown at once; then, when an LLM
is configured, the model writes a short lead from a lean prompt — the spans the reader picked (or the
first sentences of the top clauses), not whole chunks — and the guard checks it. A lead that passes
is put above the unchanged extractive text; one that fails is dropped. A busy, slow or failing LLM
leaves the extractive answer standing with `llm_note` set, for the face to say in one quiet line.

Prompt caching: the system prompt is sent first and byte-identical every time, so the server's one
slot (cache_prompt) reuses its prefill; a follow-up sends the conversation's previous turn as earlier
messages, so the whole previous prompt is a cached prefix and only the new question is computed.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from dataclasses import replace
from typing import Callable

from bot.answering.guard import check_answer, cited_indices, copies_unaccented, for_model, repeats_instructions
from bot.answering.llm import LLMBusy, LLMSlow, LLMUnavailable
from bot.answering.yes_no import asks_yes_no
from bot.answering.reader import read
from bot.answering.refusal import LLM_NO_INFO_THRESHOLD
from bot.prompts import prompt
from bot.types import Answer, Hit
from ingest.normalize import has_diacritics

log = logging.getLogger(__name__)
N_SOURCES = 2          # the quoted clause and one more: each source is ~100 prompt tokens, ~3 s of prefill on 2 cores
MAX_SENTENCES = 3
SOURCE_WORDS = 40          # words of one source the model reads: ~200 new prompt tokens a question (Qwen tokenizer)
LABEL_WORDS = 8            # a document without số hiệu is named by the start of its title
NO_INFO = "KHÔNG_CÓ_THÔNG_TIN"
# One quiet line per reason the lead is missing (the face shows it under the extractive answer).
NOTES = {
    "busy": "(Bộ sinh câu trả lời đang bận; trên đây là trích dẫn nguyên văn.)",
    "slow": "(Bộ sinh câu trả lời phản hồi quá chậm; trên đây là trích dẫn nguyên văn.)",
    "failed": "(Mô hình sinh câu trả lời không phản hồi; hiển thị trích dẫn nguyên văn.)",
    "unavailable": "(Không kết nối được mô hình sinh câu trả lời; hiển thị trích dẫn nguyên văn.)",
}
_SENT_END = re.compile(r"(?<=[.!?])\s+|\n+")
_SENTENCE = re.compile(r"[^.!?;\n]+(?:[.!?;]+|$)")


def restored_question(question: str, retriever) -> str:
    """The question with its diacritics given back from the corpus vocabulary when typed without them
    (the retriever does the same for dense search), so the model writes proper Vietnamese."""
    if has_diacritics(question) or retriever is None:
        return question
    try:
        restored = retriever.index.keyword().restore_diacritics(question)
        # restored words are lower case: the local model wrote "Giang bộ" for a sentence opening "đảng bộ"
        return restored[:1].upper() + restored[1:]
    except Exception as exc:   # no keyword index: the question as typed
        log.debug("could not restore diacritics: %s", exc)
        return question


def warm_prefix(llm) -> bool:
    """Put the system prompt in the local server's cache at start-up: the first question then
    computes only its own ~200 tokens (~6 s on 2 cores) instead of ~330 (~10.5 s measured). A hosted
    model is not sent this extra request."""
    if getattr(llm, "model", "") != "local" or not hasattr(llm, "warm"):
        return False
    return llm.warm([("system", prompt("system")), ("user", "")])


def _cap(text: str, words: int = SOURCE_WORDS) -> str:
    ws = text.split()
    return text.strip() if len(ws) <= words else " ".join(ws[:words]) + " …"


def first_sentences(text: str, n: int = 2) -> str:
    return " ".join(s.strip() for s in _SENTENCE.findall(text)[:n] if s.strip())


def lean_sources(question: str, hits: list[Hit]) -> list[str]:
    """What the model reads of each source: the span the reader picks in it, else its first two
    sentences; capped, with sentences addressed to the model left out (guard.for_model)."""
    out = []
    for h in hits:
        span = read(question, [h.text], depth=1)
        text, dropped = for_model(span.text if span else first_sentences(h.text))
        if dropped:
            log.warning("%s (%s) contains text addressed to the assistant; left out of the prompt",
                        h.source, h.section)
        out.append(_cap(text))
    return out


def model_label(h: Hit) -> str:
    """The short name the model reads for a source: the reader sees the full citation under the lead,
    and every label token is prefill time (issue 17: a headline-long article label cost ~50 tokens)."""
    sec = " ".join(p for p in h.section_path if p.startswith(("Điều", "Khoản", "Điểm")))
    if h.is_article:
        short = h.publisher if h.publisher and len(h.publisher.split()) <= 6 else ""
        return " ".join(filter(None, ["bài viết", short])) + ", không phải văn bản gốc"
    head = h.number or " ".join((h.title or h.source).split()[:LABEL_WORDS])
    return f"{head} {sec}".strip()


def format_sources(hits: list[Hit], texts: list[str]) -> str:
    """One line per source; a status only when it is not plainly in force (tokens are the latency)."""
    def status(h: Hit) -> str:
        if h.is_article or not h.status or h.status.startswith("đang có hiệu lực"):
            return ""
        return f" ({h.status})"
    return "\n".join(f"[{i}] {model_label(h)}{status(h)}: {t}" for i, (h, t) in enumerate(zip(hits, texts), 1))


_DANGLING = re.compile(r":\s*(\[\d+\]\s*)*$")


def trim_sentences(text: str, n: int = MAX_SENTENCES) -> str:
    """The first n sentences, without a last one that only announces a list it never gives
    ("Tiêu chuẩn … là: [2]", seen on the dev set): above the quote it says nothing."""
    parts = [p for p in _SENT_END.split(text.strip()) if p.strip()][:n]
    while parts and _DANGLING.search(parts[-1]):
        parts.pop()
    return " ".join(parts).strip()


# A bare verdict opening a lead ("Đúng.", "Không.", "Có."): the local model writes one even for "bao
# nhiêu" questions, where it reads as a confirmation of something the sources may not say.
_VERDICT = re.compile(r"^\s*(?:đúng|sai|có|không|đúng vậy|không đúng|chính xác)\s*[.!,]\s*", re.I)


def without_verdict(lead: str, question: str) -> str:
    """The lead without a bare yes/no verdict at its start, unless the question asks yes or no."""
    if asks_yes_no(question) or not _VERDICT.match(lead):
        return lead
    rest = _VERDICT.sub("", lead, count=1).strip()
    return rest[:1].upper() + rest[1:]


class Conversations:
    """The last turn's messages of recent conversations, keyed by their questions so far, so a
    follow-up's prompt starts with exactly what the server computed for the previous turn."""

    def __init__(self, size: int = 256):
        self._turns: OrderedDict[tuple, tuple[list, list[int]]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    @staticmethod
    def key(questions: list[str]) -> tuple:
        return tuple(" ".join(q.split()).lower() for q in questions[-3:])

    def get(self, history: list[str]):
        with self._lock:
            return self._turns.get(self.key(history)) if history else None

    def put(self, questions: list[str], messages: list, chunk_ids: list[int]) -> None:
        with self._lock:
            self._turns[self.key(questions)] = (messages, chunk_ids)
            self._turns.move_to_end(self.key(questions))
            while len(self._turns) > self._size:
                self._turns.popitem(last=False)


CONVERSATIONS = Conversations()


def sources_for(ext: Answer, hits: list[Hit]) -> list[Hit]:
    """The lead's sources, numbered like the extractive answer's citations ([1] is the quoted clause)."""
    out = list(ext.citations)
    for h in hits[:N_SOURCES]:
        if len(out) >= N_SOURCES:
            break
        if all(h.chunk_id != c.chunk_id for c in out):
            out.append(h)
    return out


def build_messages(question: str, sources: list[Hit], given: list[str], history: list[str],
                   conversations: Conversations = CONVERSATIONS, standalone: str = "") -> list[tuple[str, str]]:
    """[system, (earlier turn: user, assistant), user]: the system prompt first, byte-identical.
    A follow-up whose earlier turn is not at hand is asked as its stand-alone form."""
    system = ("system", prompt("system"))
    ids = [h.chunk_id for h in sources]
    earlier = conversations.get(history)
    if earlier is not None:
        previous, prev_ids = earlier
        if prev_ids == ids:   # the same sources: they are already in the cached prefix
            return [*previous, ("user", prompt("followup").format(question=question))]
        return [*previous, ("user", prompt("answer").format(sources=format_sources(sources, given),
                                                             question=question))]
    return [system, ("user", prompt("answer").format(sources=format_sources(sources, given),
                                                     question=standalone or question))]


def add_lead(ext: Answer, hits: list[Hit], llm, *, question: str, history: list[str], retriever,
             settings, support: float = 1.0, on_token: Callable[[str], None] | None = None,
             conversations: Conversations = CONVERSATIONS) -> Answer:
    """The extractive answer `ext` with a guarded lead above it, or `ext` itself with `llm_note`
    (busy | slow | failed) when the LLM could not help. Never raises for the LLM's sake."""
    sources = sources_for(ext, hits)
    if not sources:
        return ext
    asked = restored_question(question, retriever)
    given = lean_sources(asked, sources)
    standalone = str(ext.standalone_question or "")
    standalone = restored_question(standalone, retriever) if standalone and standalone != question else ""
    messages = build_messages(asked, sources, given, history, conversations, standalone)
    started = ext.timings_ms.get("total", 0.0)
    t0 = time.perf_counter()

    def timings(gen_ms: float) -> dict:
        return {"retrieve": ext.timings_ms.get("retrieve", 0.0), "generate": round(gen_ms, 1),
                "total": round(started + gen_ms, 1)}

    def noted(note: str) -> Answer:
        # The extractive answer the face already holds is the answer: it is marked, not copied.
        ext.llm_note, ext.timings_ms = note, timings((time.perf_counter() - t0) * 1000)
        if note in ("failed", "slow"):
            ext.warnings.append(NOTES[note].strip("()"))
        return ext

    stats = None
    try:
        if hasattr(llm, "stream_with_stats"):
            generated, stats = llm.stream_with_stats(messages, on_token)
        else:   # a stand-in with only stream()
            generated = llm.stream(messages, on_token)
    except LLMBusy:
        log.warning("LLM queue full; the extractive answer stands")
        return noted("busy")
    except LLMSlow as exc:
        log.warning("LLM too slow, the extractive answer stands: %s", exc)
        return noted("slow")
    except LLMUnavailable as exc:
        log.warning("LLM failed, the extractive answer stands: %s", exc)
        return noted("failed")
    gen_ms = (time.perf_counter() - t0) * 1000
    generated = generated.strip()
    # What the server now holds in its cache, whatever the guard says of it: the next turn's prefix.
    conversations.put([*history, question], [*messages, ("assistant", generated)],
                      [h.chunk_id for h in sources])
    ext.timings_ms, ext.llm = timings(gen_ms), stats or {}
    base = ext
    if NO_INFO in generated:
        # The model's own "not in the sources": measured with the local 1.5B model it was right once
        # and wrong 7 times, so the clause stands; HOIDAP_LLM_REFUSES=1 trusts a stronger model.
        if settings is not None and settings.llm_refuses and support < LLM_NO_INFO_THRESHOLD:
            from bot.answering.answer import refused_answer
            ans = refused_answer(ext.question, hits)
            ans.standalone_question, ans.timings_ms, ans.llm = ext.standalone_question, base.timings_ms, base.llm
            return ans
        log.info("the LLM found no answer in the sources; the extractive answer stands")
        return base
    lead = without_verdict(trim_sentences(generated), question)
    if not lead:
        log.info("lead rejected: it only announces a list; the extractive answer stands")
        return base
    ok, reason = check_answer(lead, given, asked)
    if ok and repeats_instructions(lead, prompt("system")):
        ok, reason = False, "it repeats the system prompt"
    if ok and copies_unaccented(lead, question, asked, given):
        ok, reason = False, "it copies words of the question typed without diacritics"
    if not ok:
        log.info("lead rejected by the guard (%s); the extractive answer stands", reason)
        return base
    n_cited = max([len(ext.citations), *[n for n in cited_indices(lead) if n <= len(sources)]])
    return replace(base, answer=f"{lead}\n\n{ext.answer}", lead=lead, mode="generated",
                   citations=sources[:n_cited])


__all__ = ["NOTES", "add_lead", "lean_sources", "restored_question", "CONVERSATIONS"]
