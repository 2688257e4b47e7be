"""Register the commands that live with their feature: `telegram`, `web`, `user`."""

from __future__ import annotations

import importlib

import click

from bot.cli import main

FEATURE_CLIS = ("bot.telegram.cli", "bot.web.cli")


def _register() -> None:
    for name in FEATURE_CLIS:
        module = importlib.import_module(name)
        for obj in vars(module).values():
            # only top-level commands defined in that module (not the subcommands of its groups)
            if isinstance(obj, click.Command) and obj.callback and obj.callback.__module__ == name \
                    and not any(obj.name in g.commands for g in vars(module).values() if isinstance(g, click.Group) and g is not obj):
                main.add_command(obj)


_register()
