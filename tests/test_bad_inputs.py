"""The bad-input matrix: hostile and broken files through the real `boilerstrip run` command.

Every input is generated here into a temp dir (no committed blobs). Cases are grouped so that
a handful of CLI runs cover them all: one over a directory of bad HTML files plus good pages,
one over JSONL, one over WARC and one over pages in legacy encodings. For every case we check
that the run exits 0, that the bad record lands in `errors/` or `filtered/` with a precise
reason and its source file, that the good records around it are intact in `clean/`, and that
`read == clean + filtered + errors`.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e import read_rows, run_cli, stats
from warc_bytes import warc_record

pytestmark = pytest.mark.e2e

# --------------------------------------------------------------------------------------------
# Realistic good pages: ~10 paragraphs of distinct English sentences, built from templates.
# --------------------------------------------------------------------------------------------

_PARAGRAPHS = (
    "The {town} council met on {day} evening to vote on the plan for the {thing}, which has been "
    "debated in the town for almost {years} years. Councillor {person} opened the session by "
    "reading out a letter signed by more than {number} residents.",
    "Supporters argue that the {thing} will bring visitors back to the old quarter of {town} during "
    "the quiet winter months. Several shop owners on the high street said their takings had fallen "
    "sharply since the last renovation was postponed.",
    "Opponents, led by a local residents' association, fear that the construction work will block "
    "the narrow lanes around the harbour for most of the summer. They also question whether the "
    "budget of {number} thousand pounds is realistic at today's prices.",
    "{person} told reporters after the meeting that the engineers had already studied three "
    "alternative routes for delivery lorries. The chosen route avoids the primary school and keeps "
    "the weekly market open on {day} mornings.",
    "The regional transport authority has promised extra bus services while the main road is "
    "closed. Timetables will be published on the council website and posted at every stop at least "
    "two weeks before the first diversion begins.",
    "Historians from the {town} museum welcomed the decision because the project includes money to "
    "restore the façade of the old customs house. The building dates from the eighteenth century "
    "and has been covered in scaffolding since a storm damaged its roof.",
    "A public exhibition of the drawings will open in the library next week. Visitors can leave "
    "written comments, and the architects have agreed to answer questions in person on two "
    "Saturday afternoons before the final design is fixed.",
    "Local schools have been invited to take part in a competition to name the new {thing}. The "
    "winning class will receive a set of books for its library and a guided tour of the building "
    "site once it is safe to visit.",
    "Environmental groups asked the council to plant native trees along the new paths and to "
    "protect the nesting sites of seabirds on the cliffs nearby. The planning officer said these "
    "conditions had been written into the contract.",
    "If everything goes to plan, work on the {thing} will start in early spring and finish before "
    "the {town} summer festival in {years} years' time. The next progress report is due at the "
    "council meeting in {month}.",
)


def article_paragraphs(town: str, thing: str, person: str, **extra: str) -> list[str]:
    values = dict(day="Tuesday", years="seven", number="1,200", month="October")
    values.update(town=town, thing=thing, person=person, **extra)
    return [template.format(**values) for template in _PARAGRAPHS]


def html_page(title: str, paragraphs: list[str], url: str, charset: str | None = "utf-8") -> str:
    """A realistic news page: navigation, an article with a headline, a footer."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"      <p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
  <head>
    {meta}
    <title>{title} | The Coastal Gazette</title>
    <link rel="canonical" href="{url}">
    <style>body {{ font-family: serif; }} .nav a {{ margin: 0 1em; }}</style>
  </head>
  <body>
    <nav class="nav"><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav>
    <article>
      <h1>{title}</h1>
      <p class="byline">By Staff Reporter</p>
{body}
    </article>
    <footer>Copyright The Coastal Gazette. All rights reserved. <a href="/privacy">Privacy</a></footer>
  </body>
</html>
"""


GOOD_HARBOUR = article_paragraphs("Port Elwyn", "harbour promenade", "Margaret Osei")
GOOD_LIBRARY = article_paragraphs("Lindenbridge", "library extension", "David Kowalski", day="Thursday")
GOOD_BRIDGE = article_paragraphs("Ashcombe", "footbridge", "Priya Raman", month="March")
GOOD_MARKET = article_paragraphs("Kessington", "covered market", "Tomás Byrne", years="five")
GOOD_PARK = article_paragraphs("Wrenfield", "skate park", "Hannah Lindqvist", number="850")
# Two different texts under one id (identical texts would be dropped as duplicate documents).
DUP_FIRST = article_paragraphs("Oldmere", "bus station", "Ines Alvarez")
DUP_SECOND = article_paragraphs("Brackwater", "sea wall", "Tom Okafor")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def assert_intact(row: dict, paragraphs: list[str]) -> None:
    """The clean text holds every paragraph of the page, in order, and is English."""
    text = _norm(row["text"])
    positions = [text.find(_norm(p)) for p in paragraphs]
    assert all(pos >= 0 for pos in positions), f"paragraphs missing from {row['id']}: {positions}"
    assert positions == sorted(positions)
    assert row["language"] == "en"
    assert row["chars"] == len(row["text"]) and row["words"] == len(row["text"].split())


# --------------------------------------------------------------------------------------------
# Running the CLI once per group and looking up where each record went.
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    output: Path
    returncode: int
    stdout: str
    stderr: str
    clean: list[dict]
    filtered: list[dict]
    errors: list[dict]
    stats: dict
    expected_read: int = 0

    def where(self, record_id: str) -> list[tuple[str, dict]]:
        """Every (kind, row) with this id, across the three outputs."""
        return [
            (kind, row)
            for kind in ("clean", "filtered", "errors")
            for row in getattr(self, kind)
            if row["id"] == record_id
        ]

    def only(self, record_id: str) -> tuple[str, dict]:
        found = self.where(record_id)
        assert len(found) == 1, f"{record_id!r} should be in exactly one output, found {found}"
        return found[0]

    def outcome(self, record_id: str) -> tuple[str, str]:
        """(kind, reason-or-error) of a record that must be in exactly one output."""
        kind, row = self.only(record_id)
        return kind, row.get("reason") or row.get("error") or ""


def cli_run(inputs: list[str], output: Path, config: dict | None = None) -> Run:
    """The command on `inputs`. The generated articles of one site share most paragraphs word for
    word (real articles do not), so site templates would rightly take them: they stay off here."""
    args = [arg for pattern in inputs for arg in ("--input", pattern)]
    args += ["--output", str(output), "--direct_running_mode=in_memory"]
    config = dict(config or {})
    config["site_templates"] = {"enabled": False, **config.get("site_templates", {})}
    config_path = output.parent / f"{output.name}-config.yaml"
    config_path.write_text(json.dumps(config))  # JSON is YAML
    args += ["--config", str(config_path)]
    result = run_cli(*args, check=False)
    if result.returncode != 0 or not (output / "stats.json").exists():
        raise AssertionError(f"boilerstrip failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return Run(
        output,
        result.returncode,
        result.stdout,
        result.stderr,
        read_rows(output, "clean"),
        read_rows(output, "filtered"),
        read_rows(output, "errors"),
        stats(output),
    )


def assert_accounted(run: Run, expected_read: int) -> None:
    s = run.stats
    assert run.returncode == 0
    assert s["read"] == expected_read, s
    assert s["read"] == s["clean"] + s["filtered"] + s["errors"]
    assert (s["clean"], s["filtered"], s["errors"]) == (len(run.clean), len(run.filtered), len(run.errors))
    assert s["accounted"] is True and "[ok]" in run.stdout
    for kind in ("clean", "filtered", "errors"):
        assert len(strict_rows(run.output, kind)) == s[kind]


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def strict_rows(output: Path, kind: str) -> list[dict]:
    """The shard lines decoded strictly: bytes must be UTF-8 and every line a JSON object."""
    rows = []
    for shard in sorted((output / kind).glob("part-*.jsonl.gz")):
        text = gzip.decompress(shard.read_bytes()).decode("utf-8", errors="strict")
        for line in text.splitlines():
            row = json.loads(line)
            assert isinstance(row, dict)
            for value in row.values():
                if isinstance(value, str):
                    value.encode("utf-8", errors="strict")  # no lone surrogates via \ud800 escapes
            rows.append(row)
    return rows


def assert_no_mojibake(text: str) -> None:
    for bad in ("\ufffd", "Ã", "Â", "â€", "ƒ", "�"):
        assert bad not in text, f"mojibake {bad!r} in {text[:200]!r}"


# --------------------------------------------------------------------------------------------
# Run 1: a directory of bad HTML files plus two good pages.
# --------------------------------------------------------------------------------------------

MAX_RECORD_BYTES = 8_000_000  # the 5 MB line fits, the 20 MB page and the bomb do not


def gzip_bomb(path: Path, expanded_bytes: int) -> None:
    """A gzip file of `expanded_bytes` zeros, compressed in 1 MB chunks (never held in memory)."""
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip container
    with path.open("wb") as out:
        for _ in range(expanded_bytes // len(chunk)):
            out.write(compressor.compress(chunk))
        out.write(compressor.flush())


def deep_page(depth: int) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in GOOD_BRIDGE)
    return (
        "<!DOCTYPE html><html><head><title>Deep</title></head><body>"
        + "<div>" * depth
        + f"<article><h1>Deep page</h1>{paragraphs}</article>"
        + "</div>" * depth
        + "</body></html>"
    )


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<html><head><title>&lol9;</title></head><body><article><p>&lol9;</p><p>&lol9;</p></article></body></html>
"""

SCRIPTS_ONLY = (
    "<!DOCTYPE html><html><head><title>App</title>"
    + "".join(
        f"<script>var chunk{i} = {list(range(40))}; function f{i}() {{ return {i}; }}</script>"
        for i in range(30)
    )
    + "".join(f"<style>.c{i} {{ color: #{i:06x}; margin: {i}px; }}</style>" for i in range(30))
    + "</head><body>"
    + "".join(f"<script src='/static/bundle{i}.js'></script><noscript></noscript>" for i in range(10))
    + "<style>body { background: white; }</style></body></html>"
)

# Stray NULs and other C0 controls inside an otherwise fine page, all past the first 1 KB (which
# the reader sniffs for binary data: a NUL there means "not-html").
NUL_PARAGRAPHS = GOOD_MARKET[:3] + [
    p.replace(" the ", " the\x00 ", 1).replace(" a ", " a\x07\x1b ", 1) for p in GOOD_MARKET[3:]
]


@pytest.fixture(scope="module")
def html_run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("html")
    d = root / "in"
    d.mkdir()
    harbour = html_page("Harbour promenade approved", GOOD_HARBOUR, "https://gazette.example/harbour")
    library = html_page("Library to grow", GOOD_LIBRARY, "https://gazette.example/library")
    (d / "good-harbour.html").write_text(harbour, encoding="utf-8")
    (d / "good-library.html.gz").write_bytes(gzip.compress(library.encode()))

    (d / "truncated.html.gz").write_bytes(gzip.compress(harbour.encode() * 3)[:400])
    (d / "not-gzip.html.gz").write_bytes(b"<html><body>this was never gzipped</body></html>")
    gzip_bomb(d / "bomb.html.gz", 200 << 20)
    (d / "empty.html").write_bytes(b"")
    (d / "zero.html.gz").write_bytes(gzip.compress(b""))  # a valid gzip of a zero-byte page
    (d / "blank.html").write_bytes(b" \n\t\r\n  \n")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    (d / "image.html").write_bytes(png)
    (d / "document.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    big_paragraph = "<p>" + " ".join(GOOD_LIBRARY) + "</p>\n"
    with (d / "huge.html").open("w", encoding="utf-8") as out:  # ~20 MB of real-looking markup
        out.write("<!DOCTYPE html><html><head><title>Huge</title></head><body><article>")
        while out.tell() < 20_000_000:
            out.write(big_paragraph)
        out.write("</article></body></html>")
    (d / "deep.html").write_text(deep_page(10_000), encoding="utf-8")
    sentence = " ".join(GOOD_PARK) + " "
    line = (sentence * (5_000_000 // len(sentence) + 1))[:5_000_000]
    (d / "one-line.html").write_text(line, encoding="utf-8")  # 5 MB, no tags, no newline
    (d / "billion-laughs.html").write_text(BILLION_LAUGHS, encoding="utf-8")
    (d / "scripts-only.html").write_text(SCRIPTS_ONLY, encoding="utf-8")
    (d / "nul-bytes.html").write_text(
        html_page("Market hall", NUL_PARAGRAPHS, "https://gazette.example/market"), encoding="utf-8"
    )
    files = len(list(d.iterdir()))
    run = cli_run([str(d / "*")], root / "out", {"limits": {"max_record_bytes": MAX_RECORD_BYTES}})
    run.expected_read = files
    return run


def test_html_run_accounts_for_every_file(html_run):
    assert_accounted(html_run, html_run.expected_read)


def test_html_run_good_pages_intact(html_run):
    kind, harbour = html_run.only("good-harbour")
    assert kind == "clean" and harbour["source"].endswith("/good-harbour.html")
    assert harbour["url"] == "https://gazette.example/harbour"
    assert_intact(harbour, GOOD_HARBOUR)
    kind, library = html_run.only("good-library")
    assert kind == "clean" and library["source"].endswith("/good-library.html.gz")
    assert_intact(library, GOOD_LIBRARY)


@pytest.mark.parametrize(
    "record_id, file_name, kind, reason",
    [
        ("truncated", "truncated.html.gz", "errors", "bad-gzip"),
        ("not-gzip", "not-gzip.html.gz", "errors", "bad-gzip"),
        ("bomb", "bomb.html.gz", "errors", "too-large"),
        ("empty", "empty.html", "filtered", "empty"),
        ("zero", "zero.html.gz", "filtered", "empty"),
        ("blank", "blank.html", "filtered", "empty"),
        ("image", "image.html", "filtered", "not-html"),
        ("document", "document.html", "filtered", "not-html"),
        ("huge", "huge.html", "errors", "too-large"),
        ("scripts-only", "scripts-only.html", "filtered", "no-main-text"),
    ],
)
def test_bad_html_file_lands_with_reason(html_run, record_id, file_name, kind, reason):
    found_kind, row = html_run.only(record_id)
    assert found_kind == kind, row
    if kind == "filtered":
        assert row["reason"] == reason, row
    else:
        assert row["error"].startswith(f"{reason}:") and row["stage"] == "read", row
    assert row["source"].endswith(f"/{file_name}")


def test_gzip_bomb_is_small_on_disk(html_run):
    source = html_run.only("bomb")[1]["source"]
    assert Path(source).stat().st_size < 1_000_000
    assert str(MAX_RECORD_BYTES) in html_run.only("bomb")[1]["error"]


def test_ten_thousand_deep_nesting_is_reported_not_lost_silently(html_run):
    """libxml2 keeps 255 levels; an article nested below that is lost, and the error says so."""
    kind, row = html_run.only("deep")
    assert row["source"].endswith("/deep.html")
    if kind == "clean":
        assert_intact(row, GOOD_BRIDGE)
    else:
        assert kind == "errors" and row["error"].startswith("too-deep"), row


def test_five_megabyte_line_without_tags(html_run):
    """No markup means no article for trafilatura (at any size): filtered, quickly, without a crash.

    Should the extractor ever keep tagless text, it must respect limits.max_output_chars.
    """
    kind, row = html_run.only("one-line")
    assert row["source"].endswith("/one-line.html")
    if kind == "clean":
        assert 0 < row["chars"] <= 1_000_000 and row["language"] == "en"
    else:
        assert (kind, row["reason"]) == ("filtered", "no-main-text"), row


def test_billion_laughs_is_not_expanded(html_run):
    kind, row = html_run.only("billion-laughs")
    assert row["source"].endswith("/billion-laughs.html")
    # The entities must never be expanded (10^9 'lol's); the page has no real text to keep.
    assert kind == "filtered" and row["reason"] in ("no-main-text", "too-short"), row
    assert all("lollollol" not in r["text"] for r in html_run.clean)


def test_nul_and_control_bytes_inside_an_html_page(html_run):
    kind, row = html_run.only("nul-bytes")
    assert kind == "clean", row
    assert not _CONTROL.search(row["text"])
    assert not _CONTROL.search(row["title"])
    assert_intact(row, [p.replace("\x00", "").replace("\x07\x1b", "") for p in NUL_PARAGRAPHS])


# --------------------------------------------------------------------------------------------
# Run 2: JSONL, with bad lines between good ones.
# --------------------------------------------------------------------------------------------

CONTROL_PARAGRAPHS = [
    p.replace(" the ", " the\u0000 ", 1)
    .replace(" of ", " of\ud800 ", 1)
    .replace(" a ", " a\u0007\u001b\u0085 ", 1)
    for p in GOOD_PARK
]


def _line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=True)  # \ud800 stays an escape, as in real dumps


@pytest.fixture(scope="module")
def jsonl_run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("jsonl")
    d = root / "in"
    d.mkdir()
    lines = [
        _line(
            {
                "id": "good-first",
                "url": "https://gazette.example/harbour",
                "html": html_page("Harbour", GOOD_HARBOUR, "https://gazette.example/harbour"),
            }
        ),
        _line(
            {"id": "good-text", "url": "https://gazette.example/library", "text": "\n\n".join(GOOD_LIBRARY)}
        ),
        '{"id": "broken-json", "url": "https://gazette.example/x", "html": "<p>unterminated',
        _line(
            {
                "id": "good-after-broken",
                "url": "https://gazette.example/bridge",
                "html": html_page("Bridge", GOOD_BRIDGE, "https://gazette.example/bridge"),
            }
        ),
        _line({"id": "no-content", "url": "https://gazette.example/nothing", "title": "Nothing here"}),
        _line({"id": "html-number", "url": "https://gazette.example/n", "html": 42}),
        _line({"id": "html-object", "url": "https://gazette.example/o", "html": {"body": "<p>x</p>"}}),
        _line({"id": "duplicate", "url": "https://gazette.example/dup-1", "text": "\n\n".join(DUP_FIRST)}),
        _line(
            {
                "id": "control-chars",
                "url": "https://gazette.example/park",
                "title": "Skate\u0000 park plan\u0007",
                "text": "\n\n".join(CONTROL_PARAGRAPHS),
            }
        ),
        _line({"id": "duplicate", "url": "https://gazette.example/dup-2", "text": "\n\n".join(DUP_SECOND)}),
        _line({"id": "good-last", "url": "https://gazette.example/market", "text": "\n\n".join(GOOD_MARKET)}),
    ]
    (d / "pages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "empty.jsonl").write_bytes(b"")  # an empty file: no records, no failure
    run = cli_run([str(d / "*.jsonl")], root / "out")
    run.expected_read = len(lines)
    return run


def test_jsonl_run_accounts_for_every_line(jsonl_run):
    assert_accounted(jsonl_run, jsonl_run.expected_read)


def test_jsonl_good_records_around_bad_lines_are_intact(jsonl_run):
    for record_id, paragraphs in [
        ("good-first", GOOD_HARBOUR),
        ("good-text", GOOD_LIBRARY),
        ("good-after-broken", GOOD_BRIDGE),
        ("good-last", GOOD_MARKET),
    ]:
        kind, row = jsonl_run.only(record_id)
        assert kind == "clean", row
        assert row["source"].endswith("/pages.jsonl")
        assert_intact(row, paragraphs)


def test_invalid_json_line_in_the_middle(jsonl_run):
    bad = [e for e in jsonl_run.errors if e["error"].startswith("bad-json:")]
    assert len(bad) == 1, jsonl_run.errors
    assert bad[0]["source"].endswith("/pages.jsonl") and bad[0]["stage"] == "read"
    assert bad[0]["id"].startswith("line-")
    assert not jsonl_run.where("broken-json"), "an unparseable line cannot have its id read"


@pytest.mark.parametrize(
    "record_id, error",
    [
        ("no-content", "missing-content"),
        ("html-number", "bad-field"),
        ("html-object", "bad-field"),
    ],
)
def test_bad_jsonl_record_is_an_error(jsonl_run, record_id, error):
    kind, row = jsonl_run.only(record_id)
    assert kind == "errors" and row["stage"] == "read"
    assert row["error"].startswith(f"{error}:"), row
    assert row["source"].endswith("/pages.jsonl")


def test_empty_jsonl_file_adds_no_records(jsonl_run):
    assert not [
        r
        for kind in ("clean", "filtered", "errors")
        for r in getattr(jsonl_run, kind)
        if "empty.jsonl" in r["source"]
    ]


def test_duplicate_id_keeps_one_and_reports_the_other(jsonl_run):
    found = jsonl_run.where("duplicate")
    assert len(found) == 2
    kinds = sorted(kind for kind, _ in found)
    assert kinds[0] == "clean" and kinds[1] in ("errors", "filtered"), found
    other = next(row for kind, row in found if kind != "clean")
    assert "duplicate" in (other.get("reason") or other.get("error")), other
    assert other["source"].endswith("/pages.jsonl")


def test_nul_surrogates_and_controls_give_valid_utf8_json(jsonl_run):
    rows = {r["id"]: r for r in strict_rows(jsonl_run.output, "clean") if r["id"] != "duplicate"}
    row = rows["control-chars"]
    assert not _CONTROL.search(row["text"]), repr(row["text"][:300])
    expected = [_CONTROL.sub("", p) for p in CONTROL_PARAGRAPHS]
    assert_intact(row, expected)


def test_control_characters_are_removed_from_the_title(jsonl_run):
    kind, row = jsonl_run.only("control-chars")
    assert kind == "clean"
    assert row["title"] == "Skate park plan", repr(row["title"])


@pytest.fixture(scope="module")
def surrogate_title_run(tmp_path_factory) -> Run:
    """Its own run: a lone surrogate in a JSONL title currently fails the whole pipeline."""
    root = tmp_path_factory.mktemp("surrogate")
    d = root / "in"
    d.mkdir()
    lines = [
        _line({"id": "good", "text": "\n\n".join(GOOD_HARBOUR)}),
        _line({"id": "surrogate-title", "title": "Skate park\ud800 plan", "text": "\n\n".join(GOOD_PARK)}),
    ]
    (d / "titles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cli_run([str(d / "*.jsonl")], root / "out")


def test_lone_surrogate_in_title_does_not_fail_the_run(surrogate_title_run):
    assert_accounted(surrogate_title_run, 2)
    rows = {r["id"]: r for r in strict_rows(surrogate_title_run.output, "clean")}
    assert_intact(rows["good"], GOOD_HARBOUR)
    assert_intact(rows["surrogate-title"], GOOD_PARK)
    assert rows["surrogate-title"]["title"] == "Skate park plan"


# --------------------------------------------------------------------------------------------
# Run 3: WARC archives, written byte by byte.
# --------------------------------------------------------------------------------------------


def warc_id(number: int) -> str:
    return f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>"


FR_PARAGRAPHS = [
    "Le conseil municipal de Saint-Malo a voté mardi soir le projet de rénovation du marché couvert, "
    "après plus de sept années de débats passionnés entre commerçants et habitants du quartier.",
    "Selon le maire, le coût total des travaux s’élèvera à près de 4 millions d’euros, soit 4 000 000 €, "
    "financés en partie par la région et par l’État dans le cadre du plan « cœur de ville ».",
    "Les commerçants redoutent cependant une baisse de fréquentation pendant le chantier, qui doit "
    "durer dix-huit mois. « Nous avons besoin d’un calendrier précis », a déclaré une fromagère.",
    "L’architecte a présenté une maquette où la façade en brique est conservée, tandis que la "
    "toiture sera remplacée par une charpente en bois certifié, plus légère et mieux isolée.",
    "Une exposition publique des plans ouvrira la semaine prochaine à la médiathèque, et les "
    "habitants pourront y déposer leurs remarques avant la décision définitive du conseil en été.",
]


@pytest.fixture(scope="module")
def warc_run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("warc")
    d = root / "in"
    d.mkdir()
    harbour = html_page("Harbour", GOOD_HARBOUR, "https://gazette.example/harbour").encode()
    french = html_page("Marché", FR_PARAGRAPHS, "https://gazette.example/marche", charset=None)
    library = html_page("Library", GOOD_LIBRARY, "https://gazette.example/library").encode()
    cut_body = html_page("Bridge", GOOD_BRIDGE, "https://gazette.example/bridge").encode()
    data = (
        warc_record(1, "https://gazette.example/harbour", "text/html; charset=utf-8", harbour)
        + warc_record(
            2, "https://gazette.example/marche", "text/html; charset=windows-1252", french.encode("cp1252")
        )
        + warc_record(3, "https://gazette.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(500))
        + warc_record(4, "https://gazette.example/library", "text/html", library)
        + warc_record(5, "https://gazette.example/bridge", "text/html", cut_body)
    )
    (d / "crawl.warc").write_bytes(data[: -len(cut_body) // 2])  # record 5 loses half its body
    members = [
        gzip.compress(
            warc_record(
                11, "https://gazette.example/park", "text/html", html_page("Park", GOOD_PARK, "u").encode()
            )
        ),
        gzip.compress(
            warc_record(
                12, "https://gazette.example/market", "text/html", html_page("M", GOOD_MARKET, "u").encode()
            )
        ),
    ]
    (d / "crawl2.warc.gz").write_bytes(members[0] + members[1][: len(members[1]) // 2])  # cut inside gzip
    (d / "empty.warc").write_bytes(b"")
    run = cli_run([str(d / "*")], root / "out")
    return run


def test_warc_run_accounts_for_every_record(warc_run):
    # 5 records in crawl.warc, 2 in crawl2.warc.gz, none in empty.warc
    assert_accounted(warc_run, 7)


def test_warc_records_before_the_cut_are_intact(warc_run):
    for number, paragraphs in [(1, GOOD_HARBOUR), (4, GOOD_LIBRARY), (11, GOOD_PARK)]:
        kind, row = warc_run.only(warc_id(number))
        assert kind == "clean", row
        assert row["source"].endswith(".warc") or row["source"].endswith(".warc.gz")
        assert_intact(row, paragraphs)
    kind, row = warc_run.only(warc_id(3))
    assert (kind, row["reason"]) == ("filtered", "not-html")
    assert row["source"].endswith("/crawl.warc")


def test_truncated_warc_record(warc_run):
    kind, row = warc_run.only(warc_id(5))
    assert kind == "errors" and row["error"].startswith("truncated:"), row
    assert row["source"].endswith("/crawl.warc") and row["stage"] == "read"


def test_truncated_gzip_member_in_warc_gz(warc_run):
    kind, row = warc_run.only(warc_id(12))
    assert kind == "errors" and row["error"].startswith("truncated:"), row
    assert row["source"].endswith("/crawl2.warc.gz") and row["stage"] == "read"


def test_warc_header_charset_is_used(warc_run):
    kind, row = warc_run.only(warc_id(2))
    assert kind == "clean" and row["language"] == "fr"
    assert_no_mojibake(row["text"])
    for word in ("rénovation", "s’élèvera", "4 000 000 €", "« cœur de ville »", "façade", "médiathèque"):
        assert word in row["text"]


# --------------------------------------------------------------------------------------------
# Run 4: legacy encodings, with and without a charset declaration.
# --------------------------------------------------------------------------------------------

DE_PARAGRAPHS = [
    "Der Gemeinderat von Lüneburg hat am Dienstagabend den Umbau der alten Markthalle beschlossen, "
    "nachdem Händler und Anwohner mehr als sieben Jahre über die Pläne gestritten hatten.",
    "Die Kosten belaufen sich nach Angaben der Bürgermeisterin auf knapp vier Millionen, wovon das "
    "Land einen großen Teil übernimmt. Die Bauarbeiten sollen im Frühjahr beginnen.",
    "Viele Geschäftsleute in der Fußgängerzone befürchten während der Bauzeit weniger Kundschaft. "
    "„Wir brauchen einen verlässlichen Zeitplan“, sagte die Inhaberin einer Bäckerei.",
    "Der Architekt zeigte ein Modell, in dem die Fassade aus Backstein erhalten bleibt, während das "
    "Dach durch eine leichtere und besser gedämmte Holzkonstruktion ersetzt wird.",
    "Eine öffentliche Ausstellung der Entwürfe öffnet nächste Woche in der Stadtbücherei; Bürger "
    "können dort ihre Anmerkungen abgeben, bevor der Rat im Sommer endgültig entscheidet.",
]
# latin-1 has no „ “ (those are cp1252 only); keep the German quotes out of the latin-1 page.
DE_LATIN1 = [p.replace("„", "»").replace("“", "«") for p in DE_PARAGRAPHS]

JA_PARAGRAPHS = [
    "港町の市議会は火曜日の夜、古い市場の改修計画を賛成多数で可決しました。商店主と住民の間では七年以上も議論が続いていました。",
    "市長によると、工事費はおよそ四億円で、その多くを県と国の補助金でまかなう予定です。工事は来年の春に始まります。",
    "商店街の店主たちは、工事の期間中に客足が遠のくことを心配しています。パン屋の店主は「はっきりした日程が必要です」と話しました。",
    "建築家は、れんが造りの外壁を残しながら、屋根を軽くて断熱性の高い木造の構造に替える模型を示しました。",
    "設計案の展示会は来週から市立図書館で開かれます。市民は夏の最終決定の前に意見を書いて提出することができます。",
    "地元の小学校では、新しい市場の名前を募集するコンテストも行われる予定で、子どもたちの間で話題になっています。",
]


def _encoding_page(title: str, paragraphs: list[str], charset: str | None, lang: str) -> str:
    return html_page(title, paragraphs, f"https://gazette.example/{lang}", charset=charset).replace(
        '<html lang="en">', f'<html lang="{lang}">'
    )


ENCODING_CASES = {
    # id: (paragraphs, python codec, declared charset or None, language, words that must survive)
    "fr-cp1252-declared": (
        FR_PARAGRAPHS,
        "cp1252",
        "windows-1252",
        "fr",
        ("s’élèvera", "4 000 000 €", "« cœur"),
    ),
    "fr-cp1252-undeclared": (FR_PARAGRAPHS, "cp1252", None, "fr", ("s’élèvera", "4 000 000 €", "« cœur")),
    "de-latin1-declared": (
        DE_LATIN1,
        "latin-1",
        "iso-8859-1",
        "de",
        ("Lüneburg", "Fußgängerzone", "öffentliche"),
    ),
    "de-latin1-undeclared": (DE_LATIN1, "latin-1", None, "de", ("Lüneburg", "Fußgängerzone", "öffentliche")),
    "de-cp1252-declared-latin1": (
        DE_PARAGRAPHS,
        "cp1252",
        "iso-8859-1",
        "de",
        ("„Wir brauchen", "Zeitplan“"),
    ),
    "ja-sjis-declared": (
        JA_PARAGRAPHS,
        "shift_jis",
        "Shift_JIS",
        "ja",
        ("市議会", "「はっきりした日程が必要です」"),
    ),
    "ja-sjis-undeclared": (
        JA_PARAGRAPHS,
        "shift_jis",
        None,
        "ja",
        ("市議会", "「はっきりした日程が必要です」"),
    ),
    "fr-declared-utf8-but-cp1252": (FR_PARAGRAPHS, "cp1252", "utf-8", "fr", ("s’élèvera", "4 000 000 €")),
}


@pytest.fixture(scope="module")
def encodings_run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("enc")
    d = root / "in"
    d.mkdir()
    for record_id, (paragraphs, codec, charset, lang, _) in ENCODING_CASES.items():
        page = _encoding_page(record_id, paragraphs, charset, lang)
        (d / f"{record_id}.html").write_bytes(page.encode(codec))
    # Japanese has no spaces between words: count characters, not words, for this run.
    # The pages share their text across encodings on purpose, so duplicate removal is off here.
    config = {"filters": {"min_words": 5}, "site_templates": {"drop_duplicates": False}}
    run = cli_run([str(d / "*.html")], root / "out", config)
    return run


def test_encodings_run_accounts_for_every_file(encodings_run):
    assert_accounted(encodings_run, len(ENCODING_CASES))


@pytest.mark.parametrize("record_id", list(ENCODING_CASES))
def test_legacy_encoding_decodes_without_mojibake(encodings_run, record_id):
    paragraphs, _, _, lang, words = ENCODING_CASES[record_id]
    kind, row = encodings_run.only(record_id)
    assert kind == "clean", row
    assert row["source"].endswith(f"/{record_id}.html")
    assert_no_mojibake(row["text"])
    for word in words:
        assert word in row["text"], (word, row["text"][:300])
    assert _norm(paragraphs[0]) in _norm(row["text"])
    assert row["language"] == lang
