"""Splittable reads: where records start in a file, and the byte ranges that workers read apart.

A range `[start, stop)` of a file owns the records that start in it: a JSONL line, an uncompressed
WARC record (its `WARC/1.` header line), or a gzip member of a `.warc.gz` with one member per
record. A reader given a range resynchronises at `start` on the next record start, reads each
record it owns to its end (past `stop` if need be) and stops at the first record start at or
after `stop`, so whatever the boundaries, every record is read exactly once. Damaged bytes go
to the range that read the record before them (or owns offset 0), so they end in exactly one
error whichever way the file is cut. The functions here work on any seekable binary file and
take a `claim(position) -> bool` callable (the restriction tracker's `try_claim` in the
pipeline), so the boundary logic is tested without Beam.
"""

from __future__ import annotations

import io
import math
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType
from isal import isal_zlib

from boilerstrip.pipeline.readers import (
    GZIP_ERRORS,
    Outcome,
    RecordTooLarge,
    read_error,
    read_jsonl_lines,
    warc_outcome,
)
from boilerstrip.transforms.record import Failure

# How a file is read. LINES: uncompressed JSONL; WARC: uncompressed WARC; WARC_MEMBERS: a
# `.warc.gz` whose gzip members each start with a WARC header; WHOLE: one reader from the start
# (HTML and text files, whole-file gzip, a `.warc.gz` whose members do not decode that way).
LINES, WARC, WARC_MEMBERS, WHOLE = "lines", "warc", "warc-members", "whole"
SPLITTABLE = (LINES, WARC, WARC_MEMBERS)

# The smallest range cut only to give every worker some of a file.
MIN_SPLIT_BYTES = 1 << 20
_SCAN_CHUNK = 1 << 20
_MEMBER_CHUNK = 1 << 18
_GZIP_MAGIC = b"\x1f\x8b\x08"  # gzip id bytes and the deflate method
_WARC_MAGIC = b"WARC/1."
# Compressed bytes read to decide whether a gzip member starts with a WARC header.
_PEEK_BYTES = 1 << 16
# What fastwarc raises on bytes that are not a WARC record.
WARC_ERRORS = (OSError, EOFError, ValueError)

Claim = Callable[[int], bool]


def layout_by_name(path: str, input_format: str) -> str:
    """The layout a file's name allows; a `.warc.gz` is only WARC_MEMBERS once its bytes say so."""
    compressed = path.lower().endswith(".gz")
    if input_format == "jsonl" and not compressed:
        return LINES
    if input_format == "warc":
        return WARC_MEMBERS if compressed else WARC
    return WHOLE


# --- finding record starts ------------------------------------------------------------------------


def _matches(f: BinaryIO, offset: int, pattern: bytes) -> Iterator[int]:
    """File positions of `pattern` at or after `offset`, in order. The caller may move `f`
    between positions; each read seeks first."""
    base, buf, at_eof = offset, b"", False
    while True:
        if not at_eof:
            f.seek(base + len(buf))
            more = f.read(_SCAN_CHUNK)
            at_eof = not more
            buf += more
        found = buf.find(pattern)
        if found >= 0:
            yield base + found
            buf, base = buf[found + 1 :], base + found + 1
            continue
        if at_eof:
            return
        keep = len(pattern) - 1
        base, buf = base + len(buf) - keep, buf[-keep:]


def next_line_start(f: BinaryIO, offset: int) -> int | None:
    """The first position at or after `offset` where a line starts (0, or just after a `\\n`)
    and some byte follows; None if no line starts there."""
    if offset == 0:
        f.seek(0)
        return 0 if f.read(1) else None
    for newline in _matches(f, offset - 1, b"\n"):
        f.seek(newline + 1)
        return newline + 1 if f.read(1) else None
    return None


def warc_record_at(f: BinaryIO, position: int) -> bool:
    """Whether fastwarc parses a WARC record header at `position` that names the record's type
    and length (fastwarc alone also takes a bare `WARC/1.0` line followed by anything)."""
    f.seek(position)
    try:
        for record in ArchiveIterator(f, parse_http=False):
            headers = record.headers
            return record.stream_pos == position and bool(
                headers.get("WARC-Type") and headers.get("Content-Length")
            )
    except WARC_ERRORS:
        return False
    return False


def next_warc_record(f: BinaryIO, offset: int) -> int | None:
    """The first position at or after `offset` of a `WARC/1.` line whose record header parses."""
    if offset == 0 and warc_record_at(f, 0):
        return 0
    for newline in _matches(f, max(offset - 1, 0), b"\n" + _WARC_MAGIC):
        if newline + 1 >= offset and warc_record_at(f, newline + 1):
            return newline + 1
    return None


def _inflates_to_warc(head: bytes) -> bool:
    if not head.startswith(_GZIP_MAGIC):
        return False
    try:
        return isal_zlib.decompressobj(31).decompress(head, len(_WARC_MAGIC)).startswith(_WARC_MAGIC)
    except (*GZIP_ERRORS, zlib.error):
        return False


def warc_member_at(f: BinaryIO, position: int) -> bool:
    """Whether a gzip member starts at `position` and inflates to a WARC header."""
    f.seek(position)
    return _inflates_to_warc(f.read(_PEEK_BYTES))


def next_warc_member(f: BinaryIO, offset: int) -> int | None:
    """The first position at or after `offset` of a gzip member that inflates to a WARC header."""
    for candidate in _matches(f, offset, _GZIP_MAGIC):
        if warc_member_at(f, candidate):
            return candidate
    return None


class DamagedMember(Exception):
    """A gzip member that does not inflate to its end; `inflated` is what came out before."""

    def __init__(self, cause: Exception, inflated: bytes):
        super().__init__(str(cause))
        self.cause = cause
        self.inflated = inflated


class _Members:
    """Reads a file forward one gzip member at a time, keeping what a member left unread."""

    def __init__(self, f: BinaryIO):
        self._f = f
        self._pos = 0  # the file position of _buf[0]
        self._buf = b""

    def _at(self, position: int) -> None:
        if self._pos <= position <= self._pos + len(self._buf):
            self._buf = self._buf[position - self._pos :]
        else:
            self._buf = b""
        self._pos = position

    def _more(self) -> bytes:
        self._f.seek(self._pos + len(self._buf))
        return self._f.read(_MEMBER_CHUNK)

    def at_end(self, position: int) -> bool:
        self._at(position)
        if not self._buf:
            self._buf = self._more()
        return not self._buf

    def starts_warc(self, position: int) -> bool:
        self._at(position)
        while len(self._buf) < _PEEK_BYTES and (more := self._more()):
            self._buf += more
        return _inflates_to_warc(self._buf[:_PEEK_BYTES])

    def inflate(self, position: int, max_bytes: int) -> tuple[bytes, int]:
        """(inflated bytes, end position) of the member at `position`; RecordTooLarge past
        `max_bytes`, DamagedMember if the file ends inside it or its bytes are damaged."""
        self._at(position)
        inflater = isal_zlib.decompressobj(31)
        parts, size = [], 0
        pending = self._buf  # every byte fed is in self._buf, which starts at `position`
        while not inflater.eof:
            if not pending:
                pending = self._more()
                if not pending:
                    raise DamagedMember(EOFError("gzip member cut short"), b"".join(parts))
                self._buf += pending
            try:
                out = inflater.decompress(pending, max_bytes + 1 - size)
            except (*GZIP_ERRORS, zlib.error) as exc:
                raise DamagedMember(exc, b"".join(parts)) from exc
            size += len(out)
            parts.append(out)
            if size > max_bytes:
                raise RecordTooLarge(f"gzip member expands past {max_bytes} bytes")
            pending = inflater.unconsumed_tail
        return b"".join(parts), position + len(self._buf) - len(inflater.unused_data)


# --- planning ranges ------------------------------------------------------------------------------


def per_record_members(f: BinaryIO, size: int, max_bytes: int) -> bool:
    """Whether a `.warc.gz` has the standard layout: its first member inflates to a WARC header
    and another such member follows it. One member for the whole file means a whole-file read."""
    members = _Members(f)
    if not members.starts_warc(0):
        return False
    try:
        _, end = members.inflate(0, max_bytes)
    except (DamagedMember, RecordTooLarge):
        return False
    return end < size and members.starts_warc(end)


def record_start_finder(layout: str) -> Callable[[BinaryIO, int], int | None]:
    return {LINES: next_line_start, WARC: next_warc_record, WARC_MEMBERS: next_warc_member}[layout]


def range_count(size: int, split_bytes: int, min_ranges: int = 1) -> int:
    """How many ranges to cut a file of `size` bytes into: one per `split_bytes`, and at least
    `min_ranges` (so that one file alone keeps every worker busy) while each gets MIN_SPLIT_BYTES."""
    by_size = math.ceil(size / max(split_bytes, 1))
    return max(1, by_size, min(min_ranges, size // MIN_SPLIT_BYTES))


def plan_ranges(
    f: BinaryIO, size: int, layout: str, split_bytes: int, min_ranges: int = 1
) -> list[tuple[int, int]]:
    """Byte ranges covering a splittable file (`range_count` of them at most), each starting where
    a record starts (the first at 0), so a file never gets more ranges than records and none is
    empty."""
    count = range_count(size, split_bytes, min_ranges)
    find = record_start_finder(layout)
    starts = [0]
    for k in range(1, count):
        candidate = max(k * size // count, starts[-1] + 1)
        found = find(f, candidate)
        if found is None:
            break
        starts.append(found)
    return list(zip(starts, [*starts[1:], size], strict=True))


# --- reading a range ------------------------------------------------------------------------------


def read_lines_range(
    path: str, stream: BinaryIO, start: int, claim: Claim, max_bytes: int
) -> Iterator[Outcome]:
    """JSONL lines that start in the claimed range, each read once to its end."""
    position = 0 if start == 0 else next_line_start(stream, start)
    if position is None:
        return
    stream.seek(position)
    yield from read_jsonl_lines(path, stream, position, claim, max_bytes)


def read_warc_range(path: str, f: BinaryIO, start: int, claim: Claim, max_bytes: int) -> Iterator[Outcome]:
    """Response records of an uncompressed WARC whose header starts in the claimed range.

    Bytes that do not parse after a record are one `bad-warc` Failure of the range that read that
    record; reading goes on at the next record header found after it.
    """
    position = 0 if start == 0 else next_warc_record(f, start)
    while position is not None and claim(position):
        f.seek(position)
        last, read_one = position, False
        try:
            for record in ArchiveIterator(f, parse_http=False):
                if record.stream_pos != last and not claim(record.stream_pos):
                    return
                last, read_one = record.stream_pos, True
                if record.record_type == WarcRecordType.response:
                    yield warc_outcome(record, path, f"{path}@{last}", max_bytes)
            return
        except WARC_ERRORS as exc:
            where = f"after the record at offset {last}" if read_one else f"at offset {last}"
            yield Failure(
                f"{path}@{last}" + ("+" if read_one else ""),
                path,
                "read",
                f"bad-warc: {type(exc).__name__}: {exc} ({where})",
            )
        position = next_warc_record(f, last + 1)


def _member_outcomes(path: str, position: int, data: bytes, max_bytes: int) -> Iterator[Outcome]:
    number = 0
    try:
        records = ArchiveIterator(io.BytesIO(data), record_types=WarcRecordType.response, parse_http=False)
        for record in records:
            fallback = f"{path}@{position}" + (f".{number}" if number else "")
            number += 1
            yield warc_outcome(record, path, fallback, max_bytes)
    except WARC_ERRORS as exc:
        error = f"bad-warc: {type(exc).__name__}: {exc} (gzip member at {position})"
        yield Failure(f"{path}@{position}", path, "read", error)


def read_warc_members_range(
    path: str, f: BinaryIO, start: int, claim: Claim, max_bytes: int
) -> Iterator[Outcome]:
    """Response records of the gzip members of a `.warc.gz` that start in the claimed range.

    A member that does not inflate or parse is one Failure of the range it starts in; bytes after
    a member that are not a member with a WARC header are one Failure of the range that read that
    member. Either way reading goes on at the next member that inflates to a WARC header.
    """
    members = _Members(f)
    position: int | None = 0
    if start:
        position = next_warc_member(f, start)
    elif not members.at_end(0) and not members.starts_warc(0):
        yield Failure(f"{path}@0", path, "read", "bad-gzip: the file does not start with a WARC gzip member")
        position = next_warc_member(f, 1)
    while position is not None and claim(position):
        try:
            data, end = members.inflate(position, max_bytes)
        except DamagedMember as exc:
            # What inflated before the damage names its record (a `truncated` error with the
            # record's own id); when it names none, the member is one bad-gzip error.
            salvaged = list(_member_outcomes(path, position, exc.inflated, max_bytes))
            yield from salvaged or [Failure(f"{path}@{position}", path, "read", read_error(exc.cause))]
            position = next_warc_member(f, position + 1)
            continue
        except RecordTooLarge as exc:
            yield Failure(f"{path}@{position}", path, "read", read_error(exc))
            position = next_warc_member(f, position + 1)
            continue
        yield from _member_outcomes(path, position, data, max_bytes)
        if members.at_end(end):
            return
        if members.starts_warc(end):
            position = end
            continue
        yield Failure(
            f"{path}@{end}",
            path,
            "read",
            f"bad-gzip: no gzip member with a WARC record at offset {end}, after the member at {position}",
        )
        position = next_warc_member(f, end + 1)


RANGE_READERS = {LINES: read_lines_range, WARC: read_warc_range, WARC_MEMBERS: read_warc_members_range}
