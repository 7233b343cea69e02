"""The promises a user relies on, checked on the real command.

- A run killed half-way leaves nothing that looks like output (no shard under `clean/`, no
  `manifest.json`), and a rerun with `--overwrite` gives exactly the bytes of an uninterrupted run.
- The same input gives byte-identical shards and manifest on every run, whatever Beam's running
  mode or worker count.
- Record ids never become paths, and a config or rule pack that is unsafe or wrong stops the run
  before it touches the output directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import AEB, SAMPLE
from e2e import CLI, read_rows, run_cli, shard_bytes, stats

pytestmark = pytest.mark.e2e

TEMP_DIR = ".boilerstrip-tmp"
OUTPUT_KINDS = ("clean", "filtered", "errors", "removed")
_SHARD_FILE = re.compile(r"(clean|filtered|errors|removed)/part-\d{5}-of-\d{5}\.jsonl\.gz")
# Below this an uninterrupted run is too quick to be killed reliably half-way.
MIN_CRASH_RUN_SECONDS = 4.0


def finished_output(output: Path) -> dict[str, bytes]:
    """Everything a finished run promises to be reproducible: every shard and the manifest."""
    files = shard_bytes(output)
    files["manifest.json"] = (output / "manifest.json").read_bytes()
    return files


def stats_without_time(output: Path) -> dict:
    """stats.json without what says how the run ran (wall time, runner and worker count)."""
    return {k: v for k, v in stats(output).items() if k not in ("wall_seconds", "runner")}


def assert_same_output(actual: Path, expected: Path) -> None:
    got, want = finished_output(actual), finished_output(expected)
    assert sorted(got) == sorted(want), "different files"
    differing = [name for name in want if got[name] != want[name]]
    assert not differing, f"files with different bytes: {differing}"
    assert stats_without_time(actual) == stats_without_time(expected)


def assert_complete(output: Path) -> None:
    """The manifest lists every shard on disk with its size and hash; no temp dir is left."""
    manifest = json.loads((output / "manifest.json").read_text())
    listed = {shard["path"] for shard in manifest["shards"]}
    assert listed == set(shard_bytes(output))
    for shard in manifest["shards"]:
        data = (output / shard["path"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (shard["bytes"], shard["sha256"])
    assert stats(output)["accounted"] is True
    assert not (output / TEMP_DIR).exists()


# --- Crash and rerun -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def crash_corpus(tmp_path_factory) -> Path:
    """Several seconds' worth of pages: the AEB pages three times, or else the sample pages 80 times.

    The run must last long enough to be killed half-way; one copy of the AEB pages got done in
    3.9 s once extraction became faster, and 40 sample copies 4.0 s once start-up did, both under
    MIN_CRASH_RUN_SECONDS.
    """
    folder = tmp_path_factory.mktemp("crash-input")
    pages = sorted((AEB / "html").glob("*.html.gz"))
    copies = 3
    if not pages:
        pages, copies = sorted((SAMPLE / "html").iterdir()), 80
    for copy in range(copies):
        for page in pages:
            shutil.copy(page, folder / f"copy{copy}-{page.name}")
    return folder


def crash_args(corpus: Path, output: Path) -> list[str]:
    return ["--input", str(corpus / "*"), "--output", str(output), "--num-shards", "4"]


@pytest.fixture(scope="module")
def uninterrupted(crash_corpus, tmp_path_factory) -> tuple[Path, float]:
    """(output, seconds) of one run that nobody interrupts."""
    output = tmp_path_factory.mktemp("uninterrupted") / "out"
    started = time.monotonic()
    run_cli(*crash_args(crash_corpus, output))
    seconds = time.monotonic() - started
    if seconds < MIN_CRASH_RUN_SECONDS:
        pytest.skip(
            f"the crash corpus ran in {seconds:.1f} s, under the {MIN_CRASH_RUN_SECONDS} s needed to kill "
            f"it half-way reliably (AEB pages {'found' if AEB.exists() else 'not found'} at {AEB})"
        )
    return output, seconds


def _live_members(group: int) -> list[int]:
    """Processes of a process group that are still running (zombies excluded); Linux /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def kill_run(args: list[str], log: Path, kill_when) -> None:
    """Starts the CLI in its own process group and SIGKILLs the whole group once `kill_when()`."""
    with log.open("wb") as out:
        proc = subprocess.Popen([CLI, "run", *args], stdout=out, stderr=out, start_new_session=True)
    try:
        while proc.poll() is None and not kill_when():
            time.sleep(0.005)
        if proc.poll() is not None:
            pytest.fail(
                f"the run ended (status {proc.returncode}) before it could be killed:\n{log.read_text()}"
            )
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    deadline = time.monotonic() + 20
    while Path("/proc").exists() and _live_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path("/proc").exists() or not _live_members(proc.pid), "Beam workers outlived the kill"


@pytest.mark.parametrize("moment", ["half-way", "while-writing-shards"])
def test_killed_run_leaves_no_output_and_rerun_is_identical(crash_corpus, uninterrupted, tmp_path, moment):
    reference, seconds = uninterrupted
    output = tmp_path / "out"
    args = crash_args(crash_corpus, output)
    started = time.monotonic()
    if moment == "half-way":
        kill_run(args, tmp_path / "killed.log", lambda: time.monotonic() - started > seconds / 2)
    else:
        # Shards go to the temp dir at the end of the pipeline: kill as soon as the first appears.
        kill_run(args, tmp_path / "killed.log", lambda: (output / TEMP_DIR).exists())
        assert (output / TEMP_DIR).exists()

    assert not (output / "manifest.json").exists()
    assert not (output / "stats.json").exists()
    for kind in OUTPUT_KINDS:
        assert not (output / kind).exists() or not any((output / kind).iterdir()), f"{kind}/ after a crash"
    if output.exists():
        stray = [p for p in output.rglob("*") if p.is_file() and TEMP_DIR not in p.relative_to(output).parts]
        assert stray == [], "only the temp dir may hold files after a crash"

    if moment == "while-writing-shards":
        refused = run_cli(*args, check=False)
        assert refused.returncode == 2 and "not empty" in refused.stderr, refused.stderr

    run_cli(*args, "--overwrite")
    assert_complete(output)
    assert_same_output(output, reference)


class SimulatedCrash(BaseException):
    """Stands for SIGKILL at one file operation; BaseException, so no `except Exception` hides it."""


class _FinishedPipeline:
    """A pipeline result whose pipeline already ran (its outputs are in the temp dir) and counted nothing."""

    def wait_until_finish(self):
        return "DONE"

    def metrics(self):
        return self

    def query(self, _filter=None):
        return {"counters": [], "distributions": [], "gauges": []}


def _finish_run(argv: list[str], step: int | None, monkeypatch) -> bool:
    """The CLI's work after the pipeline, in-process, on an output dir whose temp dir is filled.

    The `step`-th file operation (create, rename, delete, mkdirs) raises SimulatedCrash. Returns
    whether the crash happened (False: the run had fewer steps than `step` and finished).
    """
    import apache_beam as beam
    from apache_beam.io.filesystems import FileSystems

    from boilerstrip.pipeline import cli

    steps = 0

    def crashing(operation):
        def wrapper(*args, **kwargs):
            nonlocal steps
            steps += 1
            if steps == step:
                raise SimulatedCrash(operation.__name__)
            return operation(*args, **kwargs)

        return wrapper

    with monkeypatch.context() as patch:
        patch.setattr(cli, "prepare_output", lambda output, overwrite: None)
        patch.setattr(beam.Pipeline, "run", lambda self, *args, **kwargs: _FinishedPipeline())
        for name in ("rename", "create", "delete", "mkdirs"):
            patch.setattr(FileSystems, name, crashing(getattr(FileSystems, name)))
        try:
            cli.run(["run", *argv])
        except SimulatedCrash:
            return True
    return False


def test_crash_at_any_step_of_finalizing_leaves_no_partial_output(tmp_path, monkeypatch):
    """Crashes between the file operations that move shards into place, one step at a time.

    On a local disk each kind's directory appears in one rename and manifest.json comes last.
    """
    from boilerstrip.pipeline import cli

    inputs = ["--input", f"{SAMPLE}/text/*.txt", "--input", f"{SAMPLE}/html/broken-*"]
    inputs += ["--input", f"{SAMPLE}/html/truncated.html.gz", "--num-shards", "2"]
    reference, snapshot = tmp_path / "reference", tmp_path / "before-finalize"
    real_finalize = cli.finalize

    def finalize(output_dir, *args):
        shutil.copytree(output_dir, snapshot)
        return real_finalize(output_dir, *args)

    with monkeypatch.context() as patch:
        patch.setattr(cli, "finalize", finalize)
        cli.run(["run", *inputs, "--output", str(reference), "--direct_running_mode=in_memory"])
    replayed = tmp_path / "replayed"
    shutil.copytree(snapshot, replayed)
    assert not _finish_run([*inputs, "--output", str(replayed)], None, monkeypatch)
    assert_same_output(replayed, reference)

    violations = []
    for step in range(1, 100):
        output = tmp_path / f"crash-{step}"
        shutil.copytree(snapshot, output)
        if not _finish_run([*inputs, "--output", str(output)], step, monkeypatch):
            break
        if (output / "manifest.json").exists():
            if not (output / "stats.json").exists():
                violations.append(f"step {step}: manifest.json but no stats.json")
            continue
        # Without the manifest the run is incomplete, but no kind's directory may be partial:
        # each of clean/, filtered/, errors/ is either absent or exactly the finished one.
        for kind_dir in sorted(p for p in output.iterdir() if p.is_dir() and p.name != TEMP_DIR):
            expected = {f.name: f.read_bytes() for f in (reference / kind_dir.name).iterdir()}
            found = {f.name: f.read_bytes() for f in kind_dir.iterdir()}
            if found != expected:
                violations.append(f"step {step}: partial {kind_dir.name}/: {sorted(found)}")
    assert step > 3, "the crash never got past the first steps"
    assert violations == [], "\n".join(violations)


# --- Determinism ---------------------------------------------------------------------------------

BASELINE = ("--direct_running_mode=multi_processing", "--direct_num_workers=2")
VARIANTS = {
    "again": BASELINE,
    "in_memory": ("--direct_running_mode=in_memory",),
    "one-worker": ("--direct_running_mode=multi_processing", "--direct_num_workers=1"),
    "multi_threading": ("--direct_running_mode=multi_threading", "--direct_num_workers=2"),
}


@pytest.fixture(scope="module")
def determinism_corpus(tmp_path_factory) -> Path:
    """The bundled sample (html, jsonl, text, broken files) plus a dozen AEB pages when present."""
    folder = tmp_path_factory.mktemp("determinism") / "in"
    shutil.copytree(SAMPLE, folder)
    for page in sorted((AEB / "html").glob("*.html.gz"))[:12]:
        shutil.copy(page, folder / "html" / page.name)
    return folder


@pytest.fixture(scope="module")
def runs(determinism_corpus, tmp_path_factory):
    """Output dir of the run with the given Beam flags; each run happens once per module."""
    done: dict[tuple[str, ...], Path] = {}

    def run(name: str, flags: tuple[str, ...]) -> Path:
        if (name, *flags) not in done:
            output = tmp_path_factory.mktemp(f"run-{name}") / "out"
            corpus = determinism_corpus
            run_cli(
                *("--input", f"{corpus}/html/*", "--input", f"{corpus}/jsonl/*.jsonl"),
                *("--input", f"{corpus}/text/*.txt", "--output", str(output)),
                *("--num-shards", "3", "--audit", *flags),
            )
            done[(name, *flags)] = output
        return done[(name, *flags)]

    return run


def test_baseline_run_exercises_several_shards_of_every_kind(runs):
    output = runs("baseline", BASELINE)
    assert_complete(output)
    assert len(list((output / "clean").glob("part-*-of-00003.jsonl.gz"))) == 3
    assert len(read_rows(output, "clean")) >= 20
    for kind in ("filtered", "errors", "removed"):
        assert read_rows(output, kind), f"no {kind} records: the comparison would not cover them"


@pytest.mark.parametrize("variant", VARIANTS)
def test_same_input_gives_byte_identical_output(runs, variant):
    assert_same_output(runs(variant, VARIANTS[variant]), runs("baseline", BASELINE))


def test_run_file_size_does_not_change_the_output(runs, tmp_path):
    """One document per temp run (dozens of runs) or one run per worker: the same bytes."""
    config = tmp_path / "one-document-runs.yaml"
    config.write_text("output:\n  run_bytes: 1\n")
    output, baseline = (
        runs("one-document-runs", (*BASELINE, "--config", str(config))),
        runs("baseline", BASELINE),
    )
    assert shard_bytes(output) == shard_bytes(baseline)
    # stats.json differs only in the config it records.
    without_config = [
        {k: v for k, v in stats_without_time(o).items() if k != "config"} for o in (output, baseline)
    ]
    assert without_config[0] == without_config[1]
    assert stats(output)["config"]["output"]["run_bytes"] == 1


# --- Safety --------------------------------------------------------------------------------------

ARTICLE = (
    "The council voted on Tuesday to extend the harbour wall by forty metres, officials said. "
    "Work will begin in the spring and should take about eighteen months to finish, they added. "
    "Fishermen welcomed the plan, saying the old wall no longer protected their boats in winter."
)


def _records_with_path_ids(tmp_path: Path) -> list[dict]:
    ids = [
        "../../escape",
        "../../../../../escape-to-basetemp",
        "/etc/passwd",
        str(tmp_path / "absolute-escape"),
        "..",
        ".",
        "clean/../../sneaky",
        "..\\..\\windows-escape",
        "nul\x00byte",
        "x" * 300,
        "~/home-escape",
        "part-00000-of-00001.jsonl.gz",
        "../manifest.json",
    ]
    records = []
    for index, record_id in enumerate(ids):
        # Spread the ids over every output: clean (with a removed line), filtered and errors.
        shape = index % 4
        if shape == 0:
            records.append({"id": record_id, "url": "https://x.test/a", "text": f"{ARTICLE}\nADVERTISEMENT"})
        elif shape == 1:
            records.append({"id": record_id, "url": "https://x.test/b", "text": "Too short."})
        elif shape == 2:
            records.append({"id": record_id, "url": "https://x.test/c"})
        else:
            html = f"<html><body><article><p>{ARTICLE}</p><p>Share this article</p></article></body></html>"
            records.append({"id": record_id, "url": "https://x.test/d", "html": html})
    return records


def _fingerprint(path: Path) -> tuple | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, hashlib.sha256(path.read_bytes()).hexdigest()


def test_record_ids_that_look_like_paths_never_leave_the_output_dir(tmp_path):
    records = _records_with_path_ids(tmp_path)
    source = tmp_path / "in" / "records.jsonl"
    source.parent.mkdir()
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    output = tmp_path / "deep" / "er" / "out"
    passwd = Path("/etc/passwd")
    passwd_before = _fingerprint(passwd)
    basetemp_before = sorted(p.name for p in tmp_path.parent.iterdir())

    run_cli(
        *("--input", str(source), "--output", str(output), "--audit"),
        "--direct_running_mode=in_memory",
    )

    assert _fingerprint(passwd) == passwd_before
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == basetemp_before
    files = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if not p.is_dir()}
    outside = {f for f in files if not f.startswith("deep/er/out/")} - {"in/records.jsonl"}
    assert outside == set()
    inside = {f.removeprefix("deep/er/out/") for f in files - {"in/records.jsonl"}}
    unexpected = {f for f in inside if not _SHARD_FILE.fullmatch(f)} - {
        "manifest.json",
        "stats.json",
        "samples.json",
        "site-templates.json.gz",
        "report.html",
    }
    assert unexpected == set()
    assert {p.name for p in tmp_path.rglob("*") if p.is_dir()} <= {"in", "deep", "er", "out", *OUTPUT_KINDS}
    # Every id comes back verbatim as data, in the output its record belongs to.
    seen = [row["id"] for kind in ("clean", "filtered", "errors") for row in read_rows(output, kind)]
    assert sorted(seen) == sorted(r["id"] for r in records)
    assert {row["id"] for row in read_rows(output, "removed")} >= {records[0]["id"], records[3]["id"]}


def _run_with_config(tmp_path: Path, config: Path, output: Path) -> subprocess.CompletedProcess:
    return run_cli(
        *("--input", f"{SAMPLE}/text/*.txt", "--output", str(output), "--overwrite"),
        *("--config", str(config), "--direct_running_mode=in_memory"),
        check=False,
    )


def assert_refused_before_work(result: subprocess.CompletedProcess, named: list[str], output: Path) -> None:
    assert result.returncode == 2, result.stderr
    assert "boilerstrip: error:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    for name in named:
        assert name in result.stderr, f"{name!r} not named in: {result.stderr}"
    assert not output.exists(), "the output dir was created before the config was checked"


@pytest.mark.parametrize("where", ["top", "nested"])
def test_python_tag_in_config_is_refused_and_never_run(tmp_path, where):
    marker = tmp_path / "executed"
    tag = f"!!python/object/apply:os.system ['touch {marker}']"
    config = tmp_path / "evil.yaml"
    config.write_text(f"{tag}\n" if where == "top" else f"filters:\n  min_words: {tag}\n")
    output = tmp_path / "out"
    assert_refused_before_work(_run_with_config(tmp_path, config, output), [str(config)], output)
    assert not marker.exists()


def test_python_tag_in_rule_pack_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "executed"
    pack = tmp_path / "evil-pack.yaml"
    pack.write_text(f"!!python/object/apply:os.system ['touch {marker}']\n")
    config = tmp_path / "run.yaml"
    config.write_text(f"rules:\n  packs: [{pack}]\n")
    output = tmp_path / "out"
    assert_refused_before_work(_run_with_config(tmp_path, config, output), [str(pack)], output)
    assert not marker.exists()


@pytest.mark.parametrize(
    "text, key",
    [
        ("filter:\n  min_words: 3\n", "'filter'"),
        ("rules:\n  disable: [caption-line]\n", "'rules.disable'"),
        ("site_templates:\n  min_site_doc: 2\n", "'site_templates.min_site_doc'"),
        ("language:\n  languages: [en]\n  min_score: 0.5\n", "'language.min_score'"),
    ],
)
def test_unknown_config_key_fails_fast_naming_key_and_file(tmp_path, text, key):
    config = tmp_path / "typo.yaml"
    config.write_text(text)
    output = tmp_path / "out"
    result = _run_with_config(tmp_path, config, output)
    assert_refused_before_work(result, [str(config), key], output)
    assert "unknown key" in result.stderr


def test_unknown_key_in_rule_pack_fails_fast_naming_key_and_file(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "language: en\nrules:\n  - name: promo\n    note: ours\n    patterns: ['a']\n    max_word: 3\n"
    )
    config = tmp_path / "run.yaml"
    config.write_text(f"rules:\n  packs: [{pack}]\n")
    output = tmp_path / "out"
    assert_refused_before_work(_run_with_config(tmp_path, config, output), [str(pack), "max_word"], output)


def test_bad_config_with_overwrite_keeps_the_previous_output(tmp_path):
    output = tmp_path / "out"
    (output / "clean").mkdir(parents=True)
    previous = {"clean/part-00000-of-00001.jsonl.gz": b"previous shard", "manifest.json": b"{}"}
    for name, data in previous.items():
        (output / name).write_bytes(data)
    config = tmp_path / "typo.yaml"
    config.write_text("filters:\n  min_word: 3\n")
    result = _run_with_config(tmp_path, config, output)
    assert result.returncode == 2 and "filters.min_word" in result.stderr
    assert {name: (output / name).read_bytes() for name in previous} == previous
