"""`hoidap`: the click group (bot.cli.group) with every command registered on it.

Each command module imports the group and decorates its commands onto it; this package imports
those modules once, and adds the faces' own commands, so `bot.cli:main` is the complete command.
"""

from bot.cli import index, query, relations  # noqa: F401  (their commands register on the group)
from bot.cli.group import main
from bot.telegram.cli import telegram
from bot.web.cli import user_group, web_command

main.add_command(telegram)
main.add_command(web_command)
main.add_command(user_group)

__all__ = ["main"]
