"""Beam counters under one namespace and one grammar: `read`, `clean`, `filtered:<reason>`, ..."""

from __future__ import annotations

from functools import lru_cache

from apache_beam.metrics import Metrics

NAMESPACE = "boilerstrip"


@lru_cache(maxsize=4096)
def _counter(name: str):
    return Metrics.counter(NAMESPACE, name)


def inc(name: str, n: int = 1) -> None:
    _counter(name).inc(n)
