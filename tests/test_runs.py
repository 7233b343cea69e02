"""Run files: the line format round trip, bucket ranges, index lookups and the bounded merge."""

from __future__ import annotations

import random

import pytest

from boilerstrip.pipeline import runs
from boilerstrip.transforms.record import Document


def _doc(doc_id: str, text: str = "Some text.\nMore.") -> Document:
    return Document(
        doc_id,
        "src.jsonl",
        url=f"https://example.com/{doc_id}",
        text=text,
        title="T",
        language="en",
        language_score=0.99,
        headings=("More.",),
        language_candidates=("en", "de"),
        from_html=True,
    )


@pytest.mark.parametrize(
    "doc",
    [
        _doc("a"),
        _doc("tab\tand\nnewline", "text with\ttabs and \u2028 separators"),
        _doc("surrogate-\ud800", "lone \udc80 surrogate and NUL \x00"),
        Document("bare", "s"),
    ],
)
def test_run_line_round_trip(doc):
    line = runs.to_line(doc)
    assert b"\n" not in line
    assert runs.from_line(line) == doc
    assert runs.line_bucket(line) == runs.bucket_of(doc.id)


@pytest.mark.parametrize("num_shards", [1, 2, 3, 7, 1000])
def test_bucket_ranges_cover_every_bucket_once_and_match_shard_of_bucket(num_shards):
    ranges = [runs.bucket_range(shard, num_shards) for shard in range(num_shards)]
    assert ranges[0][0] == 0 and ranges[-1][1] == runs.BUCKETS
    assert all(ranges[i][1] == ranges[i + 1][0] for i in range(num_shards - 1))
    for bucket in random.Random(0).sample(range(runs.BUCKETS), 200) + [0, runs.BUCKETS - 1]:
        lo, hi = ranges[runs.shard_of_bucket(bucket, num_shards)]
        assert lo <= bucket < hi


def _write_runs(tmp_path, docs, per_run):
    paths = []
    for first in range(0, len(docs), per_run):
        path = str(tmp_path / f"r{first}.run")
        runs.write_run([runs.to_line(d) for d in docs[first : first + per_run]], path)
        paths.append(path)
    return paths


def test_read_lines_returns_a_bucket_range_of_a_run_in_order(tmp_path):
    docs = [_doc(f"id{i}") for i in range(50)]
    (path,) = _write_runs(tmp_path, docs, 50)
    everything = list(runs.read_lines(path))
    assert everything == sorted(runs.to_line(d) for d in docs)
    lo, hi = runs.bucket_range(1, 3)
    part = list(runs.read_lines(path, lo, hi))
    assert part == [line for line in everything if lo <= runs.line_bucket(line) < hi]
    assert 0 < len(part) < len(everything)


def test_a_whole_run_reads_back_from_its_size_alone(tmp_path):
    docs = [_doc(f"id{i}") for i in range(50)]
    lines = [runs.to_line(d) for d in docs]
    path = str(tmp_path / "whole.run")
    size = runs.write_run(list(lines), path)
    assert list(runs.Run(path, len(docs), size).lines()) == sorted(lines) == list(runs.read_lines(path))


@pytest.mark.parametrize("fan_in", [2, 3, 64])
def test_merge_is_sorted_complete_and_independent_of_run_sizes(tmp_path, monkeypatch, fan_in):
    """With a tiny fan-in the merge goes through scratch files; the result must not change."""
    monkeypatch.setattr(runs, "MAX_FAN_IN", fan_in)
    docs = [_doc(f"id{i % 37}", f"text {i}") for i in range(120)]  # ids repeat: copies stay adjacent
    random.Random(1).shuffle(docs)
    expected = sorted(runs.to_line(d) for d in docs)
    for per_run in (1, 7, 120):
        paths = _write_runs(tmp_path / f"per{per_run}", docs, per_run)
        merged = list(runs.merge_runs(paths, 0, runs.BUCKETS, str(tmp_path / f"scratch{per_run}")))
        assert merged == expected
        ids = [runs.from_line(line).id for line in merged]
        assert all(ids.index(i) + ids.count(i) - 1 == len(ids) - 1 - ids[::-1].index(i) for i in set(ids))
