"""The Telegram bot's real code against the stand-in Bot API, with a small fake service.

The fake answers a few fixed questions and can stream tokens, fail, be busy or be slow, so the bot's
behaviour (streaming, splitting, buttons, access, limits, 429, webhook) is tested quickly; the
flows through the real retrieval/answer code are in test_telegram_real.py.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import unicodedata

import httpx
import pytest
from click.testing import CliRunner

from bot.telegram.app import build_application, webhook_args
from bot.telegram.state import BotState
from bot.types import Answer, Hit
from ingest.settings import Settings
from testkit.botapi_standin import BOT_USERNAME, BotApiStandin, polling

# PTB's own RetryAfter.__init__ warns about a future type change of retry_after; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

USER, ADMIN, STRANGER, MEMBER = 1001, 1002, 6666, 1003
GROUP, OTHER_GROUP = -100777, -100888

CSTD = Hit(chunk_id=1, doc_id=1, score=1.0, source="tt-15-2023.docx", title="Thông tư hướng dẫn thi đua, khen thưởng",
           number="15/2023/TT-BKHĐT", issuer="Bộ Kế hoạch và Đầu tư", date="30/12/2023",
           section="Chương II › Điều 8. Danh hiệu Chiến sĩ thi đua cơ sở › Khoản 2",
           text="2. Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng cho cá nhân đạt danh hiệu Lao động tiên tiến "
                "và có sáng kiến được công nhận <hiệu quả> & áp dụng.",
           status="đang có hiệu lực (từ 01/01/2024)")
OLD = Hit(chunk_id=2, doc_id=2, score=0.5, source="tt-07-2018.docx", title="Thông tư cũ", number="07/2018/TT-BKHĐT",
          issuer="Bộ Kế hoạch và Đầu tư", date="01/01/2018", section="Điều 5 › Khoản 1",
          text="1. Tập thể lao động tiên tiến là tập thể hoàn thành tốt nhiệm vụ.",
          status="bị thay thế bởi 15/2023/TT-BKHĐT từ 01/01/2024")
DOCS = [{"source": "tt-15-2023.docx", "title": CSTD.title, "number": CSTD.number, "status": CSTD.status,
         "state": "in_force", "n_chunks": 12, "date": "30/12/2023"},
        {"source": "tt-07-2018.docx", "title": OLD.title, "number": OLD.number, "status": OLD.status,
         "state": "replaced", "n_chunks": 9, "date": "01/01/2018"}]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


class FakeService:
    """Has the methods of bot.service.Hoidap that the bot calls."""

    def __init__(self):
        self.asked: list[tuple[str, list, str | None]] = []
        self.tokens: list[str] | None = None   # set: stream these after the extractive answer
        self.token_delay = 0.0
        self.fail: Exception | None = None     # raised after the extractive answer
        self.busy = False                      # the generator's queue is full
        self.long = False
        self.gate: threading.Event | None = None
        self.ingested: list[tuple[list, dict, bytes]] = []
        self.removed: list[str] = []

    def ask(self, question, history=None, llm=None, on_extractive=None, on_token=None, **kw):
        self.asked.append((question, list(history or []), llm))
        if self.gate is not None and "cham" in fold(question):
            self.gate.wait(10)
        q = fold(question)
        if history and q.startswith(("the con", "con ")):      # a follow-up carries the earlier subject
            q += " " + fold(" ".join(history))
        if "chien si thi dua" in q or "cstd" in q:
            if "tap the" in fold(question):
                ext = Answer(question, "Theo [1], tập thể lao động tiên tiến là tập thể hoàn thành tốt nhiệm vụ.",
                             False, [OLD], warnings=["Lưu ý: văn bản 07/2018/TT-BKHĐT bị thay thế bởi 15/2023/TT-BKHĐT."])
            else:
                text = "Theo [1]: «" + CSTD.text + "»"
                if self.long:
                    text = "\n".join(f"Dòng {i}: cá nhân đạt danh hiệu Lao động tiên tiến và có sáng kiến. "
                                     f"Điều kiện {i} <b> & đủ." for i in range(200))
                ext = Answer(question, text, False, [CSTD])
        else:
            ext = Answer(question, "Tài liệu hiện có không quy định nội dung này.", True, [], mode="refused",
                         nearest=[{"source": "tt-15-2023.docx", "number": CSTD.number, "title": CSTD.title}])
        if llm == "none":
            return ext
        if on_extractive:
            on_extractive(ext)
        if self.busy:
            ext.llm_note = "busy"
            return ext
        if self.fail is not None:
            raise self.fail
        if self.tokens and not ext.refused and on_token:
            for piece in self.tokens:
                time.sleep(self.token_delay)
                on_token(piece)
            return Answer(question, "".join(self.tokens), False, ext.citations, mode="generated")
        return ext

    def search(self, query, k=10, **kw):
        return [CSTD, OLD][:k] if "thi dua" in fold(query) else []

    def documents(self):
        return DOCS

    def ingest(self, paths, progress=None, names=None):
        from types import SimpleNamespace
        content = paths[0].read_bytes()
        self.ingested.append((list(paths), dict(names or {}), content))
        if progress:
            progress({"stage": "embedding", "file": "x", "done": 1, "total": 2})
        if b"HONG" in content:
            return SimpleNamespace(added=[], updated=[], unchanged=[], failed=[(str(paths[0]), "no text in the file")],
                                   duplicates=[], chunks=0)
        return SimpleNamespace(added=[names[paths[0]]], updated=[], unchanged=[], failed=[], duplicates=[], chunks=3)

    def staging_path(self, name):
        from bot.uploads import staging_path
        return staging_path(self.data_dir, name)

    def upload(self, staged, name, progress=None):
        from bot.uploads import swap_in_and_ingest
        return swap_in_and_ingest(self.data_dir, staged, name,
                                  lambda path, shown: self.ingest([path], progress, {path: shown}))

    def remove(self, name):
        from bot.uploads import RemoveResult
        self.removed.append(name)
        return RemoveResult(removed=[name] if name == "tt-07-2018.docx" else [])


@pytest.fixture
def api():
    with BotApiStandin() as stand_in:
        yield stand_in


@pytest.fixture
def service(tmp_path):
    fake = FakeService()
    fake.data_dir = tmp_path / "data"   # the same folder settings_for gives the bot
    return fake


def settings_for(api: BotApiStandin, tmp_path, **kw) -> Settings:
    base = dict(data_dir=tmp_path / "data", telegram_token=api.token, telegram_api_url=api.url,
                telegram_users=frozenset({USER, MEMBER}), telegram_admins=frozenset({ADMIN}),
                telegram_chats=frozenset({GROUP}), rate_limit_per_minute=30, llm="none")
    base.update(kw)
    return Settings(**base)


def last(api, chat_id):
    msgs = api.bot_messages(chat_id)
    return msgs[-1] if msgs else None


async def ask_and_wait(api, user, text, chat=None, n=1, **kw):
    chat_id = chat["id"] if chat else user
    before = len(api.bot_messages(chat_id))
    sent = api.send_text(user, text, chat=chat, **kw)
    await api.until(lambda: len(api.bot_messages(chat_id)) >= before + n and
                    not api.bot_messages(chat_id)[-1]["text"].endswith("Đang soạn câu trả lời…"))
    return sent


# -- answers -------------------------------------------------------------------------------------
async def test_question_answered_with_sources_and_buttons(api, service, tmp_path):
    settings = settings_for(api, tmp_path)
    async with polling(build_application(settings, service)):
        await ask_and_wait(api, USER, "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?")
        msg = last(api, USER)
        typing = api.calls_of("sendChatAction")
        assert typing and typing[0]["at"] <= api.calls_of("sendMessage")[0]["at"]   # typing… at once
        assert "Lao động tiên tiến" in msg["text"]
        assert "📚 Nguồn:\n[1] 15/2023/TT-BKHĐT, Điều 8, Khoản 2" in msg["text"]
        assert "<hiệu quả> & áp dụng" in msg["text"]      # escaped, shown literally
        assert "đang có hiệu lực" not in msg["text"]        # status only when it matters
        labels = [t for t, _ in api.buttons(msg)]
        assert labels == ["Xem nguyên văn [1]", "👍", "👎"]
    state = BotState(settings.data_dir / "telegram.sqlite")
    assert state.stats(0)["questions"] == 1


async def test_replaced_document_status_shown_next_to_citation(api, service, tmp_path):
    async with polling(build_application(settings_for(api, tmp_path), service)):
        await ask_and_wait(api, USER, "CSTĐ tập thể thì sao?")
        text = last(api, USER)["text"]
        assert "[1] 07/2018/TT-BKHĐT, Điều 5, Khoản 1 — ⚠️ bị thay thế bởi 15/2023/TT-BKHĐT từ 01/01/2024" in text
        assert "⚠️ Lưu ý: văn bản 07/2018/TT-BKHĐT bị thay thế" in text


async def test_out_of_scope_refused_without_sources(api, service, tmp_path):
    async with polling(build_application(settings_for(api, tmp_path), service)):
        await ask_and_wait(api, USER, "Giá vàng hôm nay bao nhiêu?")
        msg = last(api, USER)
        assert "không quy định" in msg["text"] and "Nguồn" not in msg["text"]
        assert "15/2023/TT-BKHĐT" in msg["text"]   # nearest documents listed instead
        assert [t for t, _ in api.buttons(msg)] == ["👍", "👎"]


async def test_follow_up_uses_persisted_history_and_moi_resets(api, service, tmp_path):
    settings = settings_for(api, tmp_path)
    async with polling(build_application(settings, service)):
        await ask_and_wait(api, USER, "Tiêu chuẩn Chiến sĩ thi đua cơ sở?")
        await ask_and_wait(api, USER, "thế còn tập thể thì sao?")
        assert service.asked[-1][1] == ["Tiêu chuẩn Chiến sĩ thi đua cơ sở?"]
        assert "07/2018/TT-BKHĐT" in last(api, USER)["text"]
    # restart: the history is still there
    async with polling(build_application(settings, service)):
        await ask_and_wait(api, USER, "còn cá nhân?")
        assert service.asked[-1][1] == ["Tiêu chuẩn Chiến sĩ thi đua cơ sở?", "thế còn tập thể thì sao?"]
        await ask_and_wait(api, USER, "/moi")
        assert "cuộc hỏi đáp mới" in last(api, USER)["text"]
        await ask_and_wait(api, USER, "Giá vàng?")
        assert service.asked[-1][1] == []


async def test_long_answer_split_cleanly(api, service, tmp_path):
    service.long = True
    async with polling(build_application(settings_for(api, tmp_path), service)):
        await ask_and_wait(api, USER, "chiến sĩ thi đua", n=2)
        await asyncio.sleep(0.3)
        msgs = api.bot_messages(USER)
        assert len(msgs) >= 2
        assert all(len(m["text"]) <= 4096 for m in msgs)
        joined = "\n".join(m["text"] for m in msgs)
        for i in (0, 57, 199):
            assert f"Dòng {i}: cá nhân" in joined          # no line lost or cut
        assert all(m["text"].split("\n")[0].startswith(("Theo", "Dòng", "📚")) for m in msgs)
        assert api.buttons(msgs[-1]) and not api.buttons(msgs[0])   # the keyboard goes under the last part


async def test_view_clause_button_and_feedback(api, service, tmp_path):
    settings = settings_for(api, tmp_path)
    async with polling(build_application(settings, service)):
        await ask_and_wait(api, USER, "Chiến sĩ thi đua cơ sở?")
        answer = last(api, USER)
        buttons = dict(api.buttons(answer))
        api.press_button(USER, answer, buttons["Xem nguyên văn [1]"])
        await api.until(lambda: len(api.bot_messages(USER)) == 2)
        clause = last(api, USER)
        assert "Thông tư hướng dẫn thi đua, khen thưởng" in clause["text"]
        assert CSTD.text in clause["text"]
        assert "Chương II › Điều 8" in clause["text"]
        assert clause["reply_to_message"]["message_id"] == answer["message_id"]
        api.press_button(USER, answer, buttons["👎"])
        await api.until(lambda: len(api.calls_of("answerCallbackQuery")) == 2)
        assert "Cảm ơn" in api.calls_of("answerCallbackQuery")[1]["params"]["text"]
        # a forged callback for another chat's answer shows nothing
        api.press_button(MEMBER, {**answer, "chat": api.private_chat(api.user(MEMBER))}, buttons["Xem nguyên văn [1]"])
        await api.until(lambda: len(api.calls_of("answerCallbackQuery")) == 3)
        assert not api.bot_messages(MEMBER)
    feedback = BotState(settings.data_dir / "telegram.sqlite").feedback()
    assert feedback[0]["value"] == -1 and feedback[0]["question"] == "Chiến sĩ thi đua cơ sở?"
    assert "Lao động tiên tiến" in feedback[0]["answer"]
    assert feedback[0]["citations"][0]["number"] == "15/2023/TT-BKHĐT"


async def test_streaming_extractive_first_then_generated_edits_throttled(api, service, tmp_path):
    service.tokens = ["Tối đa 99% cá nhân [1]. "] + [f"Cá nhân đạt Lao động tiên tiến [1] phần {i}. " for i in range(12)]
    service.token_delay = 0.15
    async with polling(build_application(settings_for(api, tmp_path), service), edit_interval=0.5):
        api.send_text(USER, "Chiến sĩ thi đua cơ sở cần gì?")
        await api.until(lambda: api.bot_messages(USER) and "phần 11" in api.bot_messages(USER)[0]["text"]
                        and "Nguồn" in api.bot_messages(USER)[0]["text"])
        msg = api.bot_messages(USER)[0]
        history = api.edits[(USER, msg["message_id"])]
        assert history[0].startswith("Theo [1]: «")          # extractive answer first
        assert any("Đang soạn" in h for h in history[1:-1])  # then the generated one, streamed
        assert history[-1].startswith("Tối đa 99% cá nhân [1].") and "[1] 15/2023/TT-BKHĐT" in history[-1]
        # while streaming, a number that is in no source is not shown (the guard judges the final text)
        assert all("99" not in h for h in history[1:-1]) and "Tối đa …% cá nhân [1]." in history[1]
        edits = [c["at"] for c in api.calls_of("editMessageText")]
        assert 2 <= len(edits) <= 8                            # ~1.8 s of tokens at ≤ 1 edit / 0.5 s
        interim = edits[:-1]
        assert all(b - a >= 0.45 for a, b in zip(interim, interim[1:]))
        assert len(api.bot_messages(USER)) == 1


async def test_retry_after_from_server_is_obeyed(api, service, tmp_path):
    api.fail_next("sendMessage", retry_after=1)
    async with polling(build_application(settings_for(api, tmp_path), service)):
        await ask_and_wait(api, USER, "Chiến sĩ thi đua cơ sở?")
        calls = api.calls_of("sendMessage")
        assert [c["status"] for c in calls[:2]] == [429, 200]
        assert calls[1]["at"] - calls[0]["at"] >= 1.0
        assert "Lao động tiên tiến" in last(api, USER)["text"]


async def test_retry_after_on_a_streaming_edit_is_obeyed(api, service, tmp_path):
    service.tokens = [f"Cá nhân đạt Lao động tiên tiến [1] phần {i}. " for i in range(6)]
    service.token_delay = 0.1
    api.fail_next("editMessageText", retry_after=1)
    async with polling(build_application(settings_for(api, tmp_path), service), edit_interval=0.2):
        api.send_text(USER, "Chiến sĩ thi đua cơ sở?")
        await api.until(lambda: api.bot_messages(USER) and "Nguồn" in api.bot_messages(USER)[0]["text"]
                        and "phần 5" in api.bot_messages(USER)[0]["text"])
        edits = api.calls_of("editMessageText")
        assert edits[0]["status"] == 429 and all(c["status"] == 200 for c in edits[1:])
        assert edits[1]["at"] - edits[0]["at"] >= 1.0        # nothing was sent before retry_after passed


async def test_busy_llm_gives_busy_note_and_extractive(api, service, tmp_path):
    service.busy = True   # the real service answers extractively with llm_note="busy"
    async with polling(build_application(settings_for(api, tmp_path), service)):
        await ask_and_wait(api, USER, "Chiến sĩ thi đua cơ sở?")
        text = await api.until(lambda: "⏳" in last(api, USER)["text"] and last(api, USER)["text"])
        assert text.startswith("⏳ Hệ thống đang bận, vui lòng thử lại sau ít phút.")
        assert "Lao động tiên tiến" in text and "[1] 15/2023/TT-BKHĐT" in text


async def test_failure_apologises_logs_traceback_never_the_token(api, service, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    service.fail = RuntimeError("index exploded")
    async with polling(build_application(settings_for(api, tmp_path), service)):
        await ask_and_wait(api, USER, "Chiến sĩ thi đua cơ sở?")
        text = await api.until(lambda: "😔" in last(api, USER)["text"] and last(api, USER)["text"])
        assert text.startswith("😔 Xin lỗi") and "Lao động tiên tiến" in text
        assert "index exploded" not in text
    assert "Traceback" in caplog.text and "index exploded" in caplog.text
    assert api.token not in caplog.text
    assert api.token.split(":")[1] not in caplog.text


# -- access ----------------------------------------------------------------------------------------
async def test_unknown_user_gets_one_polite_refusal_and_nothing_else(api, service, tmp_path):
    async with polling(build_application(settings_for(api, tmp_path), service)):
        for text in ("Chiến sĩ thi đua cơ sở?", "/help", "/tim thi đua", "/vanban"):
            api.send_text(STRANGER, text)
        api.send_document(STRANGER, "x.txt", b"Dieu 1. Noi dung")
        await api.until(lambda: api.bot_messages(STRANGER))
        await asyncio.sleep(0.5)
        msgs = api.bot_messages(STRANGER)
        assert len(msgs) == 1
        assert "chưa được cấp quyền" in msgs[0]["text"] and str(STRANGER) in msgs[0]["text"]
        assert "15/2023" not in msgs[0]["text"]
        assert service.asked == [] and service.ingested == []


async def test_group_answers_only_when_addressed(api, service, tmp_path):
    group = api.group_chat(GROUP)
    async with polling(build_application(settings_for(api, tmp_path), service)):
        api.send_text(MEMBER, "Chiều nay họp lúc mấy giờ? chiến sĩ thi đua", chat=group)     # chatter
        api.send_text(MEMBER, "/hoi@other_bot chiến sĩ thi đua", chat=group)                  # another bot
        await ask_and_wait(api, MEMBER, f"@{BOT_USERNAME} chiến sĩ thi đua cơ sở là gì?", chat=group)
        first = last(api, GROUP)
        assert "Lao động tiên tiến" in first["text"] and first["reply_to_message"]["from"]["id"] == MEMBER
        assert service.asked[0][0] == "chiến sĩ thi đua cơ sở là gì?"
        await ask_and_wait(api, STRANGER, "thế còn tập thể?", chat=group, reply_to=first["message_id"])
        assert "07/2018" in last(api, GROUP)["text"]     # a group allows its members
        await ask_and_wait(api, MEMBER, "/hoi giá vàng?", chat=group)
        assert "không quy định" in last(api, GROUP)["text"]
        await ask_and_wait(api, MEMBER, "/hoi", chat=group)
        assert "Cách dùng" in last(api, GROUP)["text"]
        assert len(service.asked) == 3
        # a group that is not allowed: one refusal naming the group id, nothing else
        other = api.group_chat(OTHER_GROUP, "Nhóm lạ")
        api.send_text(USER, "chuyện phiếm", chat=other)
        api.send_text(USER, f"@{BOT_USERNAME} chiến sĩ thi đua?", chat=other)
        api.send_text(MEMBER, f"/hoi@{BOT_USERNAME} chiến sĩ thi đua?", chat=other)
        await api.until(lambda: api.bot_messages(OTHER_GROUP))
        await asyncio.sleep(0.4)
        assert len(api.bot_messages(OTHER_GROUP)) == 1 and str(OTHER_GROUP) in api.texts(OTHER_GROUP)[0]
        assert len(service.asked) == 3


async def test_rate_limit_friendly_message_once(api, service, tmp_path):
    async with polling(build_application(settings_for(api, tmp_path, rate_limit_per_minute=2), service)):
        await ask_and_wait(api, USER, "Chiến sĩ thi đua?")
        await ask_and_wait(api, USER, "Chiến sĩ thi đua cơ sở?")
        await ask_and_wait(api, USER, "Chiến sĩ thi đua nữa?")
        assert "Bạn hỏi hơi nhanh" in last(api, USER)["text"]
        api.send_text(USER, "Chiến sĩ thi đua lần bốn?")
        await ask_and_wait(api, MEMBER, "Chiến sĩ thi đua?")        # other users are not affected
        assert len(api.bot_messages(USER)) == 3 and len(service.asked) == 3


async def test_one_slow_answer_does_not_block_other_chats(api, service, tmp_path):
    service.gate = threading.Event()
    try:
        async with polling(build_application(settings_for(api, tmp_path), service)):
            api.send_text(USER, "chiến sĩ thi đua (câu hỏi chậm)")
            await api.until(lambda: len(service.asked) == 1)
            await ask_and_wait(api, MEMBER, "Chiến sĩ thi đua cơ sở?")
            assert not api.bot_messages(USER)
            service.gate.set()
            await api.until(lambda: api.bot_messages(USER))
    finally:
        service.gate.set()


# -- commands ---------------------------------------------------------------------------------------
async def test_start_help_vanban_tim(api, service, tmp_path):
    async with polling(build_application(settings_for(api, tmp_path), service)):
        await ask_and_wait(api, USER, "/start")
        text = last(api, USER)["text"]
        assert text.startswith("Xin chào") and "/hoi <câu hỏi>" in text
        assert "15/2023/TT-BKHĐT — Thông tư hướng dẫn thi đua, khen thưởng" in text
        assert "/xoa" not in text                         # admin commands only for admins
        await ask_and_wait(api, ADMIN, "/help")
        assert "/xoa" in last(api, ADMIN)["text"]
        await ask_and_wait(api, USER, "/vanban")
        text = last(api, USER)["text"]
        assert "Văn bản trong hệ thống (2)" in text and "⚠️ bị thay thế bởi 15/2023/TT-BKHĐT" in text
        await ask_and_wait(api, USER, "/tim thi đua")
        msg = last(api, USER)
        assert "[1] 15/2023/TT-BKHĐT, Điều 8, Khoản 2" in msg["text"] and "[2] 07/2018" in msg["text"]
        assert [t for t, _ in api.buttons(msg)] == ["Xem nguyên văn [1]", "Xem nguyên văn [2]"]
        n = len(api.bot_messages(USER))
        api.press_button(USER, msg, api.buttons(msg)[1][1])
        await api.until(lambda: len(api.bot_messages(USER)) == n + 1)
        assert OLD.text in last(api, USER)["text"] and "Thông tư cũ" in last(api, USER)["text"]
        await ask_and_wait(api, USER, "/tim")
        assert "Cách dùng: /tim" in last(api, USER)["text"]
        await ask_and_wait(api, USER, "/tim bóng đá")
        assert "Không tìm thấy" in last(api, USER)["text"]
        await ask_and_wait(api, USER, "/xyz")
        assert "Không có lệnh này" in last(api, USER)["text"]
        assert service.asked == []


async def test_admin_upload_progress_and_result(api, service, tmp_path):
    settings = settings_for(api, tmp_path)
    async with polling(build_application(settings, service)):
        api.send_document(ADMIN, "../../Quyết định 12.txt", "Điều 1. Chiến sĩ thi đua".encode())
        await api.until(lambda: "✅" in (last(api, ADMIN) or {}).get("text", ""))
        msg = last(api, ADMIN)
        assert "Đã nạp «Quyết định 12.txt»: 3 đoạn" in msg["text"]
        assert api.edits[(ADMIN, msg["message_id"])][0].startswith("⏳ Đang tải")
        paths, names, content = service.ingested[0]
        assert paths[0] == settings.data_dir / "uploads" / "Quyết định 12.txt"   # no path traversal
        assert names == {paths[0]: "Quyết định 12.txt"} and content == "Điều 1. Chiến sĩ thi đua".encode()
        assert paths[0].read_bytes() == content
        # a file the loader rejects: clear error, the folder back as it was
        api.send_document(ADMIN, "hong.pdf", b"HONG")
        await api.until(lambda: "❌" in last(api, ADMIN)["text"])
        assert "Không nạp được «hong.pdf»: no text in the file" in last(api, ADMIN)["text"]
        assert not (settings.data_dir / "uploads" / "hong.pdf").exists()
        # wrong type, too big
        api.send_document(ADMIN, "bang-tinh.xlsx", b"PK\x03\x04")
        await api.until(lambda: "định dạng không được hỗ trợ" in last(api, ADMIN)["text"])
        api.send_document(ADMIN, "to.pdf", b"%PDF", file_size=int(settings.max_file_mb * 1048576) + 1)
        await api.until(lambda: "quá lớn" in last(api, ADMIN)["text"])
        assert len(service.ingested) == 2


async def test_non_admin_upload_refused(api, service, tmp_path):
    async with polling(build_application(settings_for(api, tmp_path), service)):
        api.send_document(USER, "qd.txt", b"Dieu 1.")
        await api.until(lambda: api.bot_messages(USER))
        assert "Chỉ quản trị viên" in last(api, USER)["text"]
        assert service.ingested == [] and not api.calls_of("getFile")


async def test_xoa_and_thongke_admin_only(api, service, tmp_path):
    async with polling(build_application(settings_for(api, tmp_path), service)):
        await ask_and_wait(api, USER, "/xoa tt-07-2018.docx")
        assert "Chỉ quản trị viên" in last(api, USER)["text"] and service.removed == []
        await ask_and_wait(api, USER, "/thongke")
        assert "Chỉ quản trị viên" in last(api, USER)["text"]
        await ask_and_wait(api, USER, "Chiến sĩ thi đua?")
        answer = last(api, USER)
        api.press_button(USER, answer, dict(api.buttons(answer))["👍"])
        await ask_and_wait(api, ADMIN, "/xoa tt-07-2018.docx")
        assert "Đã xoá: «tt-07-2018.docx»" in last(api, ADMIN)["text"]
        await ask_and_wait(api, ADMIN, "/xoa khong-co.docx")
        assert "Không tìm thấy văn bản «khong-co.docx»" in last(api, ADMIN)["text"]
        await ask_and_wait(api, ADMIN, "/thongke")
        text = last(api, ADMIN)["text"]
        assert "Câu hỏi: 1" in text and "👍 1 · 👎 0" in text and "Văn bản: 2 (21 đoạn)" in text


# -- webhook, CLI -----------------------------------------------------------------------------------
async def test_webhook_rejects_wrong_secret_and_handles_right_one(api, service, tmp_path):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = settings_for(api, tmp_path, webhook_url=f"https://bot.example.org/tg-hook", webhook_port=port,
                            webhook_listen="127.0.0.1", webhook_secret="s3cret-Token_ok")
    app = build_application(settings, service)
    async with app:
        await app.start()
        await app.updater.start_webhook(**webhook_args(settings))
        try:
            assert api.webhook == {"url": "https://bot.example.org/tg-hook", "secret_token": "s3cret-Token_ok"}
            msg = {"message_id": 1, "date": int(time.time()), "text": "Chiến sĩ thi đua cơ sở?",
                   "from": api.user(USER), "chat": api.private_chat(api.user(USER))}
            url = f"http://127.0.0.1:{port}/tg-hook"
            async with httpx.AsyncClient() as client:
                for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                    r = await client.post(url, json={"update_id": 1, "message": msg}, headers=headers)
                    assert r.status_code == 403
                await asyncio.sleep(0.3)
                assert not api.bot_messages(USER) and service.asked == []
                r = await client.post(url, json={"update_id": 2, "message": msg},
                                      headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_ok"})
                assert r.status_code == 200
            await api.until(lambda: api.bot_messages(USER))
            assert "Lao động tiên tiến" in last(api, USER)["text"]
        finally:
            await app.updater.stop()
            await app.stop()
    app.bot_data["deps"].close()


def test_webhook_secret_made_up_when_unset_and_checked(tmp_path):
    settings = Settings(data_dir=tmp_path, webhook_url="https://x.org/hook")
    args = webhook_args(settings)
    assert len(args["secret_token"]) >= 32 and args["url_path"] == "hook"
    with pytest.raises(ValueError, match="HOIDAP_WEBHOOK_SECRET"):
        webhook_args(settings.with_(webhook_secret="has spaces!"))


def test_cli_needs_a_token(tmp_path, monkeypatch):
    from bot.telegram.cli import telegram
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN_FILE", raising=False)
    result = CliRunner().invoke(telegram, ["--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "TELEGRAM_BOT_TOKEN is not set" in result.output


async def test_admin_photo_is_ingested_from_its_largest_size(api, service, tmp_path):
    """A page photographed and sent as a compressed photo (not a file): the largest size is fetched and
    handed to the upload as a .jpg; the smaller thumbnails are never downloaded."""
    settings = settings_for(api, tmp_path)
    sizes = [b"\xff\xd8small", b"\xff\xd8medium" * 10, b"\xff\xd8largest" * 100]
    async with polling(build_application(settings, service)):
        api.send_photo(ADMIN, sizes)
        await api.until(lambda: "✅" in (last(api, ADMIN) or {}).get("text", ""))
        paths, names, content = service.ingested[0]
        assert content == sizes[-1] and paths[0].suffix == ".jpg" and paths[0].name.startswith("anh-")
        fetched = [c["params"]["file_id"] for c in api.calls_of("getFile")]
        assert len(fetched) == 1 and fetched[0].startswith("PHOTO")


async def test_non_admin_photo_is_not_ingested(api, service, tmp_path):
    async with polling(build_application(settings_for(api, tmp_path), service)):
        api.send_photo(USER, [b"\xff\xd8a", b"\xff\xd8bb"])
        await api.until(lambda: api.bot_messages(USER))
        assert "Chỉ quản trị viên" in last(api, USER)["text"]
        assert service.ingested == [] and not api.calls_of("getFile")
