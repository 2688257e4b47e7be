"""The structure docs/architecture.md describes, checked from the source's imports (ast, nothing runs).

- no import cycles in bot/ or ingest/ (lazy imports inside functions count too: they hide cycles);
- ingest never imports bot;
- the faces (bot/cli, bot/telegram, bot/web) import none of ingest.pipeline, ingest.store, ingest.loaders;
- no module in bot/ but the service imports ingest.store.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACES = ("bot.cli", "bot.telegram", "bot.web")
WRITE_SIDE = ("ingest.pipeline", "ingest.store", "ingest.loaders")
SERVICE_LAYER = ("bot.service",)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in ("bot", "ingest") for p in (ROOT / pkg).rglob("*.py")}


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules a file imports ("from a.b import c" is a.b.c when c is a module)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                     for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:  # "ingest.loaders.pdf.X" → the module that defines it
                name = name.rpartition(".")[0]
            if name:
                out.add(name)
    return out


def graph() -> dict[str, set[str]]:
    known = project_modules()
    return {m: imports_of(p, known) - {m} for m, p in known.items()}


def within(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}   # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(g.get(m, ())):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(g):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_no_import_cycles():
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_cycle_finder_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_ingest_never_imports_bot():
    bad = {m: sorted(i for i in deps if within(i, ("bot",))) for m, deps in graph().items() if within(m, ("ingest",))}
    assert not {m: d for m, d in bad.items() if d}


def test_faces_do_not_touch_the_write_side():
    bad = {m: sorted(i for i in deps if within(i, WRITE_SIDE)) for m, deps in graph().items() if within(m, FACES)}
    assert not {m: d for m, d in bad.items() if d}


def test_only_the_service_opens_the_store():
    bad = [m for m, deps in graph().items()
           if within(m, ("bot",)) and not within(m, SERVICE_LAYER) and "ingest.store" in deps]
    assert not bad


def test_the_cli_is_one_group_without_introspection():
    """Commands register by decorating the group they import; nothing is looked up by name."""
    for path in (ROOT / "bot" / "cli").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "importlib" not in text and "vars(" not in text, path


def test_tests_and_benchmarks_share_stand_ins_through_testkit():
    """benchmarks/ never imports tests/ (nor edits sys.path to); the stand-ins live in testkit/."""
    for path in (ROOT / "benchmarks").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not within(node.module, ("tests",)), path
            elif isinstance(node, ast.Import):
                assert not any(within(a.name, ("tests",)) for a in node.names), path
        assert "sys.path.insert" not in path.read_text(encoding="utf-8"), path
    for path in set((ROOT / "tests").glob("test_*.py")) - {Path(__file__).resolve()}:
        text = path.read_text(encoding="utf-8")
        assert "from benchmarks.load import" not in text and "tests.botapi_standin" not in text, path


def test_the_answering_core_keeps_one_job_per_module():
    """bot/answering/ modules stay within 300 lines (the guide's 50–300): a reader finds "where is refusal
    decided" from file names, and a module that outgrows one job is split, as direct.py was into
    direct.py and clause_parts.py, and focus.py and retrieve.py gave named_documents.py their shared part."""
    long = {p.name: n for p in (ROOT / "bot" / "answering").glob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert not long, long
