"""The markdown of the "Speed and scale" section, from the merged results of `run_speed`."""

from __future__ import annotations

from benchmarks.common import environment_md, md_table

TARGETS = {"reingest_s": 5.0, "search_p95_100k_ms": 1000.0, "extractive_p95_ms": 1500.0}


def _g(d: dict | None, *keys, default=None):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def _ok(value, limit, lower_is_better=True) -> str:
    if value is None:
        return "not measured"
    return "**met**" if (value < limit if lower_is_better else value > limit) else "**not met**"


def render(res: dict) -> str:
    out = ["## Speed and scale (`make bench`)", "",
           environment_md(res["environment"], {"Corpus": res.get("corpus", "?"),
                                               "Embedder": "ONNX int8 EmbeddingGemma-300M, one text per run, 2 threads",
                                               "Part runs (date, load average)": "; ".join(
                                                   f"{p} {r['date']} load {r['load_avg']}" for p, r in res.get("runs", {}).items())}),
           ""]
    out += _targets(res) + _ingest(res) + _latency(res) + _concurrency(res) + _scale(res) + _embed(res)
    return "\n".join(out)


def _targets(res: dict) -> list[str]:
    re_s = _g(res, "reingest", "wall_s")
    p95_100k = _g(res, "scale", "100000", "query", "p95_ms")
    ext = _g(res, "ask_extractive", "p95_ms")
    factor = _factor(res)
    rows = [["re-ingest of the unchanged corpus", "< 5 s", f"{re_s} s" if re_s is not None else "-", _ok(re_s, 5.0)],
            ["search p95 at 100k chunks", "< 1 s", f"{p95_100k} ms" if p95_100k is not None else "-",
             _ok(p95_100k, 1000.0)],
            ["extractive ask p95", "< 1.5 s", f"{ext} ms" if ext is not None else "-", _ok(ext, 1500.0)],
            ["ingest vs naive torch fp32 one-at-a-time", "faster, by a measured factor",
             f"×{factor:.1f}" if factor else "-", _ok(factor, 1.0, lower_is_better=False) if factor else "not measured"]]
    return ["### Targets", "", md_table(["target", "goal", "measured", "status"], rows), ""]


def _ingest(res: dict) -> list[str]:
    i, r = res.get("ingest"), res.get("reingest")
    if not i:
        return []
    rows = [["fresh ingest", i["documents"], i["pages"], i["chunks"], i["embedded"], i["wall_s"], i["chunks_per_s"],
             i["pages_per_s"], i["peak_rss_mb"]]]
    if r:
        rows.append(["re-ingest, unchanged", r["documents"], r["pages"], r["chunks"], r["embedded"], r["wall_s"],
                     "-", "-", r["peak_rss_mb"]])
    lines = ["### Ingest (`hoidap ingest CORPUS --exclude qa`, a fresh process each)", "",
             md_table(["run", "documents", "pages", "chunks", "embedded", "wall s", "chunks/s", "pages/s",
                       "peak RSS MB"], rows), "",
             f"Wall time includes process start and model load; the pipeline's own time was {i['pipeline_s']} s "
             f"(fresh) and {r['pipeline_s'] if r else '-'} s (re-ingest). Peak RSS is the ingest process "
             f"(psutil polling every 0.1 s). Pages: one per text/markdown/HTML file, real pages for PDF/DOCX."]
    if i.get("skipped"):
        lines.append(f"Skipped by ingest: {'; '.join(i['skipped'])}")
    return lines + [""]


def _latency(res: dict) -> list[str]:
    s, a, llm = res.get("search"), res.get("ask_extractive"), res.get("ask_llm")
    rows = []
    if s:
        rows.append(["search (hybrid, k=10)", s["n"], s["p50_ms"], s["p95_ms"], s["max_ms"]])
    if a:
        rows.append([f"ask, extractive (`--llm none`; {a['refused']} refused)", a["n"], a["p50_ms"], a["p95_ms"], a["max_ms"]])
    if llm and "ttft" in llm:
        rows.append(["ask, local LLM: time to first token", llm["ttft"]["n"], llm["ttft"]["p50_ms"],
                     llm["ttft"]["p95_ms"], llm["ttft"]["max_ms"]])
        rows.append(["ask, local LLM: total", llm["total"]["n"], llm["total"]["p50_ms"], llm["total"]["p95_ms"],
                     llm["total"]["max_ms"]])
    if not rows:
        return []
    lines = ["### Query latency (warm, one question at a time, in one process)", "",
             md_table(["path", "questions", "p50 ms", "p95 ms", "max ms"], rows), "",
             "Questions: all of eval/dev.jsonl for search and extractive ask (after 3 warm-up questions)."]
    if llm and "ttft" in llm:
        lines.append(f"Local LLM (Qwen2.5-Coder-1.5B Q4_K_M, xllamacpp, 2 threads): {llm['total']['n']} in-scope "
                     f"questions after one warm-up answer that also started the server ({llm['warmup_s']} s); "
                     f"final answers by mode: {llm['modes']}; process RSS with the LLM loaded "
                     f"{llm.get('rss_mb_with_llm')} MB.")
    elif llm:
        lines.append(f"Local LLM: skipped ({llm.get('skipped')}).")
    if res.get("serving_rss_mb"):
        lines.append(f"RSS of the serving process after the extractive runs (no LLM): {res['serving_rss_mb']} MB.")
    return lines + [""]


def _concurrency(res: dict) -> list[str]:
    c = res.get("concurrency")
    if not c:
        return []
    rows = [["one after another", c["sequential_wall_s"], c["sequential_qps"], c["sequential_latency"]["p50_ms"],
             c["sequential_latency"]["p95_ms"]],
            [f"{c['n']} at once (asyncio.gather → {c['workers']}-thread pool)", c["wall_s"], c["throughput_qps"],
             c["latency"]["p50_ms"], c["latency"]["p95_ms"]]]
    return ["### Concurrency: 20 simultaneous questions through the Telegram bot's path", "",
            md_table(["how", "wall s", "questions/s", "p50 ms", "p95 ms"], rows), "",
            "Each question is `service.ask(q, llm=\"none\")` run in the bot's worker pool "
            "(`loop.run_in_executor`, as `bot.telegram.deps.Deps.run` does); latency counts from submission, "
            "so it includes the wait for the 2 cores.", ""]


def _scale(res: dict) -> list[str]:
    sc = res.get("scale")
    if not sc:
        return []
    rows = []
    for key in ["real", *sorted((k for k in sc if k != "real"), key=int)]:
        if key not in sc:
            continue
        q, b = sc[key]["query"], sc[key]["build"]
        n = key if key != "real" else f"{(res.get('ingest') or {}).get('chunks', '?')} (real corpus)"
        rows.append([n, q["p50_ms"], q["p95_ms"], q["peak_rss_mb"], q.get("index_rss_mb", "-"),
                     q["disk"]["total_mb"], f"{q['disk']['chroma_mb']} / {q['disk']['sqlite_mb']} / {q['disk']['bm25_mb']}",
                     f"{b['wall_s']} s" if b else "-"])
    lines = ["### Scale: synthetic indexes (real chunk texts perturbed, random unit vectors)", "",
             md_table(["chunks", "search p50 ms", "search p95 ms", "query process peak RSS MB",
                       "index RSS MB", "disk MB", "chroma / sqlite / bm25 MB", "build"], rows), ""]
    if "10000" in sc and "100000" in sc:
        a, b = sc["10000"]["query"], sc["100000"]["query"]
        lines.append(f"From 10k to 100k chunks (×10): search p95 ×{b['p95_ms'] / max(a['p95_ms'], 0.1):.1f}, "
                     f"query-process peak RSS ×{b['peak_rss_mb'] / max(a['peak_rss_mb'], 1):.1f} "
                     f"(index RSS ×{b.get('index_rss_mb', 0) / max(a.get('index_rss_mb', 0), 1):.1f}), "
                     f"disk ×{b['disk']['total_mb'] / max(a['disk']['total_mb'], 0.1):.1f}.")
        bb = sc["100000"]["build"]
        lines.append(f"Building 100k: vectors {bb['vectors_s']} s, registry {bb['registry_s']} s, bm25s "
                     f"{bb['keyword_s']} s; peak RSS {bb['peak_rss_mb']} MB.")
    lines.append("Latency: 40 dev questions, hybrid search k=10 (query embedding + Chroma HNSW + bm25s + fusion), "
                 "warm, in a fresh process per size. Peak RSS is that whole process (the ONNX model, ~0.5–0.7 GB, "
                 "included); index RSS is its RSS after the searches minus its RSS with only the model loaded.")
    return lines + [""]


def _factor(res: dict):
    e, i = res.get("embed"), res.get("ingest")
    t = _g(e, "torch", "passages_per_s")
    if not (e and i and t and i.get("embedded")):
        return None
    return (i["embedded"] / i["pipeline_s"]) / t


def _embed(res: dict) -> list[str]:
    e = res.get("embed")
    if not e:
        return []
    rows = []
    for v, label in (("torch", "torch fp32, one passage at a time (naive baseline)"), ("onnx", "ONNX int8, each text alone, one per core at once (product)")):
        r = e.get(v) or {}
        if "error" in r:
            rows.append([label, "error: " + r["error"], "", "", ""])
        elif r:
            rows.append([label, r["passages_per_s"], r["query_ms_median"], r["peak_rss_mb"], r["pool_dense_recall@5"],
                         r.get("pool_dense_mrr@10", "-")])
    nq = e["recall_questions"]
    lines = ["### Embedding: naive baseline vs the product's embedder", "",
             md_table(["variant", "passages/s", "query ms (median)", "peak RSS MB", "dense recall@5 (pool)",
                       "dense MRR@10 (pool)"], rows), "",
             f"Speed: {e['sample_passages']} real chunks (fixed seed), each embedded alone, after one warm-up. "
             f"Recall: {nq} single-turn in-scope dev questions, each re-ranking a fixed pool (its gold chunks, its "
             f"top keyword hits, shared random chunks; {e['pool_chunks']} chunks in all), chosen without either "
             f"dense model; one question is {100 / max(nq, 1):.1f} points."]
    t, o = e.get("torch") or {}, e.get("onnx") or {}
    if t.get("passages_per_s") and o.get("passages_per_s"):
        diff = (o["pool_dense_recall@5"] - t["pool_dense_recall@5"]) * 100
        ag = e.get("agreement")
        lines.append(f"ONNX int8 is ×{o['passages_per_s'] / t['passages_per_s']:.1f} faster per passage; "
                     f"recall@5 differs by {diff:+.1f} points ({round(diff * nq / 100):+d} question(s); "
                     f"{'within' if abs(diff) <= 1.0 else 'not within'} 1 point)"
                     + (f"; cosine between the two variants' vectors of the same {ag['passages']} passages: mean "
                        f"{ag['cos_mean']}, min {ag['cos_min']}." if ag else "."))
    f = _factor(res)
    i = res.get("ingest")
    if f and i:
        lines.append(f"Whole ingest of the corpus: {i['embedded']} chunks embedded in {i['pipeline_s']} s "
                     f"({i['embedded'] / i['pipeline_s']:.1f} chunks/s, parsing and storing included) vs "
                     f"{t['passages_per_s']} passages/s for the naive baseline (≈ {i['embedded'] / t['passages_per_s'] / 60:.0f} "
                     f"min for the same chunks): ×{f:.1f}.")
    fr = e.get("full_index_recall@5")
    if fr:
        lines.append(f"Full index, product embedder, all {fr['questions']} in-scope dev questions: dense recall@5 "
                     f"{fr['dense']}, hybrid recall@5 {fr['hybrid']}.")
    return lines + [""]
