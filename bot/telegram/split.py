"""Cutting Telegram HTML into messages of at most MessageLimit.MAX_TEXT_LENGTH.

Cuts fall at line breaks, else at sentence ends, else at spaces, never inside a tag or an entity;
tags open at a cut are closed at the end of one part and reopened at the start of the next.
Lengths are counted in UTF-16 units, as Telegram counts them, on the HTML source (never shorter
than the text Telegram measures, so a part that fits here fits there).
"""

from __future__ import annotations

import re

from telegram.constants import MessageLimit

LIMIT = MessageLimit.MAX_TEXT_LENGTH
_TOKEN = re.compile(r"(<[^>]*>)|(&[#\w]+;)|([^<&]+)|([<&])")
_SENTENCE_END = re.compile(r"(?<=[.!?;:…])\s+")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_html(text: str, limit: int = LIMIT) -> list[str]:
    """Split Telegram HTML into messages of at most `limit` UTF-16 units.

    Cuts at line breaks, else at sentence ends, else at spaces, never inside a tag or an entity;
    tags open at a cut are closed at the end of one part and reopened at the start of the next.
    """
    text = text.strip()
    if utf16_len(text) <= limit:
        return [text] if text else []
    budget = limit - 200  # room for the closing and reopening tags
    pieces: list[str] = []
    for line in text.split("\n"):
        pieces.extend(_split_long(line + "\n", budget))
    parts, current = [], ""
    for piece in pieces:
        if current and utf16_len(current) + utf16_len(piece) > budget:
            parts.append(current)
            current = ""
        current += piece
    if current.strip():
        parts.append(current)
    return _balance(parts)


def _split_long(line: str, budget: int) -> list[str]:
    if utf16_len(line) <= budget:
        return [line]
    out: list[str] = []
    for sentence in _cut(line, _SENTENCE_END):
        if utf16_len(sentence) <= budget:
            out.append(sentence)
            continue
        for word in _cut(sentence, re.compile(r"(?<=\s)")):
            out.extend(_hard_cut(word, budget) if utf16_len(word) > budget else [word])
    return out


def _cut(text: str, pattern: re.Pattern) -> list[str]:
    """Split after each match of `pattern` that lies outside a tag; pieces keep their separators."""
    out, start = [], 0
    for m in pattern.finditer(text):
        end = m.end()
        if _inside_tag(text, m.start()) or end == start:
            continue
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return [p for p in out if p]


def _inside_tag(text: str, pos: int) -> bool:
    return text.rfind("<", 0, pos) > text.rfind(">", 0, pos)


def _hard_cut(word: str, budget: int) -> list[str]:
    out, current = [], ""
    for m in _TOKEN.finditer(word):
        units = [m.group(0)] if (m.group(1) or m.group(2)) else list(m.group(0))
        for unit in units:
            if current and utf16_len(current) + utf16_len(unit) > budget:
                out.append(current)
                current = ""
            current += unit
    if current:
        out.append(current)
    return out


def _balance(parts: list[str]) -> list[str]:
    out, carried = [], []          # carried: (name, opening tag) still open at the previous cut
    for part in parts:
        body = "".join(tag for _, tag in carried) + part.strip("\n").rstrip()
        stack = list(carried)
        for m in re.finditer(r"<(/?)([a-zA-Z-]+)[^>]*>", part):
            closing, name = m.group(1), m.group(2).lower()
            if not closing:
                stack.append((name, m.group(0)))
            else:
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        del stack[i]
                        break
        body += "".join(f"</{name}>" for name, _ in reversed(stack))
        carried = stack
        out.append(body)
    return [p for p in out if p.strip()]
