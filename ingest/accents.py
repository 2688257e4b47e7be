"""Accents put back on a question typed without them, read in context.

EmbeddingGemma handles unaccented Vietnamese poorly, so dense retrieval (and the LLM's lead) reads an
unaccented question with its accents restored. The first restorer took each word's most frequent
accented form in the corpus, longest word first: "bao nhieu" after "du" came back as "dự báo nhiều",
"thi" always as "thi" (thi đua), never "thì", "tien" as "tiến" (tiên tiến), and 10% of the syllables
of the development sets' questions were wrong.

This one reads the syllables as a chain: each folded syllable may be any accented syllable of the
corpus that folds to it, and the likeliest sequence is chosen (Viterbi) from how often the corpus
writes each syllable and each pair of neighbouring syllables. Question words that regulations rarely
write ("mấy", "thì", "ạ") get a prior. On the accented questions of eval/dev … dev37, stripped of
their accents, 3.7% of the syllables come back wrong instead of 10.1% (`python -m benchmarks.accents`).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ingest.normalize import fold_diacritics, has_diacritics

# Question words a corpus rarely writes alone: news and decrees write "cơ" (cơ quan) and "báo" (Báo Hải
# Phòng) more often than "có" and "bao", so "co bao nhieu" came back as "cơ báo nhiều", and the local
# model wrote "cơ báo" in its lead. So do "mấy" (máy tính), "thì" (thi đua), "rồi" (rời),
# "muốn" (mượn), "mình" (Hồ Chí Minh), "ạ" (điểm a). Each is still read in context: "thi tuyển", "dự thi".
QUESTION_WORDS = {"co": "có", "khong": "không", "duoc": "được", "la": "là", "gi": "gì", "nao": "nào",
                  "cua": "của", "va": "và", "phai": "phải", "bao_nhieu": "bao nhiêu", "bao_lau": "bao lâu",
                  "khi_nao": "khi nào", "o_dau": "ở đâu", "the_nao": "thế nào", "nhu_the_nao": "như thế nào",
                  "phan_tram": "phần trăm", "thi": "thì", "may": "mấy", "muon": "muốn", "a": "ạ", "roi": "rồi",
                  "minh": "mình", "moi": "mỗi", "vi": "vì", "nhung": "những", "de": "để", "can": "cần", "oi": "ơi",
                  "tien": "tiền"}
# Not "tôi" nor "đang": the corpus rarely writes them, so the pairs after them are few and noisy, and "tối đa",
# "đảng viên" came back "tôi đã", "đang viên" (both halves of the dev questions: 96.2% → 96.3% right).
PRIOR = 4.0         # log-odds a question word gets (chosen on half of the dev questions, checked on the other)
CONTEXT = 0.9       # weight of the pair's frequency against the syllable's own (interpolated bigram)
_EDGES = re.compile(r"^(\W*)(.*?)(\W*)$", re.S)


def syllable_stream(tokens: list[str]) -> list[str]:
    """A chunk's accented syllables in order, from its stored keyword tokens (ingest/store.py writes each
    syllable, then its folded "~" form, then any compound word joined by "_")."""
    return [t for t in tokens if not t.startswith("~") and "_" not in t]


class AccentModel:
    """How often the corpus writes each accented syllable and each pair of neighbours."""

    def __init__(self, unigrams: dict[str, int] | None = None, bigrams: dict[str, int] | None = None):
        self.unigrams = dict(unigrams or {})
        self.bigrams = dict(bigrams or {})       # "a b" → count
        self.total = sum(self.unigrams.values()) or 1
        self.forms: dict[str, list[str]] = {}
        for syllable in self.unigrams:
            self.forms.setdefault(fold_diacritics(syllable), []).append(syllable)

    @classmethod
    def build(cls, tokens: list[list[str]]) -> "AccentModel":
        unigrams: Counter = Counter()
        bigrams: Counter = Counter()
        for doc in tokens:
            stream = syllable_stream(doc)
            unigrams.update(stream)
            bigrams.update(f"{a} {b}" for a, b in zip(stream, stream[1:]))
        return cls(unigrams, bigrams)

    @classmethod
    def from_json(cls, data: dict) -> "AccentModel":
        return cls(data.get("unigrams") or {}, data.get("bigrams") or {})

    def to_json(self) -> dict:
        return {"unigrams": self.unigrams, "bigrams": self.bigrams}

    def __bool__(self) -> bool:
        return bool(self.unigrams)

    def _log_p(self, syllable: str, previous: str | None) -> float:
        own = (self.unigrams.get(syllable, 0) + 0.5) / self.total
        if previous is None:
            return math.log(own)
        seen = self.unigrams.get(previous, 0)
        pair = self.bigrams.get(f"{previous} {syllable}", 0) / seen if seen else 0.0
        return math.log(CONTEXT * pair + (1 - CONTEXT) * own)

    def restore(self, text: str) -> str:
        """`text` with accents put back on its unaccented words, in the corpus's lower case, as the word-by-word
        restorer gave them (capitalised, "Đảng bộ … TTH" ranked the seed article's passages differently
        for EmbeddingGemma: tests/test_e2e.py); words already accented, unknown words and punctuation stay
        as typed."""
        parts = [_EDGES.match(w).groups() for w in text.split()]      # (punctuation, word, punctuation)
        fixed = _question_words(parts)
        out = ["".join(p) for p in parts]
        i = 0
        while i < len(parts):
            run = self._run(parts, fixed, i)
            if not run:
                i += 1
                continue
            for (j, _), syllable in zip(run, self._best(run)):
                before, word, after = parts[j]
                if not has_diacritics(word):
                    out[j] = f"{before}{syllable}{after}"
            i = run[-1][0] + 1
        return " ".join(out)

    def _run(self, parts: list[tuple], fixed: dict[int, str], start: int) -> list[tuple[int, list[str]]]:
        """Consecutive known words from `start`, each with its candidate syllables, up to punctuation."""
        run = []
        for j in range(start, len(parts)):
            before, word, after = parts[j]
            if not word or (run and before):
                break
            low = word.lower()
            candidates = [low] if has_diacritics(low) else ([fixed[j]] if j in fixed else self.forms.get(low, []))
            if low in QUESTION_WORDS and j not in fixed and not has_diacritics(low):
                candidates = list(dict.fromkeys(candidates + [QUESTION_WORDS[low]]))
            if not candidates:
                break
            run.append((j, candidates))
            if after:
                break
        return run

    def _best(self, run: list[tuple[int, list[str]]]) -> list[str]:
        """The likeliest syllables for a run (Viterbi over the interpolated pair frequencies)."""
        def prior(c: str) -> float:
            return PRIOR if QUESTION_WORDS.get(fold_diacritics(c)) == c else 0.0
        paths = {c: (self._log_p(c, None) + prior(c), [c]) for c in run[0][1]}
        for _, candidates in run[1:]:
            paths = {c: max(((score + self._log_p(c, p) + prior(c), path + [c]) for p, (score, path) in paths.items()),
                            key=lambda x: x[0]) for c in candidates}
        return max(paths.values(), key=lambda x: x[0])[1]


def _question_words(parts: list[tuple]) -> dict[int, str]:
    """Positions of the question words of more than one syllable ("bao nhieu", "nhu the nao"), with their
    accented syllables: a corpus pair ("dự báo") must not take one of them."""
    words = [w.lower() for _, w, _ in parts]
    fixed: dict[int, str] = {}
    for i in range(len(words)):
        for n in (3, 2):
            key = "_".join(words[i:i + n])
            if i + n <= len(words) and key in QUESTION_WORDS \
                    and not any(parts[k][2] or parts[k + 1][0] for k in range(i, i + n - 1)):
                fixed.update(zip(range(i, i + n), QUESTION_WORDS[key].split()))
                break
    return fixed
