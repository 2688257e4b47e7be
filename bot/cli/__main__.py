"""`python -m bot.cli ...`: the same as the `hoidap` command."""

from bot.cli import main

main()
