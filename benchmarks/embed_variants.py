"""Embedding variants on the same work: the naive baseline (sentence-transformers torch fp32, one
passage at a time) against the product's ONNX int8 embedder.

Speed: passages/s on a fixed sample of real chunks. Quality: cosine between the two variants'
vectors of the same passages, and dense recall@5 / MRR@10 on eval/dev.jsonl,
re-ranking a fixed candidate pool per question (its gold chunks + the top keyword hits + shared
random distractors; chosen without the dense model, so neither variant is favoured) — embedding the
whole corpus with the torch baseline would take ~12 min more on 2 cores.

Each variant runs in its own process (`python -m benchmarks.embed_variants VARIANT IN.json OUT.npz`)
so its memory is measured alone.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import time
from pathlib import Path

from benchmarks.common import DEV_SET, load_jsonl, rss_mb

SAMPLE = 100          # passages timed per variant
N_QUESTIONS = 95      # dev questions in the recall sample (all single-turn in-scope ones today)
POOL_KEYWORD = 5      # keyword hits per question added to the pool
POOL_RANDOM = 40      # random distractor chunks shared by every question


def load_variant(variant: str, settings):
    from ingest.embed import OnnxEmbedder, SentenceTransformerEmbedder
    if variant == "torch":
        return SentenceTransformerEmbedder(settings.embed_model_path)   # batch_size=1 inside
    return OnnxEmbedder(settings.onnx_dir)


def plan(service, seed: int = 11) -> dict:
    """The fixed work: sample texts, recall questions and their candidate pools (chunk ids)."""
    from bot.evaluate import is_relevant
    db = service.index.db
    rows = db.execute("SELECT c.chunk_id, c.embed_text, c.text, c.section, c.dieu, d.source FROM chunks c "
                      "JOIN documents d USING(doc_id) ORDER BY c.chunk_id").fetchall()
    by_id = {r[0]: r for r in rows}
    rng = random.Random(seed)
    sample = rng.sample(list(by_id), min(SAMPLE, len(by_id)))
    items = [it for it in load_jsonl(DEV_SET) if it.get("gold_source") and not it.get("history")] \
        if DEV_SET.exists() else []
    items = rng.sample(items, min(N_QUESTIONS, len(items)))
    distract = rng.sample(list(by_id), min(POOL_RANDOM, len(by_id)))
    questions = []
    for it in items:
        golds = {it["gold_source"], *(it.get("alt_sources") or [])}
        relevant = [cid for cid, r in by_id.items() if r[5] in golds
                    and is_relevant({"source": r[5], "text": r[2], "section": r[3], "dieu": r[4]}, it)]
        if not relevant:
            continue
        kw = [h.chunk_id for h in service.retriever.search(it["question"], k=POOL_KEYWORD, mode="keyword")]
        pool = list(dict.fromkeys(relevant + kw + distract))
        questions.append({"id": it["id"], "question": it["question"], "pool": pool, "relevant": relevant})
    needed = sorted({c for q in questions for c in q["pool"]} | set(sample))
    return {"sample": sample, "questions": questions,
            "texts": {str(c): by_id[c][1] for c in needed}}


def run_variant(variant: str, work: dict, settings) -> dict:
    """Embed the sample (timed) and the pool + questions; returns speed and vectors."""
    import numpy as np

    from ingest.embed import iter_document_vectors
    t = time.perf_counter()
    emb = load_variant(variant, settings)
    load_s = time.perf_counter() - t
    texts = work["texts"]
    emb.embed_documents([texts[str(work["sample"][0])]])  # warm-up
    # The ingest path: each text alone, as many at once as the embedder runs (ONNX: one per core).
    sample = [str(cid) for cid in work["sample"]]
    t = time.perf_counter()
    vecs = dict(zip(sample, iter_document_vectors(emb, [texts[cid] for cid in sample])))
    sample_s = time.perf_counter() - t
    rest = [cid for cid in texts if cid not in vecs]
    vecs.update(zip(rest, iter_document_vectors(emb, [texts[cid] for cid in rest])))
    qms, qvecs = [], []
    for q in work["questions"]:
        t = time.perf_counter()
        qvecs.append(emb.embed_query(q["question"]))
        qms.append((time.perf_counter() - t) * 1000)
    ids = sorted(vecs)
    return {"variant": variant, "model_id": emb.model_id, "load_s": round(load_s, 1),
            "passages": len(work["sample"]), "passages_per_s": round(len(work["sample"]) / sample_s, 2),
            "query_ms_median": round(sorted(qms)[len(qms) // 2], 1) if qms else 0.0,
            "rss_mb": round(rss_mb(), 1),
            "ids": ids, "doc_vecs": np.asarray([vecs[i] for i in ids], dtype=np.float32),
            "query_vecs": np.asarray(qvecs, dtype=np.float32)}


def _first_ranks(work: dict, result: dict) -> list[int | None]:
    import numpy as np
    pos = {int(c): i for i, c in enumerate(result["ids"])}
    ranks = []
    for qi, q in enumerate(work["questions"]):
        pool = q["pool"]
        scores = result["doc_vecs"][[pos[c] for c in pool]] @ result["query_vecs"][qi]
        order = [pool[i] for i in np.argsort(-scores)]
        ranks.append(next((r for r, c in enumerate(order, 1) if c in q["relevant"]), None))
    return ranks


def recall_at(work: dict, result: dict, k: int = 5) -> float:
    ranks = _first_ranks(work, result)
    return sum(1 for r in ranks if r and r <= k) / max(len(ranks), 1)


def mrr_at(work: dict, result: dict, k: int = 10) -> float:
    ranks = _first_ranks(work, result)
    return sum(1 / r for r in ranks if r and r <= k) / max(len(ranks), 1)


def agreement(a: dict, b: dict) -> dict:
    """Cosine between two variants' vectors of the same passages (both are unit length)."""
    import numpy as np
    pos = {c: i for i, c in enumerate(b["ids"])}
    common = [c for c in a["ids"] if c in pos]
    ia = {c: i for i, c in enumerate(a["ids"])}
    cos = np.sum(a["doc_vecs"][[ia[c] for c in common]] * b["doc_vecs"][[pos[c] for c in common]], axis=1)
    return {"passages": len(common), "cos_mean": round(float(cos.mean()), 4), "cos_min": round(float(cos.min()), 4)}


def full_index_recall(service, items: list[dict], mode: str, k: int = 5) -> float:
    """Share of dev questions with a relevant clause in the top k of the real index (product embedder)."""
    from bot.answering.followup import standalone_question
    from bot.evaluate import is_relevant
    hits = 0
    for it in items:
        q = standalone_question(it["question"], it.get("history") or [])
        found = service.retriever.search(q, k=k, mode=mode)
        hits += any(is_relevant(h.to_dict(), it) for h in found)
    return hits / max(len(items), 1)


def main(argv=None) -> None:
    import numpy as np

    from ingest.settings import Settings
    variant, work_file, out_file = (argv or sys.argv[1:])[:3]
    work = json.loads(Path(work_file).read_text(encoding="utf-8"))
    res = run_variant(variant, work, Settings.from_env())
    np.savez(out_file, doc_vecs=res.pop("doc_vecs"), query_vecs=res.pop("query_vecs"), ids=np.asarray(res.pop("ids")))
    json.dump(res, sys.stdout)


def load_result(meta: dict, npz_file: Path) -> dict:
    import numpy as np
    z = np.load(npz_file)
    return {**meta, "doc_vecs": z["doc_vecs"], "query_vecs": z["query_vecs"], "ids": [str(i) for i in z["ids"]]}


if __name__ == "__main__":
    main()
