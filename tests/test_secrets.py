"""Secrets (issue 8): the bot token, the LLM API key, the web secret and the webhook secret come from
the environment or from a NAME_FILE; they are never logged (even with every logger at DEBUG), never
echoed in an error, masked by `hoidap config` and by Settings' repr; a secret file that other users
can read gets a warning.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.service import Hoidap
from ingest.settings import SECRET_FIELDS, Settings
from testkit.botapi_standin import BotApiStandin, polling
from tests.fakes import FakeEmbedder

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).parent / "data" / "hostile" / "qd-21-2025-an-hoa.txt"
TOKEN = "7000001:TEST-stand-in-token-abcdefghijklmnop"
LLM_KEY = "sk-test-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
WEB_SECRET = "web-secret-Zq8mX2vN5pL9kR3tW7yB1cF4hJ6gD0sA"
HOOK_SECRET = "hook-secret-Qw3Er5Ty7Ui9Op1As2Df"
SECRETS = {"TELEGRAM_BOT_TOKEN": TOKEN, "HOIDAP_LLM_API_KEY": LLM_KEY, "HOIDAP_WEB_SECRET": WEB_SECRET,
           "HOIDAP_WEBHOOK_SECRET": HOOK_SECRET}


def pieces(secret: str) -> list[str]:
    """The secret and its distinctive parts (a token's part after the colon is the real secret)."""
    return [secret] + ([secret.split(":", 1)[1]] if ":" in secret else [])


def assert_absent(text: str, *secrets: str) -> None:
    for secret in secrets or SECRETS.values():
        for part in pieces(secret):
            assert part not in text, f"secret {part[:6]}… found"


@pytest.fixture
def all_debug():
    """Every logger at DEBUG, as an operator chasing a problem might set it, restored afterwards."""
    names = ["", "httpx", "httpcore", "telegram", "telegram.ext", "openai", "langchain", "bot", "ingest",
             "uvicorn", "urllib3", "chromadb"]
    old = {n: logging.getLogger(n).level for n in names}
    yield lambda: [logging.getLogger(n).setLevel(logging.DEBUG) for n in names]
    for n, level in old.items():
        logging.getLogger(n).setLevel(level)


# -- where secrets come from ---------------------------------------------------------------------------

def test_secrets_from_environment_and_files_are_masked(tmp_path, caplog):
    s = Settings.from_env(SECRETS)
    assert (s.telegram_token, s.llm_api_key, s.web_secret, s.webhook_secret) == (TOKEN, LLM_KEY, WEB_SECRET, HOOK_SECRET)
    env = {}
    for name, value in SECRETS.items():
        path = tmp_path / name.lower()
        path.write_text(value + "\n", encoding="utf-8")
        path.chmod(0o600)
        env[name + "_FILE"] = str(path)
    caplog.set_level(logging.WARNING)
    f = Settings.from_env(env)
    assert (f.telegram_token, f.llm_api_key, f.web_secret, f.webhook_secret) == (TOKEN, LLM_KEY, WEB_SECRET, HOOK_SECRET)
    assert caplog.records == []                          # 0600: nothing to warn about
    assert Settings.from_env({**env, "TELEGRAM_BOT_TOKEN": "123:from-env"}).telegram_token == "123:from-env"
    for shown in (repr(s), str(s), repr(f), str(s.describe()), repr(s.with_(llm="local"))):
        assert_absent(shown)
        assert "****** (set)" in shown
    assert {name for name, value in s.describe() if value == "****** (set)"} == SECRET_FIELDS


def test_secret_file_readable_by_others_is_warned_about(tmp_path, caplog):
    path = tmp_path / "token"
    path.write_text(TOKEN, encoding="utf-8")
    path.chmod(0o644)
    caplog.set_level(logging.WARNING, logger="ingest.settings")
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN_FILE": str(path)}).telegram_token == TOKEN
    assert len(caplog.records) == 1
    message = caplog.records[0].getMessage()
    assert "TELEGRAM_BOT_TOKEN_FILE" in message and str(path) in message and "644" in message
    assert "chmod 600" in message
    assert_absent(caplog.text, TOKEN)
    path.chmod(0o640)
    caplog.clear()
    Settings.from_env({"TELEGRAM_BOT_TOKEN_FILE": str(path)})
    assert len(caplog.records) == 1                      # group-readable counts too


def test_unreadable_secret_file_is_a_clear_setting_error(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(ValueError, match=r"HOIDAP_LLM_API_KEY_FILE=.*nope.* cannot be read"):
        Settings.from_env({"HOIDAP_LLM_API_KEY_FILE": str(missing)})
    from bot.cli import main
    r = CliRunner().invoke(main, ["config"], env={"HOIDAP_WEB_SECRET_FILE": str(missing)})
    assert r.exit_code == 1 and "bad setting" in r.output and "cannot be read" in r.output
    assert "Traceback" not in r.output


def test_hoidap_config_masks_every_secret(tmp_path):
    from bot.cli import main
    env = {**SECRETS, "HOIDAP_DATA_DIR": str(tmp_path)}
    r = CliRunner().invoke(main, ["config"], env=env)
    assert r.exit_code == 0, r.output
    assert_absent(r.output)
    shown = dict((line.split(None, 1) + [""])[:2] for line in r.output.splitlines() if line.strip())
    for field in SECRET_FIELDS:
        assert shown[field] == "****** (set)", field
    r = CliRunner().invoke(main, ["config"], env={"HOIDAP_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": ""})
    assert dict((line.split(None, 1) + [""])[:2] for line in r.output.splitlines())["telegram_token"] == "(unset)"


# -- never logged ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def service(tmp_path_factory):
    root = tmp_path_factory.mktemp("secrets")
    svc = Hoidap(Settings(data_dir=root / "data", llm="none"), embedder=FakeEmbedder())
    assert svc.ingest([BASE]).ok
    yield svc
    svc.close()


class FailingDownloads(BotApiStandin):
    """The stand-in, whose file downloads (URL: /file/bot<TOKEN>/...) can be made to fail."""
    fail_downloads = False

    async def _download(self, request):
        from aiohttp import web
        if self.fail_downloads:
            return web.Response(status=404, text="Not Found")
        return await super()._download(request)


async def test_telegram_run_never_logs_the_token_even_at_debug(service, tmp_path, caplog, all_debug):
    from bot.telegram.app import build_application
    caplog.set_level(logging.DEBUG)
    with FailingDownloads(token=TOKEN) as api:
        settings = Settings(data_dir=tmp_path / "bot", llm="none", telegram_token=TOKEN, telegram_api_url=api.url,
                            telegram_users=frozenset({4401}), telegram_admins=frozenset({4401}),
                            webhook_secret=HOOK_SECRET)
        app = build_application(settings, service)
        all_debug()                                  # after build_application quietened httpx: louder than ever
        async with polling(app):
            api.send_text(4401, "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?")
            api.send_text(4402, "xin chào")                      # a stranger: refused, logged with ids
            api.send_document(4401, "hong.pdf", b"not a pdf")    # a failed upload: downloaded from the file URL
            await api.until(lambda: api.bot_messages(4402) and any(t.startswith("❌") for t in api.texts(4401))
                            and any("Chiến sĩ" in t for t in api.texts(4401)), timeout=60)
            api.fail_downloads = True                            # a download that fails: an error near the URL
            api.send_document(4401, "mat.txt", b"Dieu 1. Noi dung")
            await api.until(lambda: any(t.startswith("❌ Không tải được") for t in api.texts(4401)), timeout=60)
            await asyncio.sleep(0.3)
        all_text = caplog.text            # as formatted when logged: what a log file or the journal holds
        assert "getUpdates" in all_text or "HTTP Request" in all_text        # the debug logging did happen...
        assert "***" in all_text                                               # ...and the URLs were scrubbed
        assert_absent(all_text, TOKEN, HOOK_SECRET)
        assert_absent("\n".join(api.texts(4401) + api.texts(4402)), TOKEN)  # nor told to users


def test_web_run_never_logs_or_sends_the_web_secret(service, caplog, all_debug):
    from fastapi.testclient import TestClient

    from bot import users
    from bot.web.app import create_app
    caplog.set_level(logging.DEBUG)
    all_debug()
    settings = service.settings.with_(web_secret=WEB_SECRET)
    users.add_user(settings, "quan-tri", "mat-khau-kiem-thu-1", admin=True)
    client = TestClient(create_app(settings, service), raise_server_exceptions=False)
    responses = [client.get("/login")]
    responses.append(client.post("/api/login", json={"name": "quan-tri", "password": "sai"}))
    responses.append(client.post("/api/login", json={"name": "quan-tri", "password": "mat-khau-kiem-thu-1"}))
    h = {"X-CSRF-Token": responses[-1].json()["csrf_token"]}
    responses.append(client.post("/api/ask", json={"question": "Chiến sĩ thi đua cơ sở?"}, headers=h))
    responses.append(client.post("/api/documents", files={"file": ("x.pdf", b"junk")}, headers=h))
    responses.append(client.get("/documents"))
    responses.append(client.get("/api/search", params={"q": "x" * 3000}))
    for r in responses:
        assert_absent(r.text + str(r.headers), WEB_SECRET)
    assert_absent(caplog.text, WEB_SECRET, "mat-khau-kiem-thu-1")
    assert not (Path(settings.data_dir) / "web_secret").exists() or \
        (Path(settings.data_dir) / "web_secret").read_text().strip() != WEB_SECRET


# -- never echoed in errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("server", ["closed port", "server echoing the key"])
def test_llm_api_key_never_in_errors_logs_or_answers(service, caplog, all_debug, server):
    from testkit.fake_llm import FakeLLMServer
    from bot.answering.llm import stop_local_servers
    caplog.set_level(logging.DEBUG)
    all_debug()
    with FakeLLMServer(status=401, echo_auth=True) as echo:
        url = echo.url if server != "closed port" else "http://127.0.0.1:9/v1"
        settings = service.settings.with_(llm=url, llm_api_key=LLM_KEY, llm_timeout=20)
        svc = Hoidap(settings, embedder=service.embedder)
        try:
            ans = svc.ask("Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?")
        finally:
            svc.close()
            stop_local_servers()
        if server != "closed port":
            sent = {k.lower(): v for k, v in echo.requests[0]["headers"].items()}
            assert LLM_KEY in sent["authorization"]         # the key was really sent (and echoed back)
    assert ans.mode == "extractive" and "Chiến sĩ thi đua cơ sở" in ans.answer
    assert any("không" in w.lower() for w in ans.warnings)      # told the generator failed, in Vietnamese
    assert "LLM failed" in caplog.text or "LLM unavailable" in caplog.text
    assert_absent(caplog.text + ans.answer + " ".join(ans.warnings) + str(ans.to_json()), LLM_KEY)


def test_llm_errors_are_scrubbed_at_the_source():
    """LLMUnavailable itself never carries the key, whoever logs or shows it."""
    from testkit.fake_llm import FakeLLMServer
    from bot.answering.llm import LLM, LLMUnavailable
    with FakeLLMServer(status=401, echo_auth=True) as echo:
        llm = LLM(echo.url, "fake", LLM_KEY, timeout=20)
        with pytest.raises(LLMUnavailable) as info:
            llm.stream([("user", "xin chào")])
    import traceback
    shown = "".join(traceback.format_exception(info.value))      # what log.exception(...) would print
    assert "AuthenticationError" in shown and "Incorrect API key provided" in shown
    assert_absent(shown, LLM_KEY)


@pytest.mark.models
def test_hoidap_telegram_process_with_token_file_and_verbose_log(tmp_path, models_available):
    """The service as systemd runs it, token from a 0600 file, `-v` (DEBUG): the token is in no log line."""
    hoidap = Path(sys.executable).parent / "hoidap"
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    token_file.chmod(0o600)
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOIDAP_", "TELEGRAM_"))}
    env.update(HOIDAP_DATA_DIR=str(data), OPENBLAS_NUM_THREADS="1", HOIDAP_LLM="none")
    r = subprocess.run([str(hoidap), "ingest", str(BASE)], env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    with BotApiStandin(token=TOKEN) as api:
        env.update(TELEGRAM_BOT_TOKEN_FILE=str(token_file), HOIDAP_TELEGRAM_API_URL=api.url,
                   HOIDAP_TELEGRAM_USERS="4501", HOIDAP_LLM_API_KEY=LLM_KEY, HOIDAP_WEBHOOK_SECRET=HOOK_SECRET)
        log = tmp_path / "bot.log"
        with open(log, "w", encoding="utf-8") as out:
            proc = subprocess.Popen([str(hoidap), "-v", "telegram"], env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            api.send_text(4501, "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở là gì?")
            api.send_text(4502, "xin chào")
            deadline = time.monotonic() + 180
            while not (api.bot_messages(4501) and api.bot_messages(4502)) and time.monotonic() < deadline:
                assert proc.poll() is None, log.read_text()[-3000:]
                time.sleep(0.1)
            assert "Chiến sĩ thi đua cơ sở" in api.texts(4501)[-1]
        finally:
            proc.terminate()
            code = proc.wait(60)
        text = log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, text[-3000:]
    assert "DEBUG" in text and "refused user 4502" in text
    assert_absent(text, TOKEN, LLM_KEY, HOOK_SECRET)
