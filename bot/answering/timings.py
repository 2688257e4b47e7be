"""One stopwatch per answer: retrieval, generation and total milliseconds, as `timings_ms` reports them."""

from __future__ import annotations

import time


class Timings:
    """Started when the question arrives; `retrieved()` and `generating()` mark the two phases.

    `as_dict()` is the `timings_ms` of the answer at the moment it is called, so every return path of
    the answer flow reports the same three keys the same way.
    """

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.t_retrieved: float | None = None
        self.t_gen: float | None = None
        self.t_gen_end: float | None = None

    def retrieved(self) -> None:
        self.t_retrieved = time.perf_counter()

    def generating(self) -> None:
        self.t_gen = time.perf_counter()

    def generated(self) -> None:
        self.t_gen_end = time.perf_counter()

    @staticmethod
    def _ms(a: float, b: float) -> float:
        return round((b - a) * 1000, 1)

    def as_dict(self) -> dict:
        now = time.perf_counter()
        retrieve = self._ms(self.t0, self.t_retrieved if self.t_retrieved is not None else now)
        if self.t_gen is None:
            generate = 0.0
        else:
            generate = self._ms(self.t_gen, self.t_gen_end if self.t_gen_end is not None else now)
        return {"retrieve": retrieve, "generate": generate,
                "total": self._ms(self.t0, self.t_gen_end if self.t_gen_end is not None else now)}
