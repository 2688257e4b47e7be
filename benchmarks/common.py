"""What every benchmark shares: paths, percentiles, memory polling, the environment block and the
docs/benchmarks.md section writer."""

from __future__ import annotations

import os

# Same reason as ingest/embed.py: numpy's OpenBLAS threads would steal the two cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import json  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from importlib import metadata  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
PLOTS = ROOT / "docs" / "benchmarks"
DEV_SET = ROOT / "eval" / "dev.jsonl"


def shared_dir() -> Path:
    """../shared next to the project (HOIDAP_SHARED_DIR to change); may not exist."""
    return Path(os.environ.get("HOIDAP_SHARED_DIR") or ROOT.parent / "shared")


def work_dir(arg: str | None = None) -> Path:
    """Where benchmark indexes live (kept between runs so a re-run re-embeds nothing)."""
    d = Path(arg or os.environ.get("HOIDAP_BENCH_DIR") or "/tmp/hoidap-bench")
    d.mkdir(parents=True, exist_ok=True)
    return d


def say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values, p: float) -> float:
    """Nearest-rank percentile (same rule as `hoidap eval`)."""
    values = sorted(values)
    if not values:
        return 0.0
    idx = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return float(values[idx])


def latency_stats(ms: list[float]) -> dict:
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "mean_ms": round(sum(ms) / len(ms), 1) if ms else 0.0, "max_ms": round(max(ms), 1) if ms else 0.0}


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dev_questions(limit: int | None = None) -> list[str]:
    """Questions from eval/dev.jsonl (the shipped development set), else a small built-in list."""
    qs = [it["question"] for it in load_jsonl(DEV_SET)] if DEV_SET.exists() else list(FALLBACK_QUESTIONS)
    return qs[:limit] if limit else qs


FALLBACK_QUESTIONS = (
    "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?",
    "don vi dat 88 diem thi xep loai gi",
    "Hồ sơ đề nghị khen thưởng gồm những gì?",
    "Thời hạn gửi hồ sơ đề nghị khen thưởng là bao lâu?",
    "Danh hiệu Lao động tiên tiến xét cho ai?",
    "Viên chức bị xếp loại không hoàn thành nhiệm vụ khi nào?",
)


# --- memory --------------------------------------------------------------------------------------

def rss_mb(pid: int | None = None) -> float:
    import psutil
    return psutil.Process(pid or os.getpid()).memory_info().rss / 2**20


@dataclass
class Measured:
    returncode: int
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str


def run_measured(cmd: list[str], env: dict | None = None, timeout: float | None = None,
                 interval: float = 0.1) -> Measured:
    """Run a command, polling the RSS of it and its children (sum) every `interval` s."""
    import psutil
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, cwd=ROOT)
    peak = [0.0]
    done = threading.Event()

    def poll():
        p = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                total = p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))
                peak[0] = max(peak[0], total / 2**20)
            except psutil.Error:
                pass
            done.wait(interval)

    t = threading.Thread(target=poll, daemon=True)
    t.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        done.set()
        t.join()
    return Measured(proc.returncode, time.perf_counter() - t0, round(peak[0], 1), out, err)


def dir_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20, 1)


# --- environment -----------------------------------------------------------------------------------

PACKAGES = ("chromadb", "onnxruntime", "torch", "sentence-transformers", "bm25s", "pyvi", "xllamacpp",
            "langchain-core", "numpy")


def environment() -> dict:
    cpu = ""
    try:
        m = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = m.group(1).strip() if m else ""
    except OSError:
        pass
    try:
        import psutil
        ram = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:
        ram = "?"
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    commit = ""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "cpu": cpu, "cores": os.cpu_count(), "ram": ram,
            "os": platform.platform(), "python": platform.python_version(), "commit": commit,
            "load_avg": [round(x, 2) for x in os.getloadavg()], "versions": versions}


def environment_md(env: dict, extra: dict | None = None) -> str:
    v = ", ".join(f"{k} {x}" for k, x in env["versions"].items())
    lines = [f"- Date: {env['date']}; hoidap commit `{env['commit'] or '?'}` (plus uncommitted work)",
             f"- Machine: {env['cpu'] or '?'}, {env['cores']} cores, {env['ram']} RAM; {env['os']}",
             f"- Python {env['python']}; {v}",
             f"- Load average at start: {env['load_avg']} (other processes share the 2 cores; see notes)"]
    for k, x in (extra or {}).items():
        lines.append(f"- {k}: {x}")
    return "\n".join(lines)


# --- docs/benchmarks.md -----------------------------------------------------------------------------

HEAD = """# hoidap benchmarks

Regenerated by `make bench` (section *Speed and scale*) and `make bench-quality` (section *External
benchmarks*); each command rewrites only its own section, between the `BEGIN`/`END` markers, and
prints it. The JSON under each section is the raw result. Figures are from one 2-core machine that
other work was sharing; where they look noisy the notes say so.
"""


def write_section(name: str, body: str, data: dict, doc: Path = DOC) -> None:
    """Replace the `name` section of docs/benchmarks.md (creating the file or section as needed)."""
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    raw = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    block = (f"{begin}\n{body.rstrip()}\n\n<details><summary>raw results (JSON)</summary>\n\n```json\n{raw}\n```\n"
             f"</details>\n{end}")
    doc.parent.mkdir(parents=True, exist_ok=True)
    text = doc.read_text(encoding="utf-8") if doc.exists() else HEAD
    if begin in text and end in text:
        pre, rest = text.split(begin, 1)
        post = rest.split(end, 1)[1]
        text = pre + block + post
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def md_table(headers: list[str], rows: list[list]) -> str:
    def cell(x):
        if isinstance(x, float):
            return f"{x:.3f}" if abs(x) < 10 else f"{x:.1f}"
        return str(x)
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows]
    return "\n".join(out)
