"""Word (.docx): body paragraphs and tables in document order, with list numbers written out.

Headers, footers, footnotes, comments, text boxes and deleted (tracked) text are left out. Tables
become "cell | cell" rows; a vertically merged cell's text appears once, in its first row. Word's
automatic numbering ("Điều %1.", "%1.", "%1)") is rendered, because the structure parser needs the
"Điều 5." / "1." / "a)" that a reader sees. Before any XML is parsed, the zip members' declared
sizes are checked, so a "zip bomb" is refused (zipfile never inflates past a declared size).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from ingest.loaders import LoaderError, render_row, roman_numeral
from ingest.types import LoadedText

MAX_UNCOMPRESSED = 200 * 1024 * 1024   # all members together, as declared in the zip directory
MAX_RATIO = 200                        # uncompressed/compressed for a large member; XML is ~5-30
_RATIO_FLOOR = 10 * 1024 * 1024        # small members may compress as much as they like
_MAX_TABLE_DEPTH = 20

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R, _T = (_W + n for n in ("p", "tbl", "tr", "tc", "r", "t"))
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag", _W + "ins"}
_LEFT_OUT = {_W + "txbxContent", _W + "del", _W + "moveFrom"}  # inside a paragraph: not its text
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def extract(data: bytes, path: Path, max_pages: int | None = None) -> LoadedText:
    _check_archive(data, path)
    import docx  # python-docx: imported here so other file types do not pay for it
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except XMLSyntaxError as exc:
        raise LoaderError(path, f"corrupt .docx file: broken XML ({exc})") from None
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise LoaderError(path, f"not a valid Word document ({exc})") from None
    warnings: list[str] = []
    numbering = _Numbering(document, warnings)
    lines: list[str] = []
    for element in _children(document.element.body):
        lines.extend(_block(element, numbering, 0))
    return LoadedText(text="\n".join(lines), kind="docx", warnings=warnings)


def _check_archive(data: bytes, path: Path) -> None:
    if data.startswith(_OLE_MAGIC):
        raise LoaderError(path, "not a .docx file: an old binary .doc or a password-protected Office "
                                "file; open it in Word and save it as an unprotected .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise LoaderError(path, f"corrupt or not a .docx file (not a valid zip archive: {exc})") from None
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise LoaderError(path, "not a Word document (.docx): word/document.xml is missing")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise LoaderError(path, f"refused: the archive would expand to {total >> 20} MB "
                                f"(limit {MAX_UNCOMPRESSED >> 20} MB); possible zip bomb")
    for m in members:
        if m.file_size > _RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise LoaderError(path, f"refused: {m.filename} expands {m.file_size // max(m.compress_size, 1)}"
                                    f" times ({m.file_size >> 20} MB); possible zip bomb")
    try:
        broken = archive.testzip()  # inflates each member once, bounded by the sizes checked above
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError,
            ValueError) as exc:
        raise LoaderError(path, f"corrupt .docx file: damaged zip data ({exc})") from None
    if broken:
        raise LoaderError(path, f"corrupt .docx file: member {broken} is damaged (truncated download?)")


def _children(parent):
    """Block children of a body or cell, looking through content controls and custom XML."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child)


def _block(element, numbering: "_Numbering", depth: int) -> list[str]:
    if element.tag == _P:
        text = _paragraph_text(element)
        label = numbering.label(element)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        return text.split("\n")
    return _table(element, numbering, depth)


def _paragraph_text(p) -> str:
    parts = []
    for run in p.iter(_R):
        if _left_out(run, p):
            continue
        for child in run:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _W + "tab" or tag == _W + "ptab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
    return "".join(parts)


def _left_out(run, p) -> bool:
    node = run.getparent()
    while node is not None and node is not p:
        if node.tag in _LEFT_OUT:
            return True
        node = node.getparent()
    return False


def _table(tbl, numbering: "_Numbering", depth: int) -> list[str]:
    if depth >= _MAX_TABLE_DEPTH:  # deeper tables: their text, without the structure
        return [" ".join(t.text or "" for t in tbl.iter(_T))]
    lines: list[str] = []
    for tr in _rows(tbl):
        cells = []
        for tc in _cells(tr):
            if _is_merge_continuation(tc):
                if _vmerge(tc) is not None:
                    cells.append([])  # vertically merged: the text is in the first row only
                continue
            cell_lines = []
            for element in _children(tc):
                cell_lines.extend(_block(element, numbering, depth + 1))
            cells.append(cell_lines)
        lines.extend(render_row(cells))
    return lines


def _rows(tbl):
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _rows(child)


def _cells(tr):
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _cells(child)


def _vmerge(tc):
    pr = tc.find(_W + "tcPr")
    return None if pr is None else pr.find(_W + "vMerge")


def _is_merge_continuation(tc) -> bool:
    vmerge = _vmerge(tc)
    if vmerge is not None and vmerge.get(_W + "val", "continue") == "continue":
        return True
    pr = tc.find(_W + "tcPr")
    hmerge = None if pr is None else pr.find(_W + "hMerge")
    return hmerge is not None and hmerge.get(_W + "val", "continue") == "continue"


class _Numbering:
    """Renders Word list numbers: counters per list (numId) and level, from numbering.xml."""

    def __init__(self, document, warnings: list[str]):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, fmt, text)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        try:
            self._read(document)
        except Exception as exc:  # numbering is a nicety: never lose the document over it
            self.levels = {}
            warnings.append(f"list numbering not rendered ({type(exc).__name__})")

    def _read(self, document) -> None:
        part = document.part
        try:
            root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {}
        for node in root.findall(_W + "abstractNum"):
            abstract[node.get(_W + "abstractNumId")] = _levels(node)
        for num in root.findall(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            levels = dict(abstract.get(None if ref is None else ref.get(_W + "val"), {}))
            for override in num.findall(_W + "lvlOverride"):
                ilvl = int(override.get(_W + "ilvl", "0"))
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    levels.update(_levels_from([lvl], ilvl))
                start = override.find(_W + "startOverride")
                if start is not None and ilvl in levels:
                    _, fmt, text = levels[ilvl]
                    levels[ilvl] = (int(start.get(_W + "val", "1")), fmt, text)
            self.levels[num.get(_W + "numId")] = levels
        styles = part.styles.element
        by_id = {s.get(_W + "styleId"): s for s in styles.findall(_W + "style")}
        for style_id in by_id:
            self.style_numpr[style_id] = _style_numpr(style_id, by_id)

    def label(self, p) -> str:
        if not self.levels:
            return ""
        num_id, ilvl = None, None
        ppr = p.find(_W + "pPr")
        if ppr is not None:
            style = ppr.find(_W + "pStyle")
            if style is not None:
                num_id, ilvl = self.style_numpr.get(style.get(_W + "val"), (None, None))
            num_id, ilvl = _numpr(ppr.find(_W + "numPr"), num_id, ilvl)
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        ilvl = ilvl or 0
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        start, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return "-"
        for k in range(ilvl, -1, -1):
            value = counters.get(k, levels.get(k, (1, "", ""))[0])
            text = text.replace(f"%{k + 1}", _format(value, levels.get(k, (1, "decimal", ""))[1]))
        return text.strip()


def _levels(abstract_num) -> dict[int, tuple[int, str, str]]:
    return _levels_from(abstract_num.findall(_W + "lvl"), None)


def _levels_from(nodes, default_ilvl) -> dict[int, tuple[int, str, str]]:
    out = {}
    for lvl in nodes:
        ilvl = int(lvl.get(_W + "ilvl", default_ilvl or 0))
        start = lvl.find(_W + "start")
        fmt = lvl.find(_W + "numFmt")
        text = lvl.find(_W + "lvlText")
        out[ilvl] = (int(start.get(_W + "val", "1")) if start is not None else 1,
                     fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                     text.get(_W + "val", "") if text is not None else "")
    return out


def _numpr(numpr, num_id, ilvl):
    if numpr is None:
        return num_id, ilvl
    node = numpr.find(_W + "numId")
    if node is not None:
        num_id = node.get(_W + "val")
    node = numpr.find(_W + "ilvl")
    if node is not None:
        ilvl = int(node.get(_W + "val", "0"))
    return num_id, ilvl


def _style_numpr(style_id, by_id) -> tuple[str | None, int | None]:
    """numId/ilvl a paragraph style gives, following basedOn (bounded, in case of a cycle)."""
    chain = []
    while style_id in by_id and style_id not in chain and len(chain) < 20:
        chain.append(style_id)
        based = by_id[style_id].find(_W + "basedOn")
        style_id = based.get(_W + "val") if based is not None else None
    num_id, ilvl = None, None
    for sid in reversed(chain):  # the base first, the style itself last
        ppr = by_id[sid].find(_W + "pPr")
        if ppr is not None:
            num_id, ilvl = _numpr(ppr.find(_W + "numPr"), num_id, ilvl)
    return num_id, ilvl


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = roman_numeral(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)
