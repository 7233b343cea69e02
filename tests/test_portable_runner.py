"""End to end on Beam's portable runner: the graph pickles, ships to an SDK worker and stays deterministic.

Beam's local job service runs in a subprocess; `--environment_type=LOOPBACK` makes the CLI process
itself the SDK worker, so everything stays on localhost and local paths work for the temp shards.
Dataflow, Flink and Spark take the same portable route (docs/cloud.md).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import pytest
from e2e import SAMPLE_INPUTS, read_rows, run_cli, shard_bytes, stats

pytestmark = pytest.mark.e2e

# Several shards and the audit output, so record-to-shard hashing and every writer are compared.
RUN_ARGS = (*SAMPLE_INPUTS, "--num-shards", "3", "--audit")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, service: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.poll() is not None:
            raise RuntimeError(f"Beam job service exited with {service.returncode} before listening")
        try:
            with socket.create_connection(("localhost", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Beam job service did not listen on port {port} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def job_service(tmp_path_factory):
    """(endpoint, log file) of a Beam local job service, the portable runner's stand-in for a cluster."""
    work = tmp_path_factory.mktemp("job-service")
    port = _free_port()
    log = (work / "job-service.log").open("wb")
    service = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "apache_beam.runners.portability.local_job_service_main",
            f"--port={port}",
            f"--staging_dir={work / 'staging'}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, service)
        yield f"localhost:{port}", work / "job-service.log"
    finally:
        service.terminate()
        try:
            service.wait(timeout=10)
        except subprocess.TimeoutExpired:
            service.kill()
            service.wait()
        log.close()


@pytest.fixture(scope="module")
def portable_run(job_service, tmp_path_factory):
    endpoint, service_log = job_service
    output = tmp_path_factory.mktemp("portable") / "out"
    result = run_cli(
        *RUN_ARGS,
        "--output",
        str(output),
        "--runner=PortableRunner",
        f"--job_endpoint={endpoint}",
        "--environment_type=LOOPBACK",
    )
    # The job really went through the job service, not a silent fallback to the DirectRunner.
    assert "with state DONE" in service_log.read_text(), service_log.read_text()[-3000:]
    return output, result


def test_portable_run_accounts_for_every_record(portable_run):
    output, result = portable_run
    s = stats(output)
    clean, filtered, errors = (read_rows(output, k) for k in ("clean", "filtered", "errors"))
    assert s["accounted"] is True and "[ok]" in result.stdout
    assert s["read"] == s["clean"] + s["filtered"] + s["errors"]
    assert (s["clean"], s["filtered"], s["errors"]) == (len(clean), len(filtered), len(errors))
    assert len(clean) >= 20 and s["removed_by_rule"]
    assert not (output / ".boilerstrip-tmp").exists(), "finalize removes the workers' temp shards"


def test_portable_and_direct_runs_write_identical_shards(portable_run, tmp_path):
    output, _ = portable_run
    direct = tmp_path / "direct"
    run_cli(*RUN_ARGS, "--output", str(direct), "--direct_running_mode=in_memory")
    portable_shards, direct_shards = shard_bytes(output), shard_bytes(direct)
    assert sorted(portable_shards) == sorted(direct_shards)
    assert len([name for name in portable_shards if name.startswith("clean/")]) == 3
    assert portable_shards == direct_shards
    assert json.loads((output / "manifest.json").read_text()) == json.loads(
        (direct / "manifest.json").read_text()
    )
    ignore = {"wall_seconds", "runner"}
    assert {k: v for k, v in stats(output).items() if k not in ignore} == {
        k: v for k, v in stats(direct).items() if k not in ignore
    }


def test_portable_runner_reads_split_files_to_the_same_bytes(job_service, tmp_path):
    """One JSONL file and one per-record .warc.gz, cut into ranges of a few pages, on the portable
    runner: the same shards as the files read whole in one process."""
    from test_split_reads import write_split_corpus

    endpoint, _ = job_service
    corpus = write_split_corpus(tmp_path / "corpus")
    inputs = ("--input", str(corpus["jsonl"][0]), "--input", str(corpus["warc-gz"][0]), "--num-shards", "2")
    tiny, whole = tmp_path / "tiny.yaml", tmp_path / "whole.yaml"
    tiny.write_text("input:\n  split_bytes: 3000\n")
    whole.write_text("input:\n  split_bytes: 1000000000\n")
    portable, direct = tmp_path / "portable", tmp_path / "direct"
    run_cli(
        *inputs,
        *("--config", str(tiny), "--output", str(portable)),
        "--runner=PortableRunner",
        f"--job_endpoint={endpoint}",
        "--environment_type=LOOPBACK",
    )
    run_cli(*inputs, *("--config", str(whole), "--output", str(direct)), "--direct_running_mode=in_memory")
    assert stats(portable)["accounted"] and stats(portable)["read"] >= 40
    assert shard_bytes(portable) == shard_bytes(direct)
    assert (portable / "manifest.json").read_bytes() == (direct / "manifest.json").read_bytes()
