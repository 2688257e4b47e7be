"""Which files an ingest reads: a walk of the folders given, other file types and hidden files ignored,
symlinks out of the folder not followed, and each path that cannot be ingested named with its reason."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from ingest.loaders import SUPPORTED_SUFFIXES

IGNORED_NAMES = ("README*", "LICENSE*", "CHANGELOG*", ".*")


def iter_files(paths: list, exclude: tuple[str, ...] = (), follow_external_symlinks: bool = False
               ) -> tuple[list[Path], list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Files to ingest, other-type files ignored while walking, paths that cannot be ingested
    (missing, or of an unsupported type named explicitly), and symlinks not followed.

    A symlink met while walking a folder whose target lies outside that folder is not followed
    unless follow_external_symlinks: a link to /etc or a home directory must not leak into the index.
    """
    files, ignored, missing, links = [], [], [], []
    for p in paths:
        p = Path(p).expanduser()
        if p.is_dir():
            root = p.resolve()
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).as_posix()
                if not f.is_file() or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(rel, pat.rstrip("/") + "/*") for pat in exclude):
                    continue
                if f.suffix.lower() not in SUPPORTED_SUFFIXES or any(fnmatch.fnmatch(f.name, g) for g in IGNORED_NAMES):
                    ignored.append(str(f))
                    continue
                if not follow_external_symlinks and not f.resolve().is_relative_to(root):
                    links.append((str(f), f"symlink to {f.resolve()}, outside {p}; not followed "
                                          "(allow with follow_external_symlinks / --follow-symlinks)"))
                    continue
                files.append(f)
        elif p.exists():
            if p.is_file() and p.suffix.lower() not in SUPPORTED_SUFFIXES:
                # named explicitly: say so instead of ignoring it like a folder walk does
                missing.append((str(p), f"unsupported file type {p.suffix.lower() or '(no suffix)'!r}; "
                                        f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"))
                continue
            files.append(p)
        else:
            missing.append((str(p), "no such file or directory"))
    return files, ignored, missing, links
