"""Splittable reads in Beam: cutting files into ranges changes nothing in the output.

The same pages as one JSONL file, one WARC, one `.warc.gz` of a gzip member per record, or many
small files give the same records; byte for byte the same shards whatever the range size, the
worker count and the running mode (the portable runner: tests/test_portable_runner.py).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from conftest import SAMPLE
from e2e import read_rows, run_cli, shard_bytes
from warc_bytes import warc_record

from boilerstrip.pipeline import readers
from boilerstrip.pipeline.io import ReadPages

MAX_BYTES = 10_000_000
TINY_SPLITS = 3_000  # a few pages per range; the sample pages are 2-6 KB


def sample_pages() -> list[tuple[str, str, bytes]]:
    """(id, url, html bytes) of the sample corpus's readable HTML pages, in name order."""
    pages = []
    for path in sorted((SAMPLE / "html").glob("*.html")):
        if path.stem.startswith("broken"):
            continue
        pages.append((path.stem, f"https://sample.test/{path.stem}", path.read_bytes()))
    return pages


def _jsonl_line(page_id: str, url: str, html: bytes) -> bytes:
    return json.dumps({"id": page_id, "url": url, "html": html.decode("utf-8")}).encode() + b"\n"


def _warc_record(number: int, url: str, html: bytes) -> bytes:
    return warc_record(number, url, "text/html; charset=utf-8", html)


def write_split_corpus(folder: Path) -> dict[str, list[Path]]:
    """The sample pages in every splittable layout, as one file and as one file per few pages;
    with a bad JSON line, a blank CRLF line and no final newline, so errors cross ranges too."""
    pages = sample_pages()
    folder.mkdir(parents=True, exist_ok=True)
    lines = [_jsonl_line(*page) for page in pages]
    lines.insert(5, b"{not json\r\n")
    lines.insert(9, b"\r\n")
    records = [_warc_record(i, url, html) for i, (_, url, html) in enumerate(pages)]
    layouts = {
        "jsonl": (b"".join(lines)[:-1], ".jsonl"),
        "warc": (b"".join(records), ".warc"),
        "warc-gz": (b"".join(gzip.compress(r, mtime=0) for r in records), ".warc.gz"),
    }
    files: dict[str, list[Path]] = {}
    for name, (data, suffix) in layouts.items():
        one = folder / f"one-{name}" / f"pages{suffix}"
        one.parent.mkdir()
        one.write_bytes(data)
        files[name] = [one]
    many = folder / "many-jsonl"
    many.mkdir()
    for k in range(0, len(lines), 4):
        (many / f"pages-{k:03d}.jsonl").write_bytes(b"".join(lines[k : k + 4]))
    files["many-jsonl"] = sorted(many.iterdir())
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, list[Path]]:
    return write_split_corpus(tmp_path_factory.mktemp("split-corpus"))


def _outcome_key(outcome) -> tuple:
    return (type(outcome).__name__, outcome.id, getattr(outcome, "html", None), getattr(outcome, "error", ""))


@pytest.mark.parametrize("layout", ["jsonl", "warc", "warc-gz"])
def test_read_pages_gives_the_same_records_in_ranges_as_whole(corpus, layout):
    path = str(corpus[layout][0])
    read_whole = readers.read_jsonl_file if layout == "jsonl" else readers.read_warc_file
    whole = [_outcome_key(o) for o in read_whole(path, lambda name: open(name, "rb"), MAX_BYTES)]
    assert len(whole) >= 20
    with TestPipeline(runner="FnApiRunner") as p:
        outcomes = p | ReadPages([path], "auto", MAX_BYTES, TINY_SPLITS)
        assert_that(outcomes | beam.Map(_outcome_key), equal_to(whole))
    ranges = p.result.metrics().query(
        beam.metrics.MetricsFilter().with_name(f"input-ranges:{layout_name(layout)}")
    )
    planned = sum(counter.committed for counter in ranges["counters"])
    assert planned > 5 and planned <= len(whole) + 1  # the JSONL file has one blank line


def layout_name(layout: str) -> str:
    return {"jsonl": "lines", "warc": "warc", "warc-gz": "warc-members"}[layout]


def _finished(output: Path) -> dict[str, bytes]:
    files = shard_bytes(output)
    files["manifest.json"] = (output / "manifest.json").read_bytes()
    return files


def _split_config(folder: Path, split_bytes: int) -> Path:
    config = folder / f"split-{split_bytes}.yaml"
    config.write_text(f"input:\n  split_bytes: {split_bytes}\nfilters:\n  min_words: 5\n")
    return config


def _run(corpus_files: list[Path], output: Path, split_bytes: int, *beam_args: str) -> Path:
    inputs = [arg for path in corpus_files for arg in ("--input", str(path))]
    output.parent.mkdir(parents=True, exist_ok=True)
    config = _split_config(output.parent, split_bytes)
    run_cli(*inputs, "--output", str(output), "--num-shards", "2", "--config", str(config), *beam_args)
    return output


RUN_MODES = {
    "in_memory": ("--direct_running_mode=in_memory",),
    "2 workers": ("--direct_running_mode=multi_processing", "--direct_num_workers=2"),
    "3 workers": ("--direct_running_mode=multi_processing", "--direct_num_workers=3"),
}


@pytest.fixture(scope="module")
def unsplit(corpus, tmp_path_factory) -> dict[str, Path]:
    """Each single-file layout read as one range, in one process: the reference output."""
    root = tmp_path_factory.mktemp("unsplit")
    return {
        layout: _run(corpus[layout], root / layout / "out", 10**9, *RUN_MODES["in_memory"])
        for layout in ("jsonl", "warc-gz")
    }


@pytest.mark.parametrize(
    ("layout", "mode"),
    [("jsonl", "in_memory"), ("jsonl", "2 workers"), ("jsonl", "3 workers"), ("warc-gz", "2 workers")],
)
def test_split_file_gives_byte_identical_output(corpus, unsplit, tmp_path, layout, mode):
    split = _run(corpus[layout], tmp_path / "run" / "out", TINY_SPLITS, *RUN_MODES[mode])
    stats = json.loads((split / "stats.json").read_text())
    assert stats["accounted"] and stats["read"] >= 20
    assert _finished(split) == _finished(unsplit[layout])


def _rows_without_source(output: Path) -> dict[str, list[dict]]:
    rows = {}
    for kind in ("clean", "filtered", "errors"):
        rows[kind] = [
            {k: v for k, v in row.items() if k not in ("source", "id")} for row in read_rows(output, kind)
        ]
        rows[kind].sort(key=lambda row: json.dumps(row, sort_keys=True))
    return rows


def test_one_file_or_many_files_give_the_same_records(corpus, unsplit, tmp_path):
    many = _run(corpus["many-jsonl"], tmp_path / "run" / "out", TINY_SPLITS, *RUN_MODES["2 workers"])
    one = unsplit["jsonl"]
    # Ids of records without their own (the bad JSON line) name their file, so compare the rest.
    assert _rows_without_source(many) == _rows_without_source(one)
    assert [r["id"] for r in read_rows(many, "clean")] == [r["id"] for r in read_rows(one, "clean")]


def test_warc_and_warc_gz_give_the_same_records(corpus, unsplit, tmp_path):
    warc = _run(corpus["warc"], tmp_path / "run" / "out", TINY_SPLITS, *RUN_MODES["2 workers"])
    assert _rows_without_source(warc) == _rows_without_source(unsplit["warc-gz"])
    assert [r["id"] for r in read_rows(warc, "clean")] == [
        r["id"] for r in read_rows(unsplit["warc-gz"], "clean")
    ]


def test_unsplittable_files_fewer_than_workers_print_a_hint(corpus, tmp_path):
    whole = tmp_path / "pages.jsonl.gz"
    whole.write_bytes(gzip.compress(corpus["jsonl"][0].read_bytes()))
    result = run_cli("--input", str(whole), "--output", str(tmp_path / "out"), "--direct_num_workers=2")
    hints = [line for line in result.stderr.splitlines() if line.startswith("boilerstrip: hint:")]
    assert len(hints) == 1 and "pages.jsonl.gz" in hints[0] and "2 workers" in hints[0]
    result = run_cli(*("--input", str(corpus["jsonl"][0])), "--output", str(tmp_path / "out2"))
    assert "boilerstrip: hint:" not in result.stderr
