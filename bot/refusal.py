"""Where refusal is decided: do the retrieved clauses actually cover the question?

MODELS.md: on this corpus, out-of-scope questions get top cosines in the same range as answerable
ones, so a cosine threshold alone refuses badly. The main signal is *coverage*: the share of the
question's key terms (accent-folded syllables, minus question words and very common words) found in
the best clauses (with their document title and section path). The dense cosine is a second signal.
Thresholds are calibrated on eval/dev.jsonl (see `hoidap eval`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.normalize import expand_abbreviations, fold_diacritics, search_form

# Question words and glue that say nothing about the topic (folded forms).
STOP = set("""
la gi nao the nhu sao bao nhieu khi nao o dau ai co khong duoc phai can de cho cua va voi tu den trong
theo ve thi ma nay do nhung cac mot hay hoac neu thi se da dang bi boi tai vi nen rang tren duoi sau truoc
toi minh em anh chi ban oi a a u nhe vay con gi ra sao muon hoi xin cho biet lam the nao quy dinh
gom nhung dieu kien tieu chuan hien hanh moi nhat hien nay nam duoc xet hoac cung nhu khac
toi da phan tram muc bao lau
""".split())
# Kept out of STOP on purpose: "dieu kien"/"tieu chuan"/"quy dinh" are listed above because nearly every
# clause in the corpus uses them, so they cannot tell a covered question from an uncovered one.

COVERAGE_MIN = 0.6        # share of key terms that must occur in the best clauses
COVERAGE_STRONG = 0.8     # above this, a weak cosine does not matter
COSINE_MIN = 0.45         # below this (and coverage not strong) the clauses are about something else
TOP_N = 3                 # clauses considered


@dataclass
class Support:
    coverage: float
    cosine: float
    missing: list[str]
    supported: bool


_SYL = re.compile(r"\w+", re.UNICODE)


def key_terms(question: str) -> list[str]:
    """Folded content syllables of the question, in order, without duplicates."""
    text = fold_diacritics(search_form(expand_abbreviations(question)))
    out = []
    for s in _SYL.findall(text):
        # A short number is the user's own figure ("88 điểm"), not a term the clause must contain.
        if s in STOP or len(s) < 2 or (s.isdigit() and len(s) < 4) or s in out:
            continue
        out.append(s)
    return out


def support(question: str, hits: list, texts: list[str] | None = None) -> Support:
    """How well the top hits cover the question. `texts` default to title + section + clause + context."""
    terms = key_terms(question)
    if not hits:
        return Support(0.0, 0.0, terms, False)
    if texts is None:
        texts = [f"{h.title} {h.number} {h.section} {h.dieu} {h.text} {h.context}" for h in hits[:TOP_N]]
    bag = set(_SYL.findall(fold_diacritics(search_form(" ".join(texts)))))
    missing = [t for t in terms if t not in bag]
    coverage = 1.0 - len(missing) / len(terms) if terms else 0.0
    cosine = max((h.dense_score for h in hits[:TOP_N]), default=0.0)
    ok = bool(terms) and coverage >= COVERAGE_MIN and (coverage >= COVERAGE_STRONG or cosine >= COSINE_MIN)
    return Support(coverage, cosine, missing, ok)
