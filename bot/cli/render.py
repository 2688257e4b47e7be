"""The terminal's answer flow (`hoidap ask` and `hoidap chat`): the extractive cited answer printed the
moment it is made, then the lead streamed under it, then at most one quiet line about the LLM.

Answers (Vietnamese) go to stdout; nothing else is printed into the conversation. The lead is shown
as it is written only on a terminal; if the guard then rejects it, the streamed lines are erased
(on a pipe the lead is printed only once the guard has passed it).
"""

from __future__ import annotations

import shutil
import sys

import click

from bot.answering.lead import NOTES

LEAD_LABEL = "Tóm lại: "
WRITING = "(đang viết phần tóm tắt…)"


def print_answer(ans) -> None:
    """A whole answer: its text, warnings and numbered sources."""
    click.echo(ans.body())
    for w in ans.warnings:
        click.secho(w, fg="yellow")
    print_sources(ans)


def print_sources(ans) -> None:
    if ans.citations:
        click.secho("\nNguồn:", bold=True)
        for i, h in enumerate(ans.citations, 1):
            status = f" [{h.status}]" if h.status else ""
            page = f", {h.page_label()}" if h.scanned else ""          # "trang 2, bản quét" (issue 14)
            click.echo(f"[{i}] {h.doc_label() if h.is_article else h.number or '-'} — {h.title} — {h.section}"
                       f"{page}{status} ({h.source})")
            if h.basis:       # an article's legal basis (issue 16)
                click.echo(f"    {h.basis}")


class TerminalFlow:
    """on_extractive / on_token callbacks for service.ask, and `finish(final)` after it returns."""

    def __init__(self, llm_on: bool, live: bool | None = None):
        self.llm_on = llm_on
        self.live = sys.stdout.isatty() if live is None else live
        self.extractive = None
        self.streamed: list[str] = []
        self._writing_shown = False

    def on_extractive(self, ans) -> None:
        self.extractive = ans
        click.echo(ans.body())
        sources = [c for c in ans.citations]
        for w in ans.warnings:
            click.secho(w, fg="yellow")
        if sources:
            print_sources(ans)
        if self.llm_on and not ans.refused and ans.citations and self.live:
            click.secho(WRITING, dim=True, nl=False)
            self._writing_shown = True

    def on_token(self, piece: str) -> None:
        if not self.live:
            return
        if self._writing_shown:
            click.echo("\r\x1b[2K", nl=False)     # the "writing…" line gives way to the lead
            self._writing_shown = False
            click.echo("\n" + LEAD_LABEL, nl=False)
        self.streamed.append(piece)
        click.echo(piece, nl=False)

    def _erase_streamed(self) -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        text = "\n" + LEAD_LABEL + "".join(self.streamed)
        rows = sum(max(1, -(-len(line) // width)) for line in text.split("\n")) - 1
        click.echo(f"\r\x1b[{rows}F\x1b[J" if rows else "\r\x1b[2K", nl=False)

    def finish(self, final) -> None:
        if self._writing_shown:
            click.echo("\r\x1b[2K", nl=False)
        if self.extractive is None:       # nothing was shown yet (an empty question): the whole answer
            print_answer(final)
            return
        if final.lead:
            if self.streamed:
                if "".join(self.streamed).strip() != final.lead:   # trimmed to three sentences
                    self._erase_streamed()
                    click.echo("\n" + LEAD_LABEL + final.lead)
                else:
                    click.echo()
            else:
                click.echo("\n" + LEAD_LABEL + final.lead)
        elif self.streamed:               # written, then rejected by the guard: not left on screen
            self._erase_streamed()
        if final.llm_note in NOTES:
            click.secho(NOTES[final.llm_note], dim=True)
        for w in final.warnings:
            if w not in self.extractive.warnings and w != NOTES.get(final.llm_note, "").strip("()"):
                click.secho(w, fg="yellow")
