"""`hoidap web` and `hoidap user add|list|remove|passwd` (bot.cli adds them to the `hoidap` group)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import click

from bot import users
from bot.click_options import data_dir_option, service_logging



def _settings(data_dir: Path | None, **overrides):
    from ingest.settings import Settings
    try:
        return Settings.from_env(data_dir=data_dir, **overrides)
    except ValueError as exc:
        raise click.ClickException(str(exc))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("web")
@click.option("--host", default="127.0.0.1", show_default=True, envvar="HOIDAP_WEB_HOST",
              help="Address to listen on. Keep the loopback default behind a reverse proxy.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), envvar="HOIDAP_WEB_PORT")
@data_dir_option
@click.option("--llm", envvar="HOIDAP_LLM", help="local | none | an OpenAI-compatible URL (default: auto).")
@click.option("--secure-cookies", is_flag=True, envvar="HOIDAP_WEB_SECURE_COOKIES",
              help="Send the session cookie over HTTPS only (set this when a TLS proxy is in front).")
def web_command(host: str, port: int, data_dir: Path | None, llm: str | None, secure_cookies: bool) -> None:
    """Serve the staff lookup page and its JSON API.

    \b
    Examples:
      hoidap user add chanh-van-phong --admin
      hoidap web                      # http://127.0.0.1:8000
      hoidap web --port 8080 --data-dir /srv/hoidap/data
    """
    import uvicorn

    from bot.web.app import create_app

    settings = _settings(data_dir, llm=llm)
    service_logging()   # a service: logins refused, uploads and errors are the operator's INFO lines
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}, not loopback: serve it over HTTPS (a reverse proxy) and "
                   "use --secure-cookies", err=True)
    if not users.list_users(settings):
        click.echo("warning: no staff accounts yet; create one with: hoidap user add NAME --admin", err=True)
    try:
        app = create_app(settings, https_only=secure_cookies, warm_up=True)
    except (OSError, RuntimeError) as exc:
        raise click.ClickException(f"cannot start the web page: {exc}")
    click.echo(f"hoidap web on http://{host}:{port}  (data: {settings.data_dir})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


@click.group("user")
def user_group() -> None:
    """Staff accounts for the web page (stored in DATA_DIR/web.sqlite, argon2-hashed)."""


def _password(prompt: str = "Password") -> str:
    """From HOIDAP_USER_PASSWORD, else typed twice without echo."""
    env = os.environ.get("HOIDAP_USER_PASSWORD")
    if env:
        return env
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True)


@user_group.command("add")
@click.argument("name")
@click.option("--admin", is_flag=True, help="May upload and remove documents.")
@data_dir_option
def user_add(name: str, admin: bool, data_dir: Path | None) -> None:
    """Create account NAME; the password is typed twice (or taken from HOIDAP_USER_PASSWORD)."""
    settings = _settings(data_dir)
    try:
        users.clean_name(name)
        user = users.add_user(settings, name, _password(), admin=admin)
    except users.UserError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"created {'admin' if user.admin else 'staff'} account {user.name}")


@user_group.command("passwd")
@click.argument("name")
@data_dir_option
def user_passwd(name: str, data_dir: Path | None) -> None:
    """Change NAME's password (their open sessions end)."""
    settings = _settings(data_dir)
    try:
        if users.get_user(settings, name) is None:
            raise users.UserError(f"no user {name!r}")
        users.set_password(settings, name, _password("New password"))
    except users.UserError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"password changed for {name}")


@user_group.command("list")
@data_dir_option
def user_list(data_dir: Path | None) -> None:
    """List accounts."""
    accounts = users.list_users(_settings(data_dir))
    if not accounts:
        click.echo("no accounts; create one with: hoidap user add NAME --admin")
        return
    for u in accounts:
        click.echo(f"{u.name}\t{'admin' if u.admin else 'staff'}\t{u.created_at}")


@user_group.command("remove")
@click.argument("name")
@data_dir_option
def user_remove(name: str, data_dir: Path | None) -> None:
    """Delete account NAME (their open sessions end at once)."""
    try:
        users.remove_user(_settings(data_dir), name)
    except users.UserError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"removed {name}")
