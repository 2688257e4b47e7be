"""The service's use cases with a fake embedder: ask's busy fallback, upload's one policy, remove, ingest."""

import pytest

import ingest.structure
from bot.answering.llm import LLMBusy, LLMUnavailable
from bot.answering.question import Question, as_question
from bot.answering.timings import Timings
from bot.uploads import UploadError, clean_upload_name, staging_path
from tests.test_answers import DECREE, decree_service


class BusyLLM:
    def complete(self, messages):
        raise LLMBusy("queue full")

    def stream(self, messages, on_token=None):
        raise LLMBusy("queue full")


class BrokenLLM(BusyLLM):
    def stream(self, messages, on_token=None):
        raise LLMUnavailable("connection refused")


@pytest.fixture
def svc(tmp_path):
    s = decree_service(tmp_path)
    yield s
    s.close()


def count_searches(svc, monkeypatch) -> list:
    calls = []
    original = svc.retriever.search
    monkeypatch.setattr(svc.retriever, "search", lambda *a, **k: calls.append(a) or original(*a, **k))
    return calls


def test_busy_llm_returns_the_extractive_answer_marked_busy_without_asking_twice(svc, monkeypatch):
    monkeypatch.setattr(svc, "llm", lambda mode=None: BusyLLM())
    calls = count_searches(svc, monkeypatch)
    seen = []
    ans = svc.ask("Tỷ lệ Chiến sĩ thi đua cơ sở là bao nhiêu?", llm="http://127.0.0.1:9/v1", on_extractive=seen.append)
    assert ans.llm_note == "busy" and ans.mode == "extractive" and not ans.refused
    assert "15%" in ans.answer and len(calls) == 1 and seen == [ans]
    assert set(ans.timings_ms) == {"retrieve", "generate", "total"}


def test_failing_llm_is_noted_too(svc, monkeypatch):
    monkeypatch.setattr(svc, "llm", lambda mode=None: BrokenLLM())
    ans = svc.ask("Tỷ lệ Chiến sĩ thi đua cơ sở là bao nhiêu?", llm="http://127.0.0.1:9/v1")
    assert ans.llm_note == "failed" and ans.mode == "extractive" and ans.warnings


def test_no_llm_has_no_note(svc):
    ans = svc.ask("Tỷ lệ Chiến sĩ thi đua cơ sở là bao nhiêu?")
    assert ans.llm_note == "" and ans.to_json()["timings_ms"]["generate"] == 0.0


def test_question_is_cleaned_and_folded_once(monkeypatch):
    import bot.answering.question as question
    q = Question.of("  Thế  còn   CSTĐ\ncơ sở?  ")
    assert q == q.text == "Thế còn CSTĐ cơ sở?" and q.lower_folded == "the con cstd co so?"
    assert "chiến sĩ thi đua" in q.expanded.lower() and q.raw.startswith("  Thế")
    assert q.syllables[:2] == ["the", "con"] and q.phrases.startswith(" the con ")
    calls = []
    monkeypatch.setattr(question, "expand_abbreviations", lambda t: calls.append(t) or t)
    q2 = Question.of("Tiêu chuẩn CSTĐ?")
    assert q2.syllables == q2.syllables and q2.expanded and calls == ["Tiêu chuẩn CSTĐ?"]   # computed once
    assert as_question(q2) is q2 and isinstance(as_question("x"), Question)


def test_timings_report_the_three_phases():
    t = Timings()
    assert t.as_dict()["generate"] == 0.0
    t.retrieved()
    t.generating()
    t.generated()
    d = t.as_dict()
    assert d["total"] >= d["retrieve"] and d["total"] >= d["generate"] >= 0.0


def stage(svc, name: str, text: str):
    path = staging_path(svc.settings.data_dir, name)
    path.write_text(text, encoding="utf-8")
    return path


def uploads_of(svc):
    folder = svc.settings.data_dir / "uploads"
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_upload_takes_every_loader_type_and_reports_duplicates_as_data(svc):
    name = clean_upload_name("../Quy định mới.markdown")   # .markdown comes from the loaders' own list
    other = DECREE.replace("12/2025", "13/2025").replace("Hòa Bình", "Hà Nam")
    result = svc.upload(stage(svc, name, other), name)
    assert (result.outcome, result.ok, result.chunks > 0) == ("added", True, True)
    assert uploads_of(svc) == [name]
    again = svc.upload(stage(svc, "ban-sao.txt", other), "ban-sao.txt")
    assert (again.outcome, again.ok, again.duplicate_of) == ("duplicate", False, name)
    assert uploads_of(svc) == [name]          # the duplicate is not kept, nothing left staged


def test_failed_upload_puts_the_previous_copy_back(svc):
    name = "quy-dinh.txt"
    other = DECREE.replace("12/2025", "14/2025").replace("Hòa Bình", "Hà Giang")
    assert svc.upload(stage(svc, name, other), name).outcome == "added"
    bad = svc.upload(stage(svc, name, "   \n"), name)
    assert bad.outcome == "failed" and bad.reason
    assert (svc.settings.data_dir / "uploads" / name).read_text(encoding="utf-8") == other
    assert any(d["source"] == name for d in svc.documents())


def test_upload_names_and_types_are_refused_before_anything_is_written():
    with pytest.raises(UploadError):
        clean_upload_name("chay.sh")
    with pytest.raises(UploadError):
        clean_upload_name("../..")


def test_remove_deletes_the_uploaded_copy_but_not_other_files(svc, tmp_path):
    name = "van-ban-tai-len.txt"
    other = DECREE.replace("12/2025", "15/2025").replace("Hòa Bình", "Lào Cai")
    assert svc.upload(stage(svc, name, other), name).ok
    result = svc.remove(name)
    assert result.removed == [name] and result.copies_deleted == [name] and uploads_of(svc) == []
    kept = svc.remove("qd-12-2025.txt")      # ingested from a folder: its file stays where it is
    assert kept.removed == ["qd-12-2025.txt"] and kept.copies_deleted == []
    assert (tmp_path / "docs" / "qd-12-2025.txt").exists()


def test_validity_is_extracted_once_per_document(tmp_path, monkeypatch):
    calls = []
    original = ingest.structure.extract_validity
    monkeypatch.setattr(ingest.structure, "extract_validity", lambda *a: calls.append(1) or original(*a))
    svc = decree_service(tmp_path)
    svc.close()
    assert len(calls) == 1


def test_cli_ask_and_chat_say_busy_and_show_the_quote(svc, monkeypatch):
    """No face re-runs a question: the CLI renders the service's busy answer (it used to crash)."""
    import json

    from click.testing import CliRunner

    import bot.cli.query
    from bot.cli import main
    monkeypatch.setattr(svc, "llm", lambda mode=None: BusyLLM())
    monkeypatch.setattr(bot.cli.query, "make_service", lambda settings: svc)
    calls = count_searches(svc, monkeypatch)
    q = "Tỷ lệ Chiến sĩ thi đua cơ sở là bao nhiêu?"
    args = ["--llm", "http://127.0.0.1:9/v1", "--data-dir", str(svc.settings.data_dir)]
    r = CliRunner().invoke(main, ["ask", q, "--json", *args])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["llm_note"] == "busy" and "15%" in out["answer"] and len(calls) == 1
    cite = out["citations"][0]
    assert cite["section_path"][0] == "Chương I" and " › ".join(cite["section_path"]) == cite["section"]
    r = CliRunner().invoke(main, ["chat", *args], input=q + "\n\n")
    assert r.exit_code == 0 and "đang bận" in r.output and "15%" in r.output, r.output
