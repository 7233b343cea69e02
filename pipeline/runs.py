"""Sorted temp files of documents ("runs"), and reading them back one shard at a time.

Local runners hold every collection that crosses a shuffle in memory, so documents that crossed
one made a run's memory grow with its corpus. Instead each worker sorts the documents it cleaned
into runs of at most `run_bytes` and writes them to the run's temp dir; later stages move only
run paths and small keys, and a shard is written by merging its part of every run.

A run line is `BUCKET<TAB>ID<TAB>DOCUMENT`: the bucket a stable hash of the id (5 hex digits), the
id and the document as JSON. Sorted bytewise, lines put a bucket's documents together and the
copies of one id next to each other (a JSON string never is a prefix of another). A shard is a
range of buckets, so its part of a run is one byte range, found through the run's index file.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import heapq
import json
import posixpath
import uuid
from collections.abc import Iterator

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.transforms.window import GlobalWindows

from boilerstrip.transforms import counters
from boilerstrip.transforms.record import Document

BUCKETS = 1 << 20
# A merge holds one chunk per run it reads, and reads at most MAX_FAN_IN runs at once.
_READ_CHUNK = 1 << 16
MAX_FAN_IN = 64
_FIELDS = tuple(f.name for f in dataclasses.fields(Document) if f.name != "html")


def bucket_of(record_id: str) -> int:
    """Stable across processes and runs (unlike `hash`), so shard contents are reproducible."""
    digest = hashlib.blake2b(record_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % BUCKETS


def shard_of_bucket(bucket: int, num_shards: int) -> int:
    return bucket * num_shards // BUCKETS


def bucket_range(shard: int, num_shards: int) -> tuple[int, int]:
    """The buckets [lo, hi) of `shard`: the inverse of `shard_of_bucket`."""
    return -(-shard * BUCKETS // num_shards), -(-(shard + 1) * BUCKETS // num_shards)


def to_line(doc: Document) -> bytes:
    """A document as one run line (no newline). Lone surrogates survive the round trip."""
    fields = {name: getattr(doc, name) for name in _FIELDS}
    head = f"{bucket_of(doc.id):05x}\t{json.dumps(doc.id, ensure_ascii=False)}\t"
    return (head + json.dumps(fields, ensure_ascii=False)).encode("utf-8", "surrogatepass")


def from_line(line: bytes) -> Document:
    fields = json.loads(line.split(b"\t", 2)[2].decode("utf-8", "surrogatepass"))
    fields["headings"] = tuple(fields["headings"])
    fields["language_candidates"] = tuple(fields["language_candidates"])
    return Document(**fields)


def line_bucket(line: bytes) -> int:
    return int(line[:5], 16)


def line_key(line: bytes) -> bytes:
    """Names one run line, so later stages can say which documents to drop without carrying them."""
    return hashlib.blake2b(line, digest_size=16).digest()


def _write_lines(lines, path: str) -> int:
    size = 0
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
        for line in lines:
            out.write(line + b"\n")
            size += len(line) + 1
    return size


def write_run(lines: list[bytes], path: str) -> int:
    """Writes `lines` sorted, and beside them `path.index.json`: each bucket's first byte offset."""
    lines.sort()
    buckets, offsets, offset = [], [], 0
    for line in lines:
        bucket = line_bucket(line)
        if not buckets or buckets[-1] != bucket:
            buckets.append(bucket)
            offsets.append(offset)
        offset += len(line) + 1
    size = _write_lines(lines, path)
    index = {"buckets": buckets, "offsets": offsets, "size": size}
    with FileSystems.create(path + ".index.json", compression_type=CompressionTypes.UNCOMPRESSED) as out:
        out.write(json.dumps(index).encode())
    return size


def _byte_range(path: str, lo: int, hi: int) -> tuple[int, int]:
    with FileSystems.open(path + ".index.json", compression_type=CompressionTypes.UNCOMPRESSED) as f:
        index = json.loads(f.read())
    buckets, offsets = index["buckets"], index["offsets"] + [index["size"]]
    return offsets[bisect.bisect_left(buckets, lo)], offsets[bisect.bisect_left(buckets, hi)]


def _lines_between(path: str, start: int, end: int) -> Iterator[bytes]:
    if start == end:
        return
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as f:
        f.seek(start)
        remaining, tail = end - start, b""
        while remaining:
            chunk = f.read(min(_READ_CHUNK, remaining))
            if not chunk:
                raise OSError(f"run file {path} ends before its index says")
            remaining -= len(chunk)
            *lines, tail = (tail + chunk).split(b"\n")
            yield from lines


def read_lines(path: str, lo: int = 0, hi: int = BUCKETS) -> Iterator[bytes]:
    """The lines of a run whose bucket is in [lo, hi), in order, streamed (newlines stripped)."""
    yield from _lines_between(path, *_byte_range(path, lo, hi))


def merge_runs(paths: list[str], lo: int, hi: int, scratch_dir: str) -> Iterator[bytes]:
    """The lines of buckets [lo, hi) of all runs, in sorted order.

    At most MAX_FAN_IN files are open at once: with more runs, groups of them are first merged
    into files in `scratch_dir` (the caller deletes them), so memory and file handles stay bounded
    however many runs a corpus made.
    """
    sources = [read_lines(path, lo, hi) for path in paths]
    while len(sources) > MAX_FAN_IN:
        merged = []
        for first in range(0, len(sources), MAX_FAN_IN):
            path = posixpath.join(scratch_dir, f"{uuid.uuid4().hex}.merge")
            size = _write_lines(heapq.merge(*sources[first : first + MAX_FAN_IN]), path)
            merged.append(_lines_between(path, 0, size))
        sources = merged
    return heapq.merge(*sources)


@dataclasses.dataclass(frozen=True)
class Run:
    path: str
    records: int
    bytes: int

    def lines(self) -> Iterator[bytes]:
        """All the run's lines, in order; its size is known, so its index is not read."""
        return _lines_between(self.path, 0, self.bytes)


class SortIntoRunsFn(beam.DoFn):
    """Documents → `Run`s: buffers up to `run_bytes` of run lines, then writes them sorted."""

    def __init__(self, runs_dir: str, run_bytes: int):
        self._runs_dir = runs_dir
        self._run_bytes = run_bytes

    def start_bundle(self):
        self._lines: list[bytes] = []
        self._size = 0

    def process(self, doc: Document):
        line = to_line(doc)
        self._lines.append(line)
        self._size += len(line) + 1
        if self._size >= self._run_bytes:
            yield self._flush()

    def finish_bundle(self):
        if self._lines:
            yield GlobalWindows.windowed_value(self._flush())

    def _flush(self) -> Run:
        # A retried bundle writes new files under new names; only the runs it emits are read.
        path = posixpath.join(self._runs_dir, f"{uuid.uuid4().hex}.run")
        records = len(self._lines)
        size = write_run(self._lines, path)
        self._lines, self._size = [], 0
        counters.inc("runs-written")
        return Run(path, records, size)
