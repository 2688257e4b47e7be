"""Robustness (issue 8): hostile files through all three entry points, input limits, hostile
questions everywhere, and load (many users, a slow LLM).

Entry points: `hoidap ingest` (a real subprocess, real models), the Telegram admin upload (the real
bot code against the stand-in Bot API) and the web upload (ASGI test client); the last two use the
real service over a fake embedder. After every bad file the index must be exactly as before and
still answer a known clause. Times are asserted only generously (the machine is shared).
Binary and big fixtures are made here, in tmp; the small text ones are in tests/data/hostile/.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import random
import subprocess
import sys
import time
import tracemalloc
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot import users
from bot.service import Hoidap
from bot.telegram.app import build_application
from bot.web.app import create_app
from ingest.legacy import TCVN3, VNI, unicode_to_legacy
from ingest.settings import Settings
from testkit.botapi_standin import BotApiStandin, parse_html, polling
from tests.fakes import FakeEmbedder

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "data" / "hostile"
BASE = HOSTILE / "qd-21-2025-an-hoa.txt"
BASE_TEXT = BASE.read_text(encoding="utf-8")
KNOWN_Q = "Tỷ lệ cá nhân được công nhận danh hiệu Chiến sĩ thi đua cơ sở tối đa là bao nhiêu?"
KNOWN_A = "không quá 15%"
HOIDAP = Path(sys.executable).parent / "hoidap"
ADMIN, USER = 8101, 8102
STAFF, WEB_ADMIN, PASSWORD = "nhan-vien", "quan-tri", "mat-khau-kiem-thu-1"
LIMIT_S = 60   # generous: "bounded", not a speed target


# -- hostile fixtures ------------------------------------------------------------------------------

def variant(number: str, place: str) -> str:
    """The base decree as another document (another số hiệu), so it is not a duplicate."""
    return BASE_TEXT.replace("21/2025/QĐ-UBND", number).replace("AN HÒA", place.upper()).replace("An Hòa", place)


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a real text layer (matplotlib's PDF backend embeds DejaVu Sans)."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    buf = io.BytesIO()
    with PdfPages(buf) as pdf:
        for lines in pages:
            fig = Figure(figsize=(8.27, 11.69))
            for i, line in enumerate(lines):
                fig.text(0.08, 0.92 - i * 0.04, line, fontsize=11, family="DejaVu Sans")
            pdf.savefig(fig)
    return buf.getvalue()


def locked_pdf(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="mật khẩu", owner_password="chủ", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def make_docx(text: str) -> bytes:
    import docx
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def zip_bomb(member_mb: int = 30) -> bytes:
    """A .docx whose one member inflates 1000-fold (zeros): refused from the zip directory alone."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/bomb.xml", "w", force_zip64=True) as member:
            block = bytes(1 << 20)
            for _ in range(member_mb):
                member.write(block)
    return buf.getvalue()


def nested_html(depth: int = 100_000) -> bytes:
    body = ("<div>" * depth + "<p>ỦY BAN NHÂN DÂN TỈNH HẢI NAM</p><p>Số: 30/2025/QĐ-UBND</p><p>QUYẾT ĐỊNH</p>"
            "<p>Về khen thưởng đột xuất</p><p>Điều 1. Khen thưởng đột xuất</p><p>Cá nhân có hành động dũng cảm "
            "cứu người được xét khen thưởng đột xuất trong thời hạn 10 ngày làm việc.</p>" + "</div>" * depth)
    return f"<html><head><title>QĐ 30/2025</title></head><body>{body}</body></html>".encode()


@dataclass
class Case:
    name: str
    data: bytes
    reason: str = ""      # fragment of the English reason (CLI, Telegram); "" = indexed
    web: str = ""         # fragment of the Vietnamese web message
    query: str = ""       # for indexed cases: a search that must find it afterwards


@pytest.fixture(scope="module")
def cases() -> dict[str, Case]:
    pdf = make_pdf([["Điều 1. Phạm vi điều chỉnh", "1. Quy định này hướng dẫn thi đua, khen thưởng."],
                    ["Điều 2. Hiệu lực thi hành", "Quyết định có hiệu lực từ ngày ký."]])
    docx = make_docx(variant("23/2025/QĐ-UBND", "Bình Sơn"))
    out = [
        Case("rong.txt", b"", "empty file", "rỗng"),
        Case("anh-chup.pdf", b"\x89PNG\r\n\x1a\n" + random.Random(3).randbytes(8000), "not a PDF", "hỏng"),
        Case("cat-do.pdf", pdf[: len(pdf) * 2 // 3], "truncated", "hỏng"),
        Case("co-mat-khau.pdf", locked_pdf(pdf), "password-protected PDF", "mật khẩu"),
        Case("cat-do.docx", docx[: len(docx) // 2], "zip", "hỏng"),
        Case("bom-zip.docx", zip_bomb(), "zip bomb", "vượt giới hạn"),
        Case("nhi-phan.txt", b"\xff\xfe" + random.Random(5).randbytes(8000), "binary data", "hỏng"),
        Case("long-nhau.html", nested_html(), query="hanh dong dung cam cuu nguoi khen thuong dot xuat"),
        Case("cu-tcvn3.txt", unicode_to_legacy(variant("24/2025/QĐ-UBND", "Tây Bắc"), TCVN3),
             query="tinh Tay Bac chien si thi dua co so"),
        Case("cu-vni.txt", unicode_to_legacy(variant("25/2025/QĐ-UBND", "Đông Nam"), VNI),
             query="tinh Dong Nam chien si thi dua co so"),
    ]
    return {c.name: c for c in out}


BAD = ["rong.txt", "anh-chup.pdf", "cat-do.pdf", "co-mat-khau.pdf", "cat-do.docx", "bom-zip.docx", "nhi-phan.txt"]
GOOD = ["long-nhau.html", "cu-tcvn3.txt", "cu-vni.txt"]


def write_big_text(path: Path, mb: int = 100) -> Path:
    """~`mb` MiB of well-formed Vietnamese clauses, written in pieces (never all in memory)."""
    line = ("Điều {n}. Cá nhân thuộc đơn vị số {n} được xét tặng danh hiệu khi hoàn thành xuất sắc nhiệm vụ, "
            "có sáng kiến được công nhận và tham gia đầy đủ các phong trào thi đua.\n")
    target, n, size = mb << 20, 0, 0
    with open(path, "wb") as f:
        while True:
            batch = "".join(line.format(n=n + i) for i in range(2000)).encode()
            if size + len(batch) > target:
                break
            f.write(batch)
            size, n = size + len(batch), n + 2000
        f.write(b"\n" * (target - size))   # exactly `mb` MiB
    return path


# -- shared checks ------------------------------------------------------------------------------------

def snapshot(index) -> list[tuple]:
    """What must not change when a bad file is refused: every document and every chunk's text."""
    docs = [(d.source, d.content_hash, d.n_chunks) for d in index.documents()]
    chunks = index.db.execute("SELECT doc_id, position, text, vec_id FROM chunks ORDER BY chunk_id").fetchall()
    return docs + chunks


def assert_answers_known_clause(service) -> None:
    # (filtered: the variants uploaded by some tests carry the same clause under other numbers)
    ans = service.ask(KNOWN_Q, llm="none", filters={"document": BASE.name})
    assert not ans.refused and KNOWN_A in ans.answer, ans.answer
    assert ans.citations[0].number == "21/2025/QĐ-UBND"


def base_service(root: Path, **settings) -> Hoidap:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / BASE.name).write_bytes(BASE.read_bytes())
    service = Hoidap(Settings(data_dir=root / "data", llm="none", **settings), embedder=FakeEmbedder())
    assert service.ingest([docs]).ok
    assert_answers_known_clause(service)
    return service


# == 1. CLI ============================================================================================

def run_cli(args: list[str], data: Path, timeout: float = 600, **env) -> tuple[subprocess.CompletedProcess, float]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("HOIDAP_", "TELEGRAM_"))}
    full.update(HOIDAP_DATA_DIR=str(data), OPENBLAS_NUM_THREADS="1", HOIDAP_LLM="none", **env)
    t0 = time.monotonic()
    r = subprocess.run([str(HOIDAP), *args], env=full, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return r, time.monotonic() - t0


def registry(data: Path) -> list[tuple]:
    import sqlite3
    db = sqlite3.connect(data / "hoidap.sqlite")
    try:
        docs = db.execute("SELECT source, content_hash, n_chunks FROM documents ORDER BY source").fetchall()
        chunks = db.execute("SELECT doc_id, position, text, vec_id FROM chunks ORDER BY chunk_id").fetchall()
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
    return docs + chunks


def cli_search_finds(data: Path, query: str, expect: str) -> None:
    r, _ = run_cli(["search", query, "--k", "3", "--json"], data)
    assert r.returncode == 0, r.stderr
    assert any(expect in hit["text"] for hit in json.loads(r.stdout)["results"]), r.stdout[:500]


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory, models_available) -> Path:
    root = tmp_path_factory.mktemp("cli")
    data = root / "data"
    r, _ = run_cli(["ingest", str(BASE)], data)
    assert r.returncode == 0, r.stderr
    return data


@pytest.mark.models
def test_cli_hostile_files_are_skipped_with_reasons_and_index_kept(cli_index, cases, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in BAD + GOOD:
        (folder / name).write_bytes(cases[name].data)
    twin = folder / "ban-sao-cung-noi-dung.txt"          # the indexed decree again, under another name
    twin.write_bytes(BASE.read_bytes())
    odd = folder / ("\u202eQuyết\u200b định\t" + "rất dài " * 15 + ".txt")   # RTL mark, tab, long
    odd.write_text(variant("26/2025/QĐ-UBND", "Hà Giang"), encoding="utf-8")
    before = registry(cli_index)

    r, seconds = run_cli(["ingest", str(folder)], cli_index)
    assert r.returncode == 1, r.stderr            # some files failed: non-zero, the others indexed
    assert "Traceback" not in r.stderr
    skipped = [line for line in r.stderr.splitlines() if line.startswith("SKIPPED ")]
    assert len(skipped) == len(BAD), skipped
    for name in BAD:
        line = next(x for x in skipped if f"{name}:" in x)
        assert cases[name].reason in line, line
    assert f"DUPLICATE {twin.name}: same content as {BASE.name}" in r.stderr
    assert "WARNING cu-tcvn3.txt: converted from TCVN3" in r.stderr
    assert "WARNING cu-vni.txt: converted from VNI" in r.stderr
    assert "4 added" in r.stdout and f"{len(BAD)} failed" in r.stdout and "1 duplicate" in r.stdout
    assert seconds < 10 * LIMIT_S

    after = registry(cli_index)
    assert [d for d in after if d in before] == before      # nothing that was there changed
    sources = {row[0] for row in after if len(row) == 3}
    assert sources == {BASE.name, "long-nhau.html", "cu-tcvn3.txt", "cu-vni.txt", odd.name}
    cli_search_finds(cli_index, KNOWN_Q, KNOWN_A)
    cli_search_finds(cli_index, "tinh Tay Bac chien si thi dua co so", "Chiến sĩ thi đua cơ sở")


@pytest.mark.models
def test_cli_100mb_text_refused_by_size_then_by_chunks(cli_index, tmp_path):
    big = write_big_text(tmp_path / "rat-lon.txt")
    before = registry(cli_index)
    r, seconds = run_cli(["ingest", str(big)], cli_index)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"SKIPPED {big}: file too large (100.0 MB; the limit is 50.0 MB)" in r.stderr
    assert seconds < LIMIT_S

    # A raised size limit: the file is read and parsed, then refused by HOIDAP_MAX_CHUNKS, in bounded time.
    r, seconds = run_cli(["ingest", str(big)], cli_index, HOIDAP_MAX_FILE_MB="200")
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert f"SKIPPED {big}: more than 5000 chunks (limit HOIDAP_MAX_CHUNKS)" in r.stderr
    assert seconds < 10 * LIMIT_S
    print(f"100 MB file with HOIDAP_MAX_FILE_MB=200: refused by max chunks in {seconds:.0f} s")
    assert registry(cli_index) == before


def test_100mb_file_refused_with_bounded_memory(tmp_path):
    """In process, measured: the size is checked before the file is loaded (only its hash streams it)."""
    service = base_service(tmp_path / "svc")
    big = write_big_text(tmp_path / "rat-lon.txt")
    before = snapshot(service.index)
    tracemalloc.start()
    t0 = time.monotonic()
    report = service.ingest([big])
    seconds = time.monotonic() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.failed == [(str(big), "file too large (100.0 MB; the limit is 50.0 MB)")]
    assert peak < 20 << 20, f"{peak >> 20} MiB allocated to refuse a file by its size"
    assert seconds < LIMIT_S
    assert snapshot(service.index) == before
    assert_answers_known_clause(service)
    service.close()


@pytest.mark.models
def test_cli_each_limit_is_enforced_from_the_environment(cli_index, tmp_path):
    folder = tmp_path / "limits"
    folder.mkdir()
    (folder / "hai-trang.pdf").write_bytes(make_pdf([["Điều 1. Một trang có chữ thứ nhất đủ dài"],
                                                      ["Điều 2. Một trang có chữ thứ hai đủ dài"]]))
    (folder / "nhieu-doan.txt").write_text(variant("27/2025/QĐ-UBND", "Lâm Viên"), encoding="utf-8")
    (folder / "qua-co.txt").write_text(variant("28/2025/QĐ-UBND", "Cao Nguyên") + "\n" + "Ghi chú thêm. " * 8000,
                                       encoding="utf-8")
    before = registry(cli_index)
    r, _ = run_cli(["ingest", str(folder)], cli_index, HOIDAP_MAX_FILE_MB="0.09", HOIDAP_MAX_PAGES="1",
                   HOIDAP_MAX_CHUNKS="2")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "hai-trang.pdf: too many pages (2; the limit is 1)" in r.stderr
    assert "nhieu-doan.txt: more than 2 chunks (limit HOIDAP_MAX_CHUNKS)" in r.stderr
    assert "qua-co.txt: file too large (0.1 MB; the limit is 94371 bytes)" in r.stderr
    assert registry(cli_index) == before
    r, _ = run_cli(["config"], cli_index, HOIDAP_MAX_FILE_MB="7", HOIDAP_MAX_PAGES="9", HOIDAP_MAX_CHUNKS="11")
    shown = dict((line.split(None, 1) + [""])[:2] for line in r.stdout.splitlines() if line.strip())
    assert (shown["max_file_mb"], shown["max_pages"], shown["max_chunks_per_doc"]) == ("7.0", "9", "11")
    r, _ = run_cli(["config"], cli_index, HOIDAP_MAX_CHUNKS="lots")
    assert r.returncode == 1 and "HOIDAP_MAX_CHUNKS='lots' is not a number" in r.stderr


# == 2. Telegram admin upload ==========================================================================

def tg_settings(api: BotApiStandin, root: Path, **kw) -> Settings:
    return Settings(data_dir=root / "data", llm="none", telegram_token=api.token, telegram_api_url=api.url,
                    telegram_users=frozenset({USER}), telegram_admins=frozenset({ADMIN}), **kw)


FINAL = ("❌", "✅", "ℹ️")


async def upload(api: BotApiStandin, name: str, data: bytes, **kw) -> tuple[str, float]:
    """Send a file as the admin; the final word of the bot (the progress message, edited) and the time."""
    before = len(api.bot_messages(ADMIN))
    t0 = time.monotonic()
    api.send_document(ADMIN, name, data, **kw)
    await api.until(lambda: len(api.bot_messages(ADMIN)) > before and api.texts(ADMIN)[-1].startswith(FINAL),
                    timeout=2 * LIMIT_S)
    return api.texts(ADMIN)[-1], time.monotonic() - t0


async def ask_tg(api: BotApiStandin, text: str) -> str:
    before = len(api.bot_messages(USER))
    api.send_text(USER, text)
    await api.until(lambda: len(api.bot_messages(USER)) > before)
    await asyncio.sleep(0.1)
    return api.texts(USER)[-1]


@pytest.fixture
def api():
    with BotApiStandin() as stand_in:
        yield stand_in


async def test_telegram_hostile_uploads(api, cases, tmp_path):
    service = base_service(tmp_path / "svc")
    settings = tg_settings(api, tmp_path)
    uploads = service.settings.data_dir / "uploads"   # the service owns the uploads folder
    try:
        async with polling(build_application(settings, service)):
            for name in BAD:
                before = snapshot(service.index)
                text, seconds = await upload(api, name, cases[name].data)
                assert text.startswith(f"❌ Không nạp được «{name}»: "), text
                assert cases[name].reason in text and "Dữ liệu hiện có không bị ảnh hưởng." in text
                assert seconds < LIMIT_S
                assert snapshot(service.index) == before, name
                assert [p.name for p in uploads.iterdir() if p.is_file()] == []
                assert list((uploads / ".incoming").iterdir()) == []
            assert KNOWN_A in await ask_tg(api, KNOWN_Q)

            for name in GOOD:
                text, seconds = await upload(api, name, cases[name].data)
                assert text.startswith(f"✅ Đã nạp «{name}»"), text
                assert seconds < LIMIT_S
                hits = service.search(cases[name].query, k=3)
                assert hits and hits[0].source == name, (name, [h.source for h in hits])

            # path traversal, direction marks, zero-width and control characters, a very long name
            text, _ = await upload(api, "../../x.txt", variant("31/2025/QĐ-UBND", "Hải Đông").encode())
            assert text.startswith("✅ Đã nạp «x.txt»") and (uploads / "x.txt").is_file()
            assert not (service.settings.data_dir.parent / "x.txt").exists()
            odd = "\u202eQuyết\u200b\x07 định " + "dài " * 60 + ".txt"
            text, _ = await upload(api, odd, variant("32/2025/QĐ-UBND", "Hải Tây").encode())
            assert text.startswith("✅ Đã nạp «"), text
            stored = [p.name for p in uploads.iterdir() if p.is_file() and p.name.startswith("Quyết")]
            assert len(stored) == 1 and len(stored[0]) <= 120 and stored[0].endswith(".txt")
            assert not any(c in stored[0] for c in "\u202e\u200b\x07/")

            # the same document under another name: told so, nothing indexed twice
            before = snapshot(service.index)
            text, _ = await upload(api, "ban-sao.txt", BASE.read_bytes())
            assert text.startswith("ℹ️ «ban-sao.txt» trùng nội dung") and BASE.name in text
            assert snapshot(service.index) == before and not (uploads / "ban-sao.txt").exists()

            # 100 MB: Telegram announces the size, the bot refuses before downloading anything
            gets = len(api.calls_of("getFile"))
            text, _ = await upload(api, "rat-lon.txt", b"x", file_size=100 << 20)
            assert text == "❌ «rat-lon.txt» quá lớn (100.0 MB). Giới hạn là 50 MB."
            assert len(api.calls_of("getFile")) == gets
            assert KNOWN_A in await ask_tg(api, KNOWN_Q)
    finally:
        service.close()


async def test_telegram_size_checked_again_after_download(api, tmp_path):
    """A file whose announced size is missing or wrong is measured after the download."""
    service = base_service(tmp_path / "svc")
    settings = tg_settings(api, tmp_path, max_file_mb=1)
    try:
        async with polling(build_application(settings, service)):
            before = snapshot(service.index)
            text, _ = await upload(api, "nho-ma-lon.txt", b"Dieu 1. " * 300_000, file_size=0)
            assert text == "❌ «nho-ma-lon.txt» quá lớn. Giới hạn là 1 MB."
            assert snapshot(service.index) == before
            assert list((service.settings.data_dir / "uploads" / ".incoming").iterdir()) == []
    finally:
        service.close()


# == 3. Web upload =====================================================================================

@pytest.fixture(scope="module")
def web(tmp_path_factory):
    root = tmp_path_factory.mktemp("web-hostile")
    service = base_service(root)
    users.add_user(service.settings, WEB_ADMIN, PASSWORD, admin=True)
    users.add_user(service.settings, STAFF, PASSWORD)
    yield service
    service.close()


def web_login(app, name: str) -> tuple[TestClient, str]:
    client = TestClient(app)
    r = client.post("/api/login", json={"name": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return client, r.json()["csrf_token"]


def test_web_hostile_uploads(web, cases):
    app = create_app(web.settings, web)
    client, token = web_login(app, WEB_ADMIN)
    h = {"X-CSRF-Token": token}
    uploads = Path(web.settings.data_dir) / "uploads"

    def leftovers():   # kept files; the staging folder uploads/.incoming must stay empty
        return sorted(str(p.relative_to(uploads)) for p in uploads.rglob("*") if p.is_file()) if uploads.exists() else []

    for name in BAD:
        before, kept = snapshot(web.index), leftovers()
        t0 = time.monotonic()
        r = client.post("/api/documents", files={"file": (name, cases[name].data)}, headers=h)
        assert time.monotonic() - t0 < LIMIT_S
        assert r.status_code == 422, (name, r.text)
        body = r.json()
        assert body["ok"] is False and cases[name].web in body["detail"], (name, body["detail"])
        assert snapshot(web.index) == before and leftovers() == kept, name
    assert_answers_known_clause(web)

    for name in GOOD:
        r = client.post("/api/documents", files={"file": (name, cases[name].data)}, headers=h)
        assert r.status_code == 200 and r.json()["ok"], (name, r.text)
        results = client.get("/api/search", params={"q": cases[name].query, "k": 3}).json()["results"]
        assert results[0]["source"] == name

    r = client.post("/api/documents", files={"file": ("../../x.txt", variant("33/2025/QĐ-UBND", "Bắc Hà").encode())},
                    headers=h)
    assert r.status_code == 200 and r.json()["name"] == "x.txt" and (uploads / "x.txt").is_file()
    odd = "\u202eQuyết\u200b\u2066 định " + "dài " * 60 + ".txt"   # (a raw control byte cannot travel in multipart)
    r = client.post("/api/documents", files={"file": (odd, variant("34/2025/QĐ-UBND", "Nam Hà").encode())}, headers=h)
    name = r.json()["name"]
    assert r.status_code == 200 and len(name) <= 120 and name.startswith("Quyết định") and name.endswith(".txt")
    assert not any(c in name for c in "\u202e\u200b\u2066")

    before = snapshot(web.index)
    r = client.post("/api/documents", files={"file": ("ban-sao.txt", BASE.read_bytes())}, headers=h)
    assert r.status_code == 422 and "cùng nội dung" in r.json()["detail"] and BASE.name in r.json()["detail"]
    assert snapshot(web.index) == before and not (uploads / "ban-sao.txt").exists()
    assert_answers_known_clause(web)


def test_web_100mb_upload_refused_before_the_body_is_read(web):
    """Content-Length says 100 MB: 413 at once, and not one piece of the body is consumed."""
    app = create_app(web.settings, web)
    client, token = web_login(app, WEB_ADMIN)
    sent = []

    def body():
        yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lon.txt\"\r\n\r\n"
        for _ in range(100):
            sent.append(1)
            yield b"x" * (1 << 20)
        yield b"\r\n--b--\r\n"

    before = snapshot(web.index)
    r = client.post("/api/documents", content=body(),
                    headers={"X-CSRF-Token": token, "Content-Type": "multipart/form-data; boundary=b",
                             "Content-Length": str((100 << 20) + 200)})
    assert r.status_code == 413 and "quá lớn" in r.json()["detail"] and "50 MB" in r.json()["detail"]
    assert sent == []
    assert snapshot(web.index) == before


def test_web_upload_limits_pages_and_chunks(web):
    """HOIDAP_MAX_PAGES and HOIDAP_MAX_CHUNKS apply to uploads too, with a Vietnamese message."""
    for change, name, data in [
            ({"max_pages": 1}, "hai-trang.pdf", make_pdf([["Điều 1. Trang thứ nhất có đủ chữ để đọc"],
                                                          ["Điều 2. Trang thứ hai có đủ chữ để đọc"]])),
            ({"max_chunks_per_doc": 2}, "nhieu-doan.txt", variant("35/2025/QĐ-UBND", "Lạc Sơn").encode())]:
        settings = web.settings.with_(**change)
        service = Hoidap(settings, embedder=web.embedder)
        app = create_app(settings, service)
        client, token = web_login(app, WEB_ADMIN)
        before = snapshot(web.index)
        r = client.post("/api/documents", files={"file": (name, data)}, headers={"X-CSRF-Token": token})
        assert r.status_code == 422 and "vượt giới hạn" in r.json()["detail"], r.text
        assert snapshot(web.index) == before
        service.close()


# == 4. Hostile questions: service, CLI, web API, Telegram ============================================

FORM = HOSTILE / "hd-05-2025-bieu-mau.txt"
FORM_Q = "Ký hiệu đặc biệt trong biểu mẫu điện tử đề nghị khen thưởng được xử lý thế nào?"
QUESTIONS = {
    "empty": "",
    "blank": "   \n\t  ",
    "long": ("Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì? " * 200)[:10_000],
    "emoji": "🙂🎉👍🏽🇻🇳",
    "sql": "'; DROP TABLE chunks; --",
    "sql-words": "chiến sĩ thi đua' OR 1=1; DELETE FROM documents WHERE '1'='1",
    "html": "<script>alert(1)</script>",
    "markdown": "**bold** [x](javascript:alert(1)) `code` <b>đậm</b> tiêu chuẩn chiến sĩ thi đua cơ sở",
    "mixed": "What is the tiêu chuẩn for 战士 Chiến sĩ thi đua cơ sở? Какие критерии? ¿Qué?",
    "controls": "chiến sĩ\x00 thi đua\u202e cơ sở\u200b\x1b[31m",
    "form": FORM_Q,
}


@pytest.fixture(scope="module")
def qsvc(tmp_path_factory):
    root = tmp_path_factory.mktemp("questions")
    service = base_service(root)
    assert service.ingest([FORM]).ok
    users.add_user(service.settings, STAFF, PASSWORD)
    yield service
    service.close()


def test_service_answers_or_refuses_every_hostile_question(qsvc):
    before = snapshot(qsvc.index)
    for key, q in QUESTIONS.items():
        t0 = time.monotonic()
        ans = qsvc.ask(q, llm="none")
        assert time.monotonic() - t0 < LIMIT_S
        assert ans.answer.strip(), key
        if key in ("empty", "blank", "emoji"):
            assert ans.refused, (key, ans.answer)
        assert json.loads(json.dumps(ans.to_json(key), ensure_ascii=False))["id"] == key
        for c in ans.citations:     # whatever was asked, a citation is a real indexed clause
            assert c.text in qsvc.index.document_chunks(c.doc_id)[c.position]["text"]
        hits = qsvc.search(q, k=3) if q.strip() else []
        assert all(h.source for h in hits)
    assert snapshot(qsvc.index) == before          # nothing was dropped or deleted by the SQL
    ans = qsvc.ask(QUESTIONS["form"], llm="none")
    assert "<script>alert('xss')</script>" in ans.answer     # plain text here; escaping is the presenters' job
    assert_answers_known_clause(qsvc)


@pytest.mark.models
def test_cli_ask_json_never_crashes(cli_index, tmp_path):
    r, _ = run_cli(["ingest", str(FORM)], cli_index)
    assert r.returncode == 0, r.stderr
    batch = tmp_path / "q.jsonl"
    batch.write_text("".join(json.dumps({"id": k, "question": q}, ensure_ascii=False) + "\n"
                             for k, q in QUESTIONS.items()), encoding="utf-8")
    r, _ = run_cli(["ask", "--jsonl", str(batch), "--llm", "none"], cli_index)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr[-2000:]
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["id"] for row in rows] == list(QUESTIONS)
    assert all(row["answer"].strip() for row in rows)
    assert {row["id"] for row in rows if row["refused"]} >= {"empty", "blank", "emoji"}
    form = next(row for row in rows if row["id"] == "form")
    assert "<script>alert('xss')</script>" in form["answer"] and form["citations"][0]["number"] == "05/2025/HD-VP"

    for key in ("long",):                            # 10,000 characters as an argument; the batch has the rest
        r, _ = run_cli(["ask", QUESTIONS[key], "--json", "--llm", "none"], cli_index)
        assert r.returncode == 0 and "Traceback" not in r.stderr, (key, r.stderr[-1000:])
        assert json.loads(r.stdout)["answer"].strip()
    for blank in ("", "   "):
        r, _ = run_cli(["ask", blank, "--json"], cli_index)
        assert r.returncode == 2 and "give a QUESTION" in r.stderr and "Traceback" not in r.stderr
    assert registry(cli_index)[0][0]                    # and the SQL in the questions did nothing to it


def test_web_api_hostile_questions_and_escaping(qsvc):
    app = create_app(qsvc.settings, qsvc)
    client, token = web_login(app, STAFF)
    h = {"X-CSRF-Token": token}
    for key, q in QUESTIONS.items():
        r = client.post("/api/ask", json={"question": q}, headers=h)
        if key in ("empty", "blank"):
            assert r.status_code == 400 and r.json()["detail"] == "Vui lòng nhập câu hỏi."
        elif key == "long":
            assert r.status_code == 400 and "quá dài" in r.json()["detail"]
        else:
            assert r.status_code == 200, (key, r.text)
            assert r.headers["content-type"].startswith("application/json") and r.json()["answer"].strip()
        if q.strip() and len(q) <= 2000:
            s = client.get("/api/search", params={"q": q})
            assert s.status_code == 200, (key, s.text)
    body = client.post("/api/ask", json={"question": FORM_Q}, headers=h).json()
    assert "<script>alert('xss')</script>" in body["answer"]   # JSON data; the page uses textContent
    with client.stream("POST", "/api/ask?stream=1", json={"question": QUESTIONS["controls"]}, headers=h) as r:
        assert r.status_code == 200 and "event: final" in "".join(r.iter_text())

    # the pages: the clause and the question are escaped wherever they are shown
    for mode in ("tim", "hoi"):
        page = client.get("/", params={"q": "ky hieu dac biet bieu mau dien tu <script>alert(1)</script>",
                                       "mode": mode}).text
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page
        assert 'href="javascript:' not in page
    js = (ROOT / "bot" / "web" / "static" / "app.js").read_text(encoding="utf-8")
    code = "\n".join(line for line in js.splitlines() if not line.strip().startswith("//"))
    assert not any(sink in code for sink in (".innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"))
    assert_answers_known_clause(qsvc)


async def test_telegram_hostile_questions_and_escaping(api, qsvc, tmp_path):
    settings = tg_settings(api, tmp_path, rate_limit_per_minute=0)
    async with polling(build_application(settings, qsvc)):
        for key, q in QUESTIONS.items():
            if not q.strip():
                q = "/hoi"                                   # Telegram cannot send an empty message
            text = await ask_tg(api, q[:4096])               # nor one over 4,096 characters
            assert text.strip(), key
            if key == "emoji":
                assert "Vui lòng nhập câu hỏi bằng chữ" in text
        msg = api.bot_messages(USER)
        form = next(m for m in reversed(msg) if "alert('xss')" in m["text"])
        assert "<script>alert('xss')</script>" in form["text"]          # shown literally...
        assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in form["html"] or \
            "&lt;script&gt;alert('xss')&lt;/script&gt;" in form["html"]  # ...because it was escaped
        assert "<script" not in form["html"] and "<a " not in form["html"]
        assert all(parse_html(m["html"])[1] == "" for m in msg)
        assert [c for c in api.calls if c["status"] >= 400] == []      # Telegram never refused our HTML
    assert_answers_known_clause(qsvc)


# == 5. Load: many users, and a slow LLM that must shed load ==========================================

def small_queue_llm(service, url: str, slots: int = 1, waiting: int = 1):
    """Make `service` generate with the fake server through a queue of `slots` + `waiting`."""
    from bot.answering.llm import LLM
    llm = LLM(url, "fake", "", timeout=60, max_concurrent=slots, max_waiting=waiting)
    service.llm = lambda mode=None: llm
    return llm


def test_llm_queue_sheds_excess_at_once():
    """1 slot + 2 waiting, 8 callers at once: 3 answers, 5 LLMBusy right away, never 2 at the server."""
    from concurrent.futures import ThreadPoolExecutor

    from testkit.fake_llm import FakeLLMServer
    from bot.answering.llm import LLM, LLMBusy
    with FakeLLMServer(token_delay=0.05) as server:
        llm = LLM(server.url, "fake", "", timeout=60, max_concurrent=1, max_waiting=2)

        def call(_):
            t0 = time.monotonic()
            try:
                return "ok", llm.stream([("user", "Xin chào")]), time.monotonic() - t0
            except LLMBusy:
                return "busy", "", time.monotonic() - t0

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(call, range(8)))
    kinds = sorted(r[0] for r in results)
    assert kinds == ["busy"] * 5 + ["ok"] * 3
    one_answer = min(r[2] for r in results if r[0] == "ok")
    assert all(r[2] < one_answer for r in results if r[0] == "busy")   # shed at once, not after waiting
    assert server.peak == 1 and len(server.requests) == 3
    assert all("được quy định cụ thể" in r[1] for r in results if r[0] == "ok")


async def test_telegram_busy_llm_says_dang_ban_with_the_quote(api, qsvc, tmp_path, monkeypatch):
    from testkit.fake_llm import LLM_MARKER, LLM_REPLY, FakeLLMServer
    settings = tg_settings(api, tmp_path, rate_limit_per_minute=0)
    users_ = [USER + 100 + i for i in range(6)]
    settings = settings.with_(telegram_users=frozenset(users_))
    # The reply carries the asked figure: the guard replaces a figure question's answer without one.
    with FakeLLMServer(reply=f"{LLM_REPLY} Tỷ lệ không quá 15% [1].", token_delay=0.08) as server:
        monkeypatch.setattr(qsvc, "settings", qsvc.settings.with_(llm=server.url))
        small_queue_llm(qsvc, server.url)
        try:
            async with polling(build_application(settings, qsvc), edit_interval=0.3):
                for uid in users_:
                    api.send_text(uid, KNOWN_Q)

                def final(uid):
                    texts = api.texts(uid)
                    return texts and not texts[-1].endswith("Đang soạn câu trả lời…") and (
                        texts[-1].startswith("⏳") or LLM_MARKER in texts[-1])
                await api.until(lambda: all(final(uid) for uid in users_), timeout=120)
        finally:
            del qsvc.llm                                   # back to the class's method
    finals = [api.texts(uid)[-1] for uid in users_]
    busy = [t for t in finals if t.startswith("⏳ Hệ thống đang bận, vui lòng thử lại sau ít phút.")]
    generated = [t for t in finals if LLM_MARKER in t]
    assert len(busy) + len(generated) == 6 and len(generated) == 2 and len(busy) == 4
    assert all(KNOWN_A in t and "[1] 21/2025/QĐ-UBND" in t for t in busy)   # the quoted clause comes along
    assert server.peak == 1


async def test_web_sheds_load_with_503_and_busy_llm_falls_back(qsvc, monkeypatch):
    import httpx

    from testkit.fake_llm import LLM_REPLY, FakeLLMServer
    with FakeLLMServer(reply=f"{LLM_REPLY} Tỷ lệ không quá 15% [1].", token_delay=0.05) as server:
        monkeypatch.setattr(qsvc, "settings", qsvc.settings.with_(llm=server.url))
        small_queue_llm(qsvc, server.url)
        try:
            # One page slot that is given back at the extractive answer (issue 17) sheds only requests
            # that arrive while it is taken: so the first case does not wait for it.
            for slots, wait in ((1, 0.001), (10, 30.0)):
                app = create_app(qsvc.settings, qsvc, ask_slots=slots, ask_wait=wait)
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://web") as client:
                    token = (await client.post("/api/login", json={"name": STAFF, "password": PASSWORD})).json()
                    h = {"X-CSRF-Token": token["csrf_token"]}
                    rs = await asyncio.gather(*(client.post("/api/ask", json={"question": KNOWN_Q}, headers=h,
                                                            timeout=120) for _ in range(5)))
                codes = sorted(r.status_code for r in rs)
                if slots == 1:     # the page's own queue: one at a time, the rest told to come back
                    assert codes[0] == 200 and 503 in codes and set(codes) <= {200, 503}
                    assert all("đang bận" in r.json()["detail"] for r in rs if r.status_code == 503)
                else:              # more page slots than the LLM queue holds: quoted answers, not errors
                    assert codes == [200] * 5, [r.text for r in rs]
                    bodies = [r.json() for r in rs]
                    fell_back = [b for b in bodies if b["mode"] != "generated"]
                    assert len(fell_back) == 3 and all("đang bận" in b["warnings"][0] and KNOWN_A in b["answer"]
                                                       for b in fell_back)
        finally:
            del qsvc.llm
    assert server.peak == 1


@pytest.mark.models
async def test_load_short_telegram_and_web(tmp_path, models_available):
    """The load benchmark, short: 10 users × 10 s against each real process; no errors."""
    from benchmarks.load_procs import build_index
    from benchmarks.load_telegram import telegram_load
    from benchmarks.load_web import web_load
    data = build_index(tmp_path / "data", [BASE, FORM])
    tg = await telegram_load(data, users=10, duration=10, think=0.5, log_dir=tmp_path)
    web_ = await web_load(data, users=10, duration=10, think=0.5, log_dir=tmp_path)
    for result in (tg, web_):
        print(json.dumps(result, ensure_ascii=False))
        assert result["errors"] == 0, result["error_samples"]
        assert result["latency"]["n"] >= 10 and result["peak_rss_mb"] > 0
    assert tg["token_in_log"] is False and tg["exit_code"] == 0
