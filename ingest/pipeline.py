"""`ingest_paths`: walk, load, parse, chunk, embed only what is new, and make each document live atomically.

Phase 1 reads and parses every file (cheap) so the progress bar knows the real amount of embedding
work; phase 2 embeds the chunks whose vectors are missing and commits each document as soon as its
vectors are stored. An unchanged file (same bytes, same model, same pipeline version) is skipped
before it is even loaded, so re-ingesting an unchanged corpus does almost no work.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ingest.chunk import chunk_document
from ingest.embed import iter_document_vectors
from ingest.files import iter_files
from ingest.loaders import LoaderError, load
from ingest.loaders.ocr import OcrOptions
from ingest.normalize import clean_spaces, index_tokens_by_line
from ingest.pagemap import assign_pages
from ingest.pieces import MAX_SENTENCE_WORDS
from ingest.chroma import vec_id
from ingest.store import Index
from ingest.structure import parse_document
from ingest.unit_index import retrieval_units

# Bump when parsing/chunking changes, so existing documents are re-chunked on the next ingest.
PIPELINE_VERSION = "9"   # 6: article metadata (issue 16); 7: chunks carry their page (OCR, issue 14); 8: article credits;
# 9: words glued where markup was stripped are split (ingest/normalize.py clean_spaces)
# Retrieval units (issue 18 item 3) are indexed only while settings.unit_weight > 0 (they did not improve
# eval/dev, and cost ingest time): the flag is part of a document's hash, so switching it re-parses each
# document once, its chunks and vectors unchanged (reused by vec_id), its units added or dropped.
UNITS_TAG = "|units"


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    duplicate_of: dict[str, str] = field(default_factory=dict)   # skipped source → the indexed twin's source
    ignored: list[str] = field(default_factory=list)   # other file types met while walking a folder
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file, e.g. "converted from TCVN3")
    # source -> OCR summary of a scanned document (scanned_pages, confidence, low_confidence_pages, blank_pages)
    ocr: dict[str, dict] = field(default_factory=dict)
    chunks: int = 0          # chunks made live in this run
    embedded: int = 0        # chunks that needed a new embedding
    pages: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        rate = f", {self.embedded / self.seconds:.1f} chunks/s embedded" if self.embedded and self.seconds else ""
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated", f"{len(self.unchanged)} unchanged",
                 f"{len(self.failed)} failed"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} duplicate")
        return (", ".join(parts) + f"; {self.chunks} chunks indexed, {self.embedded} embedded "
                f"in {self.seconds:.1f} s{rate}")


@dataclass
class _Prepared:
    path: Path
    key: str          # registry path
    source: str
    content_hash: str
    header: object
    chunks: list
    tokens: list
    vec_ids: list
    pages: int
    replacing: bool
    ocr: dict = field(default_factory=dict)
    units: list = field(default_factory=list)   # (unit, tokens): ingest/unit_index.py


def _file_hash(path: Path, model_id: str, units: bool = False) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return f"{h.hexdigest()}|{model_id}|v{PIPELINE_VERSION}" + (UNITS_TAG if units else "")


_WORD = re.compile(r"\S+")


def _check_volume(text: str, max_chunks: int, path: Path) -> None:
    """Refuse a text that cannot fit in `max_chunks` before parsing it (issue 8: a 100 MB text took
    40 s and 2 GB to parse only to be refused by the chunk limit; now a few seconds).

    No chunk holds more than MAX_SENTENCE_WORDS words and every word of the text lands in a chunk,
    so twice that many words per allowed chunk is a safe margin. Counted in slices, without copies.
    """
    if not max_chunks:
        return
    limit = 2 * MAX_SENTENCE_WORDS * max_chunks
    words, step = 0, 1 << 20
    for start in range(0, len(text), step):
        words += len(_WORD.findall(text, start, start + step)) - 1   # a word cut by a slice counts once
        if words > limit:
            raise LoaderError(path, f"more than {max_chunks} chunks (limit HOIDAP_MAX_CHUNKS): "
                                    f"over {limit:,} words of text")


def prepare_file(path: Path, source: str, settings, model_id: str, warn=None, on_page=None,
                 units: list | None = None) -> tuple[object, list, list, int, dict]:
    """Load, normalise, parse and chunk one file. Raises LoaderError for anything wrong with it.

    warn(message) receives the loader's warnings (legacy encoding converted, pages without text,
    low OCR confidence); on_page(done, total) is called after each OCR page. A `units` list is
    filled with the chunks' retrieval units and their tokens (kept out of the returned tuple,
    which other callers unpack).
    Returns (header, chunks with their page, keyword tokens, page count, OCR summary).
    """
    loaded = load(path, max_bytes=int(settings.max_file_mb * 1024 * 1024), max_pages=settings.max_pages,
                  ocr=OcrOptions.from_settings(settings), on_page=on_page)
    for w in loaded.warnings:
        if warn:
            warn(w)
    _check_volume(loaded.text, settings.max_chunks_per_doc, path)
    text = clean_spaces(loaded.text)
    if not text.strip():
        raise LoaderError(path, "no text in the file")
    parsed = parse_document(text, source)   # the header's effective date and relations included
    try:
        chunks = chunk_document(parsed, source, max_chunks=settings.max_chunks_per_doc)
    except ValueError as exc:
        raise LoaderError(path, str(exc)) from exc
    if not chunks:
        raise LoaderError(path, "no text to index after parsing")
    assign_pages(chunks, loaded.page_texts)
    lines: dict[str, list[str]] = {}   # shared with the units, whose lines are mostly their chunk's
    tokens = [index_tokens_by_line(c.embed_text, lines) for c in chunks]
    if units is not None:
        units.extend(retrieval_units(parsed, source, chunks, tokens, lines))
    return parsed.header, chunks, tokens, loaded.pages, loaded.ocr


def ingest_paths(index: Index, paths: list, settings, progress: Callable[[dict], None] | None = None,
                 names: dict | None = None, exclude: tuple[str, ...] = (), show_bar: bool = False,
                 follow_external_symlinks: bool = False) -> IngestReport:
    """Ingest files/folders into `index`. Bad files are reported in the result, never raised.

    progress: called with {"stage", "file", "done", "total"} while reading scanned pages (stage
        "ocr", counted in pages) and while embedding (Telegram/web uploads).
    names: display names for given paths (uploads keep their original file name as source).
    follow_external_symlinks: follow symlinks in a folder whose target lies outside it (off: they
        are reported in `warnings` and left out).
    """
    t0 = time.time()
    report = IngestReport()
    model_id = index.embedder.model_id
    names = {str(Path(k)): v for k, v in (names or {}).items()}
    with_units = getattr(settings, "unit_weight", 0.0) > 0
    files, report.ignored, missing, links = iter_files(paths, exclude, follow_external_symlinks)
    report.failed.extend(missing)
    report.warnings.extend(links)

    # Phase 1: read and parse (cheap); decide what needs embedding.
    todo: list[_Prepared] = []
    seen_hashes: dict[str, str] = {}
    for path in files:
        key = str(path.resolve())
        source = names.get(str(path)) or path.name
        try:
            content_hash = _file_hash(path, model_id, with_units)
        except OSError as exc:
            report.failed.append((str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        existing = index.doc_by_path(key)
        if existing and existing.content_hash == content_hash:
            report.unchanged.append(source)
            seen_hashes[content_hash] = source
            continue
        twin = index.doc_by_content(content_hash, other_than=key)
        if content_hash in seen_hashes or twin:
            other = seen_hashes.get(content_hash) or twin.source
            report.duplicates.append((source, f"same content as {other}, already indexed; skipped"))
            report.duplicate_of[source] = other
            continue
        pages_bar = _PagesBar(source, show_bar, progress)
        units: list = []
        try:
            header, chunks, tokens, pages, ocr = prepare_file(
                path, source, settings, model_id, warn=lambda w, s=source: report.warnings.append((s, w)),
                on_page=pages_bar.update, units=units if with_units else None)
        except LoaderError as exc:
            report.failed.append((names.get(str(path)) or str(path), exc.reason))
            continue
        except Exception as exc:  # a parser bug must not stop the other files
            report.failed.append((names.get(str(path)) or str(path),
                                  f"could not be parsed ({type(exc).__name__}: {exc})"))
            continue
        finally:
            pages_bar.close()
        seen_hashes[content_hash] = source
        vids = [vec_id(model_id, c.embed_text) for c in chunks]
        todo.append(_Prepared(path, key, source, content_hash, header, chunks, tokens, vids, pages,
                              replacing=existing is not None, ocr=ocr, units=units))

    # Phase 2: embed what is missing, then commit each document on its own.
    missing_by_doc = [index.missing_vectors(p.vec_ids) if p.vec_ids else set() for p in todo]
    total = sum(len(m) for m in missing_by_doc)
    bar = None
    if show_bar and total:
        from tqdm import tqdm
        bar = tqdm(total=total, unit="chunk", desc="Embedding", file=sys.stderr, dynamic_ncols=True)
    done = 0
    replaced_any = False
    try:
        for i, (prep, missing_ids) in enumerate(zip(todo, missing_by_doc), 1):
            if bar:
                bar.set_postfix_str(f"file {i}/{len(todo)} {prep.source[:30]}")
            new_ids, new_texts = [], []
            for vid, chunk in zip(prep.vec_ids, prep.chunks):
                if vid in missing_ids and vid not in new_ids:
                    new_ids.append(vid)
                    new_texts.append(chunk.embed_text)
            vectors = []
            # Each text alone (int8 vectors change with padding in a batch), several at once, in order.
            for vec in iter_document_vectors(index.embedder, new_texts):
                vectors.append(vec)
                done += 1
                if bar:
                    bar.update(1)
                if progress:
                    progress({"stage": "embedding", "file": prep.source, "done": done, "total": total})
            if new_ids:
                index.add_vectors(new_ids, vectors)
            index.put_document(prep.key, prep.source, prep.content_hash, prep.header, prep.chunks,
                               prep.vec_ids, prep.tokens, prep.pages, ocr=prep.ocr, units=prep.units)
            if prep.ocr:
                report.ocr[prep.source] = prep.ocr
            report.embedded += len(new_ids)
            report.chunks += len(prep.chunks)
            report.pages += prep.pages
            (report.updated if prep.replacing else report.added).append(prep.source)
            replaced_any = replaced_any or prep.replacing
    finally:
        if bar:
            bar.close()
    if replaced_any or report.embedded or report.failed:
        index.gc_vectors()  # drop vectors of replaced versions (and any left by an earlier crash)
    index.refresh_keyword()
    report.seconds = time.time() - t0
    if progress:
        progress({"stage": "done", "file": "", "done": done, "total": total})
    return report


class _PagesBar:
    """Counts the OCR pages of one file: a tqdm bar on the terminal and/or progress() events."""

    def __init__(self, source: str, show_bar: bool, progress):
        self.source, self.show_bar, self.progress = source, show_bar, progress
        self.bar = None

    def update(self, done: int, total: int) -> None:
        if self.show_bar and self.bar is None:
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="page", desc=f"OCR {self.source[:30]}", file=sys.stderr,
                            dynamic_ncols=True)
        if self.bar:
            self.bar.update(done - self.bar.n)
        if self.progress:
            self.progress({"stage": "ocr", "file": self.source, "done": done, "total": total})

    def close(self) -> None:
        if self.bar:
            self.bar.close()
