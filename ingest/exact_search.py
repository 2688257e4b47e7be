"""Exact nearest vectors for the dense side, up to EXACT_MAX_VECTORS stored vectors.

Chroma's HNSW graph is an approximate search, and on this corpus it misses true nearest neighbours: the
clause of Luật 80/2025 that answers "… có bắt buộc phải đeo thẻ không?" has cosine 0.500 with the question,
the best that HNSW returned among 70 (and among 250) had 0.471. A chatty question's vector lies among
many near-equal clauses, and the graph's greedy walk stops in the wrong cluster. Across the 29 development
sets, exact search answered 3 more questions with the asked words and the right first citation, and 2
fewer were refused (docs/benchmarks.md, session 16).

An office index holds a few thousand clauses: all the vectors fit in a small matrix (1,843 × 768 float32 is
5.7 MB) and one matrix-vector product takes well under a millisecond. Above EXACT_MAX_VECTORS (60 MB of
float32) the matrix is not held and HNSW answers, as before. The matrix is read once from Chroma and again
only when the collection's size or the registry's generation changes (an upload in a running bot).
"""

from __future__ import annotations

import threading

import numpy as np

EXACT_MAX_VECTORS = 20_000
BATCH = 2_000


class ExactVectors:
    """All stored vectors, L2-normalised; refreshed when `key` changes."""

    def __init__(self):
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._ids: list[str] = []
        self._matrix = np.zeros((0, 0), dtype=np.float32)

    def nearest(self, collection, key: tuple, query_vec: list[float], n: int) -> list[tuple[str, float]]:
        """(vector id, cosine distance) of the n stored vectors nearest to query_vec, nearest first; ties in
        id order, so every process returns the same list."""
        ids, matrix = self._load(collection, key)
        if not ids:
            return []
        q = np.asarray(query_vec, dtype=np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        sims = matrix @ q
        k = min(n, len(ids))
        top = np.argpartition(-sims, k - 1)[:k] if k < len(ids) else np.arange(len(ids))
        return [(ids[i], float(1.0 - sims[i])) for i in sorted(top, key=lambda i: (-sims[i], ids[i]))]

    def _load(self, collection, key: tuple) -> tuple[list[str], np.ndarray]:
        with self._lock:
            if key != self._key:
                self._ids, self._matrix = _read_all(collection)
                self._key = key
            return self._ids, self._matrix


def _read_all(collection) -> tuple[list[str], np.ndarray]:
    """Every stored vector as a row of one float32 matrix, L2-normalised, in the collection's own order,
    read BATCH at a time into the matrix (one read of 10,000 held them twice over in Python lists)."""
    total = collection.count()
    ids: list[str] = []
    matrix: np.ndarray | None = None
    while len(ids) < total:
        got = collection.get(include=["embeddings"], limit=BATCH, offset=len(ids))
        if not got["ids"]:
            break
        rows = np.asarray(got["embeddings"], dtype=np.float32)
        if matrix is None:
            matrix = np.empty((total, rows.shape[1]), dtype=np.float32)
        matrix[len(ids):len(ids) + len(rows)] = rows
        ids += got["ids"]
    if matrix is None:
        return [], np.zeros((0, 0), dtype=np.float32)
    matrix = matrix[:len(ids)]
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return ids, matrix


__all__ = ["EXACT_MAX_VECTORS", "ExactVectors"]
