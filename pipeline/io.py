"""Reading inputs with Beam I/O and writing sorted, deterministic shards."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import math
import posixpath
from collections import Counter
from collections.abc import Iterable
from functools import partial

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io import fileio
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from boilerstrip.pipeline import readers
from boilerstrip.transforms import counters
from boilerstrip.transforms.record import Failure, Rejected, error_kind
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


class ReadPages(beam.PTransform):
    """File patterns → one outcome per input record (Document, Rejected or Failure).

    Only file paths are shuffled (to spread files over workers); each file is read and parsed in
    the worker that then extracts its pages, so a page body never crosses a process boundary
    nor waits in a shuffle buffer. (Local runners buffer a whole PCollection at a shuffle or a
    multi-input Flatten: shuffling page bodies made memory grow with the corpus.) A file is the
    unit of parallelism, so split a huge JSONL or WARC into many files.
    """

    def __init__(self, patterns: list[str], input_format: str, max_record_bytes: int):
        super().__init__()
        self._patterns = patterns
        self._format = input_format
        self._max_bytes = max_record_bytes

    def expand(self, pbegin):
        return (
            pbegin
            | "ListPatterns" >> beam.Create(self._patterns)
            | "MatchFiles" >> fileio.MatchAll()
            | "PathOf" >> beam.Map(lambda metadata: metadata.path)
            | "SpreadFiles" >> beam.Reshuffle()
            | "ReadFiles" >> beam.FlatMap(_read_file, self._format, self._max_bytes)
            | "CountRead" >> beam.Map(_count_read)
        )


def shard_of(record_id: str, num_shards: int) -> int:
    """Stable across processes and runs (unlike `hash`), so shard contents are reproducible."""
    digest = hashlib.blake2b(record_id.encode("utf-8", "replace"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % num_shards


def shard_name(kind_dir: str, index: int, num_shards: int, output_format: str) -> str:
    return posixpath.join(kind_dir, f"part-{index:05d}-of-{num_shards:05d}{EXTENSIONS[output_format]}")


def _json_line(row: dict) -> bytes:
    # Lone surrogates cannot be UTF-8; `replace` keeps every output line valid UTF-8 and JSON.
    return json.dumps(row, ensure_ascii=False).encode("utf-8", "replace") + b"\n"


def encode_shard(kind: str, rows: list[dict], output_format: str) -> bytes:
    """A whole shard as bytes: gzip with a zero timestamp, or Parquet with a fixed schema."""
    if output_format == "jsonl":
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=6) as out:
            for row in rows:
                out.write(_json_line(row))
        return buffer.getvalue()
    schema = SCHEMAS[kind]
    clean_rows = [
        {
            k: (v.encode("utf-8", "replace").decode("utf-8") if isinstance(v, str) else v)
            for k, v in row.items()
        }
        for row in rows
    ]
    table = pa.Table.from_pylist(clean_rows, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", row_group_size=10_000)
    return buffer.getvalue()


def _tally_key(kind: str, row: dict) -> str:
    if kind == "clean":
        return row["language"] or "unknown"
    if kind == "filtered":
        return row["reason"]
    if kind == "errors":
        return error_kind(row["stage"], row["error"])
    return row["rule"]


def split_duplicate_ids(rows: list[dict]) -> tuple[list[dict], list[Rejected]]:
    """Ids must be unique in the output: of rows sorted by id, later ones with a seen id go.

    Records with one id share a shard (the shard is a hash of the id), so this needs no extra
    shuffle; which one stays is fixed by the sort order, the same on every run.
    """
    kept, duplicates, previous = [], [], None
    for row in rows:
        if row["id"] == previous:
            duplicates.append(Rejected(row["id"], row["source"], row["url"], "duplicate-id"))
        else:
            kept.append(row)
            previous = row["id"]
    return kept, duplicates


class _WriteShardFn(beam.DoFn):
    """Sorts one shard's records by id and writes it to the run's temp dir, with a metadata file."""

    def __init__(self, kind: str, temp_dir: str, output_format: str):
        self._kind = kind
        self._temp_dir = temp_dir
        self._format = output_format

    def process(self, element, num_shards):
        index, rows = element
        rows = sorted(rows, key=lambda row: (row["id"], json.dumps(row, sort_keys=True)))
        if self._kind == "clean":
            rows, duplicates = split_duplicate_ids(rows)
            for rejected in duplicates:
                counters.inc("filtered:duplicate-id")
                yield beam.pvalue.TaggedOutput("duplicate_ids", rejected)
        data = encode_shard(self._kind, rows, self._format)
        path = shard_name(posixpath.join(self._temp_dir, self._kind), index, num_shards, self._format)
        with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
            out.write(data)
        meta = {
            "kind": self._kind,
            "file": posixpath.basename(path),
            "records": len(rows),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "tally": dict(Counter(_tally_key(self._kind, row) for row in rows)),
        }
        meta_path = posixpath.join(self._temp_dir, "meta", f"{self._kind}-{index:05d}.json")
        with FileSystems.create(meta_path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
            out.write(json.dumps(meta).encode())
        counters.inc(f"shards-written:{self._kind}")
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


class WriteShards(beam.PTransform):
    """Records of one kind → `part-SSSSS-of-NNNNN` files in the run's temp dir.

    Returns (metas, duplicate_ids): shard metadata, and for clean records the later records of
    an id seen twice, as `Rejected` with reason `duplicate-id`.

    Records are keyed by a stable hash of their id and sorted within a shard, so the files are
    byte-identical whatever the runner, worker count or bundle boundaries. The driver moves them
    into place once the whole pipeline has succeeded (`finalize.py`).
    """

    def __init__(
        self,
        kind: str,
        temp_dir: str,
        output_format: str,
        num_shards: int | None,
        target_bytes: int,
        max_records: int,
    ):
        super().__init__()
        self._kind = kind
        self._temp_dir = temp_dir
        self._format = output_format
        self._num_shards = num_shards
        self._target_bytes = target_bytes
        self._max_records = max_records

    def expand(self, records):
        rows = records | "ToRows" >> beam.Map(lambda record: record.output_row())
        if self._num_shards:
            num_shards = rows.pipeline | "FixedShardCount" >> beam.Create([self._num_shards])
        else:
            num_shards = (
                rows
                | "SizeOf" >> beam.Map(lambda row: (len(_json_line(row)), 1))
                | "TotalSize" >> beam.CombineGlobally(_sum_pairs)
                | "ShardCount"
                >> beam.MapTuple(
                    partial(auto_num_shards, target_bytes=self._target_bytes, max_records=self._max_records)
                )
            )
        shard_count = beam.pvalue.AsSingleton(num_shards)
        return (
            rows
            | "KeyByShard" >> beam.Map(lambda row, n: (shard_of(row["id"], n), row), shard_count)
            | "GroupShards" >> beam.GroupByKey()
            | "WriteShard"
            >> beam.ParDo(_WriteShardFn(self._kind, self._temp_dir, self._format), shard_count).with_outputs(
                "duplicate_ids", main="metas"
            )
        )


class SplitOutcomes(beam.PTransform):
    """One collection of mixed outcomes → (docs, filtered, errors) by record type."""

    def expand(self, outcomes):
        return outcomes | beam.FlatMap(route_outcome).with_outputs("filtered", "errors", main="docs")
