"""Stand-ins the tests and the benchmarks share (a fake OpenAI-compatible LLM, a fake Telegram Bot API).

Neither tests/ nor benchmarks/ imports the other: what both need lives here.
"""
