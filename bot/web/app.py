"""The staff web page: `create_app(settings, service=None)` builds the FastAPI application.

Server-rendered Jinja2 pages (bot/web/pages.py) and a JSON API (bot/web/api.py) over the same
`Hoidap` service the CLI and the Telegram bot use. Sessions are signed cookies; every page and API
call except /login, /healthz and /openapi.json needs a logged-in staff account.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from bot.web import auth
from bot.web.text import highlight, render_text

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
ASK_SLOTS = 4        # answers computed at once by this process; more wait for a slot ...
ASK_WAIT = 30.0      # ... this many seconds, then get "đang bận, vui lòng thử lại"
LOGIN_SLOTS = 2      # password checks at once

_VIETNAMESE = {400: "Yêu cầu không hợp lệ.", 401: "Vui lòng đăng nhập.", 403: "Không có quyền truy cập.",
               404: "Không tìm thấy.", 405: "Phương thức không được hỗ trợ.", 413: "Dữ liệu gửi lên quá lớn.",
               500: "Lỗi hệ thống. Vui lòng thử lại sau."}
_DEFAULT_DETAILS = {"Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed",
                    "Request Entity Too Large", "Content Too Large", "Internal Server Error"}

# No inline scripts or styles anywhere, so the policy can forbid them: injected HTML cannot run.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    """Pure ASGI middleware (unlike BaseHTTPMiddleware it leaves streamed answers alone)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)
        await self.app(scope, receive, send_with_headers)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _warm_up(service) -> None:
    """Load the index and models (and the LLM's cached prompt) in the background, so the first real
    question is not the slow one."""
    try:
        service.warm_up()
    except Exception:  # real errors show up on real requests
        log.info("warm-up failed", exc_info=True)


def create_app(settings, service=None, *, https_only: bool = False, warm_up: bool = False,
               ask_slots: int = ASK_SLOTS, ask_wait: float = ASK_WAIT) -> FastAPI:
    """The web application.

    settings: `ingest.settings.Settings`; users live in data_dir/web.sqlite.
    service: a `bot.service.Hoidap` (made from settings when None, and closed on shutdown).
    https_only: mark the session cookie Secure (when served behind HTTPS).
    warm_up: load the models in a background thread at start-up.
    """
    owns_service = service is None
    if service is None:
        from bot.service import Hoidap
        service = Hoidap(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm_up:
            threading.Thread(target=_warm_up, args=(service,), daemon=True, name="hoidap-warm-up").start()
        yield
        if owns_service:
            service.close()

    app = FastAPI(
        title="hoidap",
        summary="Tra cứu và hỏi đáp văn bản (thi đua, khen thưởng, đánh giá cán bộ...).",
        description="JSON API of the staff page. Log in with POST /api/login (or the page), then send "
                    "the session cookie; POST/DELETE calls need the X-CSRF-Token header from /api/me.",
        version="1.0",
        lifespan=lifespan,
        docs_url=None, redoc_url=None,  # Swagger UI pulls scripts from a CDN: no internet here
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.service = service
    app.state.throttle = auth.LoginThrottle()
    app.state.upload_lock = asyncio.Lock()
    app.state.ask_slots = asyncio.Semaphore(ask_slots)
    # argon2 takes 64 MiB and ~50 ms of CPU per check: a burst of logins must not take all memory.
    app.state.login_slots = asyncio.Semaphore(LOGIN_SLOTS)
    app.state.ask_wait = ask_wait

    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["highlight"] = highlight
    templates.env.filters["render_text"] = render_text
    app.state.templates = templates

    app.add_middleware(SessionMiddleware, secret_key=auth.load_secret(settings),
                       session_cookie=auth.SESSION_COOKIE, max_age=auth.SESSION_MAX_AGE,
                       same_site="lax", https_only=https_only)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from bot.web import api, pages
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(auth.LoginRequired)
    async def _login_required(request: Request, exc: auth.LoginRequired):
        return RedirectResponse(f"/login?next={quote(exc.next_url, safe='')}", status_code=303)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException):
        detail = exc.detail
        if isinstance(detail, str) and detail in _DEFAULT_DETAILS:
            detail = _VIETNAMESE.get(exc.status_code, detail)
        if _is_api(request):
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)
        return pages.error_page(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        # Only type/loc/msg go back: "input" could echo a password sent in the wrong shape.
        errors = [{k: e[k] for k in ("type", "loc", "msg") if k in e} for e in exc.errors()]
        fields = ", ".join(".".join(str(p) for p in e.get("loc", ())[1:]) or "body" for e in errors)
        detail = f"Dữ liệu gửi lên không hợp lệ ({fields})."
        if _is_api(request):
            return JSONResponse(jsonable_encoder({"detail": detail, "errors": errors}), status_code=422)
        return pages.error_page(request, 422, detail)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        # Starlette logs the traceback for the operator; the user gets a short Vietnamese apology.
        if _is_api(request):
            return JSONResponse({"detail": _VIETNAMESE[500]}, status_code=500)
        try:
            return pages.error_page(request, 500, _VIETNAMESE[500])
        except Exception:  # the page itself needs the account database, which may be what failed
            return PlainTextResponse(_VIETNAMESE[500], status_code=500)

    @app.get("/healthz", include_in_schema=False)
    async def healthz():
        return {"ok": True}

    return app
