"""Issue 14 through the Telegram face: an admin photographs a page of a regulation and sends it as a
compressed photo; the bot reads it by OCR, says how many pages it read, and a cadre's question is then
answered from the scan, cited with its page ("trang 1, bản quét"). Real Tesseract, real service, the Bot
API stand-in on loopback; the page image is drawn at run time (no binary fixture)."""

from __future__ import annotations

import asyncio
import io

import pytest

from benchmarks.scans import as_photo, render_pages
from bot.service import Hoidap
from bot.telegram.app import build_application
from ingest.settings import Settings
from testkit.botapi_standin import BotApiStandin, polling
from tests.fakes import FakeEmbedder
from tests.test_ocr import tesseract  # noqa: F401  (fixture: fails under CI when Tesseract is missing)

USER, ADMIN = 3001, 3002
LEAVE_PAGE = """ỦY BAN NHÂN DÂN TỈNH BẮC SƠN
Số: 18/2024/QĐ-UBND
Bắc Sơn, ngày 20 tháng 5 năm 2024
QUYẾT ĐỊNH
Ban hành Quy định về chế độ nghỉ phép năm của cán bộ, công chức
Điều 1. Số ngày nghỉ phép năm
1. Cán bộ, công chức làm việc đủ 12 tháng được nghỉ phép năm 12 ngày làm việc.
2. Cứ đủ 05 năm công tác thì số ngày nghỉ phép năm được tăng thêm 01 ngày."""


def _jpeg(image, quality=85) -> bytes:
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


@pytest.fixture
def api():
    with BotApiStandin() as stand_in:
        yield stand_in


async def _ask(api, user, text) -> dict:
    before = len(api.bot_messages(user))
    api.send_text(user, text)
    await api.until(lambda: len(api.bot_messages(user)) > before, timeout=30)
    await asyncio.sleep(0.1)
    return api.bot_messages(user)[-1]


async def test_admin_photo_of_a_page_is_read_and_answers_cite_the_scanned_page(api, tmp_path, tesseract):  # noqa: F811
    page = render_pages(LEAVE_PAGE, dpi=200, max_pages=1)[0]
    photo = as_photo(page)
    thumb = photo.resize((photo.width // 8, photo.height // 8))
    service = Hoidap(Settings(data_dir=tmp_path / "data", llm="none"), embedder=FakeEmbedder())
    settings = Settings(data_dir=tmp_path / "data", llm="none", telegram_token=api.token, telegram_api_url=api.url,
                        telegram_users=frozenset({USER}), telegram_admins=frozenset({ADMIN}))
    try:
        async with polling(build_application(settings, service)):
            api.send_photo(USER, [_jpeg(thumb), _jpeg(photo)])           # not an admin: nothing ingested
            await api.until(lambda: "Chỉ quản trị viên" in (api.texts(USER) or [""])[-1])
            assert service.documents() == []

            api.send_photo(ADMIN, [_jpeg(thumb), _jpeg(photo)])
            await api.until(lambda: "✅" in (api.texts(ADMIN) or [""])[-1], timeout=120)
            reply = api.texts(ADMIN)[-1]
            assert "Đã đọc 1 trang bản quét" in reply, reply
            assert [d["number"] for d in service.documents()] == ["18/2024/QĐ-UBND"]   # header read from the scan

            await _ask(api, USER, "can bo duoc nghi phep nam bao nhieu ngay")
            await asyncio.sleep(0.5)
            # the answer (and its quote when sent apart); OCR keeps the page's line breaks inside sentences
            answer = " ".join("\n".join(api.texts(USER)[-2:]).split())
            assert "12 ngày làm việc" in answer, answer
            assert "trang 1, bản quét" in answer, answer
    finally:
        service.close()


def test_cli_list_marks_a_poorly_read_scan_and_follow_symlinks_flag(tmp_path, monkeypatch, tesseract):  # noqa: F811
    """`hoidap list` marks a scan and its poorly read pages; `hoidap ingest --follow-symlinks` lets a link that
    points outside the folder in (off by default)."""
    from click.testing import CliRunner

    from bot.cli import main
    page = tmp_path / "docs" / "mo.png"
    page.parent.mkdir()
    render_pages(LEAVE_PAGE, dpi=200, max_pages=1)[0].save(page, dpi=(200, 200))
    outside = tmp_path / "ngoai" / "qd.txt"
    outside.parent.mkdir()
    outside.write_text(LEAVE_PAGE.replace("18/2024", "19/2024"), encoding="utf-8")
    (page.parent / "lien-ket.txt").symlink_to(outside)
    settings = Settings(data_dir=tmp_path / "data", llm="none", ocr_min_conf=99.5)   # every page is "poor"
    service = Hoidap(settings, embedder=FakeEmbedder())
    monkeypatch.setenv("HOIDAP_DATA_DIR", str(settings.data_dir))
    for module in ("bot.cli.index",):
        monkeypatch.setattr(f"{module}.make_service", lambda s: service)
    try:
        out = CliRunner().invoke(main, ["ingest", str(page.parent)])
        assert out.exit_code == 0 and "lien-ket.txt" in out.output and "not followed" in out.output
        listed = CliRunner().invoke(main, ["list"]).output
        line = next(x for x in listed.splitlines() if x.startswith("mo.png"))
        assert "bản quét; nhận dạng kém: trang 1 (" in line
        assert "lien-ket.txt" not in listed
        out = CliRunner().invoke(main, ["ingest", "--follow-symlinks", str(page.parent)])
        assert out.exit_code == 0 and "lien-ket.txt" in CliRunner().invoke(main, ["list"]).output
    finally:
        service.close()
