"""Peak memory of a full `boilerstrip run` at two corpus sizes 10x apart: does it grow with the input?

    python benchmarks/memory.py [--small 300] [--large 3000] [--workers 2] [--skip-multi]
                                [--single-file] [--skip-in-memory]

Both corpora come from the generator of benchmarks/throughput.py (AEB pages copied with distinct
ids, urls on 100 sites and one unique sentence each). The main figure is the in_memory DirectRunner,
one process, whose ru_maxrss (from wait4) is exact. The second is multi_processing with `--workers`
SDK worker processes: the sampled peak of the summed RSS of the process tree, and the largest
single process (ru_maxrss, which covers the reaped workers too). A bounded pipeline keeps the
larger run within 10% of the smaller one. With `--single-file` each corpus is one uncompressed
JSONL file instead, read in byte ranges by every worker (target 1.15x).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_AEB, build_corpus, cli_command, cli_extra, measure, versions  # noqa: E402

TARGET = 1.10
SINGLE_FILE_TARGET = 1.15


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--large", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-multi", action="store_true", help="only the in_memory runs")
    parser.add_argument("--skip-in-memory", action="store_true", help="only the multi_processing runs")
    parser.add_argument(
        "--single-file", action="store_true", help="each corpus as one uncompressed JSONL file"
    )
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    parser.add_argument("--tmp", help="parent of the temp dir (default: the system's)")
    args = parser.parse_args(argv)
    if not (args.aeb / "html").is_dir():
        print(f"AEB pages not found at {args.aeb}", file=sys.stderr)
        return 2

    print("machine: " + ", ".join(f"{k} {v}" for k, v in versions().items()))
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n")
    modes = {} if args.skip_in_memory else {"in_memory": ["--direct_running_mode=in_memory"]}
    if not args.skip_multi:
        modes[f"multi_processing x{args.workers}"] = [
            "--direct_running_mode=multi_processing",
            f"--direct_num_workers={args.workers}",
        ]
    with tempfile.TemporaryDirectory(prefix="boilerstrip-memory-", dir=args.tmp) as tmp:
        tmp = Path(tmp)
        corpora = {}
        for pages in (args.small, args.large):
            corpora[pages] = tmp / f"corpus-{pages}"
            build_corpus(corpora[pages], pages, args.aeb)
            if args.single_file:
                throughput = str(Path(__file__).resolve().with_name("throughput.py"))
                folder = tmp / f"single-{pages}"
                command = [sys.executable, throughput, "--worker", "single-jsonl"]
                command += ["--corpus", str(corpora[pages]), "--out", str(folder)]
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
                for shard in corpora[pages].iterdir():
                    shard.unlink()
                corpora[pages] = folder / "one-jsonl"
        results = {}
        for mode, beam_args in modes.items():
            for pages, corpus in corpora.items():
                label = f"{mode}, {pages} pages"
                print(f"  {label} ...", end="", flush=True)
                pattern = "pages.jsonl" if args.single_file else "*.jsonl.gz"
                command = cli_command(corpus, tmp / "out", None, beam_args, pattern)
                run = measure(label, command, tmp / "last.log")
                extra = cli_extra(tmp / "out")
                results[mode, pages] = run
                lost = pages - extra["read"]
                print(
                    f" {run.wall:.1f} s, read {extra['read']}, clean {extra['clean']}, "
                    f"filtered {extra['filtered_by_reason']}, errors {extra['errors']}"
                    + (f"  LOST {lost} input records (read {extra['read']} of {pages})" if lost else "")
                )

    print(
        "\n| mode | pages | wall s | largest process MiB (ru_maxrss) "
        "| peak RSS of the tree MiB (sampled sum) "
        "| processes |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for (mode, pages), run in results.items():
        print(
            f"| {mode} | {pages} | {run.wall:.1f} | {run.largest_rss_mb:.0f} | {run.tree_rss_mb:.0f} "
            f"| {run.procs} |"
        )
    target = SINGLE_FILE_TARGET if args.single_file else TARGET
    shape = "one JSONL file" if args.single_file else ".jsonl.gz shards"
    print(f"\nratio larger / smaller ({args.large} / {args.small} pages, {shape}), target <= {target:.2f}:")
    for mode in modes:
        small, large = results[mode, args.small], results[mode, args.large]
        largest = large.largest_rss_mb / small.largest_rss_mb
        tree = large.tree_rss_mb / small.tree_rss_mb
        verdict = "ok" if max(largest, tree) <= target else "ABOVE TARGET"
        print(f"  {mode}: largest process {largest:.2f}x, tree sum {tree:.2f}x  [{verdict}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
