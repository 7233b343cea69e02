"""What the run report costs: this checkout's `boilerstrip run` against another checkout's.

    python benchmarks/report_cost.py --baseline OTHER/.venv/bin/boilerstrip [--pages 2000] [--rounds 4]

Builds benchmarks/throughput.py's corpus (AEB pages copied onto 100 sites), then runs the real
command of both checkouts over it, alternating which goes first each round, and prints each
run's wall time (the whole process, report included) and CPU time (the driver and its worker
processes), then the means and the difference. Give as baseline a checkout without the report
(e.g. `git worktree add ../base 94ea98c`, then install it in its own venv). It also times
rendering report.html alone (`boilerstrip report`'s work) on this checkout's output. The machine
is shared, so only a difference larger than the spread between rounds means anything.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import throughput  # noqa: E402  (the corpus builder of the throughput benchmark, beside this file)

THIS = str(Path(sys.executable).with_name("boilerstrip"))


def timed_run(command: str, corpus: Path, output: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one `boilerstrip run`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(
        [command, "run", "--input", str(corpus / "*.jsonl.gz"), "--output", str(output), "--overwrite"],
        check=True,
        capture_output=True,
    )
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--baseline", required=True, help="the `boilerstrip` executable of the other checkout"
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--aeb", type=Path, default=throughput.DEFAULT_AEB)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="boilerstrip-report-cost-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        throughput.build_corpus(corpus, args.pages, args.aeb)
        runs: dict[str, list[tuple[float, float]]] = {"baseline": [], "this": []}
        commands = {"baseline": args.baseline, "this": THIS}
        for round_number in range(args.rounds):
            order = ("baseline", "this") if round_number % 2 == 0 else ("this", "baseline")
            for name in order:
                wall, cpu = timed_run(commands[name], corpus, Path(tmp) / name)
                runs[name].append((wall, cpu))
                print(f"round {round_number + 1} {name:8}: wall {wall:6.2f} s, cpu {cpu:6.2f} s", flush=True)
        means = {
            name: [statistics.mean(v[i] for v in values) for i in (0, 1)] for name, values in runs.items()
        }
        for i, what in enumerate(("wall", "cpu")):
            base, this = means["baseline"][i], means["this"][i]
            change = 100 * (this / base - 1)
            print(f"mean {what}: baseline {base:.2f} s, this {this:.2f} s, difference {change:+.1f}%")
        from boilerstrip.pipeline.report import write_report

        started = time.perf_counter()
        write_report(str(Path(tmp) / "this"))
        render = time.perf_counter() - started
        wall = json.loads((Path(tmp) / "this" / "stats.json").read_text())["wall_seconds"]
        share = 100 * render / wall
        print(f"rendering report.html alone: {render * 1000:.1f} ms ({share:.2f}% of a {wall} s run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
