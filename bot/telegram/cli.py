"""`hoidap telegram`: run the Telegram bot (bot.cli adds it to the `hoidap` group)."""

from __future__ import annotations

from pathlib import Path

import click

from bot.click_options import data_dir_option, service_logging, settings_from


@click.command("telegram")
@data_dir_option
def telegram(data_dir: Path | None) -> None:
    """Run the Telegram bot until stopped (Ctrl-C or SIGTERM).

    Long polling by default; webhook mode when HOIDAP_WEBHOOK_URL is set (listens on
    HOIDAP_WEBHOOK_LISTEN:HOIDAP_WEBHOOK_PORT, checks HOIDAP_WEBHOOK_SECRET on every update).
    Needs TELEGRAM_BOT_TOKEN (or TELEGRAM_BOT_TOKEN_FILE); users, groups and admins come from
    HOIDAP_TELEGRAM_USERS, HOIDAP_TELEGRAM_CHATS and HOIDAP_TELEGRAM_ADMINS.

    \b
    Example:
      TELEGRAM_BOT_TOKEN=123:ABC HOIDAP_TELEGRAM_ADMINS=11111 hoidap telegram --data-dir data
    """
    settings = settings_from(data_dir)
    if not settings.telegram_token:
        raise click.ClickException("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export "
                                   "its token (or point TELEGRAM_BOT_TOKEN_FILE at a file holding it)")
    service_logging()   # the bot is a service: the operator needs its INFO lines (start-up, refused user ids)

    from telegram.error import InvalidToken, NetworkError

    from bot.service import Hoidap
    from bot.telegram.app import run
    service = Hoidap(settings)
    try:
        run(settings, service)
    except InvalidToken:
        raise click.ClickException("Telegram rejected the bot token (TELEGRAM_BOT_TOKEN); check it with @BotFather")
    except NetworkError as exc:
        detail = str(exc).replace(settings.telegram_token, "***")
        raise click.ClickException(f"cannot reach the Telegram Bot API ({detail}); check the network or "
                                   "HOIDAP_TELEGRAM_API_URL")
    except ValueError as exc:
        raise click.ClickException(str(exc))
    finally:
        service.close()
