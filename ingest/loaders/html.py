"""HTML (.html, .htm): the visible text, one line per block, tables as "cell | cell" rows.

lxml's HTML parser calls us back with start/end/data events and builds no tree, so a page nested
100,000 elements deep costs no recursion and little memory; libxml2 supplies the implied end tags
(`<p>` without `</p>`, `<td>` without `</td>`), so every start has its end.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from ingest.loaders import render_row, roman_numeral
from ingest.loaders.txt import decode
from ingest.types import LoadedText

# Never shown to a reader (or not document text: navigation menus, form widgets).
_SKIP = {"script", "style", "nav", "head", "noscript", "template", "svg", "math", "iframe", "object",
         "embed", "canvas", "select", "button", "datalist", "audio", "video", "map", "dialog"}
_BLOCK = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
          "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
          "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "ol", "p", "pre",
          "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "br", "option"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def extract(data: bytes, path: Path, max_pages: int | None = None) -> LoadedText:
    text, warnings = _decode(data, path)
    target = _TextTarget()
    parser = etree.HTMLParser(target=target, recover=True, no_network=True, remove_comments=True,
                              remove_pis=True)
    parser.feed(text)
    return LoadedText(text=parser.close(), kind="html", warnings=warnings)


def _decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Honour a declared <meta charset> that decodes cleanly; otherwise decode like a text file."""
    found = _META_CHARSET.search(data[:4096])
    has_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if found and not has_bom and b"\x00" not in data:
        try:
            name = codecs.lookup(found.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            name = ""
        if name and name not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            try:
                return data.decode(name), []  # a legacy TCVN3 page is repaired by load() afterwards
            except UnicodeDecodeError:
                pass
    return decode(data, path)


class _TextTarget:
    """Parser target: collects lines; a stack of open cells, each with its own lines."""

    def __init__(self):
        self.sinks = [_Sink()]    # document, then one per open table cell
        self.tables = []          # per open table: the current row's cells, or None between rows
        self.skip = 0             # depth inside an element we do not show
        self.pre = 0              # depth inside <pre>: keep its line breaks
        self.lists = []           # open <ol>/<ul>: [next number, type] or None for bullets

    def start(self, tag, attrib):
        tag = tag.lower() if isinstance(tag, str) else ""
        if self.skip:
            self.skip += 1
            return
        if tag in _SKIP or "hidden" in attrib or _HIDDEN_STYLE.search(attrib.get("style", "")):
            self.skip = 1
            return
        if tag == "table":
            self.sinks[-1].newline()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].start_row()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].start_cell()
            self.sinks.append(_Sink())
        elif tag in _BLOCK:
            self.sinks[-1].newline()
        if tag == "pre":
            self.pre += 1
        elif tag == "ol":
            self.lists.append([_int(attrib.get("start"), 1), attrib.get("type", "1")])
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "li":
            self.sinks[-1].add(self._list_marker(_int(attrib.get("value"), None)))
        elif tag == "img" and attrib.get("alt", "").strip():
            self.sinks[-1].add(" " + attrib["alt"] + " ")

    def end(self, tag):
        tag = tag.lower() if isinstance(tag, str) else ""
        if self.skip:
            self.skip -= 1
            return
        if tag in ("td", "th") and self.tables and self.tables[-1].in_cell and len(self.sinks) > 1:
            self.tables[-1].end_cell(self.sinks.pop().lines())
        elif tag == "tr" and self.tables:
            self._emit(self.tables[-1].end_row())
        elif tag == "table" and self.tables:
            self._emit(self.tables.pop().end_row())
            self.sinks[-1].newline()
        elif tag in _BLOCK:
            self.sinks[-1].newline()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag in ("ol", "ul") and self.lists:
            self.lists.pop()

    def _list_marker(self, value) -> str:
        """What a browser draws before a list item: "- ", or "1. ", "a. ", "iv. "."""
        if not self.lists or self.lists[-1] is None:
            return "- "
        state = self.lists[-1]
        number = value if value is not None else state[0]
        state[0] = number + 1
        kind = state[1]
        if kind in ("a", "A") and 0 < number <= 26:
            label = chr(ord(kind) + number - 1)
        elif kind in ("i", "I"):
            label = roman_numeral(number).lower() if kind == "i" else roman_numeral(number)
        else:
            label = str(number)
        return f"{label}. "

    def _emit(self, cells):
        if cells is not None:
            self.sinks[-1].add_lines(render_row(cells))

    def data(self, text):
        if self.skip:
            return
        if self.pre:
            first, *rest = text.split("\n")
            self.sinks[-1].add(first)
            for line in rest:
                self.sinks[-1].newline(force=True)
                self.sinks[-1].add(line)
        else:
            self.sinks[-1].add(text)

    def comment(self, text):
        pass

    def close(self):
        while len(self.sinks) > 1:  # unclosed cells at end of input
            self.sinks[-2].add_lines(self.sinks.pop().lines())
        return "\n".join(self.sinks[0].lines())


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class _Sink:
    """Text fragments of the current line, and the finished lines."""

    def __init__(self):
        self._lines: list[str] = []
        self._parts: list[str] = []

    def add(self, text: str):
        self._parts.append(text)

    def newline(self, force: bool = False):
        line = " ".join("".join(self._parts).split())
        self._parts = []
        if line or force:
            self._lines.append(line)

    def add_lines(self, lines: list[str]):
        self.newline()
        self._lines.extend(lines)

    def lines(self) -> list[str]:
        self.newline()
        return self._lines


class _Table:
    def __init__(self):
        self.row = None       # list of cells (each a list of lines) while a row is open
        self.in_cell = False

    def start_row(self):
        self.row = []

    def start_cell(self):
        if self.row is None:   # <td> without <tr>
            self.start_row()
        self.in_cell = True

    def end_cell(self, lines):
        self.row.append(lines)
        self.in_cell = False

    def end_row(self):
        row, self.row = self.row, None
        return row
