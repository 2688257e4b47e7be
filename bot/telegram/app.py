"""`build_application(settings, service)`: the python-telegram-bot Application, shared by
`hoidap telegram` and the tests; `run(settings, service)` runs it by long polling, or as a webhook
server when `settings.webhook_url` is set.
"""

from __future__ import annotations

import logging
import re
import secrets
from pathlib import Path
from urllib.parse import quote, urlsplit

from telegram import BotCommand, Update
from telegram.ext import (AIORateLimiter, Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler,
                          MessageHandler, TypeHandler, filters)

from bot.telegram import admin, handlers
from bot.telegram.access import Access, RateLimiter
from bot.telegram.deps import Deps
from bot.telegram.state import BotState
from ingest.settings import Settings

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
COMMANDS = [
    BotCommand("hoi", "Đặt câu hỏi (dùng trong nhóm)"),
    BotCommand("tim", "Tìm điều khoản theo từ khoá"),
    BotCommand("vanban", "Danh sách văn bản"),
    BotCommand("moi", "Bắt đầu cuộc hỏi đáp mới"),
    BotCommand("help", "Hướng dẫn sử dụng"),
]
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def build_application(settings: Settings, service, state: BotState | None = None) -> Application:
    """The bot, wired: handlers, access gate, rate limiter, state under settings.data_dir."""
    if not settings.telegram_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    redact_secrets(settings.telegram_token, settings.webhook_secret)
    quiet_http_logs()
    builder = (ApplicationBuilder().token(settings.telegram_token)
               .concurrent_updates(True)                 # one slow answer never blocks other chats
               .rate_limiter(AIORateLimiter(max_retries=3))  # Telegram's flood limits; obeys 429 retry_after
               .connect_timeout(10).read_timeout(20).write_timeout(20)
               .post_init(_post_init).post_shutdown(_post_shutdown))
    if settings.telegram_api_url:
        base, files = bot_api_urls(settings.telegram_api_url)
        builder = builder.base_url(base).base_file_url(files)
    app = builder.build()
    state = state or BotState(Path(settings.data_dir) / "telegram.sqlite")
    access = Access(settings)
    if access.nobody_configured:
        log.warning("No HOIDAP_TELEGRAM_USERS, HOIDAP_TELEGRAM_CHATS or HOIDAP_TELEGRAM_ADMINS set: "
                    "every user will be refused (they are told their id to pass on to you)")
    app.bot_data["deps"] = Deps(settings=settings, service=service, state=state, access=access,
                                limiter=RateLimiter(settings.rate_limit_per_minute))

    app.add_handler(TypeHandler(Update, handlers.gate), group=-1)
    for name, callback in [("start", handlers.start), ("help", handlers.help_), ("hoi", handlers.hoi),
                           ("tim", handlers.tim), ("vanban", handlers.vanban), ("moi", handlers.moi),
                           ("xoa", admin.xoa), ("thongke", admin.thongke)]:
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(MessageHandler(filters.Document.ALL, admin.on_document))
    app.add_handler(MessageHandler(filters.PHOTO, admin.on_photo))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.on_text))
    app.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, handlers.unknown_command))
    app.add_handler(CallbackQueryHandler(handlers.on_button))
    app.add_error_handler(handlers.on_error)
    return app


def bot_api_urls(url: str) -> tuple[str, str]:
    """(base_url, base_file_url) for python-telegram-bot from HOIDAP_TELEGRAM_API_URL.

    Accepts the server root (http://host:8081) and the form with /bot at the end, PTB's own
    base_url habit (http://host:8081/bot); both give http://host:8081/bot and …/file/bot, to which
    PTB appends the token — never /bot/bot<token>.
    """
    root = url.strip().rstrip("/")
    for tail in ("/file/bot", "/bot"):
        if root.endswith(tail):
            root = root[:-len(tail)].rstrip("/")
            break
    return f"{root}/bot", f"{root}/file/bot"


async def _post_init(app: Application) -> None:
    """Publish the command list and warm the models up, so the first question is not the slow one."""
    try:
        await app.bot.set_my_commands(COMMANDS)
    except Exception as exc:
        log.warning("could not set the command list: %s", exc)
    deps = app.bot_data["deps"]

    def warmed(job):
        if not job.cancelled() and job.exception() is not None:
            log.warning("warm-up failed: %s", job.exception())

    deps.run(deps.service.warm_up).add_done_callback(warmed)  # not awaited: start-up goes on
    log.info("bot @%s is up", app.bot.username)


async def _post_shutdown(app: Application) -> None:
    deps = app.bot_data.get("deps")
    if deps is not None:
        deps.close()


def webhook_args(settings: Settings) -> dict:
    """Arguments for run_webhook/start_webhook; the secret token is made up when not configured."""
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    if not _SECRET_RE.match(secret):
        raise ValueError("HOIDAP_WEBHOOK_SECRET may only contain A-Z, a-z, 0-9, _ and - (1-256 characters)")
    redact_secrets(secret)
    return {"listen": settings.webhook_listen, "port": settings.webhook_port,
            "url_path": urlsplit(settings.webhook_url).path.lstrip("/"), "webhook_url": settings.webhook_url,
            "secret_token": secret, "allowed_updates": ALLOWED_UPDATES}


def run(settings: Settings, service) -> None:
    """Run until SIGINT/SIGTERM (systemd stop): long polling, or a webhook server if configured."""
    app = build_application(settings, service)
    if settings.webhook_url:
        args = webhook_args(settings)
        log.info("webhook mode: listening on %s:%s", args["listen"], args["port"])
        app.run_webhook(**args)
    else:
        log.info("long-polling mode")
        app.run_polling(allowed_updates=ALLOWED_UPDATES)


# -- logs without secrets ----------------------------------------------------------------------
_SECRETS: set[str] = set()
_base_factory = None


def quiet_http_logs() -> None:
    """httpx logs every request URL at INFO, and Bot API URLs contain the token."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def redact_secrets(*values: str) -> None:
    """From now on, replace these strings with '***' in every log record (message and traceback)."""
    global _base_factory
    _SECRETS.update(v for v in values if v and len(v) >= 8)
    # httpx logs file URLs with the token percent-encoded ("123%3AABC…"): scrub that form too (issue 8).
    _SECRETS.update(quote(v, safe="") for v in values if v and len(v) >= 8)
    if _base_factory is None:
        _base_factory = logging.getLogRecordFactory()

        def factory(*args, **kwargs):
            record = _base_factory(*args, **kwargs)
            _scrub(record)
            return record

        logging.setLogRecordFactory(factory)


def _redact(text: str) -> str:
    for secret in _SECRETS:
        text = text.replace(secret, "***")
    return text


def _scrub(record: logging.LogRecord) -> None:
    if not _SECRETS:
        return
    try:
        message = record.getMessage()
    except Exception:  # a broken format string is the logging module's business
        return
    clean = _redact(message)
    if clean != message:
        record.msg, record.args = clean, None
    if record.exc_info and not record.exc_text:
        record.exc_text = _redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = _redact(record.stack_info)
