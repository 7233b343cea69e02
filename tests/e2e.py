"""Running the real `boilerstrip` command and reading what it wrote."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE

CLI = str(Path(sys.executable).with_name("boilerstrip"))
# Every format of the bundled sample corpus.
SAMPLE_INPUTS = (
    "--input",
    f"{SAMPLE}/html/*",
    "--input",
    f"{SAMPLE}/jsonl/*.jsonl",
    "--input",
    f"{SAMPLE}/text/*.txt",
)


def run_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([CLI, "run", *args], capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"boilerstrip failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result


def read_rows(output: Path, kind: str) -> list[dict]:
    rows = []
    for shard in sorted((output / kind).glob("part-*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines)
    return rows


def stats(output: Path) -> dict:
    return json.loads((output / "stats.json").read_text())


def shard_bytes(output: Path) -> dict[str, bytes]:
    """Every output shard's bytes, by path relative to the output dir."""
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.glob("*/part-*"))}
