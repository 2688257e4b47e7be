"""`make bench`: ingest throughput and memory, re-ingest, query latency, scale, concurrency, embedders.

  python -m benchmarks.run_speed [--parts ingest,latency,llm,concurrency,scale,embed] [--work-dir D]

Parts not named keep their previous figures (benchmarks/results/speed.json), so a noisy part can be
re-run alone when the machine is quieter. The "Speed and scale" section of docs/benchmarks.md is
regenerated from the merged results and printed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ROOT, dev_questions, environment, load_jsonl, run_measured, say, shared_dir, \
    work_dir, write_section
from benchmarks.speed_report import render

PARTS = ("ingest", "latency", "llm", "concurrency", "scale", "embed")
RESULTS = ROOT / "benchmarks" / "results" / "speed.json"
SCALE_SIZES = (10_000, 100_000)
LLM_QUESTIONS = 6          # the first is a warm-up (server start); ~10 s each on 2 cores
_SUMMARY = re.compile(r"(\d+) chunks indexed, (\d+) embedded in ([\d.]+) s")


def corpus_dir() -> tuple[Path, str]:
    c = shared_dir() / "corpus"
    if c.is_dir():
        return c, f"{c} (excluding qa/)"
    say(f"{c} not found: measuring on the shipped corpus/ instead (5 news articles; figures not comparable)")
    return ROOT / "corpus", "corpus/ (../shared absent)"


def cli_ingest(corpus: Path, data_dir: Path) -> dict:
    cmd = [sys.executable, "-m", "bot.cli", "ingest", str(corpus), "--exclude", "qa", "--data-dir", str(data_dir)]
    m = run_measured(cmd)
    s = _SUMMARY.search(m.stdout)
    if m.returncode not in (0, 1) or not s:
        raise RuntimeError(f"ingest failed ({m.returncode}): {m.stderr[-2000:]}")
    with sqlite3.connect(data_dir / "hoidap.sqlite") as db:
        docs, pages, chunks = db.execute("SELECT COUNT(*), SUM(pages), SUM(n_chunks) FROM documents").fetchone()
    wall = m.seconds
    return {"wall_s": round(wall, 1), "pipeline_s": float(s.group(3)), "chunks_indexed_run": int(s.group(1)),
            "embedded": int(s.group(2)), "documents": docs, "pages": pages, "chunks": chunks,
            "chunks_per_s": round(chunks / wall, 2) if int(s.group(2)) else None,
            "pages_per_s": round(pages / wall, 2) if int(s.group(2)) else None,
            "peak_rss_mb": m.peak_rss_mb, "exit": m.returncode, "summary": m.stdout.strip().splitlines()[-1],
            "skipped": [ln for ln in m.stderr.splitlines() if ln.startswith(("SKIPPED", "DUPLICATE"))]}


def part_ingest(res: dict, corpus: Path, data_dir: Path) -> None:
    shutil.rmtree(data_dir, ignore_errors=True)
    say(f"ingest (fresh) of {corpus} …")
    res["ingest"] = cli_ingest(corpus, data_dir)
    say(f"  {res['ingest']['summary']}")
    say("re-ingest of the unchanged corpus …")
    res["reingest"] = cli_ingest(corpus, data_dir)
    say(f"  {res['reingest']['wall_s']} s")


def open_service(data_dir: Path):
    from bot.service import Hoidap
    from ingest.settings import Settings
    if not (data_dir / "hoidap.sqlite").exists():
        raise SystemExit(f"no index in {data_dir}: run the ingest part first (--parts ingest)")
    return Hoidap(Settings.from_env(data_dir=data_dir))


def in_scope_questions(n: int) -> list[str]:
    from benchmarks.common import DEV_SET
    if not DEV_SET.exists():
        return dev_questions(n)
    items = [it for it in load_jsonl(DEV_SET) if it.get("gold_source") and not it.get("history")
             and it.get("kind") in ("direct", "paraphrase", "no_diacritics")]
    return [it["question"] for it in items][:n]


def part_latency(res: dict, svc) -> None:
    from benchmarks.common import rss_mb
    from benchmarks.latency import ask_latency, search_latency
    qs = dev_questions()
    say(f"search latency on {len(qs)} questions …")
    res["search"] = search_latency(svc, qs)
    say(f"extractive ask latency on {len(qs)} questions …")
    res["ask_extractive"] = ask_latency(svc, qs)
    res["serving_rss_mb"] = round(rss_mb(), 1)


def part_llm(res: dict, svc) -> None:
    from benchmarks.common import rss_mb
    from benchmarks.latency import llm_latency
    if svc.settings.llm_mode == "none" or not svc.settings.gguf_path.exists():
        say("local LLM not available: skipping the LLM latency")
        res["ask_llm"] = {"skipped": "no local GGUF"}
        return
    qs = in_scope_questions(LLM_QUESTIONS)
    say(f"local-LLM ask on {len(qs)} questions (first one warms up the server) …")
    res["ask_llm"] = {**llm_latency(svc, qs), "rss_mb_with_llm": round(rss_mb(), 1)}


def part_concurrency(res: dict, svc) -> None:
    from benchmarks.latency import concurrency
    say("20 simultaneous questions (extractive, the Telegram bot's worker pool) …")
    res["concurrency"] = concurrency(svc, in_scope_questions(20) or dev_questions(20), n=20)


def part_scale(res: dict, base: Path, source_db: Path, real_dir: Path) -> None:
    out = {}
    q = run_measured([sys.executable, "-m", "benchmarks.scale", "query", "--data-dir", str(real_dir)])
    if q.returncode == 0:
        out["real"] = {"build": None, "query": {**json.loads(q.stdout), "peak_rss_mb": q.peak_rss_mb}}
    for size in SCALE_SIZES:
        d = base / f"scale_{size}"
        shutil.rmtree(d, ignore_errors=True)
        say(f"scale: building a synthetic index of {size} chunks …")
        b = run_measured([sys.executable, "-m", "benchmarks.scale", "build", "--size", str(size),
                          "--source-db", str(source_db), "--data-dir", str(d)])
        if b.returncode != 0:
            raise RuntimeError(f"scale build failed: {b.stderr[-2000:]}")
        say(f"scale: search latency at {size} chunks …")
        q = run_measured([sys.executable, "-m", "benchmarks.scale", "query", "--data-dir", str(d)])
        if q.returncode != 0:
            raise RuntimeError(f"scale query failed: {q.stderr[-2000:]}")
        out[str(size)] = {"build": {**json.loads(b.stdout), "wall_s": round(b.seconds, 1), "peak_rss_mb": b.peak_rss_mb},
                          "query": {**json.loads(q.stdout), "peak_rss_mb": q.peak_rss_mb}}
        say(f"  p95 {out[str(size)]['query']['p95_ms']} ms")
    res["scale"] = out


def part_embed(res: dict, svc) -> None:
    from benchmarks.common import DEV_SET
    from benchmarks.embed_variants import agreement, full_index_recall, load_result, mrr_at, plan, recall_at
    from bot.evaluate import load_items
    say("embedding variants: planning the sample and the recall pools …")
    work = plan(svc)
    out = {"sample_passages": len(work["sample"]), "recall_questions": len(work["questions"]),
           "pool_chunks": len(work["texts"])}
    vectors = {}
    with tempfile.TemporaryDirectory() as tmp:
        wf = Path(tmp) / "work.json"
        wf.write_text(json.dumps(work, ensure_ascii=False), encoding="utf-8")
        for variant in ("torch", "onnx"):
            say(f"  variant {variant}: {len(work['texts'])} passages one at a time …")
            npz = Path(tmp) / f"{variant}.npz"
            m = run_measured([sys.executable, "-m", "benchmarks.embed_variants", variant, str(wf), str(npz)])
            if m.returncode != 0:
                out[variant] = {"error": m.stderr.strip().splitlines()[-1] if m.stderr.strip() else "failed"}
                continue
            meta = json.loads(m.stdout)
            r = load_result(meta, npz)
            out[variant] = {**meta, "peak_rss_mb": m.peak_rss_mb, "pool_dense_recall@5": round(recall_at(work, r), 3),
                            "pool_dense_mrr@10": round(mrr_at(work, r), 3)}
            vectors[variant] = r
        if len(vectors) == 2:
            out["agreement"] = agreement(vectors["torch"], vectors["onnx"])
    if DEV_SET.exists():
        say("  full-index recall@5 of the product embedder (dev set) …")
        items = [it for it in load_items(DEV_SET) if it.get("gold_source")]
        out["full_index_recall@5"] = {"questions": len(items),
                                      **{m: round(full_index_recall(svc, items, m), 3) for m in ("dense", "hybrid")}}
    res["embed"] = out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    ap.add_argument("--work-dir", help="where the benchmark indexes go (default $HOIDAP_BENCH_DIR or /tmp/hoidap-bench)")
    ap.add_argument("--no-doc", action="store_true", help="print only; leave docs/benchmarks.md alone")
    a = ap.parse_args(argv)
    parts = [p.strip() for p in a.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise SystemExit(f"unknown part(s): {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    base = work_dir(a.work_dir)
    corpus, corpus_label = corpus_dir()
    data_dir = base / "speed"
    res = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    env = environment()
    res.setdefault("runs", {})
    res["corpus"] = corpus_label
    if "ingest" in parts:
        part_ingest(res, corpus, data_dir)
    svc = None
    for p in ("latency", "concurrency", "embed", "llm"):
        if p in parts:
            svc = svc or open_service(data_dir)
            {"latency": part_latency, "llm": part_llm, "concurrency": part_concurrency, "embed": part_embed}[p](res, svc)
    if "scale" in parts:
        part_scale(res, base, data_dir / "hoidap.sqlite", data_dir)
    for p in parts:
        res["runs"][p] = {"date": env["date"], "load_avg": env["load_avg"]}
    env["load_avg_end"] = [round(x, 2) for x in __import__("os").getloadavg()]
    res["environment"] = env
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    body = render(res)
    if not a.no_doc:
        write_section("speed", body, res)
    print(body)
    if svc is not None:
        svc.close()


if __name__ == "__main__":
    main()
