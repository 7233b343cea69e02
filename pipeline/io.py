"""Reading inputs with Beam I/O and writing sorted, deterministic shards."""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import posixpath
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io import fileio
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.io.restriction_trackers import OffsetRange, OffsetRestrictionTracker
from apache_beam.options.pipeline_options import DirectOptions, StandardOptions, WorkerOptions
from apache_beam.transforms.core import RestrictionProvider

from boilerstrip.pipeline import readers, splits
from boilerstrip.pipeline.runs import bucket_of, shard_of_bucket
from boilerstrip.transforms import counters
from boilerstrip.transforms.record import Failure, error_kind
from boilerstrip.transforms.routing import route_outcome

TEMP_DIR = ".boilerstrip-tmp"
KINDS = ("clean", "filtered", "errors", "removed")

_STRING = pa.string()
SCHEMAS = {
    "clean": pa.schema(
        [
            ("id", _STRING),
            ("url", _STRING),
            ("title", _STRING),
            ("text", _STRING),
            ("language", _STRING),
            ("language_score", pa.float64()),
            ("page_type", _STRING),
            ("source", _STRING),
            ("date", _STRING),
            ("author", _STRING),
            ("chars", pa.int64()),
            ("words", pa.int64()),
        ]
    ),
    "filtered": pa.schema([("id", _STRING), ("url", _STRING), ("source", _STRING), ("reason", _STRING)]),
    "errors": pa.schema([("id", _STRING), ("source", _STRING), ("stage", _STRING), ("error", _STRING)]),
    "removed": pa.schema([("id", _STRING), ("rule", _STRING), ("text", _STRING)]),
}
EXTENSIONS = {"jsonl": ".jsonl.gz", "parquet": ".parquet"}


def _open_raw(path: str):
    return FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED)


def _read_file(path: str, input_format: str, max_bytes: int) -> Iterable[readers.Outcome]:
    fmt = readers.format_of(path) if input_format == "auto" else input_format
    if fmt == "html":
        yield from readers.read_html_file(path, _open_raw, max_bytes)
    elif fmt == "text":
        yield from readers.read_text_file(path, _open_raw, max_bytes)
    elif fmt == "warc":
        yield from readers.read_warc_file(path, _open_raw, max_bytes)
    elif fmt == "jsonl":
        yield from readers.read_jsonl_file(path, _open_raw, max_bytes)
    else:
        yield Failure(
            readers.record_id_from_path(path),
            path,
            "read",
            "unknown-format: cannot tell the input format from the file name; use --input-format",
        )


def _count_read(outcome: readers.Outcome) -> readers.Outcome:
    counters.inc("read")
    return outcome


@dataclass(frozen=True)
class FileRange:
    """A piece of work for one reader: a byte range of a file, or a whole file (range (0, 1))."""

    path: str
    input_format: str
    layout: str
    start: int
    stop: int


def _format(path: str, input_format: str) -> str | None:
    return readers.format_of(path) if input_format == "auto" else input_format


def _layout(path: str, fmt: str | None, size: int, max_bytes: int) -> str:
    """How a file can be read: its name's layout, checked against its bytes for a `.warc.gz`."""
    layout = splits.layout_by_name(path, fmt or "")
    if layout == splits.WHOLE or size == 0:
        return splits.WHOLE
    if layout == splits.WARC_MEMBERS:
        try:
            with _open_raw(path) as f:
                if not splits.per_record_members(f, size, max_bytes):
                    return splits.WHOLE
        except OSError:
            return splits.WHOLE  # the whole-file reader reports what is wrong with it
    return layout


def plan_file(
    metadata, input_format: str, split_bytes: int, max_bytes: int, min_ranges: int = 1
) -> Iterable[FileRange]:
    """A matched file → the ranges its records are read in: about `split_bytes` each (at least
    `min_ranges` of a file of several MB), each starting at a record start; or the whole file
    when its layout cannot be split."""
    path, size = metadata.path, metadata.size_in_bytes
    fmt = _format(path, input_format)
    layout = _layout(path, fmt, size, max_bytes)
    if layout == splits.WHOLE:
        ranges = [(0, 1)]
    else:
        with _open_raw(path) as f:
            ranges = splits.plan_ranges(f, size, layout, split_bytes, min_ranges)
    counters.inc("input-files")
    counters.inc(f"input-ranges:{layout}", len(ranges))
    for start, stop in ranges:
        yield FileRange(path, input_format, layout, start, stop)


class _FileRanges(RestrictionProvider):
    """The restriction of a FileRange is its own byte range; the runner may split it further."""

    def initial_restriction(self, element: FileRange) -> OffsetRange:
        return OffsetRange(element.start, element.stop)

    def create_tracker(self, restriction: OffsetRange) -> OffsetRestrictionTracker:
        return OffsetRestrictionTracker(restriction)

    def restriction_size(self, element: FileRange, restriction: OffsetRange) -> int:
        return restriction.size()

    def split(self, element: FileRange, restriction: OffsetRange):
        yield restriction  # already cut to size by plan_file


class _Claims:
    """`tracker.try_claim`, remembering whether the last claim succeeded, so that a reader that
    ran out of records before its range's end can claim the rest (the tracker checks it did)."""

    def __init__(self, tracker: OffsetRestrictionTracker):
        self._tracker = tracker
        self._open = True

    def __call__(self, position: int) -> bool:
        self._open = self._tracker.try_claim(position)
        return self._open

    def finish(self) -> None:
        if self._open:
            self._tracker.try_claim(self._tracker.current_restriction().stop)


_RANGE = beam.DoFn.RestrictionParam(_FileRanges())


class _ReadRangeFn(beam.DoFn):
    """Reads the records a FileRange owns (a splittable DoFn over the range's bytes)."""

    def __init__(self, max_bytes: int):
        self._max_bytes = max_bytes

    def process(self, element: FileRange, tracker=_RANGE):
        claims = _Claims(tracker)
        restriction = tracker.current_restriction()
        counters.inc("input-ranges-read")
        if element.layout == splits.WHOLE:
            if claims(0):
                yield from _read_file(element.path, element.input_format, self._max_bytes)
            claims.finish()
            return
        reader = splits.RANGE_READERS[element.layout]
        try:
            f = _open_raw(element.path)
        except OSError as exc:
            error = readers.read_error(exc)
            yield Failure(f"{element.path}@{restriction.start}", element.path, "read", error)
            claims.finish()
            return
        with f:
            yield from reader(element.path, f, restriction.start, claims, self._max_bytes)
        claims.finish()


class ReadPages(beam.PTransform):
    """File patterns → one outcome per input record (Document, Rejected or Failure).

    Each file is cut into byte ranges that start at record starts (`plan_file`), and only those
    small (path, range) elements are shuffled to spread them over workers; each range is read
    and parsed by a splittable DoFn in the worker that then extracts its pages, so a page body
    never crosses a process boundary nor waits in a shuffle buffer. (Local runners buffer a whole
    PCollection at a shuffle or a multi-input Flatten: shuffling page bodies made memory grow
    with the corpus.) Files that cannot be split (HTML, text, whole-file gzip) are one range each.
    """

    def __init__(self, patterns: list[str], input_format: str, max_record_bytes: int, split_bytes: int):
        super().__init__()
        self._patterns = patterns
        self._format = input_format
        self._max_bytes = max_record_bytes
        self._split_bytes = split_bytes

    def expand(self, pbegin):
        # Two ranges per worker at least, so that one file alone keeps every worker busy; the
        # runner deals ranges out evenly, and a second round evens out unequal ranges.
        min_ranges = 2 * (worker_count(pbegin.pipeline.options) or 1)
        plan = partial(
            plan_file,
            input_format=self._format,
            split_bytes=self._split_bytes,
            max_bytes=self._max_bytes,
            min_ranges=min_ranges,
        )
        return (
            pbegin
            | "ListPatterns" >> beam.Create(self._patterns)
            | "MatchFiles" >> fileio.MatchAll()
            | "PlanRanges" >> beam.FlatMap(plan)
            | "SpreadRanges" >> beam.Reshuffle()
            | "ReadRanges" >> beam.ParDo(_ReadRangeFn(self._max_bytes))
            | "CountRead" >> beam.Map(_count_read)
        )


def unsplittable_files(patterns: list[str], input_format: str, max_bytes: int, limit: int) -> list[str]:
    """Up to `limit` input files that are read whole. A `.warc.gz` is told by its bytes, so at
    most `2 * limit` of them are opened; any beyond count as splittable."""
    found, probed = [], 0
    for pattern in patterns:
        for metadata in FileSystems.match([pattern])[0].metadata_list:
            path = metadata.path
            fmt = _format(path, input_format)
            by_name = splits.layout_by_name(path, fmt or "")
            if by_name == splits.WARC_MEMBERS:
                probed += 1
                if probed > 2 * limit:
                    continue
            if _layout(path, fmt, metadata.size_in_bytes, max_bytes) == splits.WHOLE:
                found.append(path)
                if len(found) >= limit:
                    return found
    return found


def worker_count(options) -> int | None:
    """How many workers read in parallel, when the options say (local runs always do)."""
    runner = options.view_as(StandardOptions).runner or "DirectRunner"
    if runner in ("DirectRunner", "SwitchingDirectRunner", "BundleBasedDirectRunner"):
        direct = options.view_as(DirectOptions)
        if direct.direct_running_mode == "in_memory":
            return 1
        return direct.direct_num_workers or os.cpu_count() or 1
    workers = options.view_as(WorkerOptions)
    return workers.num_workers or workers.max_num_workers


def unsplittable_hint(patterns: list[str], input_format: str, options, max_bytes: int) -> str | None:
    """A one-line hint when files that must be read whole are fewer than the workers."""
    workers = worker_count(options)
    if not workers or workers < 2:
        return None
    whole = unsplittable_files(patterns, input_format, max_bytes, workers)
    if not whole or len(whole) >= workers:
        return None
    names = ", ".join(posixpath.basename(path) for path in whole)
    return (
        f"{len(whole)} input file(s) cannot be split and are read by one worker each ({names}), "
        f"with {workers} workers: give uncompressed JSONL or WARC, a .warc.gz with one gzip member "
        f"per record, or at least {workers} files to keep every worker busy"
    )


def shard_name(kind_dir: str, index: int, num_shards: int, output_format: str) -> str:
    return posixpath.join(kind_dir, f"part-{index:05d}-of-{num_shards:05d}{EXTENSIONS[output_format]}")


def _json_line(row: dict) -> bytes:
    # Lone surrogates cannot be UTF-8; `replace` keeps every output line valid UTF-8 and JSON.
    return json.dumps(row, ensure_ascii=False).encode("utf-8", "replace") + b"\n"


def _valid_utf8(row: dict) -> dict:
    return {
        k: (v.encode("utf-8", "replace").decode("utf-8") if isinstance(v, str) else v) for k, v in row.items()
    }


def _tally_key(kind: str, row: dict) -> str:
    if kind == "clean":
        return row["language"] or "unknown"
    if kind == "filtered":
        return row["reason"]
    if kind == "errors":
        return error_kind(row["stage"], row["error"])
    return row["rule"]


class _HashingFile:
    """A write-only file that passes bytes through and keeps their count and sha256."""

    def __init__(self, raw):
        self._raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0
        self.closed = False

    def write(self, data) -> int:
        data = bytes(data)
        self._raw.write(data)
        self.sha256.update(data)
        self.size += len(data)
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


PARQUET_ROW_GROUP = 10_000
# gzip level of JSONL shards. Level 1 against the gzip module's default 6, on 1,920 clean AEB
# documents (10.2 MB of JSON): 0.09 s against 0.38 s of CPU, 4.32 MB against 3.70 MB. A shard
# is written by one worker at the end of the run, so that time is mostly waited for; zstd
# Parquet (`--output-format parquet`) is the compact choice.
JSONL_GZIP_LEVEL = 1


class ShardWriter:
    """Streams the rows of one shard to its file: gzip JSONL with a zero timestamp, or Parquet
    with a fixed schema. `close` returns the shard's metadata (records, bytes, sha256, tally).

    The same rows in the same order give the same bytes, whichever worker writes them.
    """

    def __init__(self, kind: str, path: str, output_format: str):
        self._kind = kind
        self._path = path
        self._raw = FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED)
        self._sink = _HashingFile(self._raw)
        self._tally: Counter = Counter()
        self.records = 0
        if output_format == "jsonl":
            self._gzip = gzip.GzipFile(
                filename="", mode="wb", fileobj=self._sink, mtime=0, compresslevel=JSONL_GZIP_LEVEL
            )
            self._parquet = None
        else:
            self._gzip = None
            self._parquet = pq.ParquetWriter(self._sink, SCHEMAS[kind], compression="zstd")
            self._batch: list[dict] = []

    def write(self, row: dict) -> None:
        self.records += 1
        self._tally[_tally_key(self._kind, row)] += 1
        if self._gzip is not None:
            self._gzip.write(_json_line(row))
            return
        self._batch.append(_valid_utf8(row))
        if len(self._batch) >= PARQUET_ROW_GROUP:
            self._flush_batch()

    def _flush_batch(self) -> None:
        if self._batch:
            self._parquet.write_table(pa.Table.from_pylist(self._batch, schema=SCHEMAS[self._kind]))
            self._batch = []

    def close(self) -> dict:
        if self._gzip is not None:
            self._gzip.close()
        else:
            self._flush_batch()
            self._parquet.close()
        self._raw.close()
        return {
            "kind": self._kind,
            "file": posixpath.basename(self._path),
            "records": self.records,
            "bytes": self._sink.size,
            "sha256": self._sink.sha256.hexdigest(),
            "tally": dict(self._tally),
        }


def write_shard_meta(temp_dir: str, index: int, meta: dict) -> None:
    """The shard's metadata beside the shards; finalize builds the manifest and stats from them."""
    meta_path = posixpath.join(temp_dir, "meta", f"{meta['kind']}-{index:05d}.json")
    with FileSystems.create(meta_path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
        out.write(json.dumps(meta).encode())
    counters.inc(f"shards-written:{meta['kind']}")


class _WriteShardFn(beam.DoFn):
    """Sorts one shard's records and writes it to the run's temp dir, with a metadata file."""

    def __init__(self, kind: str, temp_dir: str, output_format: str):
        self._kind = kind
        self._temp_dir = temp_dir
        self._format = output_format

    def process(self, element, num_shards):
        index, rows = element
        # The order of clean shards (see runs.py): by the id's hash bucket, then id.
        rows = sorted(
            rows, key=lambda row: (bucket_of(row["id"]), row["id"], json.dumps(row, sort_keys=True))
        )
        path = shard_name(posixpath.join(self._temp_dir, self._kind), index, num_shards, self._format)
        writer = ShardWriter(self._kind, path, self._format)
        for row in rows:
            writer.write(row)
        meta = writer.close()
        write_shard_meta(self._temp_dir, index, meta)
        yield meta


def _sum_pairs(pairs: Iterable[tuple[int, int]]) -> tuple[int, int]:
    total_bytes = total_records = 0
    for size, count in pairs:
        total_bytes += size
        total_records += count
    return total_bytes, total_records


def auto_num_shards(total_bytes: int, total_records: int, target_bytes: int, max_records: int) -> int:
    """Enough shards that none holds more than `target_bytes` of text or `max_records` records."""
    return max(1, math.ceil(total_bytes / target_bytes), math.ceil(total_records / max_records))


def shard_count(sizes, target_bytes: int, max_records: int):
    """(bytes, records) pairs → a one-element collection: the number of shards for them."""
    return (
        sizes
        | "TotalSize" >> beam.CombineGlobally(_sum_pairs)
        | "ShardCount"
        >> beam.MapTuple(partial(auto_num_shards, target_bytes=target_bytes, max_records=max_records))
    )


class WriteShards(beam.PTransform):
    """Small records of one kind (filtered, errors, removed) → `part-SSSSS-of-NNNNN` files in the
    run's temp dir; returns the shards' metadata. Clean documents take `WriteCleanShards`.

    Records are keyed by a stable hash of their id and sorted within a shard, so the files are
    byte-identical whatever the runner, worker count or bundle boundaries. The driver moves them
    into place once the whole pipeline has succeeded (`finalize.py`).
    """

    def __init__(self, kind: str, temp_dir: str, output_format: str, target_bytes: int, max_records: int):
        super().__init__()
        self._kind = kind
        self._temp_dir = temp_dir
        self._format = output_format
        self._target_bytes = target_bytes
        self._max_records = max_records

    def expand(self, records):
        rows = records | "ToRows" >> beam.Map(lambda record: record.output_row())
        num_shards = shard_count(
            rows | "SizeOf" >> beam.Map(lambda row: (len(_json_line(row)), 1)),
            self._target_bytes,
            self._max_records,
        )
        shards = beam.pvalue.AsSingleton(num_shards)
        return (
            rows
            | "KeyByShard" >> beam.Map(lambda row, n: (shard_of_bucket(bucket_of(row["id"]), n), row), shards)
            | "GroupShards" >> beam.GroupByKey()
            | "WriteShard" >> beam.ParDo(_WriteShardFn(self._kind, self._temp_dir, self._format), shards)
        )


class SplitOutcomes(beam.PTransform):
    """One collection of mixed outcomes → (docs, filtered, errors) by record type."""

    def expand(self, outcomes):
        return outcomes | beam.FlatMap(route_outcome).with_outputs("filtered", "errors", main="docs")
