"""Shared by the external quality benchmarks: building an index from a folder, ranking metrics."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import latency_stats, say

MODES = ("keyword", "dense", "hybrid")
KS = tuple(range(1, 11))


def build_service(data_dir: Path, docs_dir: Path, embedder=None):
    """Ingest `docs_dir` into `data_dir` (incremental: an unchanged folder costs seconds) and open it."""
    from bot.service import Hoidap
    from ingest.pipeline import ingest_paths
    from ingest.settings import Settings
    settings = Settings.from_env(data_dir=data_dir)
    svc = Hoidap(settings, embedder=embedder)
    t = time.perf_counter()
    report = ingest_paths(svc.index, [docs_dir], settings=settings, show_bar=embedder is None)
    healed = _embed_missing(svc.index)
    info = {"summary": report.summary(), "seconds": round(time.perf_counter() - t, 1), "vectors_healed": healed,
            "failed": report.failed, "chunks": svc.index.chunk_count(), "documents": len(svc.index.documents())}
    say(f"  {info['summary']}")
    svc.close()
    return Hoidap(settings, embedder=embedder), info   # a fresh service sees the new keyword index


def _embed_missing(index) -> int:
    """Embed live chunks whose vector is not in the collection (e.g. an index made before the
    collection was renamed): the registry says "unchanged", but dense retrieval would miss them."""
    rows = index.db.execute("SELECT DISTINCT vec_id, embed_text FROM chunks").fetchall()
    missing = index.missing_vectors([r[0] for r in rows])
    if missing:
        say(f"  {len(missing)} of {len(rows)} vectors missing from the collection: embedding them")
        todo = [(v, t) for v, t in rows if v in missing]
        index.add_vectors([v for v, _ in todo], [index.embedder.embed_documents([t])[0] for _, t in todo])
    return len(missing)


def rank_metrics(ranks: list[int | None]) -> dict:
    """recall@k for k = 1..10 and MRR@10 from the 1-based rank of the first relevant result."""
    n = len(ranks) or 1
    out = {f"recall@{k}": round(sum(1 for r in ranks if r and r <= k) / n, 4) for k in KS}
    out["mrr@10"] = round(sum(1 / r for r in ranks if r and r <= 10) / n, 4)
    out["n"] = len(ranks)
    return out


def run_modes(svc, questions: list[str], relevant, k: int = 10) -> dict:
    """For each retrieval mode: ranks of the first hit for which relevant(i, hit) holds, and latency."""
    out = {}
    for mode in MODES:
        ranks, ms = [], []
        for i, q in enumerate(questions):
            t = time.perf_counter()
            hits = svc.retriever.search(q, k=k, mode=mode)
            ms.append((time.perf_counter() - t) * 1000)
            ranks.append(next((r for r, h in enumerate(hits, 1) if relevant(i, h)), None))
        out[mode] = {**rank_metrics(ranks), "latency": latency_stats(ms), "ranks": ranks}
        say(f"  {mode}: recall@5 {out[mode]['recall@5']:.3f}, MRR@10 {out[mode]['mrr@10']:.3f}")
    return out
