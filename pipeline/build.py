"""The Beam graph, top to bottom: read, extract, tag, clean, drop site templates, filter, write;
and beside it, the counts, site templates and report figures the driver reads (`meta/profile.json`)."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from functools import partial

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from lxml.etree import LxmlError

from boilerstrip.pipeline.clean_shards import WriteCleanShards
from boilerstrip.pipeline.config import Config
from boilerstrip.pipeline.finalize import PROFILE
from boilerstrip.pipeline.io import ReadPages, SplitOutcomes, WriteShards
from boilerstrip.transforms.extract import extract_document
from boilerstrip.transforms.language import tag_language
from boilerstrip.transforms.routing import ApplyStep
from boilerstrip.transforms.run_profile import MeasureLengthsFn, ProfileFn, rejection_pair, summarize
from boilerstrip.transforms.site_templates import FindSiteTemplates
from boilerstrip.transforms.text_rules import apply_text_rules

# What lxml and trafilatura raise on pages they cannot handle. RecursionError covers absurdly
# deep nesting; anything else escaping extraction is a bug in our code and should fail loudly.
EXTRACTION_ERRORS = (LxmlError, ValueError, TypeError, RecursionError, UnicodeError)


@dataclass(frozen=True)
class RunSpec:
    """What a run reads and writes, apart from the cleaning config."""

    inputs: tuple[str, ...]
    input_format: str
    temp_dir: str
    output_format: str = "jsonl"
    num_shards: int | None = None
    audit: bool = False


def _write_json(value, path: str) -> None:
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
        out.write(json.dumps(value, sort_keys=True).encode())


def _lines_removed_pair(rule: str, lines: int) -> tuple:
    return ("lines-removed", rule), lines


def build(p: beam.Pipeline, spec: RunSpec, config: Config) -> None:
    """Adds the whole job to pipeline `p`; results land in `spec.temp_dir` for `finalize`."""
    outcomes = p | "ReadPages" >> ReadPages(
        list(spec.inputs), spec.input_format, config.limits.max_record_bytes, config.input.split_bytes
    )
    read = outcomes | "SortOutcomes" >> SplitOutcomes()
    extracted = read.docs | "ExtractMainText" >> ApplyStep(
        partial(extract_document, config=config),
        "extract",
        EXTRACTION_ERRORS,
        timeout=config.limits.extract_timeout_seconds or None,
        audit=spec.audit,
    )
    tagged = extracted.docs | "DetectLanguage" >> ApplyStep(
        partial(tag_language, settings=config.language), "language", audit=spec.audit
    )
    cleaned = tagged.docs | "ApplyTextRules" >> ApplyStep(
        partial(apply_text_rules, settings=config.rules), "rules", audit=spec.audit
    )
    templates = cleaned.docs | "FindSiteTemplates" >> FindSiteTemplates(config.site_templates)
    written = (cleaned.docs, templates) | "WriteCleanShards" >> WriteCleanShards(
        config, spec.temp_dir, spec.output_format, spec.num_shards, audit=spec.audit
    )
    steps = (extracted, tagged, cleaned)  # per-document steps: they also have errors
    stages = (*steps, written)
    filtered = (read.filtered, *(step.filtered for step in steps), *written.filtered)
    filtered = filtered | "AllFiltered" >> beam.Flatten()
    errors = (read.errors, *(step.errors for step in steps)) | "AllErrors" >> beam.Flatten()
    sizing = dict(
        target_bytes=config.output.target_shard_bytes, max_records=config.output.max_records_per_shard
    )
    filtered | "WriteFiltered" >> WriteShards("filtered", spec.temp_dir, spec.output_format, **sizing)
    errors | "WriteErrors" >> WriteShards("errors", spec.temp_dir, spec.output_format, **sizing)
    if spec.audit:
        removed = tuple(stage.removed for stage in stages) | "AllRemoved" >> beam.Flatten()
        removed | "WriteRemoved" >> WriteShards("removed", spec.temp_dir, spec.output_format, **sizing)
    # Everything the driver needs besides the shards, folded in one global combine (each
    # combine is a stage of its own, with a fixed cost on local runners): the record count,
    # lines removed per rule, the site templates, and the report's figures and samples.
    (
        (
            outcomes | "CountRecords" >> beam.Map(lambda _: (("read", ""), 1)),
            # Keyed where they are made: a Flatten of their own would be a stage on local runners.
            *(
                stage.rule_counts | f"KeyRuleCounts{index}" >> beam.MapTuple(_lines_removed_pair)
                for index, stage in enumerate(stages)
            ),
            templates | "KeyTemplates" >> beam.MapTuple(lambda site, lines: (("site-template", site), lines)),
            *(step.profile for step in steps),
            *written.profile,
            extracted.docs | "MeasureExtracted" >> beam.ParDo(MeasureLengthsFn()),
            filtered | "SampleFiltered" >> beam.Map(rejection_pair),
            errors | "SampleErrors" >> beam.Map(rejection_pair),
        )
        | "AllProfile" >> beam.Flatten()
        | "FoldProfile" >> beam.CombineGlobally(ProfileFn())
        | "SaveProfile"
        >> beam.Map(
            lambda pairs, path: _write_json(summarize(pairs), path),
            posixpath.join(spec.temp_dir, "meta", PROFILE),
        )
    )
