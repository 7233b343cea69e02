"""`boilerstrip run`: the command line. Our flags are parsed here; every other flag goes to Beam."""

from __future__ import annotations

import argparse
import logging
import os
import posixpath
import sys
import time

# First, for its effect: importing Beam logs a warning nobody can act on (see quiet.py).
from boilerstrip.pipeline import quiet  # isort: split

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.portability import python_urns
from apache_beam.portability.api import beam_provision_api_pb2
from apache_beam.runners.portability.fn_api_runner.fn_runner import ExtendedProvisionInfo, FnApiRunner
from apache_beam.runners.portability.portable_runner import JobServiceHandle

from boilerstrip.pipeline import inspect_page, worker
from boilerstrip.pipeline.build import RunSpec, build
from boilerstrip.pipeline.config import ConfigError, as_dict, load_config
from boilerstrip.pipeline.finalize import SAMPLES, TEMPLATES, finalize
from boilerstrip.pipeline.io import KINDS, TEMP_DIR, unsplittable_hint
from boilerstrip.pipeline.readers import FORMATS
from boilerstrip.pipeline.report import REPORT, write_report
from boilerstrip.transforms import counters
from boilerstrip.transforms.text_rules import load_packs

OWNED_NAMES = (*KINDS, TEMP_DIR, "stats.json", SAMPLES, TEMPLATES, "manifest.json", REPORT)


class UsageError(Exception):
    """A problem with the command line or the paths it names, found before any work starts."""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="boilerstrip",
        description="Turn scraped web pages into clean, language-tagged text shards (Apache Beam).",
        epilog="Any other --flag is an Apache Beam pipeline option (--runner, --direct_num_workers, "
        "--project, ...) and is passed to Beam untouched.",
    )
    commands = top.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the cleaning pipeline")
    run.add_argument(
        "--input",
        action="append",
        required=True,
        metavar="GLOB",
        help="input files (a glob; repeat for several)",
    )
    run.add_argument("--output", required=True, metavar="DIR", help="output directory")
    run.add_argument(
        "--input-format",
        choices=("auto", *FORMATS),
        default="auto",
        help="how to read inputs; auto picks by file extension (default)",
    )
    run.add_argument("--config", metavar="FILE.yaml", help="run config (defaults: configs/default.yaml)")
    run.add_argument("--output-format", choices=("jsonl", "parquet"), default="jsonl")
    run.add_argument(
        "--num-shards",
        type=int,
        metavar="N",
        help="clean output shards (default: sized by output.target_shard_bytes)",
    )
    run.add_argument(
        "--overwrite", action="store_true", help="replace boilerstrip's outputs in a non-empty DIR"
    )
    run.add_argument(
        "--audit",
        action="store_true",
        help="also write every removed line or page element to DIR/removed/ as {id, rule, text}",
    )
    run.add_argument("--verbose", action="store_true", help="show Apache Beam's own log messages")
    run.add_argument("--no-report", action="store_true", help=f"do not write DIR/{REPORT}")
    report = commands.add_parser("report", help=f"(re)write DIR/{REPORT} from a finished run's output")
    report.add_argument("output", metavar="DIR", help="output directory of a finished run")
    inspect = commands.add_parser(
        "inspect", help="run one page through the cleaning chain and show every removal in place"
    )
    inspect.add_argument(
        "page", metavar="PAGE", help="an HTML or text file, or a JSONL or WARC file with --line"
    )
    inspect.add_argument("--url", help="the page's url (site templates and trafilatura use it)")
    inspect.add_argument("--config", metavar="FILE.yaml", help="run config (defaults: configs/default.yaml)")
    inspect.add_argument(
        "--line",
        type=int,
        metavar="N",
        help="the N-th line of a JSONL file, or record of a WARC file (from 1)",
    )
    inspect.add_argument("--html", metavar="OUT.html", help="also write the result as a side-by-side page")
    inspect.add_argument(
        "--templates-from", metavar="DIR", help="apply the site templates an earlier run saved in DIR"
    )
    return top


def _runner_chosen(beam_args: list[str]) -> bool:
    return any(arg.startswith("--runner") for arg in beam_args)


def beam_options(beam_args: list[str]) -> PipelineOptions:
    """Beam's options as given; locally, default to one DirectRunner process per core."""
    given = " ".join(beam_args)
    defaults = []
    if not _runner_chosen(beam_args):
        defaults.append("--runner=DirectRunner")
    runner_is_direct = not _runner_chosen(beam_args) or "DirectRunner" in given
    mode_chosen = "--direct_running_mode" in given
    if runner_is_direct and not mode_chosen:
        defaults.append("--direct_running_mode=multi_processing")
    if runner_is_direct and not mode_chosen and "--direct_num_workers" not in given:
        defaults.append(f"--direct_num_workers={os.cpu_count() or 1}")
    if "pipeline_type_check" not in given:
        # Construction-time type inference of every transform: a fifth of a second of start-up,
        # and the graph declares no type hints for it to check.
        defaults.append("--no_pipeline_type_check")
    if "--default_sdk_harness_log_level" not in given:
        # Worker processes otherwise log every bundle at INFO, drowning the run's own output.
        defaults.append("--default_sdk_harness_log_level=WARNING")
    return PipelineOptions(defaults + beam_args)


class _QuietWorkersRunner(FnApiRunner):
    """The FnApiRunner, starting `boilerstrip.pipeline.worker` where it would start Beam's own worker.

    The runner picks the worker command itself from `--direct_running_mode`; the job's
    environment is swapped here, in the pipeline proto it is about to run. Same harness, same
    options, without the start-up warnings (`quiet.py`).
    """

    BEAM_WORKER = f"{sys.executable} -m apache_beam.runners.worker.sdk_worker_main"
    QUIET_WORKER = f"{sys.executable} -m {worker.COMMAND_MODULE}"

    def run_via_runner_api(self, pipeline_proto, options):
        for environment in pipeline_proto.components.environments.values():
            beams_own = environment.payload == self.BEAM_WORKER.encode()
            if environment.urn == python_urns.SUBPROCESS_SDK and beams_own:
                environment.payload = self.QUIET_WORKER.encode()
        return super().run_via_runner_api(pipeline_proto, options)


def local_runner(
    beam_args: list[str], options: PipelineOptions, quiet_workers: bool = True
) -> FnApiRunner | None:
    """Without `--runner`: the engine the DirectRunner falls back to here, without the detour.

    Since Beam 2.68 the DirectRunner first tries its Prism runner, which downloads a Go binary
    from GitHub at run time: offline that costs about 0.4 s and a logged failure before
    the fallback, and online the job would run on a different engine. Options reach the worker
    processes the way the DirectRunner passes them (so e.g. the harness log level applies).
    With `quiet_workers` (no `--verbose`), worker processes start without Beam's start-up noise.
    With `--runner` (DirectRunner included), None: Beam picks the runner named.
    """
    if _runner_chosen(beam_args):
        return None
    encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
    provision = beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded)
    runner = _QuietWorkersRunner if quiet_workers else FnApiRunner
    return runner(provision_info=ExtendedProvisionInfo(provision))


def _check_inputs(patterns: list[str]) -> None:
    for pattern in patterns:
        try:
            matched = FileSystems.match([pattern])[0].metadata_list
        except (ValueError, OSError) as exc:  # e.g. gs:// without apache-beam[gcp] installed
            raise UsageError(f"cannot read --input {pattern!r}: {exc}") from exc
        if not matched:
            raise UsageError(f"no files match --input {pattern!r}")


def prepare_output(output: str, overwrite: bool) -> None:
    """Refuse a non-empty output dir, or with --overwrite remove what an earlier run wrote there."""
    if not FileSystems.exists(output):
        FileSystems.mkdirs(output)
        return
    entries = [m.path for m in FileSystems.match([posixpath.join(output, "*")])[0].metadata_list]
    hidden = posixpath.join(output, TEMP_DIR)
    if FileSystems.exists(hidden):
        entries.append(hidden)
    if not entries:
        return
    if not overwrite:
        raise UsageError(f"output directory {output!r} is not empty; pass --overwrite to replace it")
    owned = [posixpath.join(output, name) for name in OWNED_NAMES]
    FileSystems.delete([path for path in owned if FileSystems.exists(path)])


def runner_name(beam_args: list[str], options: PipelineOptions) -> str:
    """The runner as the report names it: the one given, or the local default with its workers."""
    given = options.get_all_options()
    if _runner_chosen(beam_args):
        return str(given["runner"])
    mode, workers = given["direct_running_mode"], given["direct_num_workers"]
    return f"FnApiRunner ({mode}, {workers} worker{'s' if workers != 1 else ''})"


def run(argv: list[str]) -> dict:
    """Parses `argv` (without the program name), runs the job, returns the stats it wrote."""
    args, beam_args = parser().parse_known_args(argv)
    if args.command == "report":
        return _report_only(args.output.rstrip("/"))
    if args.num_shards is not None and args.num_shards < 1:
        raise UsageError("--num-shards must be at least 1")
    config = load_config(args.config)
    load_packs(config.rules)  # a bad rule pack fails here, before any work
    _check_inputs(args.input)
    output = args.output.rstrip("/")
    prepare_output(output, args.overwrite)
    temp_dir = posixpath.join(output, TEMP_DIR)
    spec = RunSpec(
        tuple(args.input), args.input_format, temp_dir, args.output_format, args.num_shards, args.audit
    )

    started = time.monotonic()
    options = beam_options(beam_args)
    hint = unsplittable_hint(args.input, args.input_format, options, config.limits.max_record_bytes)
    if hint:
        print(f"boilerstrip: hint: {hint}", file=sys.stderr, flush=True)
    pipeline = beam.Pipeline(runner=local_runner(beam_args, options, not args.verbose), options=options)
    build(pipeline, spec, config)
    result = pipeline.run()
    result.wait_until_finish()
    kinds = ("clean", "filtered", "errors", "removed") if args.audit else ("clean", "filtered", "errors")
    extra = {
        "wall_seconds": round(time.monotonic() - started, 2),
        "runner": runner_name(beam_args, options),
        "inputs": list(args.input),
        "config": as_dict(config),
        "extraction": counters.extraction_counts(result),
    }
    stats = finalize(output, temp_dir, args.output_format, kinds, extra)
    if not args.no_report:
        stats["report"] = write_report(output)
    return stats


def _report_only(output: str) -> dict:
    if not FileSystems.exists(posixpath.join(output, "manifest.json")):
        raise UsageError(f"{output!r} holds no finished run (no manifest.json)")
    return {"report": write_report(output)}


def summary(stats: dict) -> str:
    """The lines printed at the end of a run: where every record went."""
    status = "ok" if stats["accounted"] else "MISMATCH"
    lines = [
        f"read {stats['read']} = clean {stats['clean']} + filtered {stats['filtered']} "
        f"+ errors {stats['errors']}  [{status}]  in {stats['wall_seconds']} s",
    ]
    if stats["filtered_by_reason"]:
        lines.append("filtered: " + ", ".join(f"{k} {v}" for k, v in stats["filtered_by_reason"].items()))
    if stats["errors_by_kind"]:
        lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in stats["errors_by_kind"].items()))
    if stats["removed_by_rule"]:
        top = sorted(stats["removed_by_rule"].items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append("removed: " + ", ".join(f"{k} {v}" for k, v in top))
    if stats.get("extraction"):
        lines.append("extraction: " + ", ".join(f"{k} {v}" for k, v in stats["extraction"].items()))
    if stats["languages"]:
        lines.append("languages: " + ", ".join(f"{k} {v}" for k, v in stats["languages"].items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in argv
    # Beam logs job ids and console links at INFO (wanted with --verbose) and warns about its
    # own internal flags on every run (not wanted otherwise).
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        force=True,
    )
    if not verbose:
        logging.getLogger("apache_beam").setLevel(logging.ERROR)
        for handler in logging.getLogger().handlers:
            handler.addFilter(quiet.DropBeamNoise())
    try:
        if argv[:1] == ["inspect"]:
            return inspect_page.command(parser().parse_args(argv))
        stats = run(argv)
    except (UsageError, ConfigError) as exc:
        print(f"boilerstrip: error: {exc}", file=sys.stderr)
        return 2
    if "read" in stats:
        print(summary(stats))
    if "report" in stats:
        print(f"report: {stats['report']}")
    return 0 if stats.get("accounted", True) else 1


def entry() -> None:
    """The `boilerstrip` command: `main`, then, after a run on the local runner, a prompt exit.

    By then every output file is closed and Beam's worker processes have stopped; what is left
    is the interpreter freeing Beam's and gRPC's objects, about 0.4 s (20-page run, 4.59 s
    wall against 4.18 s when `main` returned; 0.03 s with the exit below). `os._exit` skips
    only that, after the log handlers and stdio are flushed. With `--runner`, Beam may have
    started a job server whose cleanup runs at interpreter exit, so the normal exit stays.
    """
    argv = sys.argv[1:]
    code = main(argv)
    if _runner_chosen(argv):
        sys.exit(code)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
