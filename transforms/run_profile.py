"""What the driver learns of a run besides its shards: counts, site templates, the report's figures.

Every stage emits small `(key, value)` pairs on its `profile` output; one global combine with
`ProfileFn` folds them, whatever the bundles were: counts add up, and samples keep the
`SAMPLE_SIZE` entries with the smallest hash, so the same input gives the same examples on every
runner. Keys are `(kind, name)`:

- `("read", "")`: input records; `("lines-removed", rule)`: lines or elements a rule removed;
- `("site-template", site)`: the line hashes of a site's template (each site comes once);

- `("chars-removed", rule)`: characters a rule removed (page elements count the text kept for
  the audit, at most 300 characters each);
- `("removed-sample", rule)`, `("filtered-sample", reason)`, `("errors-sample", kind)`: a few
  examples as sorted `(hash, fields...)` tuples;
- `("template-lines", site)`: site-template lines removed from that site's pages;
- `("extracted-chars", bin)`, `("clean-chars", bin)`: documents per length bin (`length_bin`),
  right after extraction and as written;
- `("language-chars", language)`, `("page-type-docs", type)`, `("page-type-chars", type)`: for the
  clean documents as written.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter

import apache_beam as beam
from apache_beam.transforms.window import GlobalWindows

from boilerstrip.transforms.record import Failure, Rejected, Removal

SAMPLE_SIZE = 5
SAMPLE_CHARS = 300
# Lower edges of the length bins, in characters: 0, 1, then a log scale of eight bins a decade
# from 10 to 10 M.
LENGTH_EDGES = (0, 1, *(round(10 ** (1 + i / 8)) for i in range(49)))
SAMPLE_KINDS = ("removed-sample", "filtered-sample", "errors-sample")


def length_bin(chars: int) -> int:
    """Index of the bin of `LENGTH_EDGES` that holds a text of `chars` characters."""
    return bisect.bisect_right(LENGTH_EDGES, chars) - 1


def sample_hash(*parts: str) -> int:
    """A stable 64-bit hash: the sort key that picks which examples a report keeps."""
    joined = "\x00".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(joined, digest_size=8).digest(), "big")


def smallest(entries: list[tuple], size: int = SAMPLE_SIZE) -> list[tuple]:
    return sorted(set(entries))[:size]


def merge_values(a, b):
    """Two values of one key: counts add, samples keep the smallest entries, hash sets unite."""
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, list):
        return smallest(a + b)
    if isinstance(a, tuple):
        return tuple(sorted(set(a) | set(b)))
    return a + b


class ProfileFn(beam.CombineFn):
    """`(key, value)` pairs → the sorted list of `(key, folded value)`, values folded by `merge_values`."""

    def create_accumulator(self) -> dict:
        return {}

    def add_input(self, accumulator: dict, pair) -> dict:
        key, value = pair
        accumulator[key] = merge_values(accumulator.get(key), value)
        return accumulator

    def merge_accumulators(self, accumulators) -> dict:
        accumulators = iter(accumulators)
        merged = next(accumulators, None) or {}
        for accumulator in accumulators:
            for key, value in accumulator.items():
                merged[key] = merge_values(merged.get(key), value)
        return merged

    def extract_output(self, accumulator: dict) -> list:
        return sorted(accumulator.items())


def removal_entry(removal: Removal) -> tuple:
    return (sample_hash(removal.rule, removal.id, removal.text), removal.id, removal.text[:SAMPLE_CHARS])


def rejection_pair(outcome: Rejected | Failure) -> tuple:
    """A filtered or error record → its `(key, [sample entry])` pair."""
    if isinstance(outcome, Rejected):
        key = ("filtered-sample", outcome.reason)
        entry = (sample_hash(outcome.reason, outcome.id), outcome.id, outcome.source, outcome.url)
    else:
        key = ("errors-sample", outcome.kind)
        entry = (
            sample_hash(outcome.kind, outcome.id),
            outcome.id,
            outcome.source,
            outcome.error[:SAMPLE_CHARS],
        )
    return key, [entry]


class RemovalProfile:
    """Per bundle: characters and the smallest-hash examples of each rule's removals."""

    def __init__(self):
        self._chars: Counter = Counter()
        self._samples: dict[str, list[tuple]] = {}

    def add(self, removal: Removal) -> None:
        self._chars[removal.rule] += len(removal.text)
        entries = self._samples.setdefault(removal.rule, [])
        entries.append(removal_entry(removal))
        if len(entries) > 4 * SAMPLE_SIZE:
            entries[:] = smallest(entries)

    def flush(self):
        """For finish_bundle: the bundle's pairs on the `profile` output."""
        for rule in sorted(self._chars):
            for pair in (
                (("chars-removed", rule), self._chars[rule]),
                (("removed-sample", rule), smallest(self._samples[rule])),
            ):
                yield beam.pvalue.TaggedOutput("profile", GlobalWindows.windowed_value(pair))
        self._chars.clear()
        self._samples.clear()


class CleanProfile:
    """Per clean shard: lengths, characters per language and page type of the rows written, and
    how many had no site key (so took no part in site templates)."""

    def __init__(self):
        self._tally: Counter = Counter()

    def add(self, row: dict, has_site: bool = True) -> None:
        chars = row["chars"]
        if not has_site:
            self._tally["no-site", ""] += 1
        self._tally["clean-chars", length_bin(chars)] += 1
        self._tally["language-chars", row["language"] or "unknown"] += chars
        page_type = row.get("page_type")
        if page_type is not None:
            # Records that arrived as text have no page kind.
            self._tally["page-type-docs", page_type or "text"] += 1
            self._tally["page-type-chars", page_type or "text"] += chars

    def pairs(self) -> list[tuple]:
        return sorted(self._tally.items())


class MeasureLengthsFn(beam.DoFn):
    """Documents → `(("extracted-chars", bin), count)` pairs, counted per bundle."""

    def start_bundle(self):
        self._bins: Counter = Counter()

    def process(self, doc):
        self._bins[length_bin(len(doc.text or ""))] += 1

    def finish_bundle(self):
        for index, count in sorted(self._bins.items()):
            yield GlobalWindows.windowed_value((("extracted-chars", index), count))
        self._bins.clear()


def summarize(pairs: list[tuple], top_sites: int = 20) -> dict:
    """The folded `(key, value)` pairs → the record count, lines removed per rule, the site templates,
    and the report's figures and examples, each in a stable order."""
    by_kind: dict[str, dict] = {}
    for (kind, name), value in pairs:
        by_kind.setdefault(kind, {})[name] = value

    def histogram(kind: str) -> list[int]:
        counts = by_kind.get(kind, {})
        return [counts.get(i, 0) for i in range(len(LENGTH_EDGES))]

    sites = sorted(by_kind.get("template-lines", {}).items(), key=lambda kv: (-kv[1], kv[0]))
    figures = {
        "chars_removed_by_rule": dict(sorted(by_kind.get("chars-removed", {}).items())),
        "chars_by_language": dict(
            sorted(by_kind.get("language-chars", {}).items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        "length_histogram": {
            "edges": list(LENGTH_EDGES),
            "extracted": histogram("extracted-chars"),
            "clean": histogram("clean-chars"),
        },
        "template_lines_by_site": dict(sites[:top_sites]),
        "sites_with_template_lines": len(sites),
        "no_site": by_kind.get("no-site", {}).get("", 0),
    }
    if "page-type-docs" in by_kind:
        chars = by_kind.get("page-type-chars", {})
        figures["page_types"] = {
            name: {"docs": docs, "chars": chars.get(name, 0)}
            for name, docs in sorted(by_kind["page-type-docs"].items(), key=lambda kv: (-kv[1], kv[0]))
        }
    fields = {
        "removed-sample": ("id", "text"),
        "filtered-sample": ("id", "source", "url"),
        "errors-sample": ("id", "source", "error"),
    }
    samples = {
        kind.removesuffix("-sample"): {
            name: [dict(zip(fields[kind], entry[1:], strict=True)) for entry in entries]
            for name, entries in sorted(by_kind.get(kind, {}).items())
        }
        for kind in SAMPLE_KINDS
    }
    return {
        "read": by_kind.get("read", {}).get("", 0),
        "removed_by_rule": dict(sorted(by_kind.get("lines-removed", {}).items())),
        "templates": {site: list(lines) for site, lines in sorted(by_kind.get("site-template", {}).items())},
        "figures": figures,
        "samples": samples,
    }
