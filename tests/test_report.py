"""The run report: what the pipeline collects for it, the page it renders, and the commands."""

from __future__ import annotations

import json
import re
import subprocess

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from e2e import CLI, SAMPLE_INPUTS, run_cli, stats

from boilerstrip.pipeline.report import bar_chart, render
from boilerstrip.transforms.record import Failure, Rejected, Removal
from boilerstrip.transforms.run_profile import (
    LENGTH_EDGES,
    SAMPLE_SIZE,
    ProfileFn,
    RemovalProfile,
    length_bin,
    rejection_pair,
    summarize,
)


@pytest.mark.parametrize(
    ("chars", "expected_edge"), [(0, 0), (1, 1), (9, 1), (10, 10), (99, 75), (100, 100), (10**9, 10**7)]
)
def test_length_bins_are_log_scale_with_a_bin_for_empty(chars, expected_edge):
    assert LENGTH_EDGES[length_bin(chars)] == expected_edge


def _removals(n: int) -> list[Removal]:
    return [Removal(f"doc-{i}", "ad-slot", f"ADVERTISEMENT {i}") for i in range(n)]


def _flushed(removals: list[Removal]) -> list[tuple]:
    profile = RemovalProfile()
    for removal in removals:
        profile.add(removal)
    return [output.value.value for output in profile.flush()]


def test_removal_sample_is_the_same_whatever_the_order():
    removals = _removals(50)
    forward, backward = _flushed(removals), _flushed(removals[::-1])
    assert forward == backward
    (chars_key, chars), (sample_key, sample) = forward
    assert chars_key == ("chars-removed", "ad-slot") and chars == sum(len(r.text) for r in removals)
    assert sample_key == ("removed-sample", "ad-slot") and len(sample) == SAMPLE_SIZE
    assert sample == sorted(sample)


def test_profile_combines_to_the_same_result_however_the_bundles_fall():
    removals = _removals(30)
    halves = _flushed(removals[:13]) + _flushed(removals[13:])
    with TestPipeline() as p:
        folded = p | beam.Create(halves) | beam.CombineGlobally(ProfileFn())
        assert_that(folded, equal_to([sorted(_flushed(removals))]))


def test_filtered_and_error_records_become_keyed_examples():
    key, [entry] = rejection_pair(Rejected("a", "in.html", "https://x.example/a", "too-short"))
    assert key == ("filtered-sample", "too-short") and entry[1:] == ("a", "in.html", "https://x.example/a")
    key, [entry] = rejection_pair(Failure("b", "in.jsonl", "read", "bad-json: oops"))
    assert key == ("errors-sample", "read:bad-json") and entry[1:] == ("b", "in.jsonl", "bad-json: oops")


def test_summary_keeps_the_top_sites_and_page_types_only_when_present():
    pairs = [(("template-lines", f"site{i}.example"), i) for i in range(30)]
    pairs += [(("clean-chars", length_bin(500)), 2), (("language-chars", "en"), 1000)]
    figures = summarize(pairs, top_sites=3)["figures"]
    assert list(figures["template_lines_by_site"]) == ["site29.example", "site28.example", "site27.example"]
    assert figures["sites_with_template_lines"] == 30
    assert figures["length_histogram"]["clean"][length_bin(500)] == 2
    assert "page_types" not in figures
    counts = summarize(
        [(("read", ""), 7), (("lines-removed", "ad-slot"), 3), (("site-template", "a.example"), (5, 9))]
    )
    assert (counts["read"], counts["removed_by_rule"], counts["templates"]) == (
        7,
        {"ad-slot": 3},
        {"a.example": [5, 9]},
    )
    with_types = summarize(pairs + [(("page-type-docs", "forum"), 2), (("page-type-chars", "forum"), 900)])
    assert with_types["figures"]["page_types"] == {"forum": {"docs": 2, "chars": 900}}


STATS = {
    "read": 7,
    "clean": 4,
    "filtered": 2,
    "errors": 1,
    "accounted": True,
    "filtered_by_reason": {"too-short": 2},
    "errors_by_kind": {"read:bad-json": 1},
    "languages": {"en": 3, "de": 1},
    "removed_by_rule": {"ad-slot": 5, "title-line": 2},
    "chars_removed_by_rule": {"ad-slot": 65, "title-line": 80},
    "chars_by_language": {"en": 3000, "de": 900},
    "clean_chars": 3900,
    "length_histogram": {"edges": list(LENGTH_EDGES), "extracted": [0] * 51, "clean": [0] * 51},
    "template_lines_by_site": {"news.example": 12},
    "sites_with_template_lines": 1,
    "wall_seconds": 3.5,
    "runner": "FnApiRunner (multi_processing, 2 workers)",
    "inputs": ["in/*"],
    "config": {"filters": {"min_words": 30}},
}
SAMPLES = {
    "removed": {"ad-slot": [{"id": "<script>alert(1)</script>", "text": "ADVERTISEMENT & more"}]},
    "filtered": {"too-short": [{"id": "short-1", "source": "in/a.html", "url": ""}]},
    "errors": {"read:bad-json": [{"id": "line-1", "source": "in/b.jsonl", "error": "bad-json: x"}]},
}


def _stats_shown(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-stat="([^"]+)">([^<]+)<', page))


def test_report_shows_the_counts_and_examples_escaped():
    page = render(STATS, SAMPLES, [])
    shown = _stats_shown(page)
    assert (shown["read"], shown["clean"], shown["filtered"], shown["errors"]) == ("7", "4", "2", "1")
    assert shown["removed_by_rule:ad-slot"] == "5" and shown["filtered_by_reason:too-short"] == "2"
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "ADVERTISEMENT &amp; more" in page and "in/b.jsonl" in page and "news.example" in page
    assert "--audit" in page and 'href="removed/' not in page


def test_report_loads_nothing_from_anywhere():
    page = render(STATS, SAMPLES, ["removed/part-00000-of-00001.jsonl.gz"])
    assert not re.search(r"\b(src|srcset)=|url\(|@import|<script|<link", page)
    assert re.findall(r'href="([^"]+)"', page) == ["removed/part-00000-of-00001.jsonl.gz"]


def test_report_shows_page_types_when_the_stats_have_them():
    assert 'data-plot="page_types"' not in render(STATS, SAMPLES, [])
    for page_types in (
        {"article": {"docs": 3, "chars": 3500}, "forum": {"docs": 1, "chars": 400}},
        {"forum": 4},
    ):
        page = render({**STATS, "page_types": page_types}, SAMPLES, [])
        assert 'data-plot="page_types"' in page and 'data-label="forum"' in page


def test_bar_chart_draws_one_bar_per_item_longest_for_the_largest():
    svg = bar_chart("demo", [("a", 10), ("b", 5), ("c", 0)])
    widths = [float(w) for w in re.findall(r'class="bar"[^>]*width="([\d.]+)"', svg)]
    assert len(widths) == 3 and widths[0] > widths[1] > widths[2] == 0


def _without_timing(page: str) -> str:
    return re.sub(r'<span data-run="[^"]+">[^<]*</span>', "", page)


@pytest.mark.e2e
def test_every_run_writes_a_report_that_report_rebuilds(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    result = run_cli(*SAMPLE_INPUTS, "--output", str(first))
    run_cli(*SAMPLE_INPUTS, "--output", str(second), "--direct_num_workers=1")
    report = first / "report.html"
    assert result.stdout.rstrip().endswith(f"report: {report}")
    page = report.read_text(encoding="utf-8")
    s = stats(first)
    assert _stats_shown(page)["read"] == str(s["read"]) and s["runner"].startswith("FnApiRunner")
    samples = json.loads((first / "samples.json").read_text())
    assert set(samples["removed"]) == set(s["removed_by_rule"])
    assert set(samples["filtered"]) == set(s["filtered_by_reason"])
    # Same input and config: the same page but for wall time, pages/s and the runner line.
    other = (second / "report.html").read_text(encoding="utf-8")
    assert _without_timing(page).replace("1 worker)", "2 workers)") == _without_timing(other).replace(
        "1 worker)", "2 workers)"
    )
    report.unlink()
    rebuilt = subprocess.run([CLI, "report", str(first)], capture_output=True, text=True, check=True)
    assert rebuilt.stdout.strip() == f"report: {report}"
    assert report.read_text(encoding="utf-8") == page


@pytest.mark.e2e
def test_no_report_skips_it_and_audit_links_the_removed_shards(tmp_path):
    quiet = tmp_path / "quiet"
    result = run_cli(*SAMPLE_INPUTS, "--output", str(quiet), "--no-report")
    assert not (quiet / "report.html").exists() and "report:" not in result.stdout
    assert (quiet / "samples.json").exists()
    audited = tmp_path / "audited"
    run_cli(*SAMPLE_INPUTS, "--output", str(audited), "--audit")
    page = (audited / "report.html").read_text(encoding="utf-8")
    for link in re.findall(r'href="([^"]+)"', page):
        assert (audited / link).is_file() and link.startswith("removed/part-")
    assert 'href="removed/' in page


def test_report_of_a_folder_without_a_finished_run_is_refused(tmp_path):
    result = subprocess.run([CLI, "report", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2 and "no finished run" in result.stderr
