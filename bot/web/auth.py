"""Who is asking: session secret, signed-cookie sessions, CSRF tokens, login throttling, role checks.

Sessions live in a signed cookie (Starlette's SessionMiddleware, itsdangerous) holding the account
name, its epoch and a CSRF token. Each request looks the account up again, so a removed account, a
changed password or a lost admin role take effect at once.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import stat
import threading
import time
from pathlib import Path

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from bot import users
from bot.users import User

log = logging.getLogger(__name__)

SESSION_COOKIE = "hoidap_session"
SESSION_MAX_AGE = 12 * 3600          # one working day; then log in again
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SECRET_FILE = "web_secret"
MAX_FAILURES = 5                     # wrong passwords per account and address ...
FAILURE_WINDOW = 15 * 60             # ... within this many seconds before logins are refused for a while


def load_secret(settings) -> str:
    """The key that signs session cookies: HOIDAP_WEB_SECRET, else a random one kept in
    data_dir/web_secret (created 0600 on first use, so sessions survive a restart)."""
    if settings.web_secret:
        if len(settings.web_secret) < 16:
            log.warning("HOIDAP_WEB_SECRET is shorter than 16 characters; use a long random value")
        return settings.web_secret
    path = Path(settings.data_dir) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.warning("%s is readable by other users; setting it to 0600", path)
            path.chmod(0o600)
        secret = path.read_text(encoding="utf-8").strip()
        if len(secret) >= 32:
            return secret
        raise RuntimeError(f"{path} is empty or too short; delete it to generate a new web secret")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        secret = secrets.token_urlsafe(48)
        fh.write(secret + "\n")
    log.info("generated a new web session secret in %s", path)
    return secret


# -- sessions ---------------------------------------------------------------------------------------

async def check_password(request: Request, name: str, password: str) -> User | None:
    """users.verify in a worker thread, a few at a time (see LOGIN_SLOTS in app.py)."""
    async with request.app.state.login_slots:
        return await run_in_threadpool(users.verify, request.app.state.settings, name, password)


def session_user(request: Request) -> User | None:
    """The logged-in account, or None (and the session is cleared when it no longer matches)."""
    name = request.session.get("user")
    if not name:
        return None
    user = users.get_user(request.app.state.settings, name)
    if user is None or user.epoch != request.session.get("epoch"):
        request.session.pop("user", None)
        request.session.pop("epoch", None)
        return None
    return user


def log_in(request: Request, user: User) -> None:
    """Start a fresh session for `user` (a new CSRF token too: nothing carries over from before)."""
    request.session.clear()
    request.session.update({"user": user.name, "epoch": user.epoch, "csrf": secrets.token_urlsafe(32)})


def log_out(request: Request) -> None:
    request.session.clear()


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use (anonymous sessions get one for the login form)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_ok(request: Request, supplied: str | None) -> bool:
    expected = request.session.get("csrf")
    return bool(expected and supplied) and hmac.compare_digest(str(expected), str(supplied))


# -- dependencies for the JSON API -------------------------------------------------------------------

def api_user(request: Request) -> User:
    user = session_user(request)
    if user is None:
        raise HTTPException(401, "Vui lòng đăng nhập.")
    return user


def api_admin(request: Request) -> User:
    user = api_user(request)
    if not user.admin:
        raise HTTPException(403, "Chỉ quản trị viên được làm việc này.")
    return user


def api_csrf(request: Request) -> None:
    """State-changing API calls must echo the session's CSRF token in the X-CSRF-Token header."""
    if not csrf_ok(request, request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, "Mã bảo vệ CSRF không hợp lệ. Vui lòng tải lại trang.")


def api_writer(request: Request) -> User:
    """A logged-in account making a state-changing call: 401 first, then the CSRF check."""
    user = api_user(request)
    api_csrf(request)
    return user


def api_admin_writer(request: Request) -> User:
    """An admin making a state-changing call: 401, then 403 for staff, then the CSRF check."""
    user = api_admin(request)
    api_csrf(request)
    return user


# -- dependencies for HTML pages -----------------------------------------------------------------------

class LoginRequired(Exception):
    """Raised by page dependencies; the app turns it into a redirect to /login?next=..."""

    def __init__(self, next_url: str):
        self.next_url = next_url


def page_user(request: Request) -> User:
    user = session_user(request)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return user


def safe_next(url: str | None) -> str:
    """Only same-site paths are followed after login (no //evil.example or https://...)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/"
    return url


# -- login throttling ---------------------------------------------------------------------------------

class LoginThrottle:
    """Counts wrong passwords per (address, account) in memory; enough to stop guessing on one server."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = FAILURE_WINDOW):
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[tuple[str, str], list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key, now: float) -> list[float]:
        times = [t for t in self._failures.get(key, []) if now - t < self.window]
        if times:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times

    def blocked(self, address: str, name: str) -> bool:
        with self._lock:
            return len(self._recent((address, name.lower()), time.monotonic())) >= self.max_failures

    def failed(self, address: str, name: str) -> None:
        with self._lock:
            now = time.monotonic()
            key = (address, name.lower())
            self._failures[key] = self._recent(key, now) + [now]
            if len(self._failures) > 10_000:  # bound memory under a flood of random names
                self._failures.clear()

    def succeeded(self, address: str, name: str) -> None:
        with self._lock:
            self._failures.pop((address, name.lower()), None)
