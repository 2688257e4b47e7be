"""How many chunks lose their place in the law: parse + chunk only (no embedding, no index).

For (1) the 17 ALQAC laws, written one file per law exactly as benchmarks/alqac.py writes them
("Điều {id}. {text}" per article), and (2) the shared directives (../shared/corpus/*.txt), prints
the chunks, the share without a Điều, and how many are labelled "Đoạn N" (the label meant only for
text without legal structure). Issue 18, item 2.

    PYTHONPATH=$PWD python -m benchmarks.chunk_paths [--shared DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchmarks.alqac import write_laws
from benchmarks.common import shared_dir
from ingest.chunk import chunk_document
from ingest.loaders import load
from ingest.normalize import clean_spaces
from ingest.structure import parse_document
from ingest.units import child_units


def parsed_of(path: Path):
    return parse_document(clean_spaces(load(path).text), path.name)


def chunks_of(path: Path) -> list:
    """The chunks `hoidap ingest` would store for one file (loader → normalise → parse → chunk)."""
    return chunk_document(parsed_of(path), path.name)


def count(paths: list[Path]) -> dict:
    n = no_dieu = doan = units = 0
    for p in paths:
        parsed = parsed_of(p)
        for c in chunk_document(parsed, p.name):
            n += 1
            no_dieu += not c.dieu
            doan += c.section.startswith("Đoạn ")
        units += len(child_units(parsed, p.name))
    return {"files": len(paths), "chunks": n, "no_dieu": no_dieu, "doan": doan, "units": units}


def write_plain_laws(law_json: Path, out_dir: Path) -> list[Path]:
    """The laws as bare "Điều N. …" text, without the title line: no header at all (how issue 18
    measured them; such a text used to be parsed as an article)."""
    paths = []
    for name in write_laws(law_json, out_dir / "titled"):
        text = (out_dir / "titled" / name).read_text(encoding="utf-8")
        path = out_dir / name
        path.write_text(text.split("\n", 2)[2], encoding="utf-8")
        paths.append(path)
    return sorted(paths)


def measure(shared: Path) -> dict[str, dict]:
    out = {}
    with tempfile.TemporaryDirectory(prefix="chunk-paths-") as tmp:
        law_json = shared / "corpus" / "qa" / "alqac23_law.json"
        names = write_laws(law_json, Path(tmp) / "alqac")
        out["ALQAC laws (title line + Điều, as benchmarks/alqac.py)"] = count(sorted(Path(tmp) / "alqac" / n for n in names))
        out["ALQAC laws (bare \"Điều N. …\" text)"] = count(write_plain_laws(law_json, Path(tmp) / "plain"))
    out["shared directives"] = count(sorted((shared / "corpus").glob("*.txt")))
    return out


def table(rows: dict[str, dict]) -> str:
    lines = ["| corpus | files | chunks | without a Điều | labelled \"Đoạn N\" | child units (small-to-big) |",
             "|---|---|---|---|---|---|"]
    for name, r in rows.items():
        share = r["no_dieu"] / r["chunks"] if r["chunks"] else 0.0
        lines.append(f"| {name} | {r['files']} | {r['chunks']:,} | {r['no_dieu']:,} ({share:.1%}) | {r['doan']:,} "
                     f"| {r.get('units', 0):,} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (default: ../shared, else /work/shared)")
    args = ap.parse_args(argv)
    shared = args.shared or next((d for d in (shared_dir(), Path("/work/shared")) if (d / "corpus").is_dir()), None)
    if shared is None or not (shared / "corpus" / "qa" / "alqac23_law.json").exists():
        print("error: no shared corpus found (pass --shared DIR)", file=sys.stderr)
        return 1
    print(table(measure(shared)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
