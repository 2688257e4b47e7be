"""The Telegram bot: `build_application(settings, service)` in app.py, `hoidap telegram` in cli.py."""
