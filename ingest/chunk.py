"""Turn a parsed document into chunks: one per short Điều, split at Khoản, then Điểm, then sentence.

Every chunk's embedded text starts with the document's title/number and the section path, so a bare
clause like "a) Đạt 700 điểm trở lên" still knows which title it belongs to. Table rows keep their
table's header row with them.
"""

from __future__ import annotations

from ingest.pieces import MAX_WORDS, split_long_text, words as _words
from ingest.types import Block, Chunk, DocHeader, ParsedDocument

MIN_WORDS = 40       # pieces smaller than this are merged with their neighbours in the same Điều
SEP = " › "
_UNIT_LEVELS = ("dieu",)  # a chunk never crosses an Điều
_SPLIT_ORDER = ("khoan", "diem")


def _size(blocks: list[Block]) -> int:
    """_words of the blocks' text together (summing each block's size would let many spaceless
    pieces of just under the limit add up to one huge chunk)."""
    return _words("\n".join(b.text for b in blocks))


def _path_key(path, upto: tuple[str, ...]) -> tuple:
    """The part of a path down to (and including) the first level in `upto`, else the whole path."""
    out = []
    for level, label, heading in path:
        out.append((level, label, heading))
        if level in upto:
            break
    return tuple(out)


def section_label(path) -> str:
    return SEP.join(label for _, label, _ in path if label)


_SECTION_LEVELS = ("vanban", "phan", "chuong", "muc", "phuluc")


def _unit_key(path) -> tuple:
    """A chunk never crosses an Điều; outside Điều (plans, appendices, articles) it never crosses a
    Phần/Chương/Mục/Phụ lục, but numbered items and points inside one are grouped together."""
    if any(level in _UNIT_LEVELS for level, _, _ in path):
        return _path_key(path, _UNIT_LEVELS)
    return tuple(p for p in path if p[0] in _SECTION_LEVELS)


def _units(blocks: list[Block]) -> list[list[Block]]:
    """Group consecutive blocks into units (see _unit_key). A unit that is only section headings
    ("Chương I" / "QUY ĐỊNH CHUNG") is carried into the next unit instead of becoming a chunk."""
    units: list[list[Block]] = []
    key = None
    pending: list[Block] = []
    for b in blocks:
        k = _unit_key(b.path)
        if units and k == key and not pending:
            units[-1].append(b)
            continue
        # an Điều whose whole text is its heading line ("Điều 3. Quyết định này có hiệu lực …") stays its own unit
        if units and all(x.kind == "heading" for x in units[-1]) and k != key and not any(p[0] in _UNIT_LEVELS for p in key):
            pending.extend(units.pop())
        units.append(pending + [b])
        pending = []
        key = k
    return units


def _groups(blocks: list[Block], depth: int) -> list[list[Block]]:
    """Split a unit's blocks into groups at the level _SPLIT_ORDER[depth] (Khoản, then Điểm)."""
    if depth >= len(_SPLIT_ORDER):
        return [blocks]
    level = _SPLIT_ORDER[depth]
    groups: list[list[Block]] = []
    key = None
    for b in blocks:
        k = _path_key(b.path, (level,))
        if groups and k == key:  # the Điều's own heading lines form a small group, merged later
            groups[-1].append(b)
        else:
            groups.append([b])
        key = k
    return groups


def _pieces(blocks: list[Block], depth: int = 0) -> list[list[Block]]:
    """Recursively split blocks until each piece is ≤ MAX_WORDS (or cannot be split structurally)."""
    if _size(blocks) <= MAX_WORDS:
        return [blocks]
    if depth < len(_SPLIT_ORDER):
        groups = _groups(blocks, depth)
        if len(groups) > 1:
            out = []
            for g in groups:
                out.extend(_pieces(g, depth + 1))
            return out
        return _pieces(blocks, depth + 1)
    # No more structure: cut at block boundaries, then inside over-long blocks at sentences.
    out: list[list[Block]] = []
    cur: list[Block] = []
    for b in blocks:
        if _words(b.text) > MAX_WORDS:
            if cur:
                out.append(cur)
                cur = []
            out.extend([[Block(t, b.path, b.kind)] for t in split_long_text(b.text)])
            continue
        if cur and _size(cur + [b]) > MAX_WORDS:
            out.append(cur)
            cur = []
        cur.append(b)
    if cur:
        out.append(cur)
    return out


def _is_section_heading(b: Block) -> bool:
    return b.kind == "heading" and bool(b.path) and b.path[-1][0] in _UNIT_LEVELS + _SECTION_LEVELS


def _merge_small(pieces: list[list[Block]]) -> list[list[Block]]:
    """Join neighbouring small pieces of the same unit so no chunk is a lonely one-liner."""
    merged: list[list[Block]] = []
    for p in pieces:
        if merged:
            prev = merged[-1]
            a, b = sum(_words(x.text) for x in prev), sum(_words(x.text) for x in p)
            # headings alone ("Mục 4 …" + "Điều 36. …") go with the text they open, whatever its size:
            # on their own they made a chunk with neither text nor Điều (issue 18)
            if all(_is_section_heading(x) for x in prev) and a <= MAX_WORDS or (
                    (a < MIN_WORDS or b < MIN_WORDS) and _size(prev + p) <= MAX_WORDS):
                merged[-1] = prev + p
                continue
        merged.append(p)
    return merged


def _with_table_header(piece: list[Block], unit: list[Block]) -> list[Block]:
    """A piece that starts inside a table gets that table's header row in front of it."""
    first = piece[0]
    if first.kind != "table_row":
        return piece
    idx = next(i for i, b in enumerate(unit) if b is first) if any(b is first for b in unit) else -1
    for b in reversed(unit[:idx] if idx > 0 else []):
        if b.kind == "table_header":
            return [b] + piece
        if b.kind not in ("table_row",):
            break
    return piece


def _common_path(piece: list[Block]):
    """The deepest path shared by a piece's blocks, and its label with the range of parts it covers.

    The Điều's own heading line is left out of the comparison, so "Điều 4" + all of Khoản 1 is
    labelled "Điều 4 › Khoản 1"; a range ("Khoản 2–3", "Điểm a–d") is named only when no block
    sits at the shared level itself (otherwise the piece is the whole of that level).
    """
    body = [b for b in piece if not _is_section_heading(b)] or piece
    paths = [b.path for b in body]
    common = []
    for parts in zip(*paths):
        if all(p == parts[0] for p in parts):
            common.append(parts[0])
        else:
            break
    label = section_label(common)
    depth = len(common)
    if all(len(b.path) > depth for b in body):
        subs = [b.path[depth][1] for b in body]
        if subs[0] != subs[-1]:
            last = subs[-1].split(" ", 1)[-1]
            label = (label + SEP if label else "") + f"{subs[0]}–{last}"
    return common, label


def _short(heading: str, words: int = 16) -> str:
    """Headings above an Điều can repeat a whole title; the prefix only needs its start."""
    w = heading.split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")


def has_legal_structure(parsed: ParsedDocument) -> bool:
    """An issued document, or any text whose body the parser found Điều in. Only a text with neither
    (a news story, an article, a note) has its unstructured paragraphs labelled "Đoạn N"."""
    return not parsed.header.secondary or any(lv == "dieu" for b in parsed.blocks for lv, _, _ in b.path)


OPENING, CLOSING, RECIPIENTS = "Phần mở đầu", "Phần cuối văn bản", "Nơi nhận"


def _outside_label(text: str, after_structure: bool) -> str:
    """Label of a legal document's text outside every Chương/Điều/Mục/Phụ lục: its opening (quốc hiệu,
    số hiệu, trích yếu, căn cứ) or, after the body, the signature block ("Nơi nhận: …")."""
    if not after_structure:
        return OPENING
    return RECIPIENTS if text.lstrip("*_ #").startswith("Nơi nhận") else CLOSING


def text_of(piece: list[Block]) -> str:
    return "\n".join(b.text for b in piece).strip()


def doc_prefix(header: DocHeader, source: str) -> str:
    title = header.title or source
    return f"{title} ({header.number})" if header.number else title


def _clauses(parsed: ParsedDocument):
    """(piece, common path, label, dieu, parent) of each clause of a document, in reading order."""
    para = 0
    blocks = [b for b in parsed.blocks if b.text.strip()]
    legal = has_legal_structure(parsed)
    seen_structure = False
    for unit in _units(blocks):
        for piece in _merge_small(_pieces(unit)):
            piece = _with_table_header(piece, unit)
            common, label = _common_path(piece)
            dieu_part = next(((lv, lb, hd) for lv, lb, hd in common if lv == "dieu"), None)
            if dieu_part is None and unit[0].path:
                dieu_part = next(((lv, lb, hd) for lv, lb, hd in unit[0].path if lv == "dieu"), None)
            dieu = f"{dieu_part[1]}. {dieu_part[2]}".strip(". ") if dieu_part else ""
            parent = section_label(_path_key(unit[0].path, _UNIT_LEVELS)) if dieu_part else ""
            if not label and legal:
                label = _outside_label(text_of(piece), seen_structure)
            elif not label:
                para += 1
                label = f"Đoạn {para}"
            seen_structure = seen_structure or any(b.path for b in piece)
            yield piece, common, label, dieu, parent


def _headings(path) -> str:
    return " › ".join(f"{lb} {_short(hd)}".strip() for _, lb, hd in path if lb)


def chunk_document(parsed: ParsedDocument, source: str, max_chunks: int | None = None) -> list[Chunk]:
    """Chunks of a parsed document in reading order."""
    prefix = doc_prefix(parsed.header, source)
    chunks: list[Chunk] = []
    for piece, common, label, dieu, parent in _clauses(parsed):
        text = text_of(piece)
        headings = _headings(common)
        embed_text = f"{prefix}\n{headings}\n{text}" if headings else f"{prefix}\n{text}"
        chunks.append(Chunk(text=text, embed_text=embed_text, section=label,
                            position=len(chunks), dieu=dieu, parent=parent))
        if max_chunks and len(chunks) > max_chunks:
            raise ValueError(f"more than {max_chunks} chunks (limit HOIDAP_MAX_CHUNKS)")
    return chunks
