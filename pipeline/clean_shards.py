"""The corpus-level end of the graph: site templates, length, duplicates, and sorted clean shards.

Each of these needs the whole corpus first (a site's template, a text's twins, a shard's order),
so documents wait somewhere. They wait on disk, in sorted runs (`runs.py`), written by the worker
that cleaned them; what crosses shuffles is small: run paths, line hashes, text digests, and keys
of documents to drop. Three passes:

1. `SortIntoRuns`: documents → sorted run files (while `FindSiteTemplates` counts line hashes).
2. `ScreenRuns`: each run is read once; every document is stripped of its site's template lines
   and checked for length (too short → filtered); the text digests of the others meet in
   `PickDuplicates`, which keeps the smallest id of each identical text.
3. `MergeShards`: each shard merges its bucket range of every run, skips what pass 2 dropped and
   later copies of an id (`duplicate-id`), strips template lines again and streams the shard out.
"""

from __future__ import annotations

import posixpath
import uuid
from collections import Counter
from typing import NamedTuple

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.transforms.window import GlobalWindows

from boilerstrip.pipeline.config import Config
from boilerstrip.pipeline.io import ShardWriter, shard_count, shard_name, write_shard_meta
from boilerstrip.pipeline.runs import (
    Run,
    SortIntoRunsFn,
    bucket_range,
    from_line,
    line_bucket,
    line_key,
    merge_runs,
    shard_of_bucket,
)
from boilerstrip.transforms import counters
from boilerstrip.transforms.length_filter import drop_short
from boilerstrip.transforms.record import Document, Rejected
from boilerstrip.transforms.routing import RemovalTally, route_outcome
from boilerstrip.transforms.run_profile import CleanProfile
from boilerstrip.transforms.site_templates import (
    DUPLICATE,
    Candidate,
    pick_duplicates,
    site_of,
    strip_template_lines,
    takes_part,
    text_digest,
)


class _SiteTemplates:
    """Looks a document's site up in the templates side input, converting each site once."""

    def __init__(self, templates: dict[str, tuple[int, ...]]):
        self._templates = templates
        self._sets: dict[str, frozenset[int]] = {}

    def strip(self, doc: Document):
        """(site key or None, document without its site's template lines, the lines removed)."""
        site = site_of(doc.url)
        if site is None or site not in self._templates or not takes_part(doc):
            return site, doc, []
        if site not in self._sets:
            self._sets[site] = frozenset(self._templates[site])
        return (site, *strip_template_lines(doc, self._sets[site]))


class _ScreenRunFn(beam.DoFn):
    """A run → what pass 3 must drop (too short; duplicate candidates go to `PickDuplicates`)."""

    def __init__(self, config: Config, audit: bool):
        self._filters = config.filters
        self._drop_duplicates = config.site_templates.drop_duplicates
        self._audit = audit

    def start_bundle(self):
        self._removals = RemovalTally(self._audit)
        self._lines_by_site: Counter = Counter()

    def finish_bundle(self):
        yield from self._removals.flush()
        for site, lines in sorted(self._lines_by_site.items()):
            pair = (("template-lines", site), lines)
            yield beam.pvalue.TaggedOutput("profile", GlobalWindows.windowed_value(pair))

    def process(self, run: Run, templates, num_shards):
        sites = _SiteTemplates(templates)
        for line in run.lines():
            site, doc, removals = sites.strip(from_line(line))
            if removals:
                self._lines_by_site[site] += len(removals)
                yield from self._removals.add(removals)
            shard = shard_of_bucket(line_bucket(line), num_shards)
            verdict = drop_short(doc, self._filters)
            if isinstance(verdict, Rejected):
                yield from route_outcome(verdict)
                yield beam.pvalue.TaggedOutput("skip", (shard, line_key(line)))
            elif self._drop_duplicates and doc.text:
                yield text_digest(doc.text), Candidate(doc.id, doc.source, doc.url, line_key(line), shard)


def _drop_duplicates(digest_candidates):
    _, candidates = digest_candidates
    for dropped in pick_duplicates(candidates):
        yield from route_outcome(Rejected(dropped.id, dropped.source, dropped.url, DUPLICATE))
        yield beam.pvalue.TaggedOutput("skip", (dropped.shard, dropped.key))


class _MergeShardFn(beam.DoFn):
    """(shard, keys to skip) → the shard file, its metadata, `duplicate-id` rejections, and the
    shard's profile pairs (lengths, characters per language) for the report."""

    def __init__(self, temp_dir: str, output_format: str):
        self._temp_dir = temp_dir
        self._format = output_format

    def process(self, shard_skips, runs, templates, num_shards):
        shard, grouped = shard_skips
        skip = {*grouped["short"], *grouped["duplicate"]}
        sites = _SiteTemplates(templates)
        path = shard_name(posixpath.join(self._temp_dir, "clean"), shard, num_shards, self._format)
        writer = ShardWriter("clean", path, self._format)
        profile = CleanProfile()
        previous_id = None
        scratch = posixpath.join(self._temp_dir, "runs", f"merge-{shard:05d}-{uuid.uuid4().hex}")
        lines = merge_runs([run.path for run in runs], *bucket_range(shard, num_shards), scratch)
        for line in lines:
            if skip and line_key(line) in skip:
                continue
            doc = from_line(line)
            if doc.id == previous_id:
                # Copies of an id are adjacent; the first by line order stays, the same every run.
                yield from route_outcome(Rejected(doc.id, doc.source, doc.url, "duplicate-id"))
                continue
            previous_id = doc.id
            site, doc, _ = sites.strip(doc)
            row = doc.output_row()
            writer.write(row)
            profile.add(row, has_site=site is not None)
            counters.inc("clean")
        meta = writer.close()
        if FileSystems.exists(scratch):
            FileSystems.delete([scratch])
        write_shard_meta(self._temp_dir, shard, meta)
        for pair in profile.pairs():
            yield beam.pvalue.TaggedOutput("profile", pair)
        yield meta


class CleanShardOutputs(NamedTuple):
    metas: beam.PCollection
    # Several collections each, for the caller's own Flatten: a Flatten of Flattens is a stage of
    # its own on the FnApiRunner, with a fixed cost in the driver and in every worker.
    filtered: tuple[beam.PCollection, ...]
    removed: beam.PCollection
    rule_counts: beam.PCollection
    profile: tuple[beam.PCollection, ...]


class WriteCleanShards(beam.PTransform):
    """Cleaned documents and site templates → (metas, filtered, removed, rule_counts, profile);
    the shards land in the temp dir. `filtered` and `profile` are tuples of collections.

    `removed` holds the site-template lines taken out (only with `audit`), `rule_counts` their
    number as (rule, count) pairs, `filtered` the documents that were too short, duplicates, or
    later copies of an id, `profile` the report's pairs (`run_profile.py`).
    """

    def __init__(
        self, config: Config, temp_dir: str, output_format: str, num_shards: int | None, audit: bool = False
    ):
        super().__init__()
        self._config = config
        self._audit = audit
        self._temp_dir = temp_dir
        self._format = output_format
        self._num_shards = num_shards

    def expand(self, docs_and_templates):
        docs, templates = docs_and_templates
        output = self._config.output
        runs = docs | "SortIntoRuns" >> beam.ParDo(
            SortIntoRunsFn(posixpath.join(self._temp_dir, "runs"), output.run_bytes)
        )
        if self._num_shards:
            num_shards = docs.pipeline | "FixedShardCount" >> beam.Create([self._num_shards])
        else:
            num_shards = shard_count(
                runs | "RunSizes" >> beam.Map(lambda run: (run.bytes, run.records)),
                output.target_shard_bytes,
                output.max_records_per_shard,
            )
        shards = beam.pvalue.AsSingleton(num_shards)
        site_templates = beam.pvalue.AsDict(templates)

        screened = (
            runs
            | "SpreadRuns" >> beam.Reshuffle()
            | "ScreenRuns"
            >> beam.ParDo(_ScreenRunFn(self._config, self._audit), site_templates, shards).with_outputs(
                "filtered", "removed", "rule_counts", "skip", "profile", main="candidates"
            )
        )
        duplicates = (
            screened.candidates
            | "GroupIdenticalTexts" >> beam.GroupByKey()
            | "PickDuplicates" >> beam.FlatMap(_drop_duplicates).with_outputs("filtered", "skip", main="none")
        )
        every_shard = num_shards | "EveryShard" >> beam.FlatMap(lambda n: ((i, None) for i in range(n)))
        # Two inputs of the CoGroupByKey rather than one Flatten: its own Flatten takes them as
        # they come, where a Flatten before it would be a stage of its own on local runners.
        merged = (
            {"shard": every_shard, "short": screened.skip, "duplicate": duplicates.skip}
            | "SkipsByShard" >> beam.CoGroupByKey()
            | "MergeShards"
            >> beam.ParDo(
                _MergeShardFn(self._temp_dir, self._format),
                beam.pvalue.AsList(runs),
                site_templates,
                shards,
            ).with_outputs("filtered", "profile", main="metas")
        )
        filtered = (screened.filtered, duplicates.filtered, merged.filtered)
        profile = (screened.profile, merged.profile)
        return CleanShardOutputs(merged.metas, filtered, screened.removed, screened.rule_counts, profile)
