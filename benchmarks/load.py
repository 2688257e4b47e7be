"""Load: many concurrent users against the Telegram answer path and the web API, and the LLM queue.

    python -m benchmarks.load                                  # 50 users, 2 minutes each part
    python -m benchmarks.load --users 10 --duration 10 --parts web
    python -m benchmarks.load --json results.json              # also write the raw figures

Parts (all on 127.0.0.1, real processes, real models):
  telegram  `hoidap telegram` (real bot code, real Hoidap, real embedder, HOIDAP_LLM=none) polling
            the stand-in Bot API (testkit/botapi_standin.py). Each user is a private chat that asks,
            waits for the answer (the message with the 👍/👎 keyboard), thinks, and asks again.
  web       `hoidap web --llm none` under uvicorn; each user logs in with its own session and sends
            POST /api/ask (3 of 4 requests) or GET /api/search with httpx.AsyncClient.
  llmqueue  `hoidap telegram` with HOIDAP_LLM pointing at `FakeLLMServer` (an OpenAI-compatible
            server that streams slowly): all users ask at once, more than the generator queue
            holds; the excess must get "⏳ Hệ thống đang bận…" (plus the quoted clause) at once
            instead of piling up, and the server never sees more requests at a time than allowed.

Counted as errors: a reply that did not come within --timeout, an apology (😔), a Bot API call the
stand-in refused (bad HTML, empty text), an HTTP status other than 200 (503 "busy" is counted apart),
a transport error. Peak RSS is the server process and its children, polled every 0.2 s.
Rate limiting is switched off (HOIDAP_RATE_LIMIT=0): 50 users asking back to back is the point.

The parts live in load_telegram.py (telegram, llmqueue) and load_web.py; the processes they start
in load_procs.py; the fake LLM and Bot API in testkit/ (shared with the tests). This file runs them
and writes the report.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from benchmarks.common import say, work_dir
from benchmarks.load_procs import FIXTURE, build_index
from benchmarks.load_telegram import llm_queue_load, telegram_load
from benchmarks.load_web import web_load

# -- report --------------------------------------------------------------------------------------

def report_md(results: list[dict]) -> str:
    lines = ["| part | users × time | answers | errors | p50 / p95 latency | peak RSS |", "|---|---|---|---|---|---|"]
    for r in results:
        if r["part"] == "llmqueue":
            lat = r["latency_by_outcome"]
            gen, busy = lat.get("generated", {}), lat.get("busy", {})
            lines.append(f"| LLM queue (slow fake LLM) | {r['users']} at once | {r['outcomes']} | {r['errors']} | "
                         f"generated p95 {gen.get('p95_ms', 0) / 1000:.1f} s; busy p95 "
                         f"{busy.get('p95_ms', 0) / 1000:.1f} s | {r['peak_rss_mb']:.0f} MiB |")
            continue
        lat = r["latency"]
        n = r.get("answers", r.get("requests"))
        lines.append(f"| {r['part']} | {r['users']} × {r['duration_s']:.0f} s | {n} ({r['throughput_per_s']}/s) | "
                     f"{r['errors']} | {lat['p50_ms'] / 1000:.2f} / {lat['p95_ms'] / 1000:.2f} s | "
                     f"{r['peak_rss_mb']:.0f} MiB |")
    return "\n".join(lines)


async def run(parts: list[str], users: int, duration: float, think: float, data_dir: Path, queue_users: int) -> list:
    out = []
    if "telegram" in parts:
        say(f"telegram: {users} users for {duration:.0f} s")
        out.append(await telegram_load(data_dir, users, duration, think))
        say(json.dumps(out[-1], ensure_ascii=False))
    if "web" in parts:
        say(f"web: {users} users for {duration:.0f} s")
        out.append(await web_load(data_dir, users, duration, think))
        say(json.dumps(out[-1], ensure_ascii=False))
    if "llmqueue" in parts:
        say(f"llm queue: {queue_users} users at once")
        out.append(await llm_queue_load(data_dir, queue_users))
        say(json.dumps(out[-1], ensure_ascii=False))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--duration", type=float, default=120, help="seconds per part")
    ap.add_argument("--think", type=float, default=1.0, help="mean pause between a user's questions (s)")
    ap.add_argument("--queue-users", type=int, default=30, help="users asking at once in the LLM queue part")
    ap.add_argument("--parts", default="telegram,web,llmqueue")
    ap.add_argument("--work-dir", default=None, help="where the index is kept (default /tmp/hoidap-bench)")
    ap.add_argument("--json", dest="json_out", default=None, help="write the raw results here")
    args = ap.parse_args(argv)
    data_dir = work_dir(args.work_dir) / "load-index"
    say(f"index in {data_dir} (corpus/ + {FIXTURE.name})")
    build_index(data_dir)
    results = asyncio.run(run(args.parts.split(","), args.users, args.duration, args.think, data_dir,
                              args.queue_users))
    print(report_md(results))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if all(r["errors"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
