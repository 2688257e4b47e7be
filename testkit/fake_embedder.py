"""A deterministic embedder that needs no model weights, for the tests and the benchmarks alike
(benchmarks never import tests/: tests/test_architecture.py)."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata

_SYLLABLE = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ included, which NFD does not decompose)."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))


class FakeEmbedder:
    """Deterministic 64-dim embedder: hashed bag of folded syllables + character trigrams, L2-normalised.

    Shares the `ingest.embed.Embedder` interface. Texts sharing words score higher than unrelated
    ones, and questions typed without diacritics match accented passages, which is all unit tests
    of retrieval need. No prompts: queries and documents are embedded the same way.
    """

    model_id = "fake-64"
    dim = 64
    # Its cosines run lower than EmbeddingGemma's (a relevant passage ~0.3–0.6), so the refusal rule
    # (pair coverage + 1.5 × cosine) needs its own calibration, as any other model would.
    refusal_threshold = 0.6

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for syl in _SYLLABLE.findall(fold(text)):
            padded = f"#{syl}#"
            features = [("s", syl, 1.0)] + [("t", padded[i:i + 3], 0.3) for i in range(len(padded) - 2)]
            for kind, feat, weight in features:
                h = hashlib.blake2b(f"{kind}:{feat}".encode(), digest_size=8).digest()
                # A hash-chosen sign keeps collisions from adding up into false similarity.
                vec[h[0] % self.dim] += weight if h[1] & 1 else -weight
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
