"""The load benchmark's processes: start and stop `hoidap`, build its index, poll its memory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from benchmarks.common import ROOT

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
