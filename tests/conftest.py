"""Shared pytest set-up. Keep small; fixtures used by one test file belong in that file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Tests import `tests.fakes`; `python -m pytest` puts the project root on sys.path but a bare
# `pytest` run does not.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fakes import FakeEmbedder  # noqa: E402


def pytest_configure(config):
    # Also declared in pyproject.toml; repeated so the marker is known however pytest is started.
    config.addinivalue_line("markers", "models: needs the real model weights (fetched by `make test`)")


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def models_available():
    """The real weights must be present (make test fetches them); in CI a missing model is a failure."""
    import os

    from ingest.settings import Settings
    s = Settings.from_env()
    ok = (s.onnx_dir / "model_int8.onnx").exists() or Path(s.embed_model_path, "model.safetensors").exists()
    if not ok:
        msg = f"model weights not found under {s.models_dir}; run `hoidap models fetch` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return s
