"""Beam counters under one namespace and one grammar: `read`, `clean`, `filtered:<reason>`, ...

Every increment also feeds a per-process tally that prints a progress line at most every
`PROGRESS_SECONDS`, so a long local run shows it is alive; on cloud runners the same numbers
are the job's Beam counters.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import Counter
from functools import lru_cache

from apache_beam.metrics import Metrics
from apache_beam.metrics.metric import MetricsFilter

NAMESPACE = "boilerstrip"
EXTRACTION_PREFIX = "extract:"
PROGRESS_SECONDS = 30.0


@lru_cache(maxsize=4096)
def _counter(name: str):
    return Metrics.counter(NAMESPACE, name)


class Progress:
    """Tallies counter increments in this process and reports them every `interval` seconds."""

    def __init__(self, interval: float = PROGRESS_SECONDS, clock=time.monotonic, out=None):
        self._interval = interval
        self._clock = clock
        self._out = out
        self._tally: Counter = Counter()
        self._lock = threading.Lock()
        self._started = self._last = clock()

    def add(self, name: str, n: int) -> None:
        with self._lock:
            self._tally[name] += n
            now = self._clock()
            if now - self._last < self._interval or not self._counts_records():
                return
            self._last = now
            line = self.line(now)
        print(line, file=self._out or sys.stderr, flush=True)

    def _counts_records(self) -> bool:
        """False while no record was counted: the cleaning functions are being called outside a
        run (a notebook, a benchmark), where a progress line would be noise."""
        return any(k in ("read", "clean") or k.startswith(("filtered:", "error:")) for k in self._tally)

    def line(self, now: float) -> str:
        tally = self._tally
        filtered = sum(v for k, v in tally.items() if k.startswith("filtered:"))
        errors = sum(v for k, v in tally.items() if k.startswith("error:"))
        rate = tally["read"] / max(now - self._started, 1e-9)
        return (
            f"boilerstrip progress (worker {os.getpid()}): read {tally['read']}, clean {tally['clean']}, "
            f"filtered {filtered}, errors {errors}, {rate:.1f} pages/s"
        )


_progress = Progress()


_capture = threading.local()


def inc(name: str, n: int = 1) -> None:
    pending = getattr(_capture, "pending", None)
    if pending is not None:
        pending.append((name, n))
        return
    _counter(name).inc(n)
    _progress.add(name, n)


def captured(function, *args):
    """`(function(*args), its increments)`: for a step run in a helper thread, where Beam has no
    metrics container, so the DoFn's own thread can count them (`inc` each)."""
    _capture.pending = []
    try:
        return function(*args), _capture.pending
    finally:
        _capture.pending = None


def extraction_counts(result) -> dict[str, int]:
    """How many pages took each extraction path (`extract:fallback`, `extract:sections`, ...), from
    a finished run's Beam counters: the one place a local run shows what the fallback cost."""
    query = result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))
    counts: Counter = Counter()
    for counter in query["counters"]:
        name = counter.key.metric.name
        if name.startswith(EXTRACTION_PREFIX):
            counts[name.removeprefix(EXTRACTION_PREFIX)] += counter.result or 0
    return dict(sorted(counts.items()))
