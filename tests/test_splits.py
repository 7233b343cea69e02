"""Splittable reads without Beam: every boundary position reads each record exactly once."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from warc_bytes import warc_record

from boilerstrip.pipeline import splits
from boilerstrip.transforms.record import Document, Failure

MAX_BYTES = 2_000


def _claims(stop: int):
    """What OffsetRestrictionTracker.try_claim answers for a range ending at `stop`, and checks:
    positions are claimed in strictly increasing order."""
    attempts: list[int] = []

    def claim(position: int) -> bool:
        assert not attempts or position > attempts[-1], (attempts, position)
        attempts.append(position)
        return position < stop

    return claim


def read_range(layout: str, data: bytes, start: int, stop: int) -> list:
    reader = splits.RANGE_READERS[layout]
    return list(reader("f", io.BytesIO(data), start, _claims(stop), MAX_BYTES))


def read_cut(layout: str, data: bytes, cuts: list[int]) -> list:
    bounds = [0, *cuts, len(data)]
    return [o for a, b in zip(bounds, bounds[1:], strict=False) for o in read_range(layout, data, a, b)]


def _jsonl(*records, newline=b"\n") -> bytes:
    return b"".join(json.dumps(r).encode() + newline for r in records)


def page(i: int, size: int = 40) -> dict:
    return {"id": f"p{i}", "url": f"https://site.test/{i}", "html": f"<p>{'word ' * size}{i}</p>"}


JSONL_CASES = {
    "lf": _jsonl(*(page(i) for i in range(5))),
    "crlf": _jsonl(*(page(i) for i in range(5)), newline=b"\r\n"),
    "last line without newline": _jsonl(*(page(i) for i in range(4))) + json.dumps(page(9)).encode(),
    "blank and bad lines": _jsonl(page(0)) + b"\n\r\n{not json\n" + _jsonl(page(1)) + b"[1]\n",
    "line longer than max_record_bytes": _jsonl(page(0), page(1, size=600), page(2)),
    "records larger than a range": _jsonl(page(0, size=300), page(1, size=300)),
}


def test_the_cases_hold_what_they_say():
    outcomes = read_range(splits.LINES, JSONL_CASES["blank and bad lines"], 0, 10**9)
    assert [type(o) for o in outcomes] == [Document, Failure, Document, Failure]
    big = read_range(splits.LINES, JSONL_CASES["line longer than max_record_bytes"], 0, 10**9)
    assert [type(o) for o in big] == [Document, Failure, Document] and "too-large" in big[1].error
    assert len(JSONL_CASES["records larger than a range"]) > 2 * 1_000


@pytest.mark.parametrize("case", sorted(JSONL_CASES))
def test_jsonl_every_cut_position_reads_each_line_once(case):
    data = JSONL_CASES[case]
    whole = read_range(splits.LINES, data, 0, len(data))
    assert whole
    for cut in range(len(data) + 1):
        assert read_cut(splits.LINES, data, [cut]) == whole, cut


def test_jsonl_three_way_cuts_and_empty_ranges():
    data = JSONL_CASES["crlf"]
    whole = read_range(splits.LINES, data, 0, len(data))
    for a in range(0, len(data) + 1, 7):
        for b in range(a, len(data) + 1, 11):
            assert read_cut(splits.LINES, data, [a, b]) == whole, (a, b)
    line = data.index(b"\n") + 1
    assert read_range(splits.LINES, data, line, line) == []  # empty range
    assert read_range(splits.LINES, data, 3, line) == []  # no line starts in it


def test_jsonl_range_starting_exactly_at_a_line_owns_it():
    data = JSONL_CASES["lf"]
    second = data.index(b"\n") + 1
    assert [o.id for o in read_range(splits.LINES, data, second, second + 1)] == ["p1"]
    assert [o.id for o in read_range(splits.LINES, data, second - 1, second)] == []


def _warc(*records: bytes) -> bytes:
    return b"".join(records)


def html_record(i: int, size: int = 30) -> bytes:
    return warc_record(i, f"https://site.test/{i}", "text/html", b"<p>" + b"text " * size + b"</p>")


def request_record(i: int) -> bytes:
    return html_record(i).replace(b"WARC-Type: response", b"WARC-Type: request", 1)


WARC_CASES = {
    "responses": _warc(*(html_record(i) for i in range(4))),
    "with other record types": _warc(html_record(0), request_record(1), html_record(2), request_record(3)),
    "image and empty payloads": _warc(
        html_record(0), warc_record(1, "https://site.test/i", "image/png", b"\x89PNG"), html_record(2)
    ),
    "payload mentioning a WARC header": _warc(
        html_record(0),
        warc_record(1, "https://site.test/w", "text/html", b"<pre>\nWARC/1.0\r\nnot a header</pre>"),
        html_record(2),
    ),
    "garbage between records": _warc(html_record(0), b"garbage\r\n" * 5, html_record(1), html_record(2)),
    "garbage at the start": b"junk\r\n" + _warc(html_record(0), html_record(1)),
    "last record cut short": _warc(html_record(0), html_record(1), html_record(2)[:-60]),
    "record larger than a range": _warc(html_record(0, size=400), html_record(1, size=400)),
}


def test_warc_cases_hold_what_they_say():
    kinds = {
        case: [type(o).__name__ for o in read_range(splits.WARC, data, 0, len(data))]
        for case, data in WARC_CASES.items()
    }
    assert kinds["with other record types"] == ["Document", "Document"]
    assert kinds["image and empty payloads"] == ["Document", "Rejected", "Document"]
    assert kinds["payload mentioning a WARC header"] == ["Document"] * 3
    assert kinds["garbage between records"] == ["Document", "Failure", "Document", "Document"]
    assert kinds["garbage at the start"] == ["Failure", "Document", "Document"]
    assert kinds["last record cut short"] == ["Document", "Document", "Failure"]


@pytest.mark.parametrize("case", sorted(WARC_CASES))
def test_warc_every_cut_position_reads_each_record_once(case):
    data = WARC_CASES[case]
    whole = read_range(splits.WARC, data, 0, len(data))
    for cut in range(len(data) + 1):
        assert read_cut(splits.WARC, data, [cut]) == whole, cut


def test_warc_record_start_needs_a_header_that_parses():
    data = WARC_CASES["payload mentioning a WARC header"]
    fake = data.index(b"\nWARC/1.0\r\nnot a header") + 1
    assert splits.next_warc_record(io.BytesIO(data), fake) == data.index(html_record(2))
    assert splits.next_warc_record(io.BytesIO(data), len(data)) is None


def _members(*records: bytes) -> bytes:
    return b"".join(gzip.compress(r, mtime=0) for r in records)


def _corrupt_middle(member: bytes) -> bytes:
    middle = len(member) // 2
    return member[:middle] + bytes(b ^ 0x5A for b in member[middle : middle + 8]) + member[middle + 8 :]


MEMBER_CASES = {
    "one member per record": _members(*(html_record(i) for i in range(4))),
    "with other record types": _members(html_record(0), request_record(1), html_record(2)),
    "corrupt member": _members(html_record(0))
    + _corrupt_middle(_members(html_record(1)))
    + _members(html_record(2), html_record(3)),
    "garbage between members": _members(html_record(0)) + b"\x00" * 40 + _members(html_record(1)),
    "member of something else": _members(html_record(0), b"not a warc record\n", html_record(2)),
    "two records in one member": _members(html_record(0)) + _members(html_record(1) + html_record(2)),
    "last member cut short": _members(html_record(0), html_record(1)) + _members(html_record(2))[:-30],
    "record larger than a range": _members(html_record(0, size=600), html_record(1, size=600)),
}


def test_member_cases_hold_what_they_say():
    kinds = {
        case: [type(o).__name__ for o in read_range(splits.WARC_MEMBERS, data, 0, len(data))]
        for case, data in MEMBER_CASES.items()
    }
    assert kinds["one member per record"] == ["Document"] * 4
    assert kinds["with other record types"] == ["Document", "Document"]
    assert kinds["corrupt member"] == ["Document", "Failure", "Document", "Document"]
    assert kinds["garbage between members"] == ["Document", "Failure", "Document"]
    assert kinds["member of something else"] == ["Document", "Failure", "Document"]
    assert kinds["two records in one member"] == ["Document"] * 3
    assert kinds["last member cut short"] == ["Document", "Document", "Failure"]


@pytest.mark.parametrize("case", sorted(MEMBER_CASES))
def test_warc_gz_every_cut_position_reads_each_member_once(case):
    data = MEMBER_CASES[case]
    whole = read_range(splits.WARC_MEMBERS, data, 0, len(data))
    for cut in range(len(data) + 1):
        assert read_cut(splits.WARC_MEMBERS, data, [cut]) == whole, cut


def test_warc_gz_cut_inside_a_member_header_leaves_the_member_to_the_range_before():
    data = MEMBER_CASES["one member per record"]
    second = len(_members(html_record(0)))
    for cut in range(second + 1, second + 10):  # the 10-byte gzip header of the second member
        first = read_range(splits.WARC_MEMBERS, data, 0, cut)
        assert [o.url for o in first] == ["https://site.test/0", "https://site.test/1"], cut


def test_the_gzip_layout_is_told_from_the_bytes():
    per_record = MEMBER_CASES["one member per record"]
    assert splits.per_record_members(io.BytesIO(per_record), len(per_record), MAX_BYTES)
    whole = gzip.compress(WARC_CASES["responses"])
    assert not splits.per_record_members(io.BytesIO(whole), len(whole), 10**6)
    not_warc = gzip.compress(b"hello") + gzip.compress(b"world")
    assert not splits.per_record_members(io.BytesIO(not_warc), len(not_warc), MAX_BYTES)


ALL_CASES = [
    *((splits.LINES, case) for case in JSONL_CASES),
    *((splits.WARC, case) for case in WARC_CASES),
    *((splits.WARC_MEMBERS, case) for case in MEMBER_CASES),
]
_CASES = {splits.LINES: JSONL_CASES, splits.WARC: WARC_CASES, splits.WARC_MEMBERS: MEMBER_CASES}


@pytest.mark.parametrize(("layout", "case"), ALL_CASES)
@pytest.mark.parametrize("split_bytes", [1, 50, 300, 10**9])
def test_planned_ranges_start_at_records_and_read_everything_once(layout, case, split_bytes):
    data = _CASES[layout][case]
    ranges = splits.plan_ranges(io.BytesIO(data), len(data), layout, split_bytes)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(a < b for a, b in ranges)
    assert all(b == c for (_, b), (c, _) in zip(ranges, ranges[1:], strict=False))
    find = splits.record_start_finder(layout)
    assert all(find(io.BytesIO(data), a) == a for a, _ in ranges[1:])
    whole = read_range(layout, data, 0, len(data))
    assert [o for a, b in ranges for o in read_range(layout, data, a, b)] == whole
    # Bytes before the first record are a range's worth too (they end as one error).
    record_starts, at = int(find(io.BytesIO(data), 0) != 0), find(io.BytesIO(data), 0)
    while at is not None:
        record_starts += 1
        at = find(io.BytesIO(data), at + 1)
    assert len(ranges) <= max(record_starts, 1)
    if split_bytes >= len(data):
        assert ranges == [(0, len(data))]
