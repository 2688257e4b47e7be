"""`hoidap eval` and `hoidap relation`: measuring quality, and hand-made document relations."""

from __future__ import annotations

import json

import click

from bot.cli.group import main, make_service, require_index
from bot.click_options import settings_obj, with_settings
from bot.answering.status import RELATION_KINDS, load_manual_relations, save_manual_relations


@main.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--llm", "llm_mode", default="none", show_default=True, help="LLM for the answer metrics.")
@click.option("--modes", default="dense,keyword,hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--answers", "answers_out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write each question's answer (id, mode, refused, answer, citations) to this JSONL.")
@with_settings
def eval_cmd(file, llm_mode, modes, as_json, answers_out):
    """Retrieval and answer quality on an evaluation JSONL (see eval/README.md)."""
    from bot.evaluate import evaluate, format_table, load_items
    settings = settings_obj()
    require_index(settings)
    items = load_items(file)
    report = evaluate(make_service(settings), items, modes=[m for m in modes.split(",") if m], llm_mode=llm_mode,
                      answers_out=answers_out)
    click.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else format_table(report))


@main.group()
def relation():
    """Operator-made relations between documents (kept in DATA_DIR/relations.json, survive re-ingest)."""


@relation.command("add")
@click.argument("source")
@click.argument("kind", type=click.Choice(RELATION_KINDS))
@click.argument("target")
@click.option("--partial", is_flag=True, help="Only part of TARGET is affected.")
@click.option("--from", "effective", default="", help="Date the relation takes effect (dd/mm/yyyy).")
@with_settings
def relation_add(source, kind, target, partial, effective):
    """SOURCE (số hiệu or file) KIND (replaces|ends|repeals|amends) TARGET (số hiệu)."""
    from ingest.validity import normalize_number
    settings = settings_obj()
    rels = load_manual_relations(settings.data_dir)
    rels.append({"source": source, "kind": kind, "target": normalize_number(target), "partial": partial,
                 "effective": effective, "origin": "operator"})
    save_manual_relations(settings.data_dir, rels)
    click.echo(f"Added: {source} {kind} {normalize_number(target)}")


@relation.command("list")
@with_settings
def relation_list():
    """Show operator-made relations."""
    for i, r in enumerate(load_manual_relations(settings_obj().data_dir), 1):
        click.echo(f"{i}. {r['source']} {r['kind']} {r['target']}{' (một phần)' if r.get('partial') else ''}")


@relation.command("remove")
@click.argument("number", type=int)
@with_settings
def relation_remove(number):
    """Remove the operator-made relation with this list number."""
    settings = settings_obj()
    rels = load_manual_relations(settings.data_dir)
    if not 1 <= number <= len(rels):
        raise click.ClickException(f"no relation number {number} (see `hoidap relation list`)")
    gone = rels.pop(number - 1)
    save_manual_relations(settings.data_dir, rels)
    click.echo(f"Removed: {gone['source']} {gone['kind']} {gone['target']}")
