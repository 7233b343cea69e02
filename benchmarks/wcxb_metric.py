"""The WCXB score, re-implemented from its definition, and tfeval's snippet test.

WCXB: tokens are lowercased `\\w+` runs, compared as bags of words. Per page, precision is the
overlap over predicted tokens, recall the overlap over reference tokens, F1 their harmonic mean;
the reported figures are means over pages. `with` snippets found and `without` snippets left
are case-insensitive substring tests. tfeval: `with` snippets must occur in the text, `without`
ones must not, after collapsing whitespace runs on both sides; shares pooled over snippets.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def words(text: str | None) -> Counter:
    return Counter(_TOKEN.findall((text or "").lower()))


def word_prf(truth: str, predicted: str | None) -> tuple[float, float, float]:
    """(F1, precision, recall) of one page as bags of lowercased words."""
    expected, got = words(truth), words(predicted)
    overlap = sum((expected & got).values())
    p = overlap / sum(got.values()) if got else 0.0
    r = overlap / sum(expected.values()) if expected else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


@dataclass
class SnippetTally:
    """Snippets seen and matched, pooled over pages: `with` found and `without` still present."""

    with_total: int = 0
    with_found: int = 0
    without_total: int = 0
    without_left: int = 0

    def add(self, text: str, with_snippets, without_snippets, normalise) -> None:
        text = normalise(text or "")
        for snippet in with_snippets:
            self.with_total += 1
            self.with_found += normalise(snippet) in text
        for snippet in without_snippets:
            self.without_total += 1
            self.without_left += normalise(snippet) in text

    @property
    def kept(self) -> float:
        return self.with_found / self.with_total if self.with_total else 0.0

    @property
    def left(self) -> float:
        return self.without_left / self.without_total if self.without_total else 0.0


def wcxb_normalise(text: str) -> str:
    return text.lower()


def tfeval_normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
