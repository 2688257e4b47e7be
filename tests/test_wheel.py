"""A wheel install answers a question: the prompts ship as package data (bot/prompts), not beside the source."""

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROMPTS = sorted(p.name for p in (ROOT / "bot" / "prompts").glob("*.txt"))

SCRIPT = r"""
import sys
from pathlib import Path
import bot
assert Path(bot.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), bot.__file__
from bot.prompts import prompt
from bot.service import Hoidap
from fake_embedder import FakeEmbedder
from ingest.settings import Settings
assert prompt("system") and prompt("answer") and prompt("rewrite")
work = Path(sys.argv[2])
svc = Hoidap(Settings(data_dir=work / "data", llm="none"), embedder=FakeEmbedder())
assert svc.ingest([work / "docs"]).ok
ans = svc.ask("Tỷ lệ cá nhân được công nhận Chiến sĩ thi đua cơ sở là bao nhiêu?")
assert not ans.refused and "15%" in ans.answer, ans.answer
off = svc.ask("Mức phạt vi phạm nồng độ cồn khi lái xe máy là bao nhiêu?")
assert off.refused and off.answer.startswith(prompt("refusal")), off.answer
print("ok")
"""


def can_build_offline() -> bool:
    """Building without network needs setuptools >= 70.1 (bdist_wheel built in) or the wheel package."""
    try:
        import setuptools
    except ImportError:
        return False
    major, minor = (int(x) for x in setuptools.__version__.split(".")[:2])
    if (major, minor) >= (70, 1):
        return True
    return importlib.util.find_spec("wheel") is not None


def build_wheel(tmp: Path) -> Path:
    """Build from a copy of the project, so the working tree gets no build/ or egg-info."""
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for pkg in ("bot", "ingest"):
        shutil.copytree(ROOT / pkg, src / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(src)], check=True, capture_output=True, timeout=600)
    return next(out.glob("hoidap-*.whl"))


def test_the_wheel_ships_the_prompts_and_answers(tmp_path):
    if not can_build_offline():
        pytest.skip("this venv cannot build a wheel offline (needs setuptools >= 70.1 or wheel)")
    from tests.test_answers import DECREE
    wheel = build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert PROMPTS and all(f"bot/prompts/{p}" in names for p in PROMPTS)
    assert "bot/web/templates/base.html" in names and "bot/cli/__main__.py" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)          # what `pip install --no-deps` puts in site-packages
    work = tmp_path / "work"
    (work / "docs").mkdir(parents=True)
    (work / "docs" / "qd-12-2025.txt").write_text(DECREE, encoding="utf-8")
    shutil.copy(ROOT / "testkit" / "fake_embedder.py", work / "fake_embedder.py")   # testkit is not in the wheel
    # Run outside the source tree (-I: no PYTHONPATH, no cwd), the installed copy first on sys.path.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "ANONYMIZED_TELEMETRY": "False", "OPENBLAS_NUM_THREADS": "1", "HOIDAP_LLM": "none"}
    r = subprocess.run([sys.executable, "-I", "-c", "import sys; sys.path[:0] = sys.argv[3].split(':'); "
                        "exec(sys.argv[4])", str(site), str(work), f"{site}:{work}", SCRIPT],
                       cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and r.stdout.strip().endswith("ok"), r.stderr[-3000:]
