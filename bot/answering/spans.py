"""A clause cut into the spans the reader chooses from: each sentence (and its clauses between ";"),
each table row (a table flattened onto one line too), and each enumerated list whole with its lead-in.
Each span comes with what it depends on (its list's lead-in, the item it sits under, a row's header)
and how much that context counts (bot/answering/reader.py scores them).

Pure: imports only the question-kind patterns and the standard library.
"""

from __future__ import annotations

from bot.answering.question_kind import _C

_ITEM = _C(r"^\s*(?:(?P<letter>[a-zđ]\)|[a-zđ]\.\d+\))|(?P<number>\d+(?:\.\d+)*[.)](?=\s))|(?P<paren>\(\d+\)|\([a-zđ]\))"
           r"|(?P<dash>[-–•*](?=\s))|(?P<plus>\+(?=\s)))")
# "Hồ sơ gồm: tờ trình, báo cáo thành tích, biên bản họp." — a list written inline
_INLINE_LIST = _C(r"(?:gom|bao gom|nhu sau|sau day|cac loai)\b[^.]*?(?:,|;)[^.]*?(?:,|;| va )")
_FULL_STOP = _C(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ0-9(“\"-])")
_SENT_END = _C(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ0-9(“\"-])")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line, without its surrounding spaces."""
    out, pos = [], 0
    for line in text.split("\n"):
        s = len(line) - len(line.lstrip())
        e = len(line.rstrip())
        if e > s:
            out.append((pos + s, pos + e))
        pos += len(line) + 1
    return out


def _marker(line: str) -> str:
    m = _ITEM.match(line)
    return next((k for k, v in m.groupdict().items() if v), "") if m else ""


def _lists(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, first item line) of each enumerated list: a lead-in sentence ending with ":" and
    the items that follow it, or a run of at least two items of one marker after a plain line (or at
    the clause's start); each through its last item, with sub-items ("- " under "a)") and lower-case
    continuation lines, never stopping mid-list."""
    out = []
    marks = [_marker(text[s:e]) for s, e in lines]
    for i in range(-1, len(lines) - 1):
        lead = i >= 0 and text[slice(*lines[i])].endswith(":")
        own = marks[i] if i >= 0 else ""
        first = marks[i + 1]
        if not first or not lead and own:
            continue                       # no item follows, or a run that started earlier
        j, items = i + 1, 0
        while j < len(lines):
            line = text[slice(*lines[j])]
            mk = marks[j]
            if mk == first:
                items += 1
            elif mk and mk != own:
                pass                       # a sub-item ("- " under "a)")
            elif mk or not line[:1].islower():
                break                      # the next unit of the lead-in's level, or a closing sentence
            j += 1
        if lead and items >= 1:
            s, e = lines[i]
            last = _SENT_END.split(text[s:e])[-1]
            out.append((e - len(last), lines[j - 1][1], i + 1))   # from the lead-in's last sentence
        elif not lead and items >= 2:
            # A short heading right above the run names it ("Về Hình thức khen thưởng" over "- Huân chương
            # Lao động; - Bằng khen …", blind dev33 d33-051, dev34 d34-044): the list is read with it.
            head = i >= 0 and _heading(text[slice(*lines[i])])
            out.append((lines[i][0] if head else lines[i + 1][0], lines[j - 1][1], i + 1))
    return out


def _heading(line: str) -> bool:
    """A line that names what follows: a few words, no item mark, no sentence's end."""
    line = line.strip()
    return bool(line) and len(line.split()) <= 12 and not _marker(line) and line[-1] not in ".;:,!?…"


CONTEXT_WEIGHT = 0.5        # what a span depends on (its list's lead-in, its item) counts half…
CONTINUATION_WEIGHT = 1.0   # …but a line that completes its lead-in's sentence ("… như sau:" / the figure) is one with it


_CELL = _C(r"\s*\|\s*")


def _flattened_rows(line: str) -> list[tuple[int, int]]:
    """(start, end) of each row of a table flattened onto one line ("1 | A | 1,5 | 3.510.000 | 2 | B | …"):
    a row begins at a cell holding its number, 1, 2, 3 … in order. [] when the line is one row."""
    cells, pos = [], 0
    for m in _CELL.finditer(line):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, len(line)))
    starts, want = [], 1
    for i, (a, b) in enumerate(cells):
        if line[a:b].strip() == str(want) and (not starts or i - starts[-1] >= 2):
            starts.append(i)
            want += 1
    while cells and not line[cells[-1][0]:cells[-1][1]].strip():
        cells.pop()   # the empty cell after a closing "|"
    if len(starts) < 3:
        return _pairs(line, cells)
    bounds = starts + [len(cells)]
    return [(cells[i][0], cells[j - 1][1]) for i, j in zip(bounds, bounds[1:])]


_DIGIT = _C(r"\d")


def _pairs(line: str, cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each "name | figure" pair of a two-column table flattened onto one line with no row
    numbers ("Cờ thi đua của Chính phủ | 12 lần mức lương cơ sở | Cờ thi đua của bộ, ban, ngành, tỉnh | 8,0 lần
    …"): every second cell states a figure and no name cell opens with one. [] otherwise."""
    texts = [line[a:b].strip() for a, b in cells]
    if len(texts) < 6 or len(texts) % 2 or not all(_DIGIT.search(t) for t in texts[1::2]) or \
            any(t[:1].isdigit() or not t for t in texts[0::2]):
        return []
    return [(cells[i][0], cells[i + 1][1]) for i in range(0, len(cells), 2)]


def _wrapped(prev: str, line: str) -> bool:
    """`line` goes on with the sentence `prev` began: a line broken mid-sentence (a PDF's or a form's wrap)."""
    return bool(prev) and line[:1].islower() and prev.rstrip()[-1:] not in ".;:!?" and " | " not in prev


def _candidates(text: str) -> list[tuple[int, int, str, str, float]]:
    """(start, end, unit, context, the context's weight) of every sentence, table row and list of one clause."""
    lines = _lines(text)
    out = []
    header, lead, item, prev = "", "", "", ""
    prev_start = 0
    for s, e in lines:
        line = text[s:e]
        if " | " in line or line.startswith("|"):
            if not header:
                header = line
            rows = _flattened_rows(line)
            if rows:   # a whole table on one line: each row is a span, read under the line above
                out += [(s + a, s + b, "row", prev, CONTEXT_WEIGHT) for a, b in rows]
            else:
                out.append((s, e, "row", header if header != line else "", CONTEXT_WEIGHT))
            continue
        header = ""
        pos = s
        marked = bool(_marker(line))
        # a sentence is read with what it depends on: an item with its list's lead-in, a line right
        # after a lead-in with it ("… được tính như sau:" above "Mức tiền thưởng = 1,0 x 2.340.000 …"),
        # a paragraph with the item it sits under ("a) Vòng 1: …" above "Thời gian thi: 60 phút.")
        after_lead = bool(lead) and not marked and prev == lead
        context = lead if marked or after_lead else item
        # an unmarked item ends with ";" ("Hoàn thành xuất sắc nhiệm vụ được giao;") and shares its lead-in
        # with the items after it; a line that does not completes the lead-in's sentence
        cw = CONTINUATION_WEIGHT if after_lead and not line.rstrip().endswith(";") else CONTEXT_WEIGHT
        for n, sent in enumerate(_FULL_STOP.split(line)):
            a = text.index(sent, pos)
            out.append((a, a + len(sent), "sentence", context, cw))
            if n == 0 and _wrapped(prev, line):   # "- Đợt 01 dự kiến: Cao điểm tập" / "trung trong 10 ngày …"
                out.append((prev_start, a + len(sent), "sentence", context, cw))
            parts = _SENT_END.split(sent)
            if len(parts) > 1:                 # its clauses between ";" too ("…; b) …; c) …")
                p = a
                for part in parts:
                    b = text.index(part, p)
                    out.append((b, b + len(part), "sentence", context, cw))
                    p = b + len(part)
            pos = a + len(sent)
        if marked:
            item = line
        if line.rstrip().endswith(":"):
            lead = line
        elif not marked:
            lead = ""
        prev, prev_start = line, s
    for s, e, _ in _lists(text, lines):
        out.append((s, e, "list", "", CONTEXT_WEIGHT))
    return out


__all__ = ["CONTEXT_WEIGHT", "CONTINUATION_WEIGHT", "_candidates", "_lines", "_lists"]
