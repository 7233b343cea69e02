"""End to end: the real command on the bundled sample corpus and on generated files."""

from __future__ import annotations

import json
import logging
import shutil
from collections import Counter

import pyarrow.dataset as ds
import pytest
from apache_beam.runners.portability.fn_api_runner.fn_runner import FnApiRunner
from conftest import SAMPLE
from e2e import SAMPLE_INPUTS, read_rows, run_cli, shard_bytes, stats

from boilerstrip.pipeline.cli import beam_options, local_runner
from boilerstrip.pipeline.quiet import BEAM_NOISE, DropBeamNoise
from boilerstrip.pipeline.runs import bucket_of
from boilerstrip.transforms.page_type import PAGE_TYPES
from boilerstrip.transforms.site_templates import site_of

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    output = tmp_path_factory.mktemp("sample") / "out"
    result = run_cli(*SAMPLE_INPUTS, "--output", str(output))
    return output, result


def test_every_record_is_accounted_for(sample_run):
    output, result = sample_run
    s = stats(output)
    clean, filtered, errors = (read_rows(output, k) for k in ("clean", "filtered", "errors"))
    assert s["read"] == len(clean) + len(filtered) + len(errors)
    assert (s["clean"], s["filtered"], s["errors"]) == (len(clean), len(filtered), len(errors))
    assert s["accounted"] is True
    assert "[ok]" in result.stdout and f"read {s['read']}" in result.stdout
    assert len(clean) >= 20


def test_stats_count_clean_documents_without_a_site(sample_run):
    """Text files carry no url, so they have no site key and take no part in site templates."""
    output, _ = sample_run
    clean = read_rows(output, "clean")
    unsited = sum(site_of(row["url"]) is None for row in clean)
    assert unsited >= 1
    assert stats(output)["no_site"] == unsited


def test_stats_count_clean_documents_by_page_type(sample_run):
    output, _ = sample_run
    clean = read_rows(output, "clean")
    by_type = Counter(row["page_type"] or "text" for row in clean)
    assert {kind: v["docs"] for kind, v in stats(output)["page_types"].items()} == dict(by_type)
    assert by_type["text"] >= 1 and set(by_type) - {"text"} <= set(PAGE_TYPES)


def test_stats_count_the_pages_that_took_the_fallback(tmp_path):
    """A page whose fast text is a few words gets trafilatura's fallback; a full article does not."""
    article = "".join(
        f"<p>In week {week} the harbour wall grew by {week * 5} metres, and the crews said the "
        f"weather had helped them more than in any week before; the council thanked them.</p>"
        for week in range(1, 13)
    )
    short = "<p>Opening hours change on Monday.</p>"
    pages = tmp_path / "pages.jsonl"
    pages.write_text(
        "".join(
            json.dumps(
                {
                    "id": name,
                    "url": f"https://harbour.example/{name}",
                    "html": f"<html><body>{b}</body></html>",
                }
            )
            + "\n"
            for name, b in (("article", f"<article>{article}</article>"), ("notice", short))
        )
    )
    output = tmp_path / "out"
    result = run_cli("--input", str(pages), "--output", str(output), "--no-report")
    assert stats(output)["extraction"] == {"fallback": 1}
    assert "extraction: fallback 1" in result.stdout


def test_broken_inputs_land_in_filtered_or_errors(sample_run):
    output, _ = sample_run
    filtered = {r["id"]: r for r in read_rows(output, "filtered")}
    errors = {r["id"]: r for r in read_rows(output, "errors")}
    assert filtered["broken-empty"]["reason"] == "empty"
    assert filtered["broken-binary"]["reason"] == "not-html"
    assert errors["truncated"]["error"].startswith("bad-gzip")
    assert errors["truncated"]["source"].endswith("truncated.html.gz")
    bad_json = [e for e in errors.values() if e["error"].startswith("bad-json")]
    assert len(bad_json) == 1 and bad_json[0]["source"].endswith("pages.jsonl")


def test_audit_is_off_by_default_but_counts_are_always_there(sample_run):
    output, _ = sample_run
    assert not (output / "removed").exists()
    counts = stats(output)["removed_by_rule"]
    assert counts["consent-line"] >= 1 and counts["read-full-article"] >= 1


def test_sample_boilerplate_is_gone_and_near_misses_survive(sample_run):
    output, _ = sample_run
    text = {r["id"]: r["text"] for r in read_rows(output, "clean")}
    everything = "\n".join(text.values())
    for boilerplate in (
        "We use your sign-up",
        "Read Full Article",
        "READ MORE:",
        "Share this article",
        "Islanders Queue For The Last Evening Ferry",
    ):
        assert boilerplate not in everything, boilerplate
    assert "The council said in its newsletter that" in text["dailyharbor-harbour-council-budget"]
    ferry = text["dailyharbor-ferry-timetable-changes"]
    assert "we will fight for the boat" in ferry and "What happens next" in ferry


def test_clean_records_have_the_documented_fields(sample_run):
    output, _ = sample_run
    rows = read_rows(output, "clean")
    assert list(rows[0]) == [
        "id",
        "url",
        "title",
        "text",
        "language",
        "language_score",
        "page_type",
        "source",
        "date",
        "author",
        "chars",
        "words",
    ]
    # Ordered by a stable hash of the id, then by id, so one id's copies are adjacent.
    assert rows == sorted(rows, key=lambda r: (bucket_of(r["id"]), r["id"]))
    languages = {r["language"] for r in rows}
    assert {"en", "de", "fr", "es"} <= languages
    html_rows = [r for r in rows if r["source"].endswith((".html", ".html.gz"))]
    assert all(r["url"].startswith("https://") for r in html_rows)
    assert all(r["chars"] == len(r["text"]) and r["words"] == len(r["text"].split()) for r in rows)
    manifest = json.loads((output / "manifest.json").read_text())
    assert sum(s["records"] for s in manifest["shards"] if s["kind"] == "clean") == len(rows)


def test_same_input_gives_identical_bytes_in_process_and_multi_process(sample_run, tmp_path):
    output, _ = sample_run
    again = tmp_path / "again"
    run_cli(*SAMPLE_INPUTS, "--output", str(again), "--direct_running_mode=in_memory")
    assert shard_bytes(again) == shard_bytes(output)
    assert json.loads((again / "manifest.json").read_text()) == json.loads(
        (output / "manifest.json").read_text()
    )


def test_refuses_non_empty_output_unless_overwrite(tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    (output / "stale.txt").write_text("x")
    refused = run_cli("--input", f"{SAMPLE}/text/*.txt", "--output", str(output), check=False)
    assert refused.returncode == 2 and "not empty" in refused.stderr
    run_cli(
        "--input",
        f"{SAMPLE}/text/*.txt",
        "--output",
        str(output),
        "--overwrite",
        "--direct_running_mode=in_memory",
    )
    assert stats(output)["read"] == 2
    assert (output / "stale.txt").exists(), "--overwrite only replaces what boilerstrip wrote"


def test_clear_errors_before_any_work(tmp_path):
    missing = run_cli(
        "--input", str(tmp_path / "nothing-*.html"), "--output", str(tmp_path / "o"), check=False
    )
    assert missing.returncode == 2 and "no files match --input" in missing.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("filters:\n  min_word: 3\n")
    config = run_cli(
        "--input", f"{SAMPLE}/text/*.txt", "--output", str(tmp_path / "o"), "--config", str(bad), check=False
    )
    assert (
        config.returncode == 2
        and "unknown key 'filters.min_word'" in config.stderr
        and str(bad) in config.stderr
    )


def test_parquet_output_loads_with_pyarrow_and_hugging_face_datasets(tmp_path):
    output = tmp_path / "pq"
    run_cli(
        "--input",
        f"{SAMPLE}/html/*",
        "--output",
        str(output),
        "--output-format",
        "parquet",
        "--num-shards",
        "3",
        "--direct_running_mode=in_memory",
    )
    clean = ds.dataset(str(output / "clean"), format="parquet").to_table()
    assert clean.num_rows == stats(output)["clean"]
    assert clean.schema.field("language_score").type == "double"
    assert len(list((output / "clean").glob("part-*-of-00003.parquet"))) == 3
    filtered = ds.dataset(str(output / "filtered"), format="parquet").to_table()
    assert filtered.column_names == ["id", "url", "source", "reason"]
    datasets = pytest.importorskip("datasets", reason="Hugging Face datasets is not installed (optional)")
    loaded = datasets.load_dataset(
        "parquet",
        data_files=str(output / "clean" / "*.parquet"),
        split="train",
        cache_dir=str(tmp_path / "hf"),
    )
    assert loaded.num_rows == clean.num_rows
    assert sorted(loaded["id"]) == sorted(clean.column("id").to_pylist())


def test_shared_seed_example_through_text_format(scraped_example, tmp_path):
    raw, _ = scraped_example
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(raw, inputs / "scraped-article.txt")
    output = tmp_path / "out"
    run_cli(
        "--input",
        str(inputs / "*.txt"),
        "--input-format",
        "text",
        "--output",
        str(output),
        "--direct_running_mode=in_memory",
    )
    (row,) = read_rows(output, "clean")
    assert row["title"].startswith("Elon Musk warning: Fears for SpaceX boss")
    assert row["language"] == "en"


def test_jsonl_output_loads_with_hugging_face_datasets(sample_run, tmp_path):
    datasets = pytest.importorskip("datasets", reason="Hugging Face datasets is not installed (optional)")
    output, _ = sample_run
    loaded = datasets.load_dataset(
        "json", data_files=str(output / "clean" / "*.jsonl.gz"), split="train", cache_dir=str(tmp_path)
    )
    assert loaded.num_rows == stats(output)["clean"]
    assert loaded.features["text"].dtype == "string"
    assert loaded.features["language_score"].dtype == "float64"
    assert sorted(loaded["id"]) == sorted(row["id"] for row in read_rows(output, "clean"))


def test_jsonl_output_loads_with_pyarrow_dataset(sample_run):
    output, _ = sample_run
    clean = ds.dataset(str(output / "clean"), format="json").to_table()
    assert clean.num_rows == stats(output)["clean"]
    assert clean.schema.field("language_score").type == "double"
    assert sorted(clean.column("id").to_pylist()) == sorted(row["id"] for row in read_rows(output, "clean"))


def test_local_default_runs_beams_fn_api_runner_with_the_options():
    options = beam_options([])
    runner = local_runner([], options)
    assert isinstance(runner, FnApiRunner)
    # The workers get the options the DirectRunner would hand them, e.g. the harness log level.
    shipped = runner._provision_info.provision_info.pipeline_options
    assert shipped["beam:option:default_sdk_harness_log_level:v1"] == "WARNING"
    assert shipped["beam:option:direct_running_mode:v1"] == "multi_processing"
    assert local_runner(["--runner=DirectRunner"], beam_options(["--runner=DirectRunner"])) is None
    assert local_runner(["--runner", "DataflowRunner"], options) is None


def test_local_run_never_tries_to_download_prism(tmp_path):
    result = run_cli(*SAMPLE_INPUTS, "--output", str(tmp_path / "out"), "--verbose")
    assert "prism" not in result.stderr.lower()


def test_a_run_prints_only_progress_and_the_summary(sample_run):
    _, result = sample_run
    noise = [line for line in result.stderr.splitlines() if not line.startswith("boilerstrip progress")]
    assert noise == [], result.stderr
    assert result.stdout.startswith("read ") and "Traceback" not in result.stdout


def test_beams_start_up_noise_is_dropped_and_nothing_else():
    records = [logging.makeLogRecord({"msg": m, "levelno": logging.WARNING}) for m in BEAM_NOISE]
    assert not any(DropBeamNoise().filter(record) for record in records)
    kept = logging.makeLogRecord({"msg": "1 file for 2 workers: split it", "levelno": logging.WARNING})
    assert DropBeamNoise().filter(kept)


def test_local_workers_start_quiet_unless_verbose():
    options = beam_options([])
    assert "boilerstrip.pipeline.worker" in type(local_runner([], options)).QUIET_WORKER
    assert type(local_runner([], options, quiet_workers=False)) is FnApiRunner
