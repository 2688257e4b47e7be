"""Every LLM through one OpenAI-compatible client: the local xllamacpp server, Ollama, vLLM, a hosted API.

`get_llm(settings, mode)` returns an `LLM` (or None for extractive answers). The local server is
started once per process on 127.0.0.1 with 2 threads (MODELS.md: more threads are slower on 2 cores)
and one slot, because slots add no throughput there; a small queue in front of it sheds load with
`LLMBusy` instead of letting waits pile up.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
import urllib.request
from typing import Callable, Iterator

log = logging.getLogger(__name__)


class LLMBusy(RuntimeError):
    """Too many questions are already waiting for the generator."""


class LLMUnavailable(RuntimeError):
    """The LLM server cannot be reached or failed."""


_local_lock = threading.Lock()
_local_servers: dict[str, tuple[object, str]] = {}   # gguf path -> (xllamacpp.Server, base_url)
_clients: dict[tuple, "LLM"] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_local_server(gguf: str, threads: int = 2, port: int = 0, ctx: int = 4096) -> str:
    """Start (or reuse, within this process) the xllamacpp server for `gguf`; return its /v1 base URL."""
    with _local_lock:
        if gguf in _local_servers:
            return _local_servers[gguf][1]
        import xllamacpp
        p = xllamacpp.CommonParams()
        p.model.path = gguf
        p.hostnames = ["127.0.0.1"]           # loopback only: the server has no authentication
        p.port = port or _free_port()
        p.cpuparams.n_threads = threads
        p.cpuparams_batch.n_threads = threads
        p.n_ctx = ctx
        p.n_parallel = 1
        p.cache_prompt = True                 # fixed instructions first: their prefill is reused
        try:
            server = xllamacpp.Server(p)      # returns once the model is loaded
        except Exception as exc:
            raise LLMUnavailable(f"could not start the local LLM server with {gguf}: {exc}") from exc
        base = f"http://127.0.0.1:{p.port}/v1"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/models", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        _local_servers[gguf] = (server, base)
        return base


def stop_local_servers() -> None:
    with _local_lock:
        _local_servers.clear()   # dropping the Server object stops it
        _clients.clear()


class LLM:
    """A chat model behind an OpenAI-compatible endpoint, with a bounded wait queue."""

    def __init__(self, base_url: str, model: str, api_key: str, timeout: float,
                 max_concurrent: int = 1, max_waiting: int = 4, max_tokens: int = 400):
        from langchain_openai import ChatOpenAI
        self.base_url = base_url
        self.timeout = timeout
        self._api_key = api_key if len(api_key or "") >= 8 else ""   # to scrub from error messages
        self.chat = ChatOpenAI(base_url=base_url, model=model or "local", api_key=api_key or "not-needed",
                               temperature=0.0, max_tokens=max_tokens, timeout=timeout, max_retries=0,
                               streaming=True)
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._waiting = 0
        self._max_waiting = max_waiting
        self._wlock = threading.Lock()

    def stream(self, messages: list[tuple[str, str]], on_token: Callable[[str], None] | None = None) -> str:
        """Generate a reply; call on_token with each piece; return the whole text.

        Raises LLMBusy when the queue is full, LLMUnavailable when the server fails.
        """
        with self._wlock:
            if self._waiting >= self._max_waiting:
                raise LLMBusy("the generator queue is full")
            self._waiting += 1
        try:
            with self._slots:
                with self._wlock:
                    self._waiting -= 1
                return self._stream(messages, on_token)
        finally:
            pass

    def _stream(self, messages, on_token) -> str:
        out = []
        deadline = time.monotonic() + self.timeout  # the client's timeout is per read, not per answer
        try:
            for piece in self._iter(messages):
                out.append(piece)
                if on_token:
                    on_token(piece)
                if time.monotonic() > deadline:
                    raise LLMUnavailable(f"no complete answer within {self.timeout:.0f} s")
        except (LLMBusy, LLMUnavailable):
            raise
        except Exception as exc:  # connection refused, timeout, HTTP error: all mean "use extractive"
            message = f"{type(exc).__name__}: {exc}"
            if self._api_key and self._api_key in message:
                # Issue 8: a server or proxy may echo the key in its error ("Incorrect API key provided:
                # Bearer sk-…"); it must reach neither the log nor a traceback (hence no chained cause).
                raise LLMUnavailable(message.replace(self._api_key, "***")) from None
            raise LLMUnavailable(message) from exc
        return "".join(out)

    def _iter(self, messages) -> Iterator[str]:
        for chunk in self.chat.stream(messages):
            if chunk.content:
                yield chunk.content

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
        base = start_local_server(str(gguf), settings.llm_threads, settings.llm_port)
        client = LLM(base, "local", "", settings.llm_timeout)
    else:
        base = mode.rstrip("/")
        client = LLM(base, settings.llm_model, settings.llm_api_key, settings.llm_timeout,
                     max_concurrent=4, max_waiting=16)
    with _local_lock:
        _clients[key] = client
    return client
