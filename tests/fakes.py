"""Test doubles that need no model weights (they live in testkit/, shared with the benchmarks)."""

from testkit.fake_embedder import FakeEmbedder, fold  # noqa: F401 — the tests' import path
