"""`boilerstrip inspect`: one page through the chain, every removal in place with its rule."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import SAMPLE
from e2e import CLI, run_cli
from warc_bytes import warc_record

from boilerstrip.pipeline.config import Config
from boilerstrip.pipeline.inspect_page import as_html, as_text, inspect_page
from boilerstrip.transforms.annotate import LINE, PAGE, Item, mark_removed_lines, place_page_elements

FISH_MARKET = str(SAMPLE / "html" / "dailyharbor-fish-market-reopens.html")


@pytest.mark.parametrize(
    ("lines", "kept", "removals", "expected_rules"),
    [
        (["a", "b", "c"], ["a", "c"], [("r", "b")], [None, "r", None]),
        # A pull quote repeating a paragraph: the second copy is the one that went.
        (["p", "q", "p"], ["p", "q"], [("repeated-line", "p")], [None, None, "repeated-line"]),
        # A caption shown twice: both went, each with its rule.
        (["c", "x", "c"], ["x"], [("repeated-line", "c")] * 2, ["repeated-line", None, "repeated-line"]),
        (["  padded "], [], [("r", "padded")], ["r"]),
    ],
)
def test_removed_lines_are_marked_in_place(lines, kept, removals, expected_rules):
    marked = mark_removed_lines([Item(line) for line in lines], kept, removals)
    assert [item.rule for item in marked] == expected_rules
    assert [item.text for item in marked] == lines


def test_lines_already_marked_stay_marked():
    items = [Item("ad", "ad-slot", PAGE), Item("a"), Item("b")]
    marked = mark_removed_lines(items, ["a"], [("caption-line", "b")])
    assert marked == [Item("ad", "ad-slot", PAGE), Item("a"), Item("b", "caption-line", LINE)]


def test_page_elements_go_where_their_text_stands_in_the_page():
    page = "Headline  Accept cookies now First paragraph here. ADVERTISEMENT Second paragraph. Related: x y"
    items = [Item("First paragraph here."), Item("Second paragraph.")]
    elements = [
        ("consent-banner", "Accept cookies now"),
        ("ad-slot", "ADVERTISEMENT"),
        ("related-links", "Related: x y"),
    ]
    placed = place_page_elements(page, items, elements)
    assert [(item.rule, item.text) for item in placed] == [
        ("consent-banner", "Accept cookies now"),
        (None, "First paragraph here."),
        ("ad-slot", "ADVERTISEMENT"),
        (None, "Second paragraph."),
        ("related-links", "Related: x y"),
    ]


def test_inspect_marks_page_elements_and_lines_of_a_sample_page_in_order():
    inspection = inspect_page(FISH_MARKET, Config())
    assert inspection.outcome == "clean"
    text = as_text(inspection)
    lines = text.splitlines()
    assert lines[0].startswith("# dailyharbor-fish-market-reopens · url https://dailyharbor.example/")
    assert "\x1b[" not in text
    marks = [line.split("]")[0] + "]" for line in lines if line.startswith("- [")]
    assert marks == [
        "- [title-line]",
        "- [consent-banner, page element]",
        "- [read-more-teaser]",
        "- [ad-slot, page element]",
        # The briefing box's class word 'promo' is no page rule (it named content on the dev
        # sets), so its lines go by the text rules.
        "- [newsletter-prompt]",
        "- [newsletter-prompt]",
        "- [consent-line]",
        "- [share-bar, page element]",
        "- [related-links, page element]",
    ]
    teaser = lines.index("- [read-more-teaser] READ MORE: Fishing fleet warns of quota squeeze this summer")
    assert lines[teaser - 1].startswith("  Skipper Ellen Marsh")
    # The kept lines are exactly the clean text the pipeline writes.
    kept = [line[2:] for line in lines if line.startswith("  ")]
    assert kept == [line for line in inspection.doc.text.split("\n") if line.strip()]
    assert lines[-1].startswith("# clean: 6 lines kept") and "5 lines, 4 page elements" in lines[-1]


def test_inspect_colours_only_when_asked_and_writes_a_side_by_side_page():
    inspection = inspect_page(FISH_MARKET, Config())
    assert "\x1b[1;33m[consent-banner, page element]\x1b[0m" in as_text(inspection, colour=True)
    page = as_html(inspection)
    assert (
        page.count('data-rule="ad-slot"') == 1
        and page.count('data-rule="newsletter-prompt"') == 2
        and "clean text" in page
    )
    assert "<script" not in page and "src=" not in page


@pytest.mark.e2e
def test_inspect_command_prints_plain_text_when_piped_and_reads_a_jsonl_line(tmp_path):
    html = tmp_path / "page.html"
    result = subprocess.run(
        [CLI, "inspect", FISH_MARKET, "--html", str(html)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "- [consent-banner, page element] We use cookies" in result.stdout and "\x1b[" not in result.stdout
    assert html.exists() and result.stdout.rstrip().endswith(f"html: {html}")
    assert result.stderr == ""
    jsonl = SAMPLE / "jsonl" / "pages.jsonl"
    first = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    line = subprocess.run([CLI, "inspect", str(jsonl), "--line", "1"], capture_output=True, text=True)
    assert line.returncode == 0 and line.stdout.startswith(f"# {first['id']}")


ARTICLE = (
    "{name} met on {day} to talk about the harbour, the ferries and the price of bread in the town, "
    "and {count} people came to listen to the long and careful discussion that followed in the hall."
)
FOOTER = "Printed edition delivered each Thursday across the valley"


@pytest.mark.e2e
def test_inspect_applies_the_site_templates_an_earlier_run_saved(tmp_path):
    names = ["The council", "A bakery", "The school", "The club", "The choir", "The museum"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    records = [
        {
            "id": f"page-{i}",
            "url": f"https://news.example.com/story-{i}",
            "text": f"{ARTICLE.format(name=names[i], day=days[i], count=10 + i)}\n\n{FOOTER}",
        }
        for i in range(6)
    ]
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    output = tmp_path / "out"
    run_cli("--input", str(corpus), "--output", str(output), "--no-report")
    assert (output / "site-templates.json.gz").exists()
    plain = subprocess.run([CLI, "inspect", str(corpus), "--line", "2"], capture_output=True, text=True)
    assert f"  {FOOTER}" in plain.stdout
    templated = subprocess.run(
        [CLI, "inspect", str(corpus), "--line", "2", "--templates-from", str(output)],
        capture_output=True,
        text=True,
    )
    assert templated.returncode == 0, templated.stderr
    assert f"- [site-template, site template] {FOOTER}" in templated.stdout


@pytest.mark.e2e
def test_inspect_says_what_became_of_a_broken_page_and_refuses_a_missing_one(tmp_path):
    broken = subprocess.run(
        [CLI, "inspect", str(SAMPLE / "html" / "truncated.html.gz")], capture_output=True, text=True
    )
    assert broken.returncode == 1 and "# error: read:bad-gzip" in broken.stdout
    missing = subprocess.run([CLI, "inspect", str(tmp_path / "none.html")], capture_output=True, text=True)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_inspect_reads_the_nth_record_of_a_warc_file(tmp_path):
    warc = tmp_path / "crawl.warc"
    page = (SAMPLE / "html" / "dailyharbor-fish-market-reopens.html").read_bytes()
    image = warc_record(1, "https://dailyharbor.example/logo.png", "image/png", b"\x89PNG\r\n")
    warc.write_bytes(image + warc_record(2, "https://dailyharbor.example/news/x", "text/html", page))
    assert inspect_page(str(warc), Config(), line=1).outcome == "filtered: not-html"
    inspection = inspect_page(str(warc), Config(), line=2)
    assert inspection.outcome == "clean" and inspection.doc.url == "https://dailyharbor.example/news/x"
    assert any(item.rule == "consent-banner" for item in inspection.items)
