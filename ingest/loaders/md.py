"""Markdown (.md, .markdown): decoded like text, then the markup is stripped lightly.

Line structure is kept, because the structure parser reads lines such as "Điều 5. ...", "1. ..."
and "a) ...": heading markers, emphasis, links, images, code fences, block quotes and table
separators go; list items keep a "- " or their number; table rows become "cell | cell".
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.loaders.txt import decode
from ingest.types import LoadedText

# Backslash escapes ("1\\." stops a list, "\\*" a literal star) are hidden from the other rules.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_HIDE = {c: chr(0xE000 + i) for i, c in enumerate("\\`*_{}[]()#+-.!|>~<")}
_SHOW = {ord(v): k for k, v in _HIDE.items()}

_MARKUP = re.compile(r"[#*_\[`<>|~]|^\s*[-=+]")  # a character some rule below acts on
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s+|$)")
_HEADING_CLOSE = re.compile(r"\s+#+\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_=])(\s*\1){2,}\s*$")  # ---, ***, ___, and setext === underlines
_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_BULLET = re.compile(r"^(\s*)[*+]\s+")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_EMPHASIS = [
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])(\*)(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])(_)(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"),
    re.compile(r"(~~)(?=\S)(.+?)(?<=\S)~~"),
]
_CODE = re.compile(r"`+([^`]*)`+")


def extract(data: bytes, path: Path, max_pages: int | None = None) -> LoadedText:
    text, warnings = decode(data, path)
    return LoadedText(text=strip_markdown(text), kind="md", warnings=warnings)


def strip_markdown(text: str) -> str:
    """Markdown to plain text, one output line per input line (minus rules and fences)."""
    text = _ESCAPE.sub(lambda m: _HIDE[m.group(1)], text)
    out = []
    for line in text.splitlines():
        if not _MARKUP.search(line):  # most lines of a converted document: nothing to strip
            out.append(line)
            continue
        if _FENCE.match(line) or _RULE.match(line) or _TABLE_SEPARATOR.match(line) \
                or _REF_DEFINITION.match(line):
            continue
        out.extend(_strip_line(line).split("\n"))
    return "\n".join(out).translate(_SHOW)


def _strip_line(line: str) -> str:
    line = _QUOTE.sub("", line)
    if _HEADING.match(line):
        line = _HEADING_CLOSE.sub("", _HEADING.sub("", line))
    line = _BULLET.sub(r"\1- ", line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda m: m.group(1) or m.group(2), line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _BR.sub("\n", line)
    line = _TAG.sub("", line)
    line = _CODE.sub(r"\1", line)
    for pattern in _EMPHASIS:
        line = pattern.sub(r"\2", line)
    if line.lstrip().startswith("|") or line.rstrip().endswith("|"):
        line = _table_row(line)
    return line


def _table_row(line: str) -> str:
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return " | ".join(cells).strip()
