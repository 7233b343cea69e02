import gzip
import io
import json

import pytest
from warc_bytes import warc_record

from boilerstrip.pipeline import readers
from boilerstrip.transforms.record import Document, Failure, Rejected

PAGE = b"<html><head><title>T</title></head><body><p>Hello world.</p></body></html>"


def _opener(files: dict[str, bytes]):
    return lambda path: io.BytesIO(files[path])


@pytest.mark.parametrize(
    "path, fmt, record_id",
    [
        ("d/abc.html.gz", "html", "abc"),
        ("d/abc.htm", "html", "abc"),
        ("d/x.y.html", "html", "x.y"),
        ("gs://b/p/pages.jsonl.gz", "jsonl", "pages"),
        ("p/pages.json.gz", "jsonl", "pages"),
        ("p/crawl.warc.gz", "warc", "crawl"),
        ("p/a.txt", "text", "a"),
        ("p/README", None, "README"),
    ],
)
def test_format_and_id_from_path(path, fmt, record_id):
    assert readers.format_of(path) == fmt
    assert readers.record_id_from_path(path) == record_id


def test_html_file_plain_and_gzipped():
    files = {"a.html": PAGE, "b.html.gz": gzip.compress(PAGE)}
    (a,) = readers.read_html_file("a.html", _opener(files), 10_000)
    (b,) = readers.read_html_file("b.html.gz", _opener(files), 10_000)
    assert a == Document(id="a", source="a.html", html=PAGE.decode())
    assert b.html == a.html and b.id == "b"


@pytest.mark.parametrize(
    "name, data, outcome, reason",
    [
        ("empty.html", b"", Rejected, "empty"),
        ("img.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), Rejected, "not-html"),
        ("doc.html", b"%PDF-1.7\n%\xe2\xe3", Rejected, "not-html"),
        ("cut.html.gz", gzip.compress(PAGE * 50)[:60], Failure, "bad-gzip"),
        ("fake.html.gz", b"not gzip at all", Failure, "bad-gzip"),
        ("bad-deflate.html.gz", b"\x1f\x8b\x08\x00" + b"x" * 100, Failure, "bad-gzip"),
        ("bad-crc.html.gz", gzip.compress(PAGE)[:-8] + bytes(8), Failure, "bad-gzip"),
        ("bomb.html.gz", gzip.compress(b" " * 50_000), Failure, "too-large"),
    ],
)
def test_bad_html_files_get_one_outcome_with_reason(name, data, outcome, reason):
    results = list(readers.read_html_file(name, _opener({name: data}), 10_000))
    assert len(results) == 1
    assert isinstance(results[0], outcome)
    text = results[0].reason if outcome is Rejected else results[0].error
    assert text.startswith(reason)
    assert results[0].source == name


def test_gunzip_reads_what_the_gzip_module_reads():
    """Several gzip members back to back, as `cat a.gz b.gz` makes them, with a cap mid-file."""
    data = gzip.compress(PAGE * 3000) + gzip.compress(b"second member\n" * 10)
    assert readers.gunzip(io.BytesIO(data)).read() == gzip.decompress(data)
    capped = readers.read_capped(io.BytesIO(data), "x.jsonl.gz", len(gzip.decompress(data)))
    assert capped == gzip.decompress(data)


def test_jsonl_lines():
    good = json.dumps({"id": 7, "url": "https://a.example/x", "html": "<p>x</p>"}).encode()
    doc = readers.read_jsonl_line("f.jsonl", good, 10_000)
    assert doc == Document(id="7", source="f.jsonl", url="https://a.example/x", html="<p>x</p>")
    text = readers.read_jsonl_line("f.jsonl", b'{"id": "t", "text": "Already clean.", "title": "T"}', 10_000)
    assert text.text == "Already clean." and text.title == "T" and text.html is None
    assert readers.read_jsonl_line("f.jsonl", b"   ", 10_000) is None


@pytest.mark.parametrize(
    "line, error",
    [
        (b'{"id": "a", "html": ', "bad-json"),
        (b"[1, 2]", "bad-json"),
        (b"\xff\xfe{}", "bad-json"),
        (b'{"id": "a", "url": "u"}', "missing-content"),
        (b'{"id": "a", "html": 42}', "bad-field"),
        (b'{"id": "a", "text": ["x"]}', "bad-field"),
    ],
)
def test_bad_jsonl_lines_are_failures(line, error):
    failure = readers.read_jsonl_line("f.jsonl", line, 10_000)
    assert isinstance(failure, Failure)
    assert failure.error.startswith(error)
    assert failure.stage == "read" and failure.source == "f.jsonl" and failure.id


def test_jsonl_line_without_id_gets_a_stable_one():
    line = b'{"html": "<p>x</p>"}'
    first = readers.read_jsonl_line("f.jsonl", line, 10_000)
    assert first.id.startswith("line-")
    assert readers.read_jsonl_line("f.jsonl", line, 10_000).id == first.id


@pytest.mark.parametrize(
    "text, title, body",
    [
        ("Big News Today\n\nFirst paragraph.\n\nSecond.", "Big News Today", "First paragraph.\n\nSecond."),
        ("This is a sentence.\n\nAnother.", "", "This is a sentence.\n\nAnother."),
        ("Just one paragraph with no title", "", "Just one paragraph with no title"),
    ],
)
def test_split_title(text, title, body):
    assert readers.split_title(text) == (title, body)


def _warc(records: list[tuple[str, str, bytes]]) -> bytes:
    return b"".join(warc_record(number, *record) for number, record in enumerate(records))


def test_warc_records():
    data = _warc(
        [
            ("https://a.example/1", "text/html; charset=windows-1252", "<p>caf\xe9</p>".encode("cp1252")),
            ("https://a.example/logo.png", "image/png", b"\x89PNG...."),
        ]
    )
    page, image = readers.read_warc_file("c.warc", _opener({"c.warc": data}), 10_000)
    assert isinstance(page, Document) and page.url == "https://a.example/1"
    assert "café" in page.html and page.id.startswith("<urn:uuid:")
    assert isinstance(image, Rejected) and image.reason == "not-html"


@pytest.mark.parametrize("cut", [30, 300, 700])
def test_truncated_warc_keeps_records_before_the_cut(cut):
    data = _warc(
        [
            ("https://a.example/1", "text/html", b"<p>one</p>"),
            ("https://a.example/2", "text/html", b"<p>two</p>" * 100),
        ]
    )
    first, second = readers.read_warc_file("c.warc", _opener({"c.warc": data[:-cut]}), 10_000)
    assert isinstance(first, Document) and first.html == "<p>one</p>"
    assert isinstance(second, Failure) and second.error.startswith("truncated")


def test_warc_gz_members():
    data = b"".join(
        gzip.compress(_warc([(f"https://a.example/{i}", "text/html", b"<p>x</p>")])) for i in range(3)
    )
    outcomes = list(readers.read_warc_file("c.warc.gz", _opener({"c.warc.gz": data}), 10_000))
    assert [o.url for o in outcomes] == [f"https://a.example/{i}" for i in range(3)]
