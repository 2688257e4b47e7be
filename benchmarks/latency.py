"""Warm query latency (search, extractive ask, local-LLM ask) and concurrent questions.

All functions take an opened `bot.service.Hoidap`, so the smoke test can run them with a fake
embedder; `run_speed` calls them on the index of ../shared/corpus.
"""

from __future__ import annotations

import asyncio
import functools
import time
from concurrent.futures import ThreadPoolExecutor

from benchmarks.common import latency_stats, say


def _warm(service, questions: list[str], n: int = 3) -> None:
    for q in questions[:n]:
        service.ask(q, llm="none")


def search_latency(service, questions: list[str], k: int = 10) -> dict:
    _warm(service, questions)
    ms = []
    for q in questions:
        t = time.perf_counter()
        service.search(q, k=k)
        ms.append((time.perf_counter() - t) * 1000)
    return latency_stats(ms)


def ask_latency(service, questions: list[str]) -> dict:
    """Extractive answers (`--llm none`): retrieval + refusal check + quoting."""
    _warm(service, questions)
    ms, refused = [], 0
    for q in questions:
        t = time.perf_counter()
        ans = service.ask(q, llm="none")
        ms.append((time.perf_counter() - t) * 1000)
        refused += ans.refused
    return {**latency_stats(ms), "refused": refused}


def llm_latency(service, questions: list[str]) -> dict:
    """Local-LLM answers: time to first token and total, after one warm-up answer (server start)."""
    t = time.perf_counter()
    service.ask(questions[0], llm="local")
    warmup_s = time.perf_counter() - t
    ttft, total, modes = [], [], []
    for q in questions[1:]:
        first: list[float] = []
        t = time.perf_counter()
        ans = service.ask(q, llm="local", on_token=lambda _p: first or first.append(time.perf_counter()))
        end = time.perf_counter()
        total.append((end - t) * 1000)
        if first:
            ttft.append((first[0] - t) * 1000)
        modes.append(ans.mode)
        say(f"  LLM answer {len(total)}/{len(questions) - 1}: {total[-1] / 1000:.1f} s ({ans.mode})")
    return {"warmup_s": round(warmup_s, 1), "ttft": latency_stats(ttft), "total": latency_stats(total),
            "modes": {m: modes.count(m) for m in sorted(set(modes))}}


def _executor():
    """The worker pool the Telegram bot runs service calls in (bot.telegram.deps), if present."""
    try:
        from bot.telegram.deps import WORKERS
    except Exception:  # the bot package may be absent in a trimmed install
        WORKERS = 32
    return ThreadPoolExecutor(WORKERS, "bench-tg"), WORKERS


async def _gather(service, questions: list[str], pool) -> tuple[list[float], float]:
    loop = asyncio.get_running_loop()

    async def one(q):
        t = time.perf_counter()
        # The same call the bot's Deps.run makes: the blocking service in a worker thread.
        await loop.run_in_executor(pool, functools.partial(service.ask, q, llm="none"))
        return (time.perf_counter() - t) * 1000

    t0 = time.perf_counter()
    ms = await asyncio.gather(*(one(q) for q in questions))
    return list(ms), time.perf_counter() - t0


def concurrency(service, questions: list[str], n: int = 20) -> dict:
    """n questions at once (extractive) vs the same n one after another."""
    qs = (questions * (n // max(len(questions), 1) + 1))[:n]
    _warm(service, qs)
    t0 = time.perf_counter()
    seq = []
    for q in qs:
        t = time.perf_counter()
        service.ask(q, llm="none")
        seq.append((time.perf_counter() - t) * 1000)
    seq_s = time.perf_counter() - t0
    pool, workers = _executor()
    try:
        ms, wall = asyncio.run(_gather(service, qs, pool))
    finally:
        pool.shutdown(wait=True)
    return {"n": n, "workers": workers, "wall_s": round(wall, 2), "throughput_qps": round(n / wall, 2),
            "latency": latency_stats(ms), "sequential_wall_s": round(seq_s, 2),
            "sequential_qps": round(n / seq_s, 2), "sequential_latency": latency_stats(seq)}
