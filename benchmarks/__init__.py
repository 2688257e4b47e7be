"""Benchmarks: `python -m benchmarks.run_speed` (make bench) and `python -m benchmarks.run_quality`
(make bench-quality). Each regenerates its own section of docs/benchmarks.md and prints it.

Speed targets live here, never in timed tests (DEVELOPERS.md).
"""
