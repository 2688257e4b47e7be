"""The staff page in a real browser: Debian's chromium driven headless by Playwright (no browser
download) against the real server (uvicorn) on a loopback port.

Log in, search a question typed without diacritics, open a result and land on the cited Điều; ask
in "Hỏi" mode and watch the streamed answer; upload a document with the progress bar. Screenshots
(desktop and phone width) go to tests/artifacts/.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from bot import users
from bot.service import Hoidap
from bot.web.app import create_app
from ingest.settings import Settings
from tests.fakes import FakeEmbedder
from tests.test_web import ADMIN, DECREE, NEW_DOC, PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium; `make test` tries)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real app under uvicorn in a thread, over a small indexed decree; yields its base URL."""
    import uvicorn

    tmp = tmp_path_factory.mktemp("browser")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "qd-07-2025-thi-dua.txt").write_text(DECREE, encoding="utf-8")
    settings = Settings(data_dir=tmp / "data", llm="none")
    service = Hoidap(settings, embedder=FakeEmbedder())
    assert service.ingest([tmp / "docs"]).ok
    users.add_user(settings, ADMIN, PASSWORD, admin=True)
    port = _free_port()
    config = uvicorn.Config(create_app(settings, service), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True, name="uvicorn-test")
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        assert time.time() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    service.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def logged_in(browser, server):
    """Storage state (session cookie) of an admin who logged in through the form."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    page = context.new_page()
    page.goto(server + "/")
    assert "/login" in page.url  # anonymous: sent to the login form
    page.fill("#name", ADMIN)
    page.fill("#password", "sai-mat-khau")
    page.click("button[type=submit]")
    assert "Sai tên đăng nhập hoặc mật khẩu." in page.inner_text("main")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    state = context.storage_state()
    context.close()
    return state


def _page(browser, state, errors: list, **context_args):
    context = browser.new_context(storage_state=state, locale="vi-VN", **context_args)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    return page


def _in_view(page, selector_js: str) -> dict:
    return page.evaluate(f"""() => {{
        const el = {selector_js};
        const r = el.getBoundingClientRect();
        const header = document.querySelector('header.top').getBoundingClientRect().bottom;
        return {{top: r.top, bottom: r.bottom, header, height: window.innerHeight,
                 section: el.closest('section') && el.closest('section').id}};
    }}""")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_search_without_diacritics_and_land_on_cited_dieu(browser, server, logged_in, device):
    ARTIFACTS.mkdir(exist_ok=True)
    size = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}[device]
    extra = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2} if device == "phone" else {}
    errors: list[str] = []
    page = _page(browser, logged_in, errors, viewport=size, **extra)

    page.goto(server + "/")
    page.fill("#q", "tieu chuan chien si thi dua co so")
    page.press("#q", "Enter")
    page.wait_for_selector("article.hit")
    marks = page.locator("article.hit mark").all_inner_texts()
    assert "Chiến sĩ thi đua cơ sở" in marks  # accented text marked for the plain query
    page.screenshot(path=str(ARTIFACTS / f"browser-search-{device}.png"), full_page=False)

    hit = page.locator("article.hit", has=page.locator(".section", has_text="Điều 8")).first
    assert "07/2025/QĐ-UBND" in hit.inner_text()
    hit.locator("a.open").click()
    page.wait_for_load_state("load")
    assert "#chunk-" in page.url and "/documents/" in page.url
    chunk_id = page.url.rsplit("#", 1)[1]
    page.wait_for_timeout(200)
    box = _in_view(page, f"document.getElementById('{chunk_id}')")
    assert box["section"] == "dieu-8", box
    assert box["header"] - 1 <= box["top"] < box["height"] * 0.6, box  # in view, not under the sticky header
    heading = _in_view(page, "document.querySelector('#dieu-8 h3')")
    assert box["header"] - 1 <= heading["top"] < heading["height"] * 0.5, heading  # the Điều heading shows too
    assert page.locator(f"#{chunk_id}.cited mark").count() >= 1
    assert page.locator("#dieu-8 h3").inner_text().startswith("Điều 8. Danh hiệu Chiến sĩ thi đua cơ sở")
    page.screenshot(path=str(ARTIFACTS / f"browser-document-{device}.png"), full_page=False)

    # The table of contents jumps to another Điều.
    if device == "phone":
        page.click("#toc summary")
    page.click("#toc a[href='#dieu-9']")
    page.wait_for_timeout(200)
    box = _in_view(page, "document.getElementById('dieu-9')")
    assert box["header"] - 1 <= box["top"] < box["height"] * 0.6, box
    assert page.locator("#dieu-9 table td", has_text="từ 90 điểm trở lên").count() == 1
    assert errors == []
    page.context.close()


def test_ask_streams_answer_with_numbered_sources(browser, server, logged_in):
    errors: list[str] = []
    page = _page(browser, logged_in, errors, viewport={"width": 1280, "height": 860})
    page.goto(server + "/?mode=hoi")
    page.fill("#q", "ty le chien si thi dua co so toi da bao nhieu")
    page.press("#q", "Enter")
    page.wait_for_selector(".turn .sources li", timeout=30_000)
    turn = page.locator(".turn").first
    assert "15%" in turn.locator(".answer").inner_text()
    first = turn.locator(".sources li").first
    assert first.inner_text().startswith("[1] 07/2025/QĐ-UBND") and "Điều 8" in first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "browser-ask-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "browser-ask-phone.png"), full_page=False)
    page.set_viewport_size({"width": 1280, "height": 860})
    # A follow-up keeps the conversation on the page.
    page.fill("#q", "the con tap the thi sao")
    page.press("#q", "Enter")
    page.wait_for_function("() => { const t = document.querySelectorAll('.turn');"
                           " return t.length == 2 && !t[1].querySelector('.spinner'); }", timeout=30_000)
    assert errors == []
    page.context.close()


def test_admin_uploads_with_progress(browser, server, logged_in, tmp_path):
    errors: list[str] = []
    page = _page(browser, logged_in, errors, viewport={"width": 1280, "height": 860})
    page.goto(server + "/documents")
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"not a pdf \x00\x01" * 100)
    page.set_input_files("#file", str(bad))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#upload-status.error")
    assert "Không nạp được «hong.pdf»" in page.inner_text("#upload-status")
    good = tmp_path / "tt-99-lao-dong-tien-tien.txt"
    good.write_text(NEW_DOC, encoding="utf-8")
    page.set_input_files("#file", str(good))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#js-flash:not([hidden])", timeout=30_000)
    assert "Đã nạp «tt-99-lao-dong-tien-tien.txt»" in page.inner_text("#js-flash")
    assert page.locator("table.doclist", has_text="99/2025/TT-BNV").count() == 1
    page.screenshot(path=str(ARTIFACTS / "browser-documents-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "browser-documents-phone.png"), full_page=True)
    assert errors == [] or all("422" in e for e in errors), errors  # the refused upload logs its 422
    page.context.close()
