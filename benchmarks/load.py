"""Load: many concurrent users against the Telegram answer path and the web API, and the LLM queue.

    python -m benchmarks.load                                  # 50 users, 2 minutes each part
    python -m benchmarks.load --users 10 --duration 10 --parts web
    python -m benchmarks.load --json results.json              # also write the raw figures

Parts (all on 127.0.0.1, real processes, real models):
  telegram  `hoidap telegram` (real bot code, real Hoidap, real embedder, HOIDAP_LLM=none) polling
            the stand-in Bot API (tests/botapi_standin.py). Each user is a private chat that asks,
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
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.common import ROOT, latency_stats, say, work_dir

HOIDAP = Path(sys.executable).parent / "hoidap"
FIXTURE = ROOT / "tests" / "data" / "hostile" / "qd-21-2025-an-hoa.txt"
QUESTIONS = [
    "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?",
    "ty le chien si thi dua co so toi da bao nhieu",
    "Hồ sơ đề nghị khen thưởng gồm những gì?",
    "Tập thể lao động tiên tiến cần bao nhiêu phần trăm cá nhân đạt Lao động tiên tiến?",
    "Phong trào thi đua Dân vận khéo được triển khai thế nào?",
    "Khối thi đua các cơ quan Đảng làm gì trong năm?",
    "Mức phạt vi phạm nồng độ cồn khi lái xe máy là bao nhiêu?",
    "🙂🙂🙂",
    "'; DROP TABLE chunks; --",
    "<script>alert(1)</script> tiêu chuẩn lao động tiên tiến",
    "chiến sĩ thi đua " * 300,
]
LLM_MARKER = "nội dung này được quy định cụ thể trong văn bản"
LLM_REPLY = f"Theo nguồn [1], {LLM_MARKER}. Đề nghị xem nguyên văn điều khoản được trích dẫn [1]."
BUSY_PREFIX = "⏳"
APOLOGY = "😔"


# -- helpers -------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hoidap_env(data_dir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOIDAP_", "TELEGRAM_"))}
    env.update(HOIDAP_DATA_DIR=str(data_dir), OPENBLAS_NUM_THREADS="1", ANONYMIZED_TELEMETRY="False")
    env.update({k: str(v) for k, v in extra.items()})
    return env


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    """A `hoidap` subprocess whose output goes to a file (a pipe nobody reads would block it)."""
    out = open(log, "w", encoding="utf-8")
    try:
        return subprocess.Popen([str(HOIDAP), *args], env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    finally:
        out.close()


def stop(proc: subprocess.Popen, timeout: float = 60) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
    return proc.wait(30)


def build_index(data_dir: Path, paths: list[Path] | None = None, timeout: float = 1800) -> Path:
    """`hoidap ingest` the documents (default: corpus/ and the An Hòa decree); unchanged files are skipped."""
    paths = paths or [ROOT / "corpus", FIXTURE]
    r = subprocess.run([str(HOIDAP), "ingest", *map(str, paths)], env=hoidap_env(data_dir), cwd=ROOT,
                       capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"ingest failed: {r.stderr[-2000:]}")
    return data_dir


class RssPoller:
    """Peak RSS (MiB) of a process and its children while the `with` body runs."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval, self.peak_mb = pid, interval, 0.0
        self._done = threading.Event()

    def _poll(self):
        import psutil
        try:
            proc = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._done.is_set():
            try:
                total = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
                self.peak_mb = max(self.peak_mb, total / 2**20)
            except psutil.Error:
                pass
            self._done.wait(self.interval)

    def __enter__(self):
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()


# -- a slow OpenAI-compatible LLM ----------------------------------------------------------------

class FakeLLMServer:
    """An OpenAI-compatible /v1/chat/completions on 127.0.0.1 that streams a fixed reply slowly.

    reply: the text, or a function of the request's messages returning it.
    token_delay: seconds before each word. status: answer every request with this HTTP status
    instead (with an error body that echoes the Authorization header when echo_auth is set, as a
    careless proxy might). Records every request (`requests`) and the most served at once (`peak`).
    """

    def __init__(self, reply=LLM_REPLY, token_delay: float = 0.05, status: int = 200, echo_auth: bool = False):
        self.reply, self.token_delay, self.status, self.echo_auth = reply, token_delay, status, echo_auth
        self.requests: list[dict] = []
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()
        self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "FakeLLMServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> "FakeLLMServer":
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
                with outer._lock:
                    outer.requests.append({"messages": body.get("messages", []), "headers": dict(self.headers)})
                    outer.active += 1
                    outer.peak = max(outer.peak, outer.active)
                try:
                    if outer.status != 200:
                        auth = self.headers.get("authorization", "") if outer.echo_auth else ""
                        self._json(outer.status, {"error": {"message": f"Incorrect API key provided: {auth}",
                                                            "type": "invalid_request_error"}})
                        return
                    reply = outer.reply(body.get("messages", [])) if callable(outer.reply) else outer.reply
                    if body.get("stream"):
                        self._stream(reply)
                    else:
                        time.sleep(outer.token_delay * len(reply.split()))
                        self._json(200, _completion(reply))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): fine
                finally:
                    with outer._lock:
                        outer.active -= 1

            def _json(self, status, obj):
                data = json.dumps(obj, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, reply: str):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                words = reply.split(" ")
                for i, word in enumerate(words):
                    time.sleep(outer.token_delay)
                    piece = word if i == 0 else " " + word
                    self.wfile.write(f"data: {json.dumps(_chunk(piece), ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(f"data: {json.dumps(_chunk('', 'stop'))}\n\ndata: [DONE]\n\n".encode())
                self.wfile.flush()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True, name="fake-llm").start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def _chunk(content: str, finish: str | None = None) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()), "model": "fake",
            "choices": [{"index": 0, "delta": {"content": content} if content else {}, "finish_reason": finish}]}


def _completion(text: str) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": "fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


# -- telegram ------------------------------------------------------------------------------------

def _standin_class():
    sys.path.insert(0, str(ROOT))
    from tests.botapi_standin import BotApiStandin

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
                   timeout: float = 90, questions: list[str] | None = None, log_dir: Path | None = None) -> dict:
    """Run `users` logged-in clients against `hoidap web --llm none` for `duration` seconds."""
    import httpx
    questions = [q[:2000] for q in (questions or QUESTIONS)]
    name, password = "tai-thu-tai", "mat-khau-tai-thu-12345"
    env = hoidap_env(data_dir, HOIDAP_USER_PASSWORD=password)
    subprocess.run([str(HOIDAP), "user", "remove", name], env=env, capture_output=True, timeout=120)
    subprocess.run([str(HOIDAP), "user", "add", name], env=env, check=True, capture_output=True, timeout=120)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (log_dir or Path(data_dir).parent) / "load-web.log"
    proc = start(["web", "--host", "127.0.0.1", "--port", str(port), "--llm", "none"], env, log)
    latencies: dict[str, list[float]] = {"ask": [], "search": []}
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
            "errors": len(errors), "error_samples": errors[:5], "latency_ask": latency_stats(latencies["ask"]),
            "latency_search": latency_stats(latencies["search"]), "latency": latency_stats(all_ms),
            "peak_rss_mb": round(rss.peak_mb, 1), "exit_code": code}


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
