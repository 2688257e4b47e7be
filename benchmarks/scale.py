"""Synthetic indexes of N chunks for the scale test: real chunks with perturbed text, random unit vectors.

Written straight through the store API (`Index.add_vectors`, `Index.put_document`,
`Index.refresh_keyword`): no embedding, so 100k chunks take minutes, not hours. Retrieval then runs
the real code (query embedding with the real model, Chroma HNSW, bm25s, fusion) on them.

  python -m benchmarks.scale build --size 10000 --source-db D/hoidap.sqlite --data-dir OUT
  python -m benchmarks.scale query --data-dir OUT --n 40      (prints JSON; used in a subprocess
                                                              so its memory is measured alone)
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

from benchmarks.common import dev_questions, dir_size_mb, latency_stats, rss_mb, say

CHUNKS_PER_DOC = 100
PERTURB = 0.15        # share of words/tokens replaced by others drawn from the whole corpus
VECTOR_BATCH = 5000


def source_chunks(db_path: Path) -> list[dict]:
    """The real chunks of an existing index (text, section, tokens) to copy from."""
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT text, section, dieu, parent, tokens FROM chunks ORDER BY chunk_id").fetchall()
    return [{"text": r[0] or "", "section": r[1] or "", "dieu": r[2] or "", "parent": r[3] or "",
             "tokens": (r[4] or "").split()} for r in rows]


def _perturb(items: list[str], pool: list[str], rng: random.Random) -> list[str]:
    out = list(items)
    for i in range(len(out)):
        if rng.random() < PERTURB:
            out[i] = rng.choice(pool)
    return out


def build(index, sources: list[dict], size: int, seed: int = 7) -> dict:
    """Fill an empty `index` with `size` synthetic chunks; returns timings (s)."""
    import numpy as np

    from ingest.chroma import vec_id
    from ingest.types import Chunk, DocHeader

    if not sources:
        raise ValueError("no source chunks to copy from")
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    word_pool = [w for s in sources for w in s["text"].split()]
    token_pool = [t for s in sources for t in s["tokens"]] or word_pool
    model_id = index.embedder.model_id
    dim = index.embedder.dim
    t_vec = t_reg = 0.0
    pending: list[tuple] = []
    ids_buf: list[str] = []
    n_docs = (size + CHUNKS_PER_DOC - 1) // CHUNKS_PER_DOC

    def flush():
        nonlocal t_vec, t_reg
        if not pending:
            return
        t = time.perf_counter()
        vecs = nrng.standard_normal((len(ids_buf), dim)).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        index.add_vectors(list(ids_buf), vecs.tolist())
        t_vec += time.perf_counter() - t
        t = time.perf_counter()
        for args in pending:
            index.put_document(*args)
        t_reg += time.perf_counter() - t
        pending.clear()
        ids_buf.clear()

    made = 0
    for d in range(n_docs):
        title = f"Văn bản tổng hợp số {d} về thi đua, khen thưởng"
        header = DocHeader(number=f"{d + 1}/2025/QĐ-TH", doc_type="Quyết định", issuer="Ủy ban tổng hợp",
                           date="01/01/2025", title=title)
        chunks, vids, tokens = [], [], []
        for j in range(min(CHUNKS_PER_DOC, size - made)):
            s = sources[(made + j) % len(sources)]
            text = " ".join(_perturb(s["text"].split(), word_pool, rng))
            embed_text = f"{title} › {s['section']}\n{text}"
            chunks.append(Chunk(text=text, embed_text=embed_text, section=s["section"], position=j,
                                dieu=s["dieu"], parent=s["parent"]))
            vids.append(vec_id(model_id, embed_text))
            tokens.append(_perturb(s["tokens"], token_pool, rng) + [f"tonghop{d}"])
        made += len(chunks)
        pending.append((f"synthetic://{d}", f"tong-hop-{d:05d}.txt", f"synthetic-{d}", header, chunks, vids,
                        tokens, 1))
        ids_buf.extend(dict.fromkeys(vids))
        if len(ids_buf) >= VECTOR_BATCH:
            flush()
        if (d + 1) % 100 == 0:
            say(f"  synthetic: {made}/{size} chunks")
    flush()
    t = time.perf_counter()
    index.refresh_keyword()
    t_kw = time.perf_counter() - t
    return {"chunks": made, "documents": n_docs, "vectors_s": round(t_vec, 1), "registry_s": round(t_reg, 1),
            "keyword_s": round(t_kw, 1)}


def query(service, questions: list[str], k: int = 10, warmup: int = 3) -> dict:
    """Warm search latency (hybrid, the product's path) on an opened service."""
    rss0 = rss_mb()
    for q in questions[:warmup]:
        service.search(q, k=k)
    ms = []
    for q in questions:
        t = time.perf_counter()
        service.search(q, k=k)
        ms.append((time.perf_counter() - t) * 1000)
    return {**latency_stats(ms), "rss_mb_after": round(rss_mb(), 1), "rss_mb_before_warmup": round(rss0, 1)}


def disk_usage(data_dir: Path) -> dict:
    data_dir = Path(data_dir)
    sqlite_mb = sum(f.stat().st_size for f in data_dir.glob("hoidap.sqlite*")) / 2**20
    return {"chroma_mb": dir_size_mb(data_dir / "chroma") if (data_dir / "chroma").exists() else 0.0,
            "sqlite_mb": round(sqlite_mb, 1),
            "bm25_mb": dir_size_mb(data_dir / "bm25") if (data_dir / "bm25").exists() else 0.0,
            "total_mb": dir_size_mb(data_dir)}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["build", "query"])
    ap.add_argument("--data-dir", required=True, type=Path)
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--source-db", type=Path)
    ap.add_argument("--n", type=int, default=40, help="questions for the latency sample")
    a = ap.parse_args(argv)

    from bot.service import Hoidap
    from ingest.settings import Settings

    from ingest.embed import load_embedder
    settings = Settings.from_env(data_dir=a.data_dir)
    rss_start = rss_mb()
    embedder = load_embedder(settings)
    embedder.embed_query("khởi động")
    rss_model = rss_mb()          # the model alone; what the index adds is measured from here
    svc = Hoidap(settings, embedder=embedder)
    if a.action == "build":
        if svc.index.chunk_count():
            raise SystemExit(f"{a.data_dir} already holds an index; give an empty folder")
        result = build(svc.index, source_chunks(a.source_db), a.size)
    else:
        t = time.perf_counter()
        svc.search("khởi động", k=1)  # opens Chroma and bm25s
        result = {"open_s": round(time.perf_counter() - t, 2), "rss_mb_process_start": round(rss_start, 1),
                  "rss_mb_model": round(rss_model, 1), **query(svc, dev_questions(a.n))}
        result["index_rss_mb"] = round(result["rss_mb_after"] - rss_model, 1)
    result["disk"] = disk_usage(a.data_dir)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
