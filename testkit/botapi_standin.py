"""A stand-in for the Telegram Bot API, on 127.0.0.1, for tests of the real bot code.

It speaks the methods hoidap uses the way python-telegram-bot 22.x expects them (JSON, form or
multipart requests; {"ok": true, "result": ...} answers; dates in seconds; `is_bot`;
`chat_instance` on callback queries; getUpdates honouring offset and timeout), keeps the messages
the bot sent and edited, and lets a test inject updates, make a method answer 429 once, and read
everything back. It runs an aiohttp server in its own thread, so it works for sync and async tests.

    with BotApiStandin() as api:
        settings = Settings(telegram_token=api.token, telegram_api_url=api.url, ...)
        api.send_text(USER, "Xin chào")
        await api.until(lambda: api.bot_messages(USER))
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import threading
import time
from html.parser import HTMLParser
from itertools import count

from aiohttp import web

BOT_ID = 7000001
BOT_USERNAME = "hoidap_test_bot"
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "blockquote", "tg-spoiler", "span", "tg-emoji"}
TEXT_FIELDS = {"text", "caption", "parse_mode", "callback_query_id", "file_id", "url", "secret_token",
               "action", "language_code", "inline_message_id", "ip_address", "description"}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TagChecker(HTMLParser):
    """Rejects what Telegram rejects in parse_mode=HTML: unknown or unbalanced tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.error, self.plain = [], "", []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.error = self.error or f"unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.error = self.error or f"can't find end tag corresponding to start tag \"{tag}\""
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.plain.append(data)


def parse_html(text: str) -> tuple[str, str]:
    """(plain text, error) for a parse_mode=HTML message."""
    bare = re.search(r"<(?!/?[a-zA-Z][\w-]*(\s[^<>]*)?>)", text)
    if bare:
        return "", f"unsupported start tag at byte offset {bare.start()}"
    amp = re.search(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z]+;)", text)
    if amp:
        return "", f"character entity expected at byte offset {amp.start()}"
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    if checker.stack and not checker.error:
        checker.error = f"can't find end tag corresponding to start tag \"{checker.stack[-1]}\""
    return html.unescape("".join(checker.plain)), checker.error


class BotApiStandin:
    def __init__(self, token: str = "7000001:TEST-stand-in-token-abcdefghijklmnop", max_poll_wait: float = 0.5):
        self.token = token
        self.max_poll_wait = max_poll_wait
        self.bot = {"id": BOT_ID, "is_bot": True, "first_name": "Hỏi đáp", "username": BOT_USERNAME,
                    "can_join_groups": True, "can_read_all_group_messages": False,
                    "supports_inline_queries": False}
        self._lock = threading.RLock()
        self._ids = count(1)
        self._update_ids = count(1)
        self.updates: list[dict] = []
        self.calls: list[dict] = []            # every request: {"method", "params", "at", "status"}
        self.messages: dict[tuple[int, int], dict] = {}
        self.edits: dict[tuple[int, int], list[str]] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self._failures: dict[str, list[tuple[int, dict]]] = {}
        self.webhook: dict = {}
        self.commands: list = []
        self._users: dict[int, dict] = {}
        self._loop = None
        self._event = None
        self._thread = None
        self.port = 0

    # -- lifecycle ------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """What goes into Settings.telegram_api_url."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "BotApiStandin":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        ready = threading.Event()

        def serve():
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            self._event = asyncio.Event()
            app = web.Application(client_max_size=200 * 1024 * 1024)
            app.router.add_route("*", "/bot{token}/{method}", self._handle)
            app.router.add_get("/file/bot{token}/{path:.+}", self._download)
            self._runner = web.AppRunner(app, access_log=None)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            self._loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self._runner.cleanup())
            self._loop.close()

        self._thread = threading.Thread(target=serve, name="botapi-standin", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("stand-in Bot API did not start")

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._event.set)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop = None

    # -- objects ------------------------------------------------------------------------------
    def user(self, user_id: int, first_name: str = "Cán bộ", username: str | None = None) -> dict:
        with self._lock:
            return self._users.setdefault(user_id, {"id": user_id, "is_bot": False, "first_name": first_name,
                                                    "username": username or f"user{user_id}",
                                                    "language_code": "vi"})

    @staticmethod
    def private_chat(user: dict) -> dict:
        return {"id": user["id"], "type": "private", "first_name": user["first_name"],
                "username": user.get("username")}

    @staticmethod
    def group_chat(chat_id: int, title: str = "Phòng Tổ chức") -> dict:
        return {"id": chat_id, "type": "supergroup", "title": title}

    def _push(self, update: dict) -> dict:
        with self._lock:
            update["update_id"] = next(self._update_ids)
            self.updates.append(update)
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._event.set)
        return update

    def _new_message(self, user_id: int, chat: dict | None, **fields) -> dict:
        user = self.user(user_id)
        chat = chat or self.private_chat(user)
        msg = {"message_id": next(self._ids), "from": user, "chat": chat, "date": int(time.time()), **fields}
        with self._lock:
            self.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    # -- injecting updates (test side) ------------------------------------------------------------
    def send_text(self, user_id: int, text: str, chat: dict | None = None, reply_to: int | None = None) -> dict:
        """A user writes `text` (commands and @mentions get their entities, as Telegram adds them)."""
        fields: dict = {"text": text}
        entities = []
        m = re.match(r"/\w+(@\w+)?", text)
        if m:
            entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(m.group(0))})
        for m in re.finditer(r"@\w+", text):
            if not (entities and m.start() < entities[0]["length"] and entities[0]["type"] == "bot_command"):
                entities.append({"type": "mention", "offset": utf16_len(text[:m.start()]),
                                 "length": utf16_len(m.group(0))})
        if entities:
            fields["entities"] = entities
        if reply_to is not None:
            chat_id = (chat or self.private_chat(self.user(user_id)))["id"]
            fields["reply_to_message"] = dict(self.messages[(chat_id, reply_to)])
        msg = self._new_message(user_id, chat, **fields)
        self._push({"message": msg})
        return msg

    def send_document(self, user_id: int, file_name: str, content: bytes, chat: dict | None = None,
                      mime_type: str = "application/octet-stream", caption: str | None = None,
                      file_size: int | None = None) -> dict:
        """A user sends a file; the bot can fetch it with getFile and the file URL."""
        n = next(self._ids)
        file_id, unique = f"FILE{n:06d}", f"U{n:06d}"
        with self._lock:
            self.files[file_id] = (f"documents/file_{n}{_suffix(file_name)}", content)
        document = {"file_id": file_id, "file_unique_id": unique, "file_name": file_name,
                    "mime_type": mime_type, "file_size": len(content) if file_size is None else file_size}
        fields: dict = {"document": document}
        if caption:
            fields["caption"] = caption
        msg = self._new_message(user_id, chat, **fields)
        self._push({"message": msg})
        return msg

    def press_button(self, user_id: int, message: dict, data: str) -> dict:
        """A user presses an inline button with callback data `data` under `message`."""
        query = {"id": str(next(self._ids) * 1000 + 7), "from": self.user(user_id),
                 "message": dict(message), "chat_instance": f"ci{message['chat']['id']}", "data": data}
        return self._push({"callback_query": query})

    def fail_next(self, method: str, retry_after: int = 1) -> None:
        """The next call of `method` gets 429 Too Many Requests with parameters.retry_after."""
        with self._lock:
            self._failures.setdefault(method, []).append((429, {
                "ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {retry_after}",
                "parameters": {"retry_after": retry_after}}))

    # -- reading what the bot did (test side) -------------------------------------------------
    def calls_of(self, method: str) -> list[dict]:
        with self._lock:
            return [c for c in self.calls if c["method"] == method]

    def bot_messages(self, chat_id: int) -> list[dict]:
        """The bot's messages in a chat, oldest first, in their current (edited) state."""
        with self._lock:
            return [m for (c, _), m in sorted(self.messages.items(), key=lambda kv: kv[0][1])
                    if c == chat_id and m["from"]["id"] == BOT_ID]

    def texts(self, chat_id: int) -> list[str]:
        return [m.get("text", "") for m in self.bot_messages(chat_id)]

    def buttons(self, message: dict) -> list[tuple[str, str]]:
        rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]

    async def until(self, predicate, timeout: float = 15.0, interval: float = 0.02):
        """Wait (in an async test) until predicate() is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {getattr(predicate, '__name__', predicate)}")
            await asyncio.sleep(interval)

    # -- the server ------------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            raw = await request.json() if request.can_read_body else {}
            return raw or {}
        form = await request.post() if request.can_read_body else {}
        out: dict = {}
        for key, value in (form or {}).items():
            if hasattr(value, "file"):            # multipart upload
                out[key] = {"filename": value.filename, "content": value.file.read()}
            elif key in TEXT_FIELDS:
                out[key] = value
            else:
                try:
                    out[key] = json.loads(value)
                except (TypeError, ValueError):
                    out[key] = value
        out.update(request.query)
        return out

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        call = {"method": method, "params": params, "at": time.monotonic(), "status": 200}
        with self._lock:
            self.calls.append(call)
            failures = self._failures.get(method)
            failure = failures.pop(0) if failures else None
        if request.match_info["token"] != self.token:
            call["status"] = 401
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        if failure:
            call["status"] = failure[0]
            return web.json_response(failure[1], status=failure[0])
        handler = getattr(self, "_m_" + method, None)
        if handler is None:
            call["status"] = 404
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                                     status=404)
        try:
            result = handler(params) if method != "getUpdates" else await handler(params)
        except _BadRequest as exc:
            call["status"] = 400
            return web.json_response({"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"},
                                     status=400)
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        with self._lock:
            match = [content for p, content in self.files.values() if p == path]
        if not match:
            return web.Response(status=404)
        return web.Response(body=match[0], content_type="application/octet-stream")

    # -- methods ----------------------------------------------------------------------------------
    def _m_getMe(self, p):
        return self.bot

    async def _m_getUpdates(self, p):
        offset, limit = int(p.get("offset") or 0), int(p.get("limit") or 100)
        deadline = time.monotonic() + min(float(p.get("timeout") or 0), self.max_poll_wait)
        while True:
            self._event.clear()
            with self._lock:
                if offset:
                    self.updates = [u for u in self.updates if u["update_id"] >= offset]
                pending = self.updates[:limit]
            remaining = deadline - time.monotonic()
            if pending or remaining <= 0:
                return pending
            try:
                await asyncio.wait_for(self._event.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    def _chat(self, chat_id) -> dict:
        chat_id = int(chat_id)
        if chat_id < 0:
            return self.group_chat(chat_id)
        user = self._users.get(chat_id) or {"id": chat_id, "first_name": "?", "username": None}
        return self.private_chat(user)

    def _text(self, p: dict) -> tuple[str, str]:
        text = p.get("text") or ""
        raw = text
        if str(p.get("parse_mode", "")).upper() == "HTML":
            text, error = parse_html(text)
            if error:
                raise _BadRequest(f"can't parse entities: {error}")
        if not text.strip():
            raise _BadRequest("message text is empty")
        if utf16_len(text) > 4096:
            raise _BadRequest("message is too long")
        return text, raw

    def _m_sendMessage(self, p):
        text, raw = self._text(p)
        chat = self._chat(p["chat_id"])
        msg = {"message_id": next(self._ids), "from": self.bot, "chat": chat, "date": int(time.time()),
               "text": text, "html": raw}
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        reply = (p.get("reply_parameters") or {}).get("message_id") or p.get("reply_to_message_id")
        if reply and (chat["id"], int(reply)) in self.messages:
            msg["reply_to_message"] = dict(self.messages[(chat["id"], int(reply))])
        with self._lock:
            self.messages[(chat["id"], msg["message_id"])] = msg
            self.edits[(chat["id"], msg["message_id"])] = [text]
        return _public(msg)

    def _m_editMessageText(self, p):
        key = (int(p["chat_id"]), int(p["message_id"]))
        text, raw = self._text(p)
        with self._lock:
            msg = self.messages.get(key)
            if msg is None:
                raise _BadRequest("message to edit not found")
            markup = p.get("reply_markup")
            if msg.get("html") == raw and msg.get("reply_markup") == markup:
                raise _BadRequest("message is not modified: specified new message content and reply markup "
                                  "of the message are exactly the same as a current content and reply "
                                  "markup of the message")
            msg.update(text=text, html=raw, edit_date=int(time.time()))
            if markup:
                msg["reply_markup"] = markup
            else:
                msg.pop("reply_markup", None)
            self.edits[key].append(text)
            return _public(msg)

    def _m_sendChatAction(self, p):
        return True

    def _m_answerCallbackQuery(self, p):
        return True

    def send_photo(self, user_id: int, sizes: list[bytes], chat: dict | None = None,
                   caption: str | None = None) -> dict:
        """A user sends a compressed photo: Telegram delivers several sizes (PhotoSize), smallest first;
        each can be fetched with getFile. `sizes` are the JPEG bytes of each size, smallest first."""
        photo = []
        for i, content in enumerate(sizes):
            n = next(self._ids)
            file_id = f"PHOTO{n:06d}"
            with self._lock:
                self.files[file_id] = (f"photos/file_{n}.jpg", content)
            side = 90 * (i + 1) ** 2
            photo.append({"file_id": file_id, "file_unique_id": f"P{n:06d}", "width": side, "height": side,
                          "file_size": len(content)})
        fields: dict = {"photo": photo}
        if caption:
            fields["caption"] = caption
        msg = self._new_message(user_id, chat, **fields)
        self._push({"message": msg})
        return msg

    def _m_getFile(self, p):
        with self._lock:
            if p.get("file_id") not in self.files:
                raise _BadRequest("invalid file_id")
            path, content = self.files[p["file_id"]]
        return {"file_id": p["file_id"], "file_unique_id": "U" + p["file_id"], "file_size": len(content),
                "file_path": path}

    def _m_sendDocument(self, p):
        chat = self._chat(p["chat_id"])
        doc = p.get("document") or {}
        msg = {"message_id": next(self._ids), "from": self.bot, "chat": chat, "date": int(time.time()),
               "document": {"file_id": f"SENT{len(self.files)}", "file_unique_id": "S",
                            "file_name": doc.get("filename", "file")}}
        with self._lock:
            self.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    def _m_setWebhook(self, p):
        self.webhook = {"url": p.get("url", ""), "secret_token": p.get("secret_token")}
        return True

    def _m_deleteWebhook(self, p):
        self.webhook = {}
        return True

    def _m_getWebhookInfo(self, p):
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}

    def _m_setMyCommands(self, p):
        self.commands = p.get("commands", [])
        return True

    def _m_deleteMyCommands(self, p):
        return True

    def _m_close(self, p):
        return True

    def _m_logOut(self, p):
        return True


class _BadRequest(Exception):
    pass


def _public(msg: dict) -> dict:
    return {k: v for k, v in msg.items() if k != "html"}


def _suffix(name: str) -> str:
    m = re.search(r"\.\w{1,5}$", name)
    return m.group(0) if m else ""


# -- running the real bot against the stand-in ---------------------------------------------------
from contextlib import asynccontextmanager  # noqa: E402


@asynccontextmanager
async def polling(app, edit_interval: float | None = None):
    """Run a built Application by long polling (as `hoidap telegram` does) for the body of a `with`."""
    if edit_interval is not None:
        app.bot_data["deps"].edit_interval = edit_interval
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=["message", "callback_query"])
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
    app.bot_data["deps"].close()
