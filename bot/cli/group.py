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


@click.group(help=__doc__)
@click.option("-v", "--verbose", is_flag=True, help="Log debug information to stderr.")
def main(verbose: bool):
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "chromadb", "telegram.ext", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
