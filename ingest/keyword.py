"""The keyword (BM25) index: bm25s over the chunks' stored tokens, saved beside Chroma.

bm25s keeps a sparse score matrix, so a query costs a few vector operations instead of a Python
loop over every document (rank-bm25). The saved index records the registry generation it was built
from; a stale one is rebuilt from the tokens stored in SQLite (no re-tokenising).
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
from pathlib import Path

import numpy as np

from ingest.accents import AccentModel

log = logging.getLogger(__name__)
FORMAT = 2   # 2: accents.json holds the accent model (ingest/accents.py), not a word map


class KeywordIndex:
    def __init__(self, bm25, chunk_ids: list[int], generation: int, accents: AccentModel | None = None):
        self.bm25 = bm25
        self.chunk_ids = np.asarray(chunk_ids, dtype=np.int64)
        self.generation = generation
        self.vocab = bm25.vocab_dict if bm25 is not None else {}
        self.accents = accents or AccentModel()

    @classmethod
    def build(cls, chunk_ids: list[int], tokens: list[list[str]], generation: int,
              accents: bool = True) -> "KeywordIndex":
        """accents: also build the accent model (the units' index leaves it to the chunks' one)."""
        import bm25s
        if not chunk_ids:
            return cls(None, [], generation)
        bm25 = bm25s.BM25(k1=1.2, b=0.75)
        bm25.index([t or [""] for t in tokens], show_progress=False)
        return cls(bm25, chunk_ids, generation, AccentModel.build(tokens) if accents else None)

    def idf(self, token: str) -> float:
        """log((N+1)/(df+0.5)) of a token; a token the corpus never uses gets the highest weight."""
        n = len(self.chunk_ids)
        i = self.vocab.get(token)
        df = 0
        if i is not None and self.bm25 is not None:
            indptr = self.bm25.scores["indptr"]
            df = int(indptr[i + 1] - indptr[i])
        return math.log((n + 1) / (df + 0.5))

    def restore_diacritics(self, text: str) -> str:
        """An unaccented question with its accents put back, read in context (ingest/accents.py)."""
        return self.accents.restore(text)

    @classmethod
    def load_or_build(cls, folder: Path, generation: int, all_tokens, accents: bool = True) -> "KeywordIndex":
        """Load the saved index if it matches `generation`, else rebuild from all_tokens() and save it."""
        meta = folder / "hoidap.json"
        try:
            info = json.loads(meta.read_text())
            # an index saved by an earlier version (FORMAT) is rebuilt once: its accents were a word map
            if info.get("generation") == generation and info.get("format") == FORMAT:
                import bm25s
                bm25 = bm25s.BM25.load(str(folder), show_progress=False) if info.get("n") else None
                ids = np.load(folder / "chunk_ids.npy") if info.get("n") else []
                amap = json.loads((folder / "accents.json").read_text(encoding="utf-8")) if info.get("n") else {}
                return cls(bm25, list(ids), generation, AccentModel.from_json(amap))
        except (OSError, ValueError, KeyError):
            pass
        chunk_ids, tokens = all_tokens()
        idx = cls.build(chunk_ids, tokens, generation, accents)
        try:
            idx.save(folder)
        except OSError as exc:  # read-only data dir: still usable in memory
            log.warning("could not save keyword index to %s: %s", folder, exc)
        return idx

    def save(self, folder: Path) -> None:
        """Write to a temporary folder, then swap it in, so a crash never leaves a half-written index."""
        tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.bm25 is not None:
            self.bm25.save(str(tmp), show_progress=False)
            np.save(tmp / "chunk_ids.npy", self.chunk_ids)
            (tmp / "accents.json").write_text(json.dumps(self.accents.to_json(), ensure_ascii=False), encoding="utf-8")
        (tmp / "hoidap.json").write_text(json.dumps({"generation": self.generation, "n": len(self.chunk_ids),
                                                 "format": FORMAT}))
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)

    def search(self, tokens: list[str], k: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        """Top-k (chunk_id, score) for the query tokens; tokens unknown to the corpus are ignored."""
        if self.bm25 is None:
            return []
        known = [t for t in tokens if t in self.vocab]
        if not known:
            return []
        scores = self.bm25.get_scores(known)
        if allowed is not None:
            mask = np.isin(self.chunk_ids, np.fromiter(allowed, dtype=np.int64))
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(self.chunk_ids[i]), float(scores[i])) for i in top if scores[i] > 0]
