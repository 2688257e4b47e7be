"""kill -9 during ingest, for real, at several points: the index stays consistent and usable."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.models
ROOT = Path(__file__).resolve().parent.parent

CLAUSE = ("{n}. Cá nhân thuộc đơn vị số {d} được xét tặng danh hiệu khi hoàn thành xuất sắc nhiệm vụ, "
          "có sáng kiến được công nhận và tham gia đầy đủ các phong trào thi đua do đơn vị tổ chức {d}-{n}.")


def _doc(d: int) -> str:
    lines = [f"QUY ĐỊNH\nVề thi đua của đơn vị {d}\nSố: {d}/2025/QĐ-ĐV"]
    for a in range(1, 5):
        lines.append(f"Điều {a}. Tiêu chuẩn nhóm {a} của đơn vị {d}")
        lines += [CLAUSE.format(n=n, d=d) for n in range(1, 4)]
    return "\n".join(lines)


def _consistent(data: Path) -> dict:
    """Registry invariants after a crash: every document complete, no orphan chunk."""
    db = sqlite3.connect(data / "hoidap.sqlite")
    docs = db.execute("SELECT doc_id, source, n_chunks FROM documents").fetchall()
    for doc_id, source, n in docs:
        have = db.execute("SELECT COUNT(*) FROM chunks WHERE doc_id=?", (doc_id,)).fetchone()[0]
        assert have == n, f"{source}: {have} chunks stored, {n} expected (half a document)"
    orphans = db.execute("SELECT COUNT(*) FROM chunks WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
    assert orphans == 0
    dup = db.execute("SELECT path, COUNT(*) FROM documents GROUP BY path HAVING COUNT(*) > 1").fetchall()
    assert dup == []
    db.close()
    return {s: n for _, s, n in docs}


def _run(args, data, **kw):
    env = {**os.environ, "HOIDAP_DATA_DIR": str(data), "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_kill_9_during_ingest_at_several_points(tmp_path, models_available):
    docs = tmp_path / "docs"
    docs.mkdir()
    for d in range(1, 7):
        (docs / f"dv-{d}.txt").write_text(_doc(d), encoding="utf-8")
    data = tmp_path / "data"
    # a first complete version of two documents
    first = tmp_path / "first"
    first.mkdir()
    for d in (1, 2):
        (first / f"dv-{d}.txt").write_text(_doc(d), encoding="utf-8")
    p = _run(["ingest", str(first)], data)
    assert p.wait(timeout=600) == 0, p.stderr.read()
    baseline = _consistent(data)
    assert set(baseline) == {"dv-1.txt", "dv-2.txt"}

    # now ingest the bigger folder and kill -9 it at increasing delays
    killed_states = []
    for delay in (0.5, 4.0, 8.0, 12.0):
        p = _run(["ingest", str(docs)], data)
        time.sleep(delay)
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=60)
        state = _consistent(data)
        killed_states.append(state)
        # what was complete before is still there
        assert {"dv-1.txt", "dv-2.txt"} <= set(state) or set(state) >= set(baseline)
        # and the index answers (reads survive the crash)
        s = _run(["search", "danh hiệu đơn vị số 1", "--k", "3", "--json"], data)
        out, err = s.communicate(timeout=300)
        assert s.returncode == 0, err

    # a final run completes the work and garbage-collects what the kills left
    p = _run(["ingest", str(docs)], data)
    out, err = p.communicate(timeout=900)
    assert p.returncode == 0, err
    final = _consistent(data)
    assert set(final) == {f"dv-{d}.txt" for d in range(1, 7)}
    assert all(n > 0 for n in final.values())
    # no vector is left that no chunk references
    import chromadb
    from chromadb.config import Settings as CS
    db = sqlite3.connect(data / "hoidap.sqlite")
    live = {r[0] for r in db.execute("SELECT vec_id FROM chunks")}
    col = chromadb.PersistentClient(path=str(data / "chroma"), settings=CS(anonymized_telemetry=False)) \
        .get_collection("hoidap_chunks_768")
    assert set(col.get(include=[])["ids"]) == live
