"""Issue 17, Done-when: the real `hoidap chat` in a pseudo-terminal shows a cited answer within a few
seconds of Enter, before the LLM's part, and no server or library log line on the screen.

The chat runs as a child process on a pty, as a user would run it. The index is built here with the
fake embedder (the child uses it too, through a two-line launcher); the LLM is the fake
OpenAI-compatible server on loopback (HOIDAP_LLM=http://127.0.0.1:PORT/v1), streaming slowly, or,
with `-m llm`, the real local model.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from testkit.fake_llm import FakeLLMServer
from tests.test_answers import decree_service

ROOT = Path(__file__).resolve().parents[1]
Q = "Tỷ lệ Chiến sĩ thi đua cơ sở là bao nhiêu?"
LEAD = "Tỷ lệ không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến [1]."
LAUNCHER = """
import bot.cli.query as q
from bot.service import Hoidap
from tests.fakes import FakeEmbedder
q.make_service = lambda settings: Hoidap(settings, embedder=FakeEmbedder())
from bot.cli import main
main(["chat"])
"""
LOG_LINES = re.compile(r"srv |load_model|launch_slot|llama_|DEBUG|bm25s|Building index|WARNING|INFO ")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Screen:
    """A child process on a pseudo-terminal, and everything it has printed, with arrival times."""

    def __init__(self, args, env):
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                                     close_fds=True)
        os.close(slave)
        self.text = ""
        self.times: list[tuple[float, int]] = []

    def read_until(self, pattern: str, timeout: float) -> float | None:
        """Read until `pattern` is on screen; the time it appeared, or None."""
        deadline = time.monotonic() + timeout
        while True:
            m = re.search(pattern, ANSI.sub("", self.text))
            if m:
                return next(t for t, n in self.times if n >= m.end())
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    return None
                self.text += data.decode("utf-8", "replace")
                self.times.append((time.monotonic(), len(ANSI.sub("", self.text))))

    def send(self, line: str) -> float:
        os.write(self.master, (line + "\n").encode())
        return time.monotonic()

    def close(self) -> None:
        try:
            os.write(self.master, b"\n")
            self.proc.wait(timeout=20)
        except Exception:
            self.proc.kill()
        os.close(self.master)


def chat_env(data_dir: Path, llm: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOIDAP_")}
    return {**env, "HOIDAP_DATA_DIR": str(data_dir), "HOIDAP_LLM": llm, "PYTHONPATH": str(ROOT),
            "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("chatpty")
    svc = decree_service(root)
    svc.close()
    return root / "data"


def run_chat(index_dir: Path, llm: str, lead_pattern: str, lead_timeout: float, **env):
    screen = Screen([sys.executable, "-c", LAUNCHER], {**chat_env(index_dir, llm), **env})
    try:
        assert screen.read_until(r"Bạn: ", 120) is not None, screen.text
        enter = screen.send(Q)
        cited = screen.read_until(r"«[^»]*15%[^»]*»[\s\S]*\[1\] 12/2025/QĐ-UBND", 60)
        assert cited is not None, screen.text
        lead = screen.read_until(lead_pattern, lead_timeout)
        screen.read_until(r"Bạn: [\s\S]*Bạn: ", lead_timeout)    # the next prompt: the turn is over
        return screen.text, cited - enter, (lead - enter) if lead else None
    finally:
        screen.close()


def test_chat_shows_the_cited_answer_first_and_no_log_lines_fake_llm(index_dir):
    with FakeLLMServer(reply=LEAD, token_delay=0.3) as server:
        text, cited_s, lead_s = run_chat(index_dir, server.url, r"Tóm lại: Tỷ lệ không quá 15%", 60)
    assert cited_s < 5, text                        # within a few seconds of Enter
    assert lead_s is not None and lead_s > cited_s, text   # the LLM's part comes after it
    assert not LOG_LINES.search(text), text


@pytest.mark.llm
@pytest.mark.models
def test_chat_with_the_real_local_llm_shows_the_quote_first_and_no_server_log(index_dir, models_available):
    if not models_available.gguf_path.exists():
        pytest.skip(f"no local GGUF at {models_available.gguf_path}")
    text, cited_s, _ = run_chat(index_dir, "local", r"Tóm lại: |\(Bộ sinh|\(Mô hình", 600,
                                HOIDAP_MODELS_DIR=str(models_available.models_dir))
    assert cited_s < 10, text
    assert not LOG_LINES.search(text), text
    assert (index_dir / "logs" / "llm.log").exists()       # the server's log went there instead
