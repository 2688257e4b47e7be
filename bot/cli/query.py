"""`hoidap search | ask | chat | relation`: the reading commands and their JSON contract.

search --jsonl → {"id", "results": [{"rank", "score", "source", "title", "number", "section",
                  "section_path", "text", "status", "label", "date", "kind", "published", "publisher",
                  "basis", "basis_refs"}]}
ask --jsonl    → {"id", "answer", "refused", "citations": [{"source", "title", "number", "section",
                  "section_path", "text", "status", "label", "date", "kind", "published", "publisher",
                  "basis", "basis_refs", "page", "scanned", "page_label"}], "timings_ms": {"retrieve", "generate", "total"},
                  "direct": {"text", "source", "number", "section", "section_path", "kind", "unit"} | null,
                  "mode", and when an LLM took part "llm": {"model", "prompt_tokens", "completion_tokens",
                  "first_token_ms", "total_ms"}, "lead" (the guarded lead above the quote) or "llm_note"
                  (busy | slow | unavailable | failed: why there is none)}
ask and chat print the extractive cited answer the moment it is made, then the lead (bot/cli/render.py).
"""

from __future__ import annotations

import json
import logging
import sys
import threading

import click

from bot.cli.group import main, make_service, require_index
from bot.cli.render import TerminalFlow
from bot.click_options import settings_obj, with_settings

LLM_HELP = "local | none | an OpenAI-compatible base URL (default: $HOIDAP_LLM, else local when the model is present)."


def read_jsonl(path):
    """Yield (line_no, obj) from a JSONL file; a bad line is reported (stderr) and skipped."""
    with click.open_file(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict) or not isinstance(obj.get("question", ""), str):
                    raise ValueError("not an object with a string 'question'")
                yield n, obj
            except ValueError as exc:
                click.echo(f"line {n}: skipped, invalid JSON line ({exc})", err=True)


def emit(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def result_row(rank: int, hit) -> dict:
    return {"rank": rank, "score": round(hit.score, 6), "source": hit.source, "title": hit.title,
            "number": hit.number, "section": hit.section, "section_path": list(hit.section_path), "text": hit.text,
            "status": hit.status,
            # issue 16: the document's metadata, as in ask's citations
            **{k: v for k, v in hit.citation().items() if k in ARTICLE_KEYS}}


ARTICLE_KEYS = ("label", "date", "kind", "published", "publisher", "basis", "basis_refs",
                "page", "scanned", "page_label")   # issue 14: a scanned page names itself


def _filters(document, issuer, year):
    return {"document": document, "issuer": issuer, "year": year} if (document or issuer or year) else None


@main.command()
@click.argument("question", required=False)
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--jsonl", type=click.Path(exists=True, dir_okay=False, allow_dash=True), help="Batch: JSON lines in, out.")
@click.option("--all-versions", is_flag=True, help="Do not rank replaced documents lower.")
@click.option("--document", help="Only this document (file name or số hiệu).")
@click.option("--issuer", help="Only documents whose issuing body contains this.")
@click.option("--year", type=int, help="Only documents issued in this year.")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "keyword"]), default="hybrid", hidden=True)
@with_settings
def search(question, k, as_json, jsonl, all_versions, document, issuer, year, mode):
    """Find the clauses that match a question (no answer generation)."""
    if not (question or "").strip() and not jsonl:   # a blank argument is no question either
        raise click.UsageError("give a QUESTION or --jsonl FILE")
    settings = settings_obj()
    require_index(settings)
    svc = make_service(settings)
    filters = _filters(document, issuer, year)
    if jsonl:
        for _, obj in read_jsonl(jsonl):
            q = _with_history(obj)
            hits = svc.search(q, k=k, filters=filters, all_versions=all_versions, mode=mode) if q.strip() else []
            emit({"id": obj.get("id"), "results": [result_row(i, h) for i, h in enumerate(hits, 1)]})
        return
    hits = svc.search(question, k=k, filters=filters, all_versions=all_versions, mode=mode)
    if as_json:
        click.echo(json.dumps({"results": [result_row(i, h) for i, h in enumerate(hits, 1)]}, ensure_ascii=False, indent=1))
        return
    if not hits:
        click.echo("Không tìm thấy điều khoản nào.")
    for i, h in enumerate(hits, 1):
        status = f" [{h.status}]" if h.status else ""
        name = h.doc_label() if h.is_article else (h.number or h.source)
        click.secho(f"{i}. {name} — {h.section}{status}  (score {h.score:.4f})", bold=True)
        click.echo(f"   {h.title}  [{h.source}]")
        if h.basis:
            click.echo(f"   {h.basis}")
        click.echo("   " + h.text[:400].replace("\n", "\n   ") + ("…" if len(h.text) > 400 else ""))


def _with_history(obj: dict) -> str:
    """For batch search: a follow-up question carries its conversation (same rule as ask)."""
    from bot.answering.followup import standalone_question
    hist = [h for h in obj.get("history") or [] if isinstance(h, str)]
    return standalone_question(obj.get("question") or "", hist)


@main.command()
@click.argument("question", required=False)
@click.option("--llm", "llm_mode", default=None, help=LLM_HELP)
@click.option("--json", "as_json", is_flag=True)
@click.option("--jsonl", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--all-versions", is_flag=True, help="Do not rank replaced documents lower.")
@with_settings
def ask(question, llm_mode, as_json, jsonl, all_versions):
    """Answer a question with citations (or say the documents do not cover it)."""
    if not (question or "").strip() and not jsonl:   # a blank argument is no question either
        raise click.UsageError("give a QUESTION or --jsonl FILE")
    settings = settings_obj()
    require_index(settings)
    svc = make_service(settings)
    if jsonl:
        for _, obj in read_jsonl(jsonl):
            hist = [h for h in obj.get("history") or [] if isinstance(h, str)]
            ans = svc.ask(obj.get("question") or "", history=hist, llm=llm_mode, all_versions=all_versions)
            emit(ans.to_json(obj.get("id")))
        return
    if as_json:
        ans = svc.ask(question, llm=llm_mode, all_versions=all_versions)
        click.echo(json.dumps(ans.to_json(), ensure_ascii=False, indent=1))
        return
    flow = TerminalFlow(llm_on=_llm_on(settings, llm_mode))
    flow.finish(svc.ask(question, llm=llm_mode, all_versions=all_versions,
                        on_extractive=flow.on_extractive, on_token=flow.on_token))


def _llm_on(settings, llm_mode) -> bool:
    mode = llm_mode or settings.llm
    return not (mode == "none" or (mode == "auto" and settings.llm_mode == "none"))


@main.command()
@click.option("--llm", "llm_mode", default=None, help=LLM_HELP)
@with_settings
def chat(llm_mode):
    """Interactive conversation in the terminal (empty line or Ctrl-D to quit, /moi to start over)."""
    settings = settings_obj()
    require_index(settings)
    svc = make_service(settings)
    history: list[str] = []
    llm_on = _llm_on(settings, llm_mode)
    quiet_console()
    if llm_on:   # start the LLM server while the user types: the first lead need not wait for it
        threading.Thread(target=svc.warm_llm, args=(llm_mode,), daemon=True, name="llm-warm-up").start()
    click.echo("hoidap — hỏi đáp văn bản quy định. Gõ câu hỏi; /moi để bắt đầu lại; dòng trống để thoát.")
    try:   # the index and the embedder load now, not after the first Enter
        svc.search("khen thưởng", k=1)
    except Exception as exc:
        logging.getLogger(__name__).info("warm-up search failed: %s", exc)
    while True:
        try:
            q = input("\nBạn: ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not q:
            break
        if q == "/moi":
            history.clear()
            click.echo("Đã bắt đầu cuộc trò chuyện mới.")
            continue
        flow = TerminalFlow(llm_on=llm_on)
        ans = svc.ask(q, history=history, llm=llm_mode, on_extractive=flow.on_extractive, on_token=flow.on_token)
        flow.finish(ans)
        history.append(q)
        history[:] = history[-5:]


def quiet_console() -> None:
    """In the conversation only errors reach the screen (the answer's quiet line says the rest);
    -v keeps everything."""
    for h in logging.getLogger().handlers:
        if getattr(h, "_hoidap", False) and h.level > logging.DEBUG:
            h.setLevel(logging.ERROR)


