"""Load on the web API: many logged-in users against `hoidap web` (ask and search)."""

from __future__ import annotations

import asyncio
import itertools
import random
import subprocess
import time
from pathlib import Path

from benchmarks.common import latency_stats
from benchmarks.load_procs import HOIDAP, QUESTIONS, RssPoller, free_port, hoidap_env, start, stop

# -- web -----------------------------------------------------------------------------------------

async def _web_up(base: str, proc: subprocess.Popen, timeout: float) -> None:
    import httpx
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"`hoidap web` exited with {proc.returncode}")
            try:
                if (await client.get(base + "/healthz", timeout=2)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("`hoidap web` did not start")
            await asyncio.sleep(0.3)


async def web_load(data_dir: Path, users: int = 50, duration: float = 120, think: float = 1.0,
                   timeout: float = 90, questions: list[str] | None = None, log_dir: Path | None = None,
                   llm: str = "none") -> dict:
    """Run `users` logged-in clients against `hoidap web --llm LLM` for `duration` seconds."""
    import httpx
    questions = [q[:2000] for q in (questions or QUESTIONS)]
    name, password = "tai-thu-tai", "mat-khau-tai-thu-12345"
    env = hoidap_env(data_dir, HOIDAP_USER_PASSWORD=password)
    subprocess.run([str(HOIDAP), "user", "remove", name], env=env, capture_output=True, timeout=120)
    subprocess.run([str(HOIDAP), "user", "add", name], env=env, check=True, capture_output=True, timeout=120)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (log_dir or Path(data_dir).parent) / "load-web.log"
    proc = start(["web", "--host", "127.0.0.1", "--port", str(port), "--llm", llm], env, log)
    latencies: dict[str, list[float]] = {"ask": [], "search": []}
    modes: dict[str, int] = {}
    statuses: dict[int, int] = {}
    errors: list[str] = []
    try:
        with RssPoller(proc.pid) as rss:
            await _web_up(base, proc, 300)
            limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
            clients = [httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) for _ in range(users)]
            tokens = []
            for client in clients:  # argon2 checks are limited to 2 at a time: log in before the clock starts
                r = await client.post("/api/login", json={"name": name, "password": password})
                r.raise_for_status()
                tokens.append(r.json()["csrf_token"])
            # warm-up: the first answer loads the models
            r = await clients[0].post("/api/ask", json={"question": questions[0]},
                                      headers={"X-CSRF-Token": tokens[0]}, timeout=300)
            r.raise_for_status()
            end = time.monotonic() + duration
            rng = random.Random(9)

            async def user(i: int):
                client, token = clients[i], tokens[i]
                await asyncio.sleep(rng.random() * min(think, 2.0))
                for n, q in enumerate(itertools.islice(itertools.cycle(questions), i, None)):
                    if time.monotonic() >= end:
                        return
                    kind = "search" if n % 4 == 3 else "ask"
                    t0 = time.perf_counter()
                    try:
                        if kind == "ask":
                            r = await client.post("/api/ask", json={"question": q}, headers={"X-CSRF-Token": token})
                        else:
                            r = await client.get("/api/search", params={"q": q, "k": 5})
                    except httpx.HTTPError as exc:
                        errors.append(f"{kind}: {type(exc).__name__}: {exc}")
                        continue
                    statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                    if r.status_code == 200:
                        latencies[kind].append((time.perf_counter() - t0) * 1000)
                        if kind == "ask":
                            body = r.json()
                            mode = body.get("mode", "?") + ("/" + body["llm_note"] if body.get("llm_note") else "")
                            modes[mode] = modes.get(mode, 0) + 1
                    elif r.status_code != 503:
                        errors.append(f"{kind} {q[:30]!r}: HTTP {r.status_code} {r.text[:100]}")
                    await asyncio.sleep(think * (0.5 + rng.random()))

            t_start = time.monotonic()
            await asyncio.gather(*(user(i) for i in range(users)))
            elapsed = time.monotonic() - t_start
            for client in clients:
                await client.aclose()
    finally:
        code = stop(proc)
    all_ms = latencies["ask"] + latencies["search"]
    return {"part": "web", "users": users, "duration_s": duration, "elapsed_s": round(elapsed, 1),
            "requests": sum(statuses.values()), "throughput_per_s": round(len(all_ms) / max(elapsed, 1e-9), 2),
            "statuses": {str(k): v for k, v in sorted(statuses.items())}, "busy_503": statuses.get(503, 0),
            "errors": len(errors), "error_samples": errors[:5], "ask_modes": modes, "llm": llm, "latency_ask": latency_stats(latencies["ask"]),
            "latency_search": latency_stats(latencies["search"]), "latency": latency_stats(all_ms),
            "peak_rss_mb": round(rss.peak_mb, 1), "exit_code": code}
