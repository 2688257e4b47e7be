"""The `hoidap` command: one click group. Answers are in Vietnamese; operator messages in English.

Examples:
  hoidap models fetch
  hoidap ingest corpus/ ../shared/corpus
  hoidap search "tieu chuan chien si thi dua co so" --k 5
  hoidap ask "Cán bộ đạt 88 điểm thì xếp loại gì?" --llm none --json
  hoidap chat
"""

from __future__ import annotations

# The group and what its commands share; the commands live in bot/cli/{index,query,relations}.py.

import logging
import os
import sys
from pathlib import Path

import click

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # numpy's BLAS threads would steal the 2 cores
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from ingest.settings import Settings  # noqa: E402


def make_service(settings: Settings):
    from bot.service import Hoidap
    return Hoidap(settings)


def require_index(settings: Settings) -> None:
    if not (Path(settings.data_dir) / "hoidap.sqlite").exists():
        raise click.ClickException(f"no index in {settings.data_dir}; run `hoidap ingest PATH` first")


QUIET_LIBRARIES = ("bm25s", "openai", "langchain", "sentence_transformers", "onnxruntime", "asyncio", "multipart")
ALWAYS_QUIET = ("httpx", "httpcore", "chromadb", "telegram.ext", "urllib3")   # request URLs carry tokens


def setup_logging(verbose: bool) -> None:
    """Operator messages (English) on stderr, WARNING and up; with -v, DEBUG from everything.

    Some libraries set their own logger to DEBUG (bm25s does, at import); a record propagates to
    our handler whatever the root logger's level, so the handler itself filters, and those loggers
    are set back to WARNING unless -v is given. Answers go to stdout and are not logs.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_hoidap", False):
            root.removeHandler(old)
    if not root.handlers:   # like basicConfig: a host that set up logging (pytest, an app) keeps its own
        handler._hoidap = True
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.WARNING)
    for name in ALWAYS_QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)


@click.group(help=__doc__)
@click.option("-v", "--verbose", is_flag=True, help="Log debug information to stderr.")
def main(verbose: bool):
    setup_logging(verbose)
