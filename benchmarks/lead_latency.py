"""First-token and total latency of the local LLM, with prompt token counts: the old whole-chunk prompt
(before issue 17) against the lean lead prompt, for new questions and for a follow-up.

    PYTHONPATH=$PWD python -m benchmarks.lead_latency --data-dir DIR [--n 3] [--old-prompts OLD/bot/prompts]

The old prompt is rebuilt here as the old code built it: the old system prompt, then the top 3 clauses
whole, each with its Điều's context (guard.for_model applied). Both run on one local server (one slot,
cache_prompt), each after one warm-up question, so the system prefix is cached as in steady use.
Prints one JSON object; the machine's load average is recorded with it (the cores are shared).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from pathlib import Path

from bot.answering.extractive import doc_name
from bot.answering.guard import for_model
from bot.answering.lead import build_messages, lean_sources, sources_for, warm_prefix, Conversations
from bot.answering.llm import LLM, start_local_server

QUESTIONS = ["Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?",
             "Hồ sơ đề nghị khen thưởng gồm những gì?",
             "tieu chuan xet tang bang khen cua chu tich uy ban nhan dan tinh",
             "Thời hạn gửi hồ sơ đề nghị khen thưởng là khi nào?"]
FOLLOWUP = "Thế còn danh hiệu Lao động tiên tiến?"
FOLLOWUP_SAME = "Nói ngắn gọn hơn được không?"


def old_messages(old_prompts: Path, hits, question: str):
    parts = []
    for i, h in enumerate(hits, 1):
        body, _ = for_model(h.text + ("\n" + h.context if h.context else ""))
        status = f" ({h.status})" if h.status else ""
        parts.append(f"[{i}] {doc_name(h)}, {h.section}{status}\n{body}")
    system = (old_prompts / "system.txt").read_text(encoding="utf-8").strip()
    user = (old_prompts / "answer.txt").read_text(encoding="utf-8").strip()
    return [("system", system), ("user", user.format(sources="\n\n".join(parts), question=question))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--n", type=int, default=3)
    ap.add_argument("--old-prompts", default="")
    args = ap.parse_args()
    from bot.service import Hoidap
    from ingest.settings import Settings
    settings = Settings.from_env().with_(data_dir=Path(args.data_dir), llm="none")
    svc = Hoidap(settings)
    base = start_local_server(str(settings.gguf_path), settings.llm_threads,
                              log_path=Path(args.data_dir) / "logs" / "llm.log")
    llm = LLM(base, "local", "", timeout=900, max_wait=900)
    out = {"load_before": os.getloadavg()}

    def run(kind: str, build) -> list[dict]:
        rows = []
        for i, q in enumerate(QUESTIONS[:args.n + 1]):
            messages = build(q)
            _, stats = llm.stream_with_stats(messages)
            stats.update(question=q, warm_up=i == 0, load=os.getloadavg()[0])
            rows.append(stats)
            print(kind, json.dumps(stats, ensure_ascii=False), flush=True)
        return rows

    def hits_of(q):
        hits = svc.retriever.search(q, k=8)
        for h in hits[:3]:
            svc.retriever.with_context(h)
        return hits

    if args.old_prompts:
        out["before"] = run("before", lambda q: old_messages(Path(args.old_prompts), hits_of(q)[:3], q))
    conv = Conversations()

    def lean(q, history=()):
        hits = hits_of(q)
        ext = svc.ask(q, llm="none")
        srcs = sources_for(ext, hits)
        return build_messages(q, srcs, lean_sources(q, srcs), list(history), conv)

    # as the product does at start-up: the system prompt is computed before the first question
    out["warm_prefix"] = warm_prefix(llm)
    out["after"] = run("after", lean)
    # a follow-up: the previous turn is a cached prefix
    q0 = QUESTIONS[1]
    m0 = lean(q0)
    text, _ = llm.stream_with_stats(m0)
    conv.put([q0], [*m0, ("assistant", text)], [])
    m1 = lean(FOLLOWUP, [q0])
    text1, stats = llm.stream_with_stats(m1)
    stats.update(question=FOLLOWUP, load=os.getloadavg()[0])
    print("followup", json.dumps(stats, ensure_ascii=False), flush=True)
    out["followup"] = stats
    # a follow-up on the same clauses (the product sends only the new question then): ≤ 1 s target
    srcs1 = sources_for(svc.ask(FOLLOWUP, llm="none"), hits_of(FOLLOWUP))   # m1's sources
    conv.put([q0, FOLLOWUP], [*m1, ("assistant", text1)], [h.chunk_id for h in srcs1])
    m2 = build_messages(FOLLOWUP_SAME, srcs1, lean_sources(FOLLOWUP_SAME, srcs1), [q0, FOLLOWUP], conv)
    _, stats = llm.stream_with_stats(m2)
    stats.update(question=FOLLOWUP_SAME, load=os.getloadavg()[0])
    print("followup_same", json.dumps(stats, ensure_ascii=False), flush=True)
    out["followup_same"] = stats
    out["load_after"] = os.getloadavg()

    def summary(rows):
        rows = [r for r in rows if not r.get("warm_up")]
        return {k: statistics.median(r[k] for r in rows) for k in ("prompt_tokens", "first_token_ms", "total_ms")}
    out["summary"] = {k: summary(out[k]) for k in ("before", "after") if k in out}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
