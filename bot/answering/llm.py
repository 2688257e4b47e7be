"""Every LLM through one OpenAI-compatible client: the local xllamacpp server, Ollama, vLLM, a hosted API.

`get_llm(settings, mode)` returns an `LLM` (or None for extractive answers). The local server runs in
a child process (bot/answering/llm_server.py) on 127.0.0.1 with 2 threads (MODELS.md: more threads
are slower on 2 cores) and one slot, its log in DATA_DIR/logs/llm.log, never on the user's terminal.
A small queue in front of it sheds load with `LLMBusy` instead of letting waits pile up: a question
waits at most `max_wait` seconds for the generator, then keeps its extractive answer.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

log = logging.getLogger(__name__)


# The LLM writes only the lead: three Vietnamese sentences are ~100 Qwen tokens. Generating past them
# only held the one local slot (bench: 200-token replies took 29 s in all, their first token 7-8 s).
MAX_TOKENS = 120

class LLMBusy(RuntimeError):
    """Too many questions are already waiting for the generator."""


class LLMUnavailable(RuntimeError):
    """The LLM server cannot be reached or failed."""


class LLMSlow(LLMUnavailable):
    """The LLM did not finish within its time limit (the extractive answer stands)."""


_local_lock = threading.Lock()
_local_servers: dict[str, tuple[subprocess.Popen, str]] = {}   # gguf path -> (server process, base_url)
_clients: dict[tuple, "LLM"] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_local_server(gguf: str, threads: int = 2, port: int = 0, ctx: int = 4096,
                       log_path: str | Path | None = None, ready_timeout: float = 300.0) -> str:
    """Start (or reuse, within this process) the local server for `gguf`; return its /v1 base URL.

    The server's own log goes to `log_path` (default: a file in the temp folder), not to our stderr.
    """
    with _local_lock:
        if gguf in _local_servers and _local_servers[gguf][0].poll() is None:
            return _local_servers[gguf][1]
        port = port or _free_port()
        log_path = Path(log_path) if log_path else Path(os.environ.get("TMPDIR", "/tmp")) / "hoidap-llm.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as logf:
            proc = subprocess.Popen([sys.executable, "-m", "bot.answering.llm_server", gguf, str(port),
                                     str(threads), str(ctx)],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=logf,
                                    env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        ready = proc.stdout.readline().strip()   # "ready" once the model is loaded; "" if it died
        if ready != b"ready":
            proc.kill()
            raise LLMUnavailable(f"could not start the local LLM server with {gguf}; see {log_path}")
        base = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/models", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        log.info("local LLM server on %s (log: %s)", base, log_path)
        _local_servers[gguf] = (proc, base)
        return base


@atexit.register
def stop_local_servers() -> None:
    with _local_lock:
        for proc, _ in _local_servers.values():
            try:
                proc.stdin.close()       # the child exits when its stdin closes
                proc.wait(timeout=5)
            except Exception:
                proc.kill()
        _local_servers.clear()
        _clients.clear()


class LLM:
    """A chat model behind an OpenAI-compatible endpoint, with a bounded wait queue."""

    def __init__(self, base_url: str, model: str, api_key: str, timeout: float,
                 max_concurrent: int = 1, max_waiting: int = 4, max_tokens: int = MAX_TOKENS, max_wait: float = 10.0):
        from langchain_openai import ChatOpenAI
        self.base_url = base_url
        self.model = model or "local"
        self.timeout = timeout
        self.max_wait = max_wait
        self._api_key = api_key if len(api_key or "") >= 8 else ""   # to scrub from error messages
        # stream_usage: the server's token counts come in the stream's last chunk (stream_options)
        self.chat = ChatOpenAI(base_url=base_url, model=self.model, api_key=api_key or "not-needed",
                               temperature=0.0, max_tokens=max_tokens, timeout=timeout, max_retries=0,
                               streaming=True, stream_usage=True)
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._waiting = 0
        self._max_waiting = max_waiting
        self._wlock = threading.Lock()

    def warm(self, messages: list[tuple[str, str]]) -> bool:
        """Compute `messages` into the server's prompt cache, generating one token, so that later
        prompts starting the same way skip that prefill. Skipped (False) when the slot is taken."""
        if not self._slots.acquire(blocking=False):
            return False
        try:
            self.chat.bind(max_tokens=1).invoke(messages)
            return True
        except Exception as exc:   # a warm-up never fails anything; the first question reports it
            log.info("LLM warm-up request failed: %s", exc)
            return False
        finally:
            self._slots.release()

    def stream(self, messages: list[tuple[str, str]], on_token: Callable[[str], None] | None = None) -> str:
        """Generate a reply; call on_token with each piece; return the whole text.

        Raises LLMBusy when the queue is full (or no slot frees within max_wait seconds), LLMSlow
        past the time limit, LLMUnavailable when the server fails.
        """
        return self.stream_with_stats(messages, on_token)[0]

    def stream_with_stats(self, messages, on_token=None) -> tuple[str, dict]:
        """Like `stream`, and the call's figures: {model, prompt_tokens, completion_tokens,
        first_token_ms, total_ms}."""
        with self._wlock:
            if self._waiting >= self._max_waiting:
                raise LLMBusy("the generator queue is full")
            self._waiting += 1
        try:
            got = self._slots.acquire(timeout=self.max_wait)
        finally:
            with self._wlock:
                self._waiting -= 1
        if not got:
            raise LLMBusy(f"no generator slot within {self.max_wait:.0f} s")
        try:
            return self._stream(messages, on_token)
        finally:
            self._slots.release()

    def _stream(self, messages, on_token) -> tuple[str, dict]:
        out = []
        t0 = time.monotonic()
        stats = {"model": self.model, "prompt_tokens": None, "completion_tokens": None,
                 "first_token_ms": None, "total_ms": None}
        deadline = t0 + self.timeout  # the client's timeout is per read, not per answer
        pieces = 0
        try:
            for piece, usage in self._iter(messages):
                if usage:
                    stats["prompt_tokens"] = usage.get("input_tokens")
                    stats["completion_tokens"] = usage.get("output_tokens")
                if not piece:
                    continue
                if stats["first_token_ms"] is None:
                    stats["first_token_ms"] = round((time.monotonic() - t0) * 1000, 1)
                pieces += 1
                out.append(piece)
                if on_token:
                    on_token(piece)
                if time.monotonic() > deadline:
                    raise LLMSlow(f"no complete answer within {self.timeout:.0f} s")
        except (LLMBusy, LLMUnavailable):
            raise
        except Exception as exc:  # connection refused, timeout, HTTP error: all mean "use extractive"
            message = f"{type(exc).__name__}: {exc}"
            if self._api_key and self._api_key in message:
                # Issue 8: a server or proxy may echo the key in its error ("Incorrect API key provided:
                # Bearer sk-…"); it must reach neither the log nor a traceback (hence no chained cause).
                raise LLMUnavailable(message.replace(self._api_key, "***")) from None
            if "timed out" in message.lower() or "timeout" in type(exc).__name__.lower():
                raise LLMSlow(message) from exc
            raise LLMUnavailable(message) from exc
        stats["total_ms"] = round((time.monotonic() - t0) * 1000, 1)
        if stats["completion_tokens"] is None:     # a server without stream usage: one piece ≈ one token
            stats["completion_tokens"] = pieces
        return "".join(out), stats

    def _iter(self, messages) -> Iterator[tuple[str, dict | None]]:
        for chunk in self.chat.stream(messages):
            yield chunk.content or "", getattr(chunk, "usage_metadata", None)

    def complete(self, messages: list[tuple[str, str]]) -> str:
        return self.stream(messages, None)


def get_llm(settings, mode: str | None = None) -> LLM | None:
    """The LLM for `mode` (local | none | URL; None = settings), shared per process."""
    mode = mode or settings.llm
    if mode == "auto":
        mode = settings.llm_mode
    if mode == "none":
        return None
    key = (mode, settings.llm_model, str(settings.gguf_path))
    with _local_lock:
        if key in _clients:
            return _clients[key]
    if mode == "local":
        gguf = settings.gguf_path
        if not gguf.exists():
            raise LLMUnavailable(f"local model not found at {gguf}; run `hoidap models fetch` or use --llm none")
        base = start_local_server(str(gguf), settings.llm_threads, settings.llm_port,
                                  log_path=Path(settings.data_dir) / "logs" / "llm.log")
        client = LLM(base, "local", "", settings.llm_timeout)
    else:
        base = mode.rstrip("/")
        client = LLM(base, settings.llm_model, settings.llm_api_key, settings.llm_timeout,
                     max_concurrent=4, max_waiting=16)
    with _local_lock:   # two threads may have built one at once: keep one queue per LLM
        return _clients.setdefault(key, client)
