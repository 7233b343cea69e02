"""How much planted boilerplate the site-template stages remove, and how much article text it costs.

    python benchmarks/site_templates.py [--seed N]

Runs the pipeline's site-template stages (DirectRunner, in memory) on the generated corpus of
`site_corpus.py` for seed N and N+1, first with the default settings, then over a grid of `min_site_docs` ×
`min_site_fraction`, so the defaults are chosen by measurement.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from boilerstrip.pipeline.clean_shards import WriteCleanShards
from boilerstrip.pipeline.config import Config, FilterConfig, SiteTemplateConfig
from boilerstrip.transforms.record import Document
from boilerstrip.transforms.site_templates import FindSiteTemplates

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_corpus  # noqa: E402

MIN_SITE_DOCS = (2, 3, 4, 5)
MIN_SITE_FRACTIONS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
MIN_SITE_PAGES = (4, 8, 16)


def run_stage(docs: list[Document], settings: SiteTemplateConfig) -> tuple[dict[str, str], int]:
    """(id → cleaned text of the documents kept, number of removals) from one in-memory run of the
    pipeline's own stages (FindSiteTemplates → WriteCleanShards), with no length filter."""
    config = Config(site_templates=settings, filters=FilterConfig(min_chars=0, min_words=0))
    with tempfile.TemporaryDirectory() as tmp:
        options = PipelineOptions(runner="DirectRunner", direct_running_mode="in_memory")
        with beam.Pipeline(options=options) as p:
            created = p | beam.Create(docs)
            templates = created | "FindSiteTemplates" >> FindSiteTemplates(settings)
            written = (created, templates) | "WriteCleanShards" >> WriteCleanShards(
                config, tmp, "jsonl", 1, audit=True
            )
            (
                written.removed
                | "CountRemovals" >> beam.combiners.Count.Globally()
                | "WriteCount" >> beam.io.WriteToText(f"{tmp}/removed-count", shard_name_template="")
            )
        rows = [
            json.loads(line)
            for shard in sorted(Path(tmp, "clean").glob("*.jsonl.gz"))
            for line in gzip.decompress(shard.read_bytes()).decode().splitlines()
        ]
        removals = int(Path(tmp, "removed-count").read_text())
    return {row["id"]: row["text"] for row in rows}, removals


def measure(seed: int, settings: SiteTemplateConfig) -> site_corpus.Score:
    corpus = site_corpus.make_corpus(seed)
    cleaned, _ = run_stage([doc for doc, _, _ in corpus], settings)
    return site_corpus.score(corpus, cleaned)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="first corpus seed; N+1 is the second")
    args = parser.parse_args(argv)
    seeds = (args.seed, args.seed + 1)
    defaults = SiteTemplateConfig()

    print(f"defaults: min_site_docs={defaults.min_site_docs} min_site_fraction={defaults.min_site_fraction}")
    print(
        f"          min_site_pages={defaults.min_site_pages} max_lines_per_site={defaults.max_lines_per_site}"
    )
    print(f"{'seed':>4} {'docs':>5} {'planted':>7} {'removed':>8} {'article lines':>13} {'lost':>5} {'s':>5}")
    for seed in seeds:
        corpus = site_corpus.make_corpus(seed)
        started = time.perf_counter()
        cleaned, _ = run_stage([doc for doc, _, _ in corpus], defaults)
        elapsed = time.perf_counter() - started
        score = site_corpus.score(corpus, cleaned)
        print(
            f"{seed:>4} {len(corpus):>5} {score.planted:>7} {score.removed_share:>8.1%} "
            f"{score.article_lines:>13} {score.article_lost:>5} {elapsed:>5.1f}"
        )

    print("\nplanted boilerplate removed / article lines lost, both seeds together")
    header = "".join(f"{f'fraction {fraction}':>16}" for fraction in MIN_SITE_FRACTIONS)
    print(f"{'min_site_docs':>13}{header}")
    for min_docs in MIN_SITE_DOCS:
        cells = []
        for fraction in MIN_SITE_FRACTIONS:
            settings = dataclasses.replace(defaults, min_site_docs=min_docs, min_site_fraction=fraction)
            scores = [measure(seed, settings) for seed in seeds]
            planted = sum(s.planted for s in scores)
            removed = sum(s.planted_removed for s in scores)
            lost = sum(s.article_lost for s in scores)
            cells.append(f"{removed / planted:>10.1%} / {lost:<3}")
        print(f"{min_docs:>13}" + "".join(cells))

    print("\nmin_site_pages, other settings at their defaults")
    for min_pages in MIN_SITE_PAGES:
        scores = [measure(seed, dataclasses.replace(defaults, min_site_pages=min_pages)) for seed in seeds]
        removed = sum(s.planted_removed for s in scores) / sum(s.planted for s in scores)
        print(f"{min_pages:>13}{removed:>10.1%} / {sum(s.article_lost for s in scores):<3}")


if __name__ == "__main__":
    main()
