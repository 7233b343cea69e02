"""The article-extraction-benchmark score (Scrapinghub AEB), re-implemented from its definition.

Tokens are unicode `\\w+` runs (case kept); a text becomes a multiset of 4-token shingles (a text
of 1-3 tokens is one short shingle). Per page, matched / extra / missed shingle counts are
normalised to sum to 1 so every page weighs the same. Precision is averaged over pages with a
prediction, recall over pages with ground truth (an empty prediction has recall 0), and F1 is the
harmonic mean of the two averages.
"""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str | None) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_counts(truth: str | None, predicted: str | None) -> tuple[float, float, float]:
    """(matched, extra, missed) shingle shares of one page."""
    expected, got = shingles(truth), shingles(predicted)
    matched = sum((expected & got).values())
    extra = sum((got - expected).values())
    missed = sum((expected - got).values())
    total = matched + extra + missed
    return (matched / total, extra / total, missed / total) if total else (0.0, 0.0, 0.0)


def page_precision_recall(counts: tuple[float, float, float]) -> tuple[float | None, float | None]:
    """Per-page precision and recall; None where the page does not count for that average."""
    matched, extra, missed = counts
    if extra == 0 and missed == 0:
        return (1.0 if matched else None), (1.0 if matched else None)
    precision = matched / (matched + extra) if matched + extra else None
    recall = matched / (matched + missed) if matched + missed else None
    return precision, recall


def score(predictions: dict[str, str | None], truth: dict[str, str]) -> tuple[float, float, float]:
    """(F1, precision, recall) over all pages of `truth`."""
    precisions, recalls = [], []
    for page_id, expected in truth.items():
        precision, recall = page_precision_recall(page_counts(expected, predictions.get(page_id)))
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r
