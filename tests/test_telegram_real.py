"""The main Telegram flows through the real service (retrieval, extractive answers, refusal, status,
ingest) with a fake embedder and no LLM (`llm="none"`), against the stand-in Bot API.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.service import Hoidap
from bot.telegram.app import build_application
from ingest.settings import Settings
from testkit.botapi_standin import BotApiStandin, polling
from tests.fakes import FakeEmbedder

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

USER, ADMIN = 2001, 2002

NEW_DECREE = """ỦY BAN NHÂN DÂN TỈNH BẮC SƠN
Số: 05/2024/QĐ-UBND
Bắc Sơn, ngày 15 tháng 01 năm 2024
QUYẾT ĐỊNH
Ban hành Quy định công tác thi đua, khen thưởng trên địa bàn tỉnh Bắc Sơn
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này quy định về danh hiệu thi đua, tiêu chuẩn và thủ tục xét tặng trên địa bàn tỉnh.
Chương II
DANH HIỆU THI ĐUA
Điều 3. Danh hiệu Chiến sĩ thi đua cơ sở
1. Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng hằng năm cho cá nhân đạt các tiêu chuẩn sau:
a) Đạt danh hiệu Lao động tiên tiến;
b) Có sáng kiến được Hội đồng sáng kiến cấp cơ sở công nhận.
2. Số lượng cá nhân được công nhận danh hiệu Chiến sĩ thi đua cơ sở không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến của cơ quan, đơn vị.
Điều 4. Danh hiệu Tập thể lao động tiên tiến
Danh hiệu Tập thể lao động tiên tiến được xét tặng cho tập thể hoàn thành tốt nhiệm vụ được giao, có trên 50% cá nhân đạt danh hiệu Lao động tiên tiến và không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên.
Chương III
ĐIỀU KHOẢN THI HÀNH
Điều 5. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 01 tháng 02 năm 2024 và thay thế Quyết định số 02/2020/QĐ-UBND ngày 10 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh Bắc Sơn.
"""

OLD_DECREE = """ỦY BAN NHÂN DÂN TỈNH BẮC SƠN
Số: 02/2020/QĐ-UBND
Bắc Sơn, ngày 10 tháng 3 năm 2020
QUYẾT ĐỊNH
Ban hành Quy định công tác thi đua, khen thưởng trên địa bàn tỉnh Bắc Sơn
Điều 1. Danh hiệu Chiến sĩ thi đua cơ sở
Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng cho cá nhân đạt danh hiệu Lao động tiên tiến và có sáng kiến; số lượng không quá 20% tổng số cá nhân đạt danh hiệu Lao động tiên tiến.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày ký.
"""

LEAVE_DECREE = """ỦY BAN NHÂN DÂN TỈNH BẮC SƠN
Số: 18/2024/QĐ-UBND
Bắc Sơn, ngày 20 tháng 5 năm 2024
QUYẾT ĐỊNH
Ban hành Quy định về chế độ nghỉ phép năm của cán bộ, công chức
Điều 1. Số ngày nghỉ phép năm
1. Cán bộ, công chức làm việc đủ 12 tháng được nghỉ phép năm 12 ngày làm việc.
2. Cứ đủ 05 năm công tác thì số ngày nghỉ phép năm được tăng thêm 01 ngày.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày ký.
"""
LEAVE_QUESTION = "Cán bộ được nghỉ phép năm bao nhiêu ngày?"


def make_service(root) -> Hoidap:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "qd-05-2024.txt").write_text(NEW_DECREE, encoding="utf-8")
    (docs / "qd-02-2020.txt").write_text(OLD_DECREE, encoding="utf-8")
    service = Hoidap(Settings(data_dir=root / "index", llm="none"), embedder=FakeEmbedder())
    assert service.ingest([docs]).ok
    return service


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    svc = make_service(tmp_path_factory.mktemp("tg-real"))
    yield svc
    svc.close()


@pytest.fixture
def api():
    with BotApiStandin() as stand_in:
        yield stand_in


def bot_settings(api, tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "bot", llm="none", telegram_token=api.token, telegram_api_url=api.url,
                    telegram_users=frozenset({USER}), telegram_admins=frozenset({ADMIN}))


async def ask(api, user, text) -> dict:
    before = len(api.bot_messages(user))
    api.send_text(user, text)
    await api.until(lambda: len(api.bot_messages(user)) > before)
    await asyncio.sleep(0.1)
    return api.bot_messages(user)[-1]


async def test_question_answered_with_sources_and_full_clause(api, service, tmp_path):
    async with polling(build_application(bot_settings(api, tmp_path), service)):
        msg = await ask(api, USER, "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?")
        assert "a) Đạt danh hiệu Lao động tiên tiến;" in msg["text"]
        assert "📚 Nguồn:\n[1] 05/2024/QĐ-UBND, Điều 3, Khoản 1–2" in msg["text"]
        buttons = dict(api.buttons(msg))
        api.press_button(USER, msg, buttons["Xem nguyên văn [1]"])
        await api.until(lambda: len(api.bot_messages(USER)) == 2)
        clause = api.bot_messages(USER)[-1]["text"]
        assert "Quy định công tác thi đua, khen thưởng trên địa bàn tỉnh Bắc Sơn" in clause
        assert "Chương II › Điều 3 › Khoản 1–2" in clause
        assert "b) Có sáng kiến được Hội đồng sáng kiến cấp cơ sở công nhận." in clause


async def test_no_diacritics_question(api, service, tmp_path):
    async with polling(build_application(bot_settings(api, tmp_path), service)):
        msg = await ask(api, USER, "so luong chien si thi dua co so khong qua bao nhieu")
        assert "không quá 15%" in msg["text"] and "[1] 05/2024/QĐ-UBND, Điều 3" in msg["text"]


async def test_out_of_scope_question_refused(api, service, tmp_path):
    async with polling(build_application(bot_settings(api, tmp_path), service)):
        msg = await ask(api, USER, "Giá vé máy bay đi Đà Nẵng tháng này là bao nhiêu?")
        assert "Tài liệu hiện có không quy định" in msg["text"]
        assert "Nguồn:" not in msg["text"] and "Xem nguyên văn [1]" not in dict(api.buttons(msg))


async def test_follow_up_question_uses_chat_history(api, service, tmp_path):
    async with polling(build_application(bot_settings(api, tmp_path), service)):
        await ask(api, USER, "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?")
        msg = await ask(api, USER, "thế còn tập thể thì sao?")
        assert "có trên 50% cá nhân đạt danh hiệu Lao động tiên tiến" in msg["text"]
        assert "05/2024/QĐ-UBND, Điều 4" in msg["text"]


async def test_replaced_document_cited_with_its_status(api, service, tmp_path):
    async with polling(build_application(bot_settings(api, tmp_path), service)):
        msg = await ask(api, USER, "Theo Quyết định 02/2020/QĐ-UBND, tỷ lệ chiến sĩ thi đua cơ sở tối đa là bao nhiêu?")
        assert "không quá 20%" in msg["text"]
        assert "[1] 02/2020/QĐ-UBND, Điều 1 — ⚠️ bị thay thế bởi 05/2024/QĐ-UBND từ 01/02/2024" in msg["text"]
        docs = await ask(api, USER, "/vanban")
        assert "02/2020/QĐ-UBND" in docs["text"] and "⚠️ bị thay thế bởi 05/2024/QĐ-UBND" in docs["text"]


async def test_admin_upload_ingested_then_answerable_and_removable(api, tmp_path):
    service = make_service(tmp_path / "own")
    settings = bot_settings(api, tmp_path)
    try:
        async with polling(build_application(settings, service)):
            assert "Tài liệu hiện có không quy định" in (await ask(api, USER, LEAVE_QUESTION))["text"]
            api.send_document(USER, "nghi-phep.txt", LEAVE_DECREE.encode())   # not an admin
            await api.until(lambda: "Chỉ quản trị viên" in api.texts(USER)[-1])

            api.send_document(ADMIN, "Nghỉ phép năm.txt", LEAVE_DECREE.encode(), mime_type="text/plain")
            await api.until(lambda: "✅" in (api.texts(ADMIN) or [""])[-1])
            assert "Đã nạp «Nghỉ phép năm.txt»" in api.texts(ADMIN)[-1]
            msg = await ask(api, USER, "can bo duoc nghi phep nam bao nhieu ngay")
            assert "được nghỉ phép năm 12 ngày làm việc" in msg["text"]
            assert "[1] 18/2024/QĐ-UBND, Điều 1" in msg["text"]
            assert any(d["source"] == "Nghỉ phép năm.txt" for d in service.documents())

            # a broken file: clear message, nothing indexed changes
            api.send_document(ADMIN, "hong.pdf", b"\x00\x01 not a pdf at all")
            await api.until(lambda: "❌" in api.texts(ADMIN)[-1])
            assert "Không nạp được «hong.pdf»" in api.texts(ADMIN)[-1]
            assert "12 ngày làm việc" in (await ask(api, USER, LEAVE_QUESTION))["text"]

            # the same file again: nothing to do
            api.send_document(ADMIN, "Nghỉ phép năm.txt", LEAVE_DECREE.encode())
            await api.until(lambda: "không thay đổi" in api.texts(ADMIN)[-1])

            await ask(api, ADMIN, "/xoa Nghỉ phép năm.txt")
            assert "Đã xoá: «Nghỉ phép năm.txt»" in api.texts(ADMIN)[-1]
            assert not (settings.data_dir / "uploads" / "Nghỉ phép năm.txt").exists()
            assert "Tài liệu hiện có không quy định" in (await ask(api, USER, LEAVE_QUESTION))["text"]
    finally:
        service.close()


@pytest.mark.models
def test_hoidap_telegram_process_end_to_end(api, tmp_path, models_available):
    """`hoidap telegram` as the service runs it: real models, long polling, SIGTERM stops it cleanly,
    and the token is nowhere in its log."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    hoidap = Path(sys.executable).parent / "hoidap"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "qd-05-2024.txt").write_text(NEW_DECREE, encoding="utf-8")
    env = dict(os.environ, TELEGRAM_BOT_TOKEN=api.token, HOIDAP_TELEGRAM_API_URL=api.url,
               HOIDAP_TELEGRAM_USERS=str(USER), HOIDAP_LLM="none", HOIDAP_DATA_DIR=str(tmp_path / "data"))
    subprocess.run([str(hoidap), "ingest", str(docs)], env=env, check=True, capture_output=True, timeout=300)
    proc = subprocess.Popen([str(hoidap), "telegram"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        api.send_text(USER, "tieu chuan chien si thi dua co so la gi")
        api.send_text(USER + 1, "xin chào")
        while not (api.bot_messages(USER) and api.bot_messages(USER + 1)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Đạt danh hiệu Lao động tiên tiến" in api.texts(USER)[-1]
        assert "[1] 05/2024/QĐ-UBND, Điều 3" in api.texts(USER)[-1]
        assert "chưa được cấp quyền" in api.texts(USER + 1)[0]
        assert [c["command"] for c in api.commands][:2] == ["hoi", "tim"]
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(60)
        log = proc.stderr.read()
    assert code == 0, log
    assert f"refused user {USER + 1}" in log
    assert api.token not in log and api.token.split(":")[1] not in log
