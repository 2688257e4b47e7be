"""Load on the Telegram answer path: many chats against `hoidap telegram` and the stand-in Bot API,
and the LLM queue part (more askers than the generator queue holds)."""

from __future__ import annotations

import asyncio
import itertools
import random
import subprocess
import time
from pathlib import Path

from benchmarks.common import latency_stats
from benchmarks.load_procs import QUESTIONS, RssPoller, hoidap_env, start, stop
from testkit.fake_llm import LLM_MARKER, FakeLLMServer

BUSY_PREFIX = "⏳"
APOLOGY = "😔"


def _standin_class():
    from testkit.botapi_standin import BotApiStandin

    class Standin(BotApiStandin):
        """The stand-in, telling waiting users about the bot's messages instead of being polled
        (polling 50 chats every few ms would take the CPU the bot needs)."""

        def __init__(self):
            super().__init__()
            self.waiters: dict[int, tuple] = {}   # chat id -> (loop, future, predicate)

        def _notify(self, msg: dict) -> None:
            waiter = self.waiters.get(int(msg["chat"]["id"]))
            if waiter and waiter[2](msg):
                loop, future = waiter[0], waiter[1]
                loop.call_soon_threadsafe(lambda: future.done() or future.set_result(msg))

        def _m_sendMessage(self, p):
            msg = super()._m_sendMessage(p)
            self._notify(msg)
            return msg

        def _m_editMessageText(self, p):
            msg = super()._m_editMessageText(p)
            self._notify(msg)
            return msg

        def expect(self, chat_id: int, predicate) -> asyncio.Future:
            future = asyncio.get_running_loop().create_future()
            self.waiters[chat_id] = (asyncio.get_running_loop(), future, predicate)
            return future

        def refused_calls(self) -> list[dict]:
            with self._lock:
                return [c for c in self.calls if c["status"] >= 400]

    return Standin


def has_feedback(msg: dict) -> bool:
    rows = (msg.get("reply_markup") or {}).get("inline_keyboard", [])
    return any(str(b.get("callback_data", "")).startswith("fb:") for row in rows for b in row)


def extractive_done(msg: dict) -> bool:
    """Without an LLM the answer is complete when it carries the 👍/👎 keyboard (or is an apology)."""
    return has_feedback(msg) or msg.get("text", "").startswith(APOLOGY)


def generated_done(msg: dict) -> bool:
    """With the LLM: the generated answer, the busy note, an apology or a refusal; not the interim text."""
    text = msg.get("text", "")
    if "Đang soạn câu trả lời" in text:
        return False
    return text.startswith((BUSY_PREFIX, APOLOGY)) or (LLM_MARKER in text and "Nguồn" in text) \
        or "không quy định" in text


def classify(text: str) -> str:
    if text.startswith(BUSY_PREFIX):
        return "busy"
    if text.startswith(APOLOGY):
        return "error"
    if LLM_MARKER in text:
        return "generated"
    return "answer"


async def _bot_up(api, uid: int, timeout: float, proc: subprocess.Popen) -> None:
    future = api.expect(uid, extractive_done)
    api.send_text(uid, "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?")
    deadline = time.monotonic() + timeout
    while not future.done():
        if proc.poll() is not None:
            raise RuntimeError(f"`hoidap telegram` exited with {proc.returncode} before answering")
        if time.monotonic() > deadline:
            raise RuntimeError("`hoidap telegram` did not answer within the start-up time")
        await asyncio.sleep(0.2)


async def telegram_load(data_dir: Path, users: int = 50, duration: float = 120, think: float = 1.0,
                        timeout: float = 90, questions: list[str] | None = None, log_dir: Path | None = None,
                        base_id: int = 500000) -> dict:
    """Run `users` chats against `hoidap telegram --llm none` for `duration` seconds."""
    questions = questions or QUESTIONS
    api = _standin_class()()
    api.start()
    ids = [base_id + i for i in range(users)]
    log = (log_dir or Path(data_dir).parent) / "load-telegram.log"
    env = hoidap_env(data_dir, TELEGRAM_BOT_TOKEN=api.token, HOIDAP_TELEGRAM_API_URL=api.url,
                     HOIDAP_TELEGRAM_USERS=",".join(map(str, ids)), HOIDAP_RATE_LIMIT=0, HOIDAP_LLM="none")
    proc = start(["telegram"], env, log)
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    errors: list[str] = []
    try:
        with RssPoller(proc.pid) as rss:
            await _bot_up(api, ids[0], 300, proc)
            end = time.monotonic() + duration
            rng = random.Random(8)

            async def user(uid: int, offset: int):
                await asyncio.sleep(rng.random() * min(think, 2.0))   # do not all start in the same ms
                for q in itertools.islice(itertools.cycle(questions), offset, None):
                    if time.monotonic() >= end:
                        return
                    future = api.expect(uid, extractive_done)
                    t0 = time.perf_counter()
                    api.send_text(uid, q)
                    try:
                        msg = await asyncio.wait_for(future, timeout)
                    except asyncio.TimeoutError:
                        errors.append(f"user {uid}: no answer within {timeout:.0f} s to {q[:40]!r}")
                        continue
                    latencies.append((time.perf_counter() - t0) * 1000)
                    kind = classify(msg.get("text", ""))
                    outcomes[kind] = outcomes.get(kind, 0) + 1
                    if kind == "error":
                        errors.append(f"user {uid}: apology for {q[:40]!r}")
                    await asyncio.sleep(think * (0.5 + rng.random()))

            t_start = time.monotonic()
            await asyncio.gather(*(user(uid, i) for i, uid in enumerate(ids)))
            elapsed = time.monotonic() - t_start
        refused = api.refused_calls()
        errors += [f"Bot API refused {c['method']}: status {c['status']}" for c in refused]
    finally:
        code = stop(proc)
        api.stop()
    log_text = log.read_text(encoding="utf-8", errors="replace")
    if "Traceback" in log_text:
        errors.append("traceback in the bot's log")
    return {"part": "telegram", "users": users, "duration_s": duration, "elapsed_s": round(elapsed, 1),
            "answers": len(latencies), "throughput_per_s": round(len(latencies) / max(elapsed, 1e-9), 2),
            "outcomes": outcomes, "errors": len(errors), "error_samples": errors[:5],
            "latency": latency_stats(latencies), "peak_rss_mb": round(rss.peak_mb, 1), "exit_code": code,
            "token_in_log": api.token in log_text}


# -- the LLM queue -------------------------------------------------------------------------------

async def llm_queue_load(data_dir: Path, users: int = 30, token_delay: float = 0.15, timeout: float = 180,
                         log_dir: Path | None = None, base_id: int = 600000) -> dict:
    """All `users` ask at once through `hoidap telegram` with a slow LLM behind a URL (4 at a time,
    16 waiting): the rest must be told "đang bận" at once, with the quoted clause."""
    api = _standin_class()()
    api.start()
    ids = [base_id + i for i in range(users)]
    log = (log_dir or Path(data_dir).parent) / "load-llmqueue.log"
    with FakeLLMServer(token_delay=token_delay) as llm:
        env = hoidap_env(data_dir, TELEGRAM_BOT_TOKEN=api.token, HOIDAP_TELEGRAM_API_URL=api.url,
                         HOIDAP_TELEGRAM_USERS=",".join(map(str, ids)), HOIDAP_RATE_LIMIT=0, HOIDAP_LLM=llm.url,
                         HOIDAP_LLM_TIMEOUT=timeout)
        proc = start(["telegram"], env, log)
        results: list[tuple[str, float]] = []
        errors: list[str] = []
        try:
            with RssPoller(proc.pid) as rss:
                await _bot_up_llm(api, ids[0], proc)
                llm.requests.clear()
                llm.peak = 0

                async def user(uid: int):
                    future = api.expect(uid, generated_done)
                    t0 = time.perf_counter()
                    api.send_text(uid, QUESTIONS[0])
                    try:
                        msg = await asyncio.wait_for(future, timeout)
                    except asyncio.TimeoutError:
                        errors.append(f"user {uid}: no final answer within {timeout:.0f} s")
                        return
                    results.append((classify(msg.get("text", "")), (time.perf_counter() - t0) * 1000))

                await asyncio.gather(*(user(uid) for uid in ids))
        finally:
            code = stop(proc)
            api.stop()
        peak, served = llm.peak, len(llm.requests)
    by_kind: dict[str, list[float]] = {}
    for kind, ms in results:
        by_kind.setdefault(kind, []).append(ms)
    errors += [f"apology to {n} users" for n in [len(by_kind.get("error", []))] if n]
    return {"part": "llmqueue", "users": users, "token_delay_s": token_delay,
            "outcomes": {k: len(v) for k, v in by_kind.items()},
            "latency_by_outcome": {k: latency_stats(v) for k, v in by_kind.items()},
            "llm_requests": served, "llm_peak_concurrent": peak, "errors": len(errors),
            "error_samples": errors[:5], "peak_rss_mb": round(rss.peak_mb, 1), "exit_code": code}


async def _bot_up_llm(api, uid: int, proc: subprocess.Popen) -> None:
    future = api.expect(uid, generated_done)
    api.send_text(uid, QUESTIONS[0])
    deadline = time.monotonic() + 300
    while not future.done():
        if proc.poll() is not None:
            raise RuntimeError(f"`hoidap telegram` exited with {proc.returncode} before answering")
        if time.monotonic() > deadline:
            raise RuntimeError("`hoidap telegram` did not answer within the start-up time")
        await asyncio.sleep(0.2)
