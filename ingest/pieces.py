"""A chunk's size budget, and long text cut to fit it between sentences (ingest/chunk.py splits at Khoản and
Điểm first; this is the last resort for a long paragraph, or a file with no full stops at all)."""

from __future__ import annotations

import re

MAX_WORDS = 180      # a chunk's own text; ~300 tokens with the prefix, well inside the model's window
CHARS_PER_WORD = 200  # a "word" of the size budget is at most this many characters (issue 8)


def words(text: str) -> int:
    """Size in words; a long text with few spaces counts one word per CHARS_PER_WORD characters,
    so a megabyte with no space in it is split like any long text (real clauses are unaffected)."""
    n = len(text.split())
    return n if len(text) <= MAX_WORDS * CHARS_PER_WORD else max(n, len(text) // CHARS_PER_WORD)


def _sentences(text: str) -> list[str]:
    """Split a long paragraph at sentence ends (. ; ! ? followed by a space and a capital or digit)."""
    parts = re.split(r"(?<=[.;!?])\s+(?=[A-ZÀ-Ỹ0-9\-–+])", text)
    return [p for p in parts if p.strip()]


# A "sentence" longer than this is not one (text without full stops, a whole file on one line):
# it is cut into MAX_WORDS pieces, so one chunk never holds megabytes (issue 8: a 1 MB file without
# full stops was one chunk, and HOIDAP_MAX_CHUNKS could not bound it). Real clauses stay far below.
MAX_SENTENCE_WORDS = 4 * MAX_WORDS


def _hard_split(sentence: str) -> list[str]:
    if words(sentence) <= MAX_SENTENCE_WORDS:
        return [sentence]
    limit = MAX_WORDS * CHARS_PER_WORD
    pieces, cur, n_chars = [], [], 0   # counted as we go: this may run over millions of words
    for word in sentence.split():
        for part in (word[i:i + limit] for i in range(0, len(word), limit)):
            if cur and max(len(cur) + 1, (n_chars + len(part)) // CHARS_PER_WORD) > MAX_WORDS:
                pieces.append(" ".join(cur))
                cur, n_chars = [], 0
            cur.append(part)
            n_chars += len(part) + 1
    if cur:
        pieces.append(" ".join(cur))
    return pieces


def split_long_text(text: str) -> list[str]:
    """Pieces of at most MAX_WORDS, cut only between sentences (a longer single sentence stays whole,
    unless it is longer than MAX_SENTENCE_WORDS)."""
    pieces, cur = [], []
    for sent in (part for s in _sentences(text) for part in _hard_split(s)):
        if cur and words(" ".join(cur + [sent])) > MAX_WORDS:
            pieces.append(" ".join(cur))
            cur = []
        cur.append(sent)
    if cur:
        pieces.append(" ".join(cur))
    return pieces
