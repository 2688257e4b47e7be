"""Chroma server mode: HOIDAP_CHROMA_URL points the store at a real `chroma run` on loopback.

The server is the `chroma` command of the chromadb package, started for this module with telemetry
off and stopped at the end. Ingest, search, re-ingest and remove go through it with the fake
embedder; a second service on the same URL stands in for a second bot process sharing the index.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.service import Hoidap
from ingest.pipeline import ingest_paths
from ingest.settings import Settings
from ingest.chroma import collection_name

DECREE = """QUYẾT ĐỊNH
Ban hành Quy chế thi đua, khen thưởng của Sở Nội vụ

Điều 1. Phạm vi điều chỉnh
Quy chế này quy định về công tác thi đua, khen thưởng trong Sở Nội vụ.

Điều 2. Danh hiệu Chiến sĩ thi đua cơ sở
1. Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng cho cá nhân đạt danh hiệu Lao động tiên tiến.
2. Có sáng kiến được Hội đồng sáng kiến cơ sở công nhận.

Điều 3. Thời hạn nộp hồ sơ
Hồ sơ đề nghị khen thưởng gửi về Văn phòng Sở trước ngày 15 tháng 3 hằng năm.
"""
NOTE = """Hướng dẫn tổ chức hội nghị tổng kết

Hội nghị tổng kết năm được tổ chức vào tháng 12. Các đơn vị chuẩn bị báo cáo và danh sách đại biểu.
"""


def _chroma_bin() -> str | None:
    here = Path(sys.executable).parent / "chroma"
    return str(here) if here.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _heartbeat(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/api/v2/heartbeat", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    binary = _chroma_bin()
    if not binary:
        pytest.skip("the `chroma` command (chromadb package) is not installed")
    path = tmp_path_factory.mktemp("chroma_server")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = url = None
    for _ in range(3):  # another process could take the free port between our check and the bind
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(path / "server.log", "w")
        proc = subprocess.Popen([binary, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path / "db")],
                                stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None and not _heartbeat(url):
            time.sleep(0.2)
        if proc.poll() is None and _heartbeat(url):
            break
        proc.kill()
        proc.wait()
        proc = None
    if proc is None:
        pytest.fail(f"chroma run did not answer its heartbeat; log:\n{(path / 'server.log').read_text()[-2000:]}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _server_count(url: str, embedder) -> int:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    host, port = url.rsplit(":", 1)
    client = chromadb.HttpClient(host=host.split("//")[1], port=int(port),
                                 settings=ChromaSettings(anonymized_telemetry=False))
    return client.get_collection(collection_name(embedder)).count()


def test_ingest_and_search_through_a_chroma_server(chroma_url, tmp_path, fake_embedder, monkeypatch):
    monkeypatch.setenv("HOIDAP_CHROMA_URL", chroma_url)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "qd-thi-dua.txt").write_text(DECREE, encoding="utf-8")
    (docs / "huong-dan-hoi-nghi.txt").write_text(NOTE, encoding="utf-8")
    settings = Settings.from_env(data_dir=tmp_path / "data", llm="none")
    assert settings.chroma_url == chroma_url

    svc = Hoidap(settings, embedder=fake_embedder)
    report = ingest_paths(svc.index, [docs], settings=settings)
    assert report.ok and len(report.added) == 2 and report.embedded > 0
    assert not (tmp_path / "data" / "chroma").exists()          # no embedded store: vectors live on the server
    assert _server_count(chroma_url, fake_embedder) == report.embedded

    # A second service on the same URL (another bot process) searches the shared vectors.
    other = Hoidap(Settings.from_env(data_dir=tmp_path / "data", llm="none"), embedder=fake_embedder)
    hits = other.search("tieu chuan chien si thi dua co so", k=3)
    assert hits and hits[0].source == "qd-thi-dua.txt" and "Điều 2" in hits[0].section
    dense = other.retriever.search("Chiến sĩ thi đua cơ sở lao động tiên tiến", k=3, mode="dense")
    assert dense and dense[0].dense_score > 0 and dense[0].source == "qd-thi-dua.txt"
    ans = other.ask("Hồ sơ đề nghị khen thưởng gửi trước ngày nào?", llm="none")
    assert not ans.refused and "15 tháng 3" in ans.answer

    # Re-ingest of unchanged files asks the server what it has and embeds nothing.
    again = ingest_paths(svc.index, [docs], settings=settings)
    assert again.embedded == 0 and len(again.unchanged) == 2

    # Removing a document deletes its vectors on the server too.
    before = _server_count(chroma_url, fake_embedder)
    assert svc.remove("huong-dan-hoi-nghi.txt").removed == ["huong-dan-hoi-nghi.txt"]
    assert _server_count(chroma_url, fake_embedder) < before
    assert all(h.source == "qd-thi-dua.txt" for h in svc.search("hội nghị tổng kết", k=5))
