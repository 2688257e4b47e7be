"""`hoidap ingest` of a photo with the real models, through the CLI: the clause is found and answered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.scans import as_photo, render_pages
from tests.test_ocr import DECREE, tesseract  # noqa: F401  (fixture)

pytestmark = pytest.mark.models
ROOT = Path(__file__).resolve().parent.parent


def _cli(args, data):
    env = {**os.environ, "HOIDAP_DATA_DIR": str(data), "OPENBLAS_NUM_THREADS": "1", "HOIDAP_LLM": "none"}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def test_photo_ingested_and_answered_unsupported_type_named(tmp_path, models_available, tesseract):  # noqa: F811
    photo = tmp_path / "quyet-dinh.jpg"
    as_photo(render_pages(DECREE, dpi=200, max_pages=1)[0], seed=5).save(photo, "JPEG", quality=80)
    sheet = tmp_path / "bang-tinh.xlsx"
    sheet.write_bytes(b"PK\x03\x04 spreadsheet")
    data = tmp_path / "data"
    run = _cli(["ingest", str(photo), str(sheet)], data)
    assert run.returncode == 1, run.stderr                    # the spreadsheet named explicitly
    assert f"SKIPPED {sheet}: unsupported file type '.xlsx'" in run.stderr
    assert "1 added" in run.stdout
    run = _cli(["search", "tỷ lệ cá nhân được công nhận chiến sĩ thi đua cơ sở tối đa bao nhiêu", "--json",
                "--k", "3"], data)
    assert run.returncode == 0, run.stderr
    hits = json.loads(run.stdout)
    hits = hits["results"]
    assert hits[0]["source"] == "quyet-dinh.jpg" and "không quá 15%" in hits[0]["text"]
    run = _cli(["ask", "Tỷ lệ cá nhân được công nhận Chiến sĩ thi đua cơ sở là bao nhiêu?", "--json"], data)
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert not answer["refused"] and "15%" in answer["answer"]
