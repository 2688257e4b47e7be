"""The one `--data-dir` option every command takes (the `hoidap` group's and the faces' own commands)."""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

import click

from ingest.settings import Settings

data_dir_option = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="HOIDAP_DATA_DIR", default=None,
    help="Index and state directory (default ./data; env HOIDAP_DATA_DIR).")


def settings_from(data_dir: Path | None, **overrides) -> Settings:
    """Settings for this data dir; a bad setting is a usage error, not a traceback."""
    try:
        return Settings.from_env(data_dir=data_dir, **overrides)
    except (ValueError, OSError) as exc:
        raise click.ClickException(f"bad setting: {exc}")


def with_settings(f):
    """--data-dir, turned into the command's Settings (click's context object, see settings_obj)."""
    @data_dir_option
    @functools.wraps(f)
    def wrapper(*args, data_dir=None, **kwargs):
        click.get_current_context().obj = settings_from(data_dir)
        return f(*args, **kwargs)
    return wrapper


def settings_obj() -> Settings:
    return click.get_current_context().obj


def service_logging() -> None:
    """A long-running service (`hoidap telegram`, `hoidap web`) logs its INFO lines for the operator —
    start-up, refused user ids, uploads, errors — on stderr. The terminal chat keeps WARNING and up only
    (bot/cli/group.py setup_logging); a service has no conversation to keep clean."""
    logging.getLogger("bot").setLevel(logging.INFO)
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "_hoidap", False)]
    for handler in ours:
        handler.setLevel(min(handler.level, logging.INFO))
    if not root.handlers:   # started outside the click group (tests, python -c): a plain stderr handler
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
