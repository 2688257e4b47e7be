"""Issue 17: the extractive answer first, the LLM's lead after it (guarded, lean prompt, cached prefix),
the `llm` block of `ask --json`, quiet logs, and the Bot API URL."""

from __future__ import annotations

import json
import logging

import pytest
from click.testing import CliRunner

from bot.answering.guard import copies_unaccented
from bot.answering.lead import (CONVERSATIONS, build_messages, format_sources, lean_sources, prompt,
                                restored_question, trim_sentences, warm_prefix)
from bot.answering.llm import LLM, MAX_TOKENS
from bot.types import Hit
from bot.telegram.app import bot_api_urls
from testkit.fake_llm import FakeLLMServer
from tests.test_answers import decree_service

Q = "Tỷ lệ Chiến sĩ thi đua cơ sở là bao nhiêu?"
LEAD = "Tỷ lệ Chiến sĩ thi đua cơ sở không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến [1]."


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    s = decree_service(tmp_path_factory.mktemp("lead"))
    yield s
    s.close()


# -- the Bot API URL (item 6) -------------------------------------------------------------------------

@pytest.mark.parametrize("given", ["http://h:8081", "http://h:8081/", "http://h:8081/bot", "http://h:8081/bot/",
                                   " http://h:8081/bot "])
def test_bot_api_url_takes_the_root_or_the_bot_form_and_never_doubles_bot(given):
    assert bot_api_urls(given) == ("http://h:8081/bot", "http://h:8081/file/bot")


def test_the_application_asks_the_server_at_bot_token(svc):
    from bot.telegram.app import build_application
    token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ"
    for url in ("http://127.0.0.1:8081", "http://127.0.0.1:8081/bot"):
        app = build_application(svc.settings.with_(telegram_token=token, telegram_api_url=url), svc)
        assert app.bot.base_url == f"http://127.0.0.1:8081/bot{token}"
        assert app.bot.base_file_url == f"http://127.0.0.1:8081/file/bot{token}"
        assert "/bot/bot" not in app.bot.base_url


# -- the guard on a lead (item 2) --------------------------------------------------------------------

def test_a_lead_that_echoes_an_unaccented_question_is_rejected():
    question = "tieu chuan xet tang danh hieu chien si thi dua co so"
    restored = "tiêu chuẩn xét tặng danh hiệu chiến sĩ thi đua cơ sở"
    sources = ["Danh hiệu Chiến sĩ thi đua cơ sở được xét tặng cho cá nhân đạt các tiêu chuẩn sau: "
               "Đạt danh hiệu Lao động tiên tiến; có sáng kiến. Kết quả so sánh."]
    echoed = "Tieu chuẩn xet tang danh hiệu chien si thi dua co so là: đạt Lao động tiên tiến [1]."
    proper = "Tiêu chuẩn xét tặng Chiến sĩ thi đua cơ sở là đạt Lao động tiên tiến và có sáng kiến [1]."
    assert copies_unaccented(echoed, question, restored, sources)
    assert not copies_unaccented(proper, question, restored, sources)
    # a bare word the sources themselves write is proper Vietnamese
    assert not copies_unaccented("Kết quả so sánh [1].", "ket qua so", "kết quả sổ", sources)
    assert not copies_unaccented(echoed, restored, restored, sources)    # an accented question: no check


def test_the_model_gets_the_question_with_its_diacritics_restored(svc):
    # a capital opens it: the local model wrote "Giang bộ" for a question opening "đảng bộ" (session 19)
    assert restored_question("ty le chien si thi dua co so", svc.retriever).startswith("Tỷ lệ chiến sĩ thi đua")
    assert restored_question(Q, svc.retriever) == Q


def test_a_lead_is_at_most_three_sentences():
    assert trim_sentences("Một [1]. Hai [1]. Ba [1]. Bốn [1].") == "Một [1]. Hai [1]. Ba [1]."


def test_a_lead_that_only_announces_a_list_is_dropped(svc):
    # dev q001 with the local model: "Tiêu chuẩn danh hiệu … là: [2]" and nothing after it
    assert trim_sentences("Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là: [2]") == ""
    assert trim_sentences("Tỷ lệ không quá 15% [1].\nCác tiêu chuẩn gồm:") == "Tỷ lệ không quá 15% [1]."
    with FakeLLMServer(reply="Tỷ lệ Chiến sĩ thi đua cơ sở được quy định như sau: [1]", token_delay=0.0) as server:
        ans = svc.ask(Q, llm=server.url)
    assert ans.lead == "" and ans.mode == "extractive" and "15%" in ans.answer


# -- the flow: extractive first, then the lead above the verbatim clause (items 1, 2) ---------------

def lead_reply(messages):
    return LEAD


def test_extractive_answer_first_then_the_lead_above_the_unchanged_quote(svc):
    with FakeLLMServer(reply=lead_reply, token_delay=0.01) as server:
        seen, tokens = [], []
        ans = svc.ask(Q, llm=server.url, on_extractive=lambda a: seen.append(a.answer),
                      on_token=lambda t: tokens.append(len(seen)))
    assert seen and all(n == 1 for n in tokens)          # every token came after the extractive answer
    extractive = seen[0]
    assert ans.mode == "generated" and ans.lead == LEAD
    assert ans.answer == f"{LEAD}\n\n{extractive}"        # the quote and its citation follow, unchanged
    assert "«" in extractive and "[1]" in extractive and "15%" in extractive
    assert set(ans.llm) == {"model", "prompt_tokens", "completion_tokens", "first_token_ms", "total_ms"}


def test_a_rejected_lead_is_dropped_and_the_extractive_answer_stands(svc):
    with FakeLLMServer(reply="Tỷ lệ là 25% [1].", token_delay=0.0) as server:
        ans = svc.ask(Q, llm=server.url)
    assert ans.mode == "extractive" and not ans.lead and "25%" not in ans.answer and "15%" in ans.answer


def test_a_slow_llm_leaves_the_extractive_answer_with_one_note(svc, monkeypatch):
    from bot.answering import llm as llm_mod
    monkeypatch.setattr(llm_mod, "_clients", {})
    with FakeLLMServer(reply=lead_reply, token_delay=0.4) as server:
        slow = svc.settings.with_(llm_timeout=0.5)
        monkeypatch.setattr(svc, "settings", slow)
        ans = svc.ask(Q, llm=server.url)
    assert ans.llm_note == "slow" and ans.mode == "extractive" and "15%" in ans.answer
    assert len([w for w in ans.warnings if "chậm" in w]) == 1


# -- the lean prompt and the cached prefix (item 3) ---------------------------------------------------

def test_the_prompt_is_lean_and_the_system_part_comes_first_byte_identical(svc):
    hits = svc.retriever.search(Q, k=8)
    given = lean_sources(Q, hits[:3])
    for text, hit in zip(given, hits):
        assert len(text.split()) <= 47 and len(text) <= len(hit.text) + 2
    messages = build_messages(Q, hits[:3], given, [])
    assert messages[0] == ("system", prompt("system"))
    # ~600 tokens is about 1,500 characters of Vietnamese for the Qwen tokenizer; whole chunks were ~3,000+
    assert sum(len(m[1]) for m in messages) < 1800


def two_turns(svc, followup: str):
    """The messages the LLM got for Q, then for `followup` asked after it."""
    CONVERSATIONS._turns.clear()
    with FakeLLMServer(reply=lead_reply, token_delay=0.0) as server:
        svc.ask(Q, llm=server.url)
        svc.ask(followup, history=[Q], llm=server.url)
        return tuple(r["messages"] for r in server.requests[-2:])


def test_a_followup_sends_the_previous_turn_so_the_server_reuses_its_cache(svc):
    first, second = two_turns(svc, "Thế còn Tập thể lao động tiên tiến?")
    assert second[:len(first)] == first and second[len(first)]["role"] == "assistant"
    assert second[len(first)]["content"] == LEAD and second[0] == first[0]


def test_the_model_reads_short_source_labels_not_headlines():
    # every label token is prefill time on 2 cores; the full citation is shown under the lead anyway
    article = Hit(chunk_id=1, doc_id=1, score=1.0, issuer="", date="", text="x", source="a.txt", section="Đoạn 3", title="Một sáng kiến có được dùng để "
                  "xét nhiều danh hiệu thi đua hay không? Hồ sơ đề nghị xét tặng bao gồm những gì?",
                  number="", kind="article", status="tài liệu tham khảo, không phải văn bản gốc")
    decree = Hit(chunk_id=2, doc_id=2, score=1.0, issuer="", date="", text="y", source="d.txt", section="Điều 21 › Khoản 1", number="15/2023/TT-BKHĐT",
                 title="Thông tư hướng dẫn công tác thi đua, khen thưởng", status="đang có hiệu lực")
    lines = format_sources([article, decree], ["a b c", "d e f"]).splitlines()
    assert lines[0] == "[1] bài viết, không phải văn bản gốc: a b c"
    assert lines[1].startswith("[2] 15/2023/TT-BKHĐT Điều 21 Khoản 1: ")


def test_a_followup_on_the_same_clauses_sends_only_the_new_question(svc):
    first, second = two_turns(svc, "Nói ngắn gọn hơn về tỷ lệ Chiến sĩ thi đua cơ sở?")
    if second[-1]["content"].startswith("NGUỒN"):
        pytest.skip("the follow-up found other clauses")   # only the same-sources path is tested here
    assert second[:len(first)] == first and len(second) == len(first) + 2
    assert second[-1]["content"] == prompt("followup").format(question="Nói ngắn gọn hơn về tỷ lệ Chiến sĩ thi "
                                                                       "đua cơ sở?")
    assert len(second[-1]["content"]) < 80   # ~20 new tokens: under 1 s of prefill


def test_start_up_puts_the_system_prompt_in_a_local_servers_cache():
    with FakeLLMServer(token_delay=0.0) as server:
        local = LLM(server.url, "local", "", timeout=10)
        assert warm_prefix(local) is True
        sent = server.requests[-1]
        assert sent["messages"][0] == {"role": "system", "content": prompt("system")}
        body = sent["body"]
        assert body.get("max_tokens", body.get("max_completion_tokens")) == 1 and local.chat.max_tokens == MAX_TOKENS
        hosted = LLM(server.url, "gpt-x", "", timeout=10)
        n = len(server.requests)
        assert warm_prefix(hosted) is False and len(server.requests) == n   # a hosted model is not billed for it


# -- ask --json carries the llm block (Done-when) -----------------------------------------------------

def test_ask_json_reports_the_llm_block(svc, monkeypatch):
    import bot.cli.query
    from bot.cli import main
    monkeypatch.setattr(bot.cli.query, "make_service", lambda settings: svc)
    with FakeLLMServer(reply=lead_reply, token_delay=0.0) as server:
        r = CliRunner().invoke(main, ["ask", Q, "--json", "--llm", server.url,
                                      "--data-dir", str(svc.settings.data_dir)])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["mode"] == "generated" and out["lead"] == LEAD
    llm = out["llm"]
    assert set(llm) == {"model", "prompt_tokens", "completion_tokens", "first_token_ms", "total_ms"}
    assert llm["prompt_tokens"] > 0 and llm["first_token_ms"] >= 0 and llm["total_ms"] >= llm["first_token_ms"] and llm["completion_tokens"] > 0
    r = CliRunner().invoke(main, ["ask", Q, "--json", "--llm", "none", "--data-dir", str(svc.settings.data_dir)])
    assert "llm" not in json.loads(r.output)


# -- quiet terminals (item 4) ------------------------------------------------------------------------

def test_library_debug_lines_are_off_unless_verbose():
    from bot.cli.group import setup_logging
    logging.getLogger("bm25s").setLevel(logging.DEBUG)     # what bm25s does to itself at import
    setup_logging(False)
    assert not logging.getLogger("bm25s").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("bm25s").isEnabledFor(logging.INFO)
    setup_logging(True)
    assert logging.getLogger("bm25s").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("httpx").isEnabledFor(logging.DEBUG)   # request URLs carry tokens
    setup_logging(False)


# -- the web ask under load: no 503 while the LLM is busy (Done-when) ---------------------------------

async def test_web_ask_gives_its_slot_back_at_the_extractive_answer(svc, monkeypatch):
    """One answer slot, a slow LLM: the second ask is not told "busy" after waiting for the first's
    lead; it gets its own extractive answer (and the lead, or the busy note, after it)."""
    import asyncio

    import httpx

    from bot import users
    from bot.answering import llm as llm_mod
    from bot.web.app import create_app
    users.add_user(svc.settings, "nv-lead", "mat-khau-kiem-thu-1")
    with FakeLLMServer(reply=lead_reply, token_delay=0.25) as server:
        client_llm = llm_mod.LLM(server.url, "fake", "", timeout=60, max_concurrent=1, max_waiting=1, max_wait=0)
        svc.llm = lambda mode=None: client_llm
        monkeypatch.setattr(svc, "settings", svc.settings.with_(llm=server.url))
        try:
            app = create_app(svc.settings.with_(llm=server.url), svc, ask_slots=1, ask_wait=2.0)
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://web") as client:
                token = (await client.post("/api/login", json={"name": "nv-lead",
                                                                "password": "mat-khau-kiem-thu-1"})).json()
                h = {"X-CSRF-Token": token["csrf_token"]}
                rs = await asyncio.gather(*(client.post("/api/ask", json={"question": Q}, headers=h, timeout=60)
                                            for _ in range(3)))
        finally:
            del svc.llm
    assert [r.status_code for r in rs] == [200] * 3, [r.text for r in rs]
    bodies = [r.json() for r in rs]
    assert all("15%" in b["answer"] for b in bodies)
    assert sorted(b["mode"] for b in bodies) == ["extractive", "extractive", "generated"]
    assert all(b["llm_note"] == "busy" for b in bodies if b["mode"] == "extractive")
    assert [b for b in bodies if b["mode"] == "generated"][0]["llm"]["completion_tokens"] > 0


def test_eval_reports_how_the_lead_did_next_to_the_extractive_answer(svc):
    from bot.evaluate import evaluate, format_table
    CONVERSATIONS._turns.clear()
    items = [{"id": "q1", "question": Q, "gold_source": "qd-12-2025.txt", "must_contain": ["15%"]},
             {"id": "q2", "question": "Tỷ lệ Chiến sĩ thi đua cơ sở tối đa là bao nhiêu phần trăm?",
              "gold_source": "qd-12-2025.txt", "must_contain": ["15%"]}]
    with FakeLLMServer(reply=lead_reply, token_delay=0.0) as server:
        report = evaluate(svc, items, modes=("hybrid",), llm_mode=server.url)
    lead = report["answers"]["lead"]
    assert lead["answered"] == 2 and lead["shown"] == 2 and lead["lead_contains"] == 2
    assert lead["extractive_contains_rate"] == 1.0 and lead["dropped_by_guard"] == 0
    assert "leads: 2 shown of 2 answered" in format_table(report)


def test_a_bare_verdict_opens_a_lead_only_for_a_yes_no_question():
    from bot.answering.lead import without_verdict
    q = "dang bo khoi o tphcm nam 2018 co bao nhieu mo hinh dan van kheo"
    assert without_verdict("Đúng. [1] cho biết Đảng bộ Khối có nhiều mô hình.", q) == "[1] cho biết Đảng bộ Khối có nhiều mô hình."
    assert without_verdict("Đúng.", q) == ""
    assert without_verdict("Có 16 đồng chí hoàn thành xuất sắc nhiệm vụ. [1]", q).startswith("Có 16")
    yes_no = "Công chức có được nộp đơn xin thôi việc khi đang bị xem xét kỷ luật không?"
    assert without_verdict("Không. Công chức đang bị xem xét kỷ luật không được giải quyết thôi việc [1].",
                           yes_no).startswith("Không.")
