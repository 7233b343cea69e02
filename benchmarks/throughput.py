"""Pipeline throughput against a bare trafilatura loop, per-stage costs, and datatrove, in one run.

    python benchmarks/throughput.py [--pages 2000] [--workers 2] [--repeat 1] [--skip-datatrove]

Builds a corpus of gzipped JSONL shards {id, url, html} in a temp dir (the AEB pages copied with
distinct ids and urls on 100 sites, each copy with one unique sentence), then times, each in its own
subprocess: bare single-process `trafilatura.extract` loops, the real `boilerstrip run` command
(full, and with each optional stage off), the in-process DirectRunner, a per-stage profile of the
pipeline's pure functions, and datatrove's read → Trafilatura → write. Only ratios between runs of
this one invocation mean anything: the machine is shared.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_AEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "aeb"
DEFAULT_WCXB = Path(__file__).resolve().parents[2] / "shared" / "data" / "wcxb-dev"
PAGES_PER_FILE = 250
SINGLE_JSONL = "pipeline, one uncompressed JSONL file"
SINGLE_WARC = "pipeline, one .warc.gz (a gzip member per record)"
FIXED_COST_PAGES = 20
SITES = 100

# trafilatura.extract with the settings of the pipeline's fast path (ExtractionConfig's defaults,
# pipeline/config.py; the pipeline adds the fallback only on pages whose fast text looks
# incomplete), and deduplicate off as extract.py keeps it.
SAME_SETTINGS = dict(
    favor_precision=False,
    favor_recall=False,
    include_tables=True,
    include_comments=False,
    fast=True,
    deduplicate=False,
)
PLAIN_SETTINGS = dict(include_comments=False)

# Config files for the ablation runs: each turns one optional stage off, the rest stays default.
ABLATIONS = {
    "page rules off": "rules:\n  page_rules: false\n",
    "text rules off": "rules:\n  text_rules: false\n",
    "site templates + dedup off": "site_templates:\n  enabled: false\n  drop_duplicates: false\n",
    "no time limit (timeout 0)": "limits:\n  extract_timeout_seconds: 0\n",
}

# --- the corpus --------------------------------------------------------------------------------

_PLACES = [
    "the harbour",
    "the old mill",
    "the valley road",
    "the market square",
    "the north bank",
    "the railway yard",
    "the hill farm",
    "the library garden",
    "the ferry pier",
    "the east gate",
]
_PEOPLE = [
    "volunteers",
    "engineers",
    "students",
    "fishermen",
    "nurses",
    "carpenters",
    "cyclists",
    "gardeners",
    "musicians",
    "surveyors",
]
_VERBS = [
    "repainted",
    "measured",
    "cleared",
    "mapped",
    "rebuilt",
    "inspected",
    "photographed",
    "restored",
    "catalogued",
    "replanted",
]
_THINGS = [
    "footbridge",
    "sea wall",
    "bandstand",
    "water tower",
    "orchard fence",
    "signal box",
    "boathouse",
    "clock tower",
    "greenhouse",
    "stone stairway",
]
_ADJECTIVES = [
    "narrow",
    "crooked",
    "weathered",
    "forgotten",
    "crowded",
    "quiet",
    "sunlit",
    "flooded",
    "hidden",
    "lopsided",
]
_WHEN = [
    "before the first frost",
    "during the long weekend",
    "after the spring floods",
    "over three cold mornings",
    "while the road was closed",
    "ahead of the autumn fair",
]
_PARAGRAPH = re.compile(r"<p[\s>].*?</p>", re.IGNORECASE | re.DOTALL)


def unique_sentence(rng: random.Random, number: int) -> str:
    """A plausible article sentence; words and number vary so no two copies share a text."""
    return (
        f"Near {rng.choice(_PLACES)}, {number + 3} {rng.choice(_PEOPLE)} {rng.choice(_VERBS)} the "
        f"{rng.choice(_ADJECTIVES)} {rng.choice(_THINGS)} {rng.choice(_WHEN)}, and {rng.choice(_PEOPLE)} "
        f"from {rng.choice(_PLACES)} came to see the {rng.choice(_ADJECTIVES)} result."
    )


_TEXT_OPENING_TAG = re.compile(r"<(?!script|style|noscript|template|!--)[a-zA-Z][^<>]*>$", re.I)


def insertion_point(html: str, text: str) -> int | None:
    """Where a sentence lands in the article: the end of the text run, inside <body> and outside
    scripts, that holds a piece of one of the longest lines the pipeline extracted from `html`."""
    body = max(html.lower().find("<body"), 0)
    for line in sorted(text.split("\n"), key=len, reverse=True)[:20]:
        for start in (len(line) // 2, 0):
            piece = line[start : start + 30]
            if len(piece) < 30 or "&" in piece:
                continue
            found = html.find(piece, body)
            while found >= 0:
                tag_start = html.rfind("<", 0, found)
                tag_end = html.find(">", tag_start)
                if tag_end < found and _TEXT_OPENING_TAG.match(html[tag_start : tag_end + 1]):
                    at = html.find("<", found)
                    if at > 0:
                        return at
                found = html.find(piece, found + 1)
    return None


def with_sentence(html: str, sentence: str, at: int | None) -> str:
    """`html` with ` sentence` at `at`, or as a paragraph after the longest <p> when `at` is None."""
    if at is None:
        longest = max(_PARAGRAPH.finditer(html), key=lambda m: len(m.group(0)), default=None)
        at = longest.end() if longest else len(html)
        return f"{html[:at]}<p>{sentence}</p>{html[at:]}"
    return f"{html[:at]} {sentence}{html[at:]}"


def clean_texts(pages: list[tuple[str, str]]) -> list[str]:
    """What the pipeline's pure functions (defaults) keep of each page."""
    from boilerstrip.pipeline.config import Config
    from boilerstrip.transforms.extract import extract_document
    from boilerstrip.transforms.language import tag_language
    from boilerstrip.transforms.record import Document, Rejected
    from boilerstrip.transforms.text_rules import apply_text_rules

    config, texts = Config(), []
    for page_id, html in pages:
        doc, _ = extract_document(Document(id=page_id, source="aeb", html=html), config)
        if not isinstance(doc, Rejected):
            doc = tag_language(doc, config.language)
        if not isinstance(doc, Rejected):
            doc, _ = apply_text_rules(doc, config.rules)
        texts.append("" if isinstance(doc, Rejected) else doc.text or "")
    return texts


def load_aeb_pages(aeb: Path) -> list[tuple[str, str]]:
    from boilerstrip.transforms.decode import decode_page

    return [
        (path.name.split(".")[0], decode_page(gzip.decompress(path.read_bytes())))
        for path in sorted((aeb / "html").glob("*.html.gz"))
    ]


def make_corpus(folder: Path, n_pages: int, aeb: Path = DEFAULT_AEB, seed: int = 0) -> int:
    """Writes `n_pages` JSONL records {id, url, html} as gzip shards of 250 lines into `folder`.

    Page i is AEB page i mod 181 plus one unique sentence (appended to a line the pipeline keeps
    of that page, so the dedup stage does not drop the copies), with id `<aeb id>-<copy>` and a url on
    site i mod 100 (`www.news042.com`): the copies of one page land on different sites, so the
    site-template stage sees ~20 different pages per site instead of calling an article a template.
    """
    pages = load_aeb_pages(aeb)
    points = [insertion_point(html, text) for (_, html), text in zip(pages, clean_texts(pages), strict=True)]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shard = None
    for i in range(n_pages):
        if i % PAGES_PER_FILE == 0:
            if shard:
                shard.close()
            shard = gzip.open(folder / f"pages-{i // PAGES_PER_FILE:05d}.jsonl.gz", "wt", encoding="utf-8")
        page_id, html = pages[i % len(pages)]
        copy = i // len(pages)
        record = {
            "id": f"{page_id[:16]}-{copy:04d}",
            "url": f"https://www.news{i % SITES:03d}.com/{2020 + copy % 5}/story-{i}.html",
            "html": with_sentence(html, unique_sentence(rng, i), points[i % len(pages)]),
        }
        shard.write(json.dumps(record, ensure_ascii=False) + "\n")
    if shard:
        shard.close()
    return n_pages


def _warc_response(number: int, record: dict) -> bytes:
    """One WARC/1.0 response record holding a page as an HTTP response, the way crawlers save it."""
    body = record["html"].encode("utf-8")
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        "WARC-Date: 2026-01-01T00:00:00Z\r\n"
        f"WARC-Target-URI: {record['url']}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def make_single_files(corpus: Path, folder: Path, warc: bool = True) -> dict:
    """The corpus's pages as one uncompressed JSONL file and (`warc`) as one `.warc.gz` with one
    gzip member per record (Common Crawl's layout), in their own folders under `folder`."""
    records = read_corpus(corpus)
    (folder / "one-jsonl").mkdir(parents=True, exist_ok=True)
    (folder / "one-warc").mkdir(parents=True, exist_ok=True)
    with open(folder / "one-jsonl" / "pages.jsonl", "wb") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    if not warc:
        return {"records": len(records)}
    with open(folder / "one-warc" / "pages.warc.gz", "wb") as out:
        for number, record in enumerate(records):
            out.write(gzip.compress(_warc_response(number, record), mtime=0))
    return {"records": len(records)}


def make_wcxb_articles(wcxb: Path, folder: Path) -> dict:
    """wcxb-dev's article pages as one JSONL file {id, url, html}, decoded the pipeline's way."""
    from boilerstrip.transforms.decode import decode_page

    truth = json.loads((wcxb / "ground-truth.json").read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(folder / "articles.jsonl", "wb") as out:
        for page_id, answer in sorted(truth.items()):
            if answer.get("page_type") != "article":
                continue
            html = decode_page(gzip.decompress((wcxb / "html" / f"{page_id}.html.gz").read_bytes()))
            record = {"id": page_id, "url": answer.get("url", ""), "html": html}
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            count += 1
    return {"pages": count}


_WORD = re.compile(r"\w+")


def word_f1(predicted: str, reference: str) -> float:
    """WCXB's page score: bags of lowercased `\\w+` tokens, F1 of overlap/predicted and
    overlap/reference (shared/data/README.md)."""
    from collections import Counter

    pred, ref = Counter(_WORD.findall(predicted.lower())), Counter(_WORD.findall(reference.lower()))
    overlap = sum((pred & ref).values())
    if not overlap:
        return 1.0 if not pred and not ref else 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def mean_article_f1(wcxb: Path, texts: dict[str, str]) -> float:
    truth = json.loads((wcxb / "ground-truth.json").read_text(encoding="utf-8"))
    articles = {k: v["articleBody"] for k, v in truth.items() if v.get("page_type") == "article"}
    return sum(word_f1(texts.get(k, ""), body) for k, body in articles.items()) / len(articles)


def jsonl_texts(folder: Path, pattern: str) -> dict[str, str]:
    texts = {}
    for path in sorted(folder.glob(pattern)):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                texts[str(row["id"])] = row.get("text") or ""
    return texts


def article_quality(args, tmp: Path, with_datatrove: bool) -> dict[str, float]:
    """wcxb-dev article F1 of boilerstrip's defaults (length filter off, as the data's README asks)
    and of datatrove's Trafilatura(), each run as a whole command on the same JSONL file."""
    me = str(Path(__file__).resolve())
    folder = tmp / "wcxb"
    command = [
        sys.executable,
        me,
        "--worker",
        "wcxb-corpus",
        "--corpus",
        str(args.wcxb),
        "--out",
        str(folder),
    ]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    config = tmp / "no-length-filter.yaml"
    config.write_text("filters:\n  min_chars: 0\n  min_words: 0\n")
    out = tmp / "wcxb-out"
    subprocess.run(
        cli_command(folder, out, config, [], "articles.jsonl"), check=True, capture_output=True, text=True
    )
    scores = {"boilerstrip": mean_article_f1(args.wcxb, jsonl_texts(out / "clean", "*.jsonl.gz"))}
    if with_datatrove:
        dt_out = tmp / "wcxb-dt"
        command = [sys.executable, me, "--worker", "datatrove-defaults", "--corpus", str(folder)]
        command += ["--out", str(dt_out), "--workers", str(args.workers)]
        subprocess.run(command, check=True, capture_output=True, text=True)
        scores["datatrove"] = mean_article_f1(args.wcxb, jsonl_texts(dt_out / "output", "*.jsonl.gz"))
    return scores


def read_corpus(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            records.extend(json.loads(line) for line in lines)
    return records


# --- measuring a subprocess ----------------------------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return found


def _stat(pid: int) -> tuple[float, int] | None:
    """(CPU seconds, RSS bytes) of one process from /proc, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICK, int(fields[21]) * _PAGE


class TreeSampler(threading.Thread):
    """Polls a process tree every `interval` s: peak summed RSS, and the last CPU seen per pid.

    Sampling misses peaks shorter than the interval and counts shared pages once per process.
    """

    def __init__(self, root: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_rss = 0
        self.cpu: dict[int, float] = {}
        self.max_procs = 0
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            pids, queue = [], [self.root]
            while queue:
                pid = queue.pop()
                pids.append(pid)
                queue += _children(pid)
            rss = 0
            for pid in pids:
                stat = _stat(pid)
                if stat:
                    self.cpu[pid] = stat[0]
                    rss += stat[1]
            self.peak_rss = max(self.peak_rss, rss)
            self.max_procs = max(self.max_procs, len(pids))
            self._stop_event.wait(self.interval)

    def stop(self):
        self._stop_event.set()
        self.join()


@dataclass
class Measured:
    label: str
    wall: float
    cpu: float  # user+sys of the whole process tree
    tree_rss_mb: float  # sampled peak of the summed RSS of the tree
    largest_rss_mb: float  # ru_maxrss from wait4: the largest single process of the tree
    procs: int
    stdout: str
    extra: dict = field(default_factory=dict)


def measure(label: str, cmd: list[str], log: Path) -> Measured:
    """Runs `cmd`, waiting with wait4 so its (reaped) descendants' CPU and max RSS are counted."""
    with open(log, "w") as err, tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        out.seek(0)
        stdout = out.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{label}: exit {proc.returncode}; see {log}\n{Path(log).read_text()[-3000:]}")
    cpu = max(usage.ru_utime + usage.ru_stime, sum(sampler.cpu.values()))
    return Measured(
        label, wall, cpu, sampler.peak_rss / 2**20, usage.ru_maxrss / 1024, sampler.max_procs, stdout
    )


def last_json(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


# --- what runs inside the subprocesses ----------------------------------------------------------


def bare_loop(corpus: Path, settings: dict) -> dict:
    """trafilatura.extract on every page held in memory: the loop a user would write first."""
    import trafilatura

    pages = [record["html"] for record in read_corpus(corpus)]
    started, cpu = time.perf_counter(), time.process_time()
    found = sum(1 for html in pages if trafilatura.extract(html, **settings))
    return {
        "loop_seconds": time.perf_counter() - started,
        "loop_cpu": time.process_time() - cpu,
        "pages": len(pages),
        "with_text": found,
    }


class _Clock:
    """Wall and CPU seconds per stage name."""

    def __init__(self):
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def add(self, stage: str, wall: float, cpu: float):
        self.wall[stage] = self.wall.get(stage, 0.0) + wall
        self.cpu[stage] = self.cpu.get(stage, 0.0) + cpu

    def timed(self, stage: str, fn):
        def wrapper(*args, **kwargs):
            w, c = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(stage, time.perf_counter() - w, time.process_time() - c)

        return wrapper

    def run(self, stage: str, fn, *args, **kwargs):
        return self.timed(stage, fn)(*args, **kwargs)


STAGE_ORDER = (
    "gunzip input files",
    "read JSONL line",
    "extract_document",
    "  parse HTML (parse_html)",
    "  page rules",
    "  page metadata (title, url, author, date)",
    "  trafilatura.bare_extraction",
    "  normalize_text",
    "tag_language",
    "apply_text_rules",
)


def profile(corpus: Path) -> dict:
    """Per-stage time of the pipeline's pure functions in one process, in the pipeline's order.

    The three steps benchmarks/quality.py chains (extract_document, tag_language, apply_text_rules)
    are timed as wholes; inside extract_document, parsing, page rules, trafilatura and its metadata
    are timed by wrapping the functions it calls. The rest estimates per-record work Beam adds:
    site-template hashing, run lines (written once, read twice), the output row, JSON and gzip.
    """
    import trafilatura

    import boilerstrip.transforms.extract as extract_module
    from boilerstrip.pipeline.config import Config
    from boilerstrip.pipeline.io import JSONL_GZIP_LEVEL, _json_line
    from boilerstrip.pipeline.readers import gunzip, read_jsonl_line
    from boilerstrip.pipeline.runs import from_line, to_line
    from boilerstrip.transforms.extract import extract_document
    from boilerstrip.transforms.language import tag_language
    from boilerstrip.transforms.length_filter import drop_short
    from boilerstrip.transforms.record import Rejected
    from boilerstrip.transforms.site_templates import page_line_hashes, site_of, text_digest
    from boilerstrip.transforms.text_rules import apply_text_rules

    clock = _Clock()
    for stage in STAGE_ORDER:
        clock.add(stage, 0.0, 0.0)
    # Inside extract_document: these are looked up as module attributes at call time.
    extract_module.parse_html = clock.timed("  parse HTML (parse_html)", extract_module.parse_html)
    extract_module.drop_boilerplate_elements = clock.timed(
        "  page rules", extract_module.drop_boilerplate_elements
    )
    extract_module.page_metadata = clock.timed(
        "  page metadata (title, url, author, date)", extract_module.page_metadata
    )
    trafilatura.bare_extraction = clock.timed("  trafilatura.bare_extraction", trafilatura.bare_extraction)
    extract_module.normalize_text = clock.timed("  normalize_text", extract_module.normalize_text)

    def gunzipped_lines(path: Path) -> list[tuple[str, bytes]]:
        with open(path, "rb") as raw:
            return [(str(path), line) for line in gunzip(raw)]

    config = Config()
    started, cpu_started = time.perf_counter(), time.process_time()
    lines = []
    for path in sorted(corpus.glob("*.jsonl.gz")):
        lines += clock.run("gunzip input files", gunzipped_lines, path)
    clean_lines, chain = [], ("read JSONL line", "extract_document", "tag_language", "apply_text_rules")
    for source, line in lines:
        doc = clock.run("read JSONL line", read_jsonl_line, source, line, config.limits.max_record_bytes)
        doc, _ = clock.run("extract_document", extract_document, doc, config)
        if isinstance(doc, Rejected):
            continue
        doc = clock.run("tag_language", tag_language, doc, config.language)
        if isinstance(doc, Rejected):
            continue
        doc, _ = clock.run("apply_text_rules", apply_text_rules, doc, config.rules)
        clock.run(
            "site templates: site, line hashes, digest",
            lambda d: (site_of(d.url), page_line_hashes(d.text), text_digest(d.text or "")),
            doc,
        )
        line = clock.run("run line: write (x1)", to_line, doc)
        clock.run("run line: read (x2, screen and merge)", lambda r: (from_line(r), from_line(r)), line)
        doc = clock.run("drop_short", drop_short, doc, config.filters)
        if isinstance(doc, Rejected):
            continue
        clean_lines.append(clock.run("output row + JSON line", lambda d: _json_line(d.output_row()), doc))
    clock.run(f"gzip (level {JSONL_GZIP_LEVEL})", gzip.compress, b"".join(clean_lines), JSONL_GZIP_LEVEL)
    return {
        "loop_seconds": time.perf_counter() - started,
        "loop_cpu": time.process_time() - cpu_started,
        "pages": len(lines),
        "clean": len(clean_lines),
        "wall": clock.wall,
        "cpu": clock.cpu,
        "chain": chain,
    }


def datatrove_run(corpus: Path, out: Path, workers: int, timeout: float, defaults: bool = False) -> dict:
    """datatrove's JsonlReader → Trafilatura → JsonlWriter, one task per input file: with the
    pipeline's extraction settings, or (`defaults`) with `Trafilatura()` as datatrove's users run
    it (favour_precision, deduplicate, a 1 s timeout)."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    settings = {k: v for k, v in SAME_SETTINGS.items() if k not in ("favor_precision", "include_comments")}
    settings.pop("deduplicate")
    pattern = "*.jsonl.gz" if any(corpus.glob("*.jsonl.gz")) else "*.jsonl"
    tasks = len(list(corpus.glob(pattern)))
    extractor = (
        Trafilatura()
        if defaults
        else Trafilatura(favour_precision=False, deduplicate=False, timeout=timeout, **settings)
    )
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(corpus), glob_pattern=pattern, text_key="html", id_key="id"),
            extractor,
            JsonlWriter(str(out / "output")),
        ],
        tasks=tasks,
        workers=workers,
        logging_dir=str(out / "logs"),
        skip_completed=False,
    )
    executor.run()
    written = 0
    for path in (out / "output").glob("*.jsonl.gz"):
        with gzip.open(path, "rt") as f:
            written += sum(1 for _ in f)
    return {"tasks": tasks, "written": written}


# --- the driver ----------------------------------------------------------------------------------


def build_corpus(folder: Path, n_pages: int, aeb: Path) -> None:
    """`make_corpus` in a subprocess, keeping this driver's RSS (which children inherit) small."""
    me = str(Path(__file__).resolve())
    command = [sys.executable, me, "--worker", "make-corpus", "--corpus", str(folder), "--aeb", str(aeb)]
    subprocess.run(command + ["--pages", str(n_pages)], check=True, stdout=subprocess.DEVNULL)


def cli_command(
    corpus: Path, out: Path, config: Path | None, beam_args: list[str], pattern: str = "*.jsonl.gz"
) -> list[str]:
    command = [str(Path(sys.executable).with_name("boilerstrip")), "run", "--input", f"{corpus}/{pattern}"]
    command += ["--output", str(out), "--overwrite"]
    if config:
        command += ["--config", str(config)]
    return command + beam_args


def cli_extra(out: Path) -> dict:
    stats = json.loads((out / "stats.json").read_text())
    return {
        key: stats[key]
        for key in ("read", "clean", "filtered", "errors", "accounted", "filtered_by_reason", "wall_seconds")
    }


def _best(runs: list[Measured]) -> Measured:
    """Of repeats, the least disturbed one: the shortest wall time (its CPU and RSS come with it)."""
    return min(runs, key=lambda run: run.wall)


def versions() -> dict:
    """Versions read from package metadata: the driver imports no heavy module, because a child's
    ru_maxrss starts at its parent's RSS (it is kept across fork and exec)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"nproc": os.cpu_count(), "python": platform.python_version()}
    for name in ("apache-beam", "trafilatura", "langdetect", "lxml", "datatrove"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    found["platform"] = platform.platform()
    found["boilerstrip source"] = str(
        Path(importlib.util.find_spec("boilerstrip.pipeline").origin).parents[1]
    )
    return found


def datatrove_usable() -> dict:
    """Whether datatrove's JSONL reader can be built here (it needs the optional orjson)."""
    try:
        from datatrove.pipeline.readers import JsonlReader

        JsonlReader(tempfile.gettempdir())
    except ImportError as exc:
        return {"ok": False, "why": str(exc)}
    return {"ok": True}


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def drive(args) -> int:
    info = versions()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    me = str(Path(__file__).resolve())
    want_datatrove = not args.skip_datatrove
    if not want_datatrove:
        print("datatrove: SKIPPED: --skip-datatrove")
    elif info["datatrove"] is None:
        print("datatrove: SKIPPED: `import datatrove` fails; `pip install datatrove orjson` to compare")
        want_datatrove = False
    else:
        check = subprocess.run(
            [sys.executable, me, "--worker", "datatrove-check"], capture_output=True, text=True
        )
        usable = (
            last_json(check.stdout) if check.returncode == 0 else {"ok": False, "why": check.stderr[-500:]}
        )
        if not usable["ok"]:
            print(f"datatrove: SKIPPED: {usable['why']}")
            want_datatrove = False

    with tempfile.TemporaryDirectory(prefix="boilerstrip-throughput-", dir=args.tmp) as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        build_corpus(corpus, args.pages, args.aeb)
        small = tmp / "small-corpus"
        build_corpus(small, FIXED_COST_PAGES, args.aeb)
        subprocess.run(
            [sys.executable, me, "--worker", "single-files", "--corpus", str(corpus), "--out", str(tmp)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        one_jsonl, one_warc = tmp / "one-jsonl", tmp / "one-warc"
        n_files = len(list(corpus.glob("*.jsonl.gz")))
        size = sum(p.stat().st_size for p in corpus.iterdir())
        print(
            f"corpus: {args.pages} pages in {n_files} .jsonl.gz files ({size / 2**20:.1f} MiB), "
            f"{SITES} sites, workers {args.workers}, repeat {args.repeat}\n"
        )
        configs = {}
        for name, text in ABLATIONS.items():
            configs[name] = tmp / f"{len(configs)}.yaml"
            configs[name].write_text(text)
        multi = ["--direct_running_mode=multi_processing", f"--direct_num_workers={args.workers}"]

        plan: list[tuple[str, list[str], Path | None]] = [
            ("bare loop, pipeline settings", [sys.executable, me, "--worker", "bare-same"], None),
            ("bare loop, plain settings", [sys.executable, me, "--worker", "bare-plain"], None),
            ("pipeline, full (CLI defaults)", cli_command(corpus, tmp / "out", None, multi), tmp / "out"),
        ]
        plan += [
            (SINGLE_JSONL, cli_command(one_jsonl, tmp / "out", None, multi, "pages.jsonl"), tmp / "out"),
            (SINGLE_WARC, cli_command(one_warc, tmp / "out", None, multi, "pages.warc.gz"), tmp / "out"),
        ]
        if not args.skip_ablations:
            plan.append(
                (
                    f"pipeline, full, {FIXED_COST_PAGES} pages (start-up cost)",
                    cli_command(small, tmp / "out", None, multi),
                    tmp / "out",
                )
            )
            for name, path in configs.items():
                plan.append((f"pipeline, {name}", cli_command(corpus, tmp / "out", path, multi), tmp / "out"))
            plan.append(
                (
                    "pipeline, in_memory (1 process)",
                    cli_command(corpus, tmp / "out", None, ["--direct_running_mode=in_memory"]),
                    tmp / "out",
                )
            )
            plan.append(
                ("pure functions profile (1 process)", [sys.executable, me, "--worker", "profile"], None)
            )
        if want_datatrove:
            dt = [sys.executable, me, "--worker", "datatrove", "--out", str(tmp / "dt")]
            dt_defaults = [sys.executable, me, "--worker", "datatrove-defaults"]
            if not args.skip_ablations:
                plan.append((f"datatrove, {args.workers} workers", dt, None))
            plan.append(
                (
                    f"datatrove, Trafilatura() defaults, {args.workers} workers",
                    dt_defaults + ["--out", str(tmp / "dt-defaults")],
                    None,
                )
            )
            plan.append(
                (
                    f"datatrove, Trafilatura() defaults, {args.workers} workers, one JSONL file",
                    dt_defaults + ["--corpus", str(one_jsonl), "--out", str(tmp / "dt-defaults-one")],
                    None,
                )
            )

        runs: dict[str, list[Measured]] = {label: [] for label, _, _ in plan}
        for round_ in range(args.repeat):
            for label, command, out in plan:
                if command[1] == me:
                    if "--corpus" not in command:
                        command = command + ["--corpus", str(corpus)]
                    command = command + ["--workers", str(args.workers)]
                print(f"  [{round_ + 1}/{args.repeat}] {label} ...", end="", flush=True)
                run = measure(label, command, tmp / "last.log")
                if out is not None:
                    run.extra = cli_extra(out)
                    expected = FIXED_COST_PAGES if "start-up" in label else args.pages
                    if not run.extra["accounted"] or run.extra["read"] != expected:
                        raise RuntimeError(f"{label}: records not accounted for: {run.extra}")
                elif command[1] == me:
                    run.extra = last_json(run.stdout)
                runs[label].append(run)
                print(f" {run.wall:.1f} s")
        args.corpus_dir = corpus
        args.quality = {}
        if args.skip_quality:
            print("quality: SKIPPED: --skip-quality")
        elif not (args.wcxb / "ground-truth.json").exists():
            print(f"quality: SKIPPED: wcxb-dev not found at {args.wcxb}")
        else:
            print("  wcxb-dev article F1 (boilerstrip and datatrove, untimed) ...", flush=True)
            args.quality = article_quality(args, tmp, want_datatrove)
        report(args, {label: _best(found) for label, found in runs.items()}, want_datatrove)
    return 0


def report(args, best: dict[str, Measured], with_datatrove: bool) -> None:
    n = args.pages
    same = best["bare loop, pipeline settings"]
    plain = best["bare loop, plain settings"]
    full = best["pipeline, full (CLI defaults)"]
    same_loop, plain_loop = same.extra["loop_seconds"], plain.extra["loop_seconds"]

    print("\n## Throughput (wall time; ratio = pages/s of the run / pages/s of the bare loop)\n")
    print(
        _row(
            [
                "run",
                "pages/s",
                "x bare (pipeline settings)",
                "x bare (plain)",
                "CPU ms/page",
                "CPU x bare (pipeline settings)",
                "peak RSS tree MiB",
                "largest process MiB",
                "processes",
                "clean",
            ]
        )
    )
    print(_row(["---"] * 10))
    for label, run in best.items():
        if label.startswith("pure functions"):
            continue
        if label.startswith("bare"):
            seconds, cpu = run.extra["loop_seconds"], run.extra["loop_cpu"]
            label = f"{label} (loop only)"
            clean = run.extra["with_text"]
        elif "start-up" in label:
            continue
        else:
            seconds, cpu = run.wall, run.cpu
            clean = run.extra.get("clean", run.extra.get("written", ""))
        print(
            _row(
                [
                    label,
                    f"{n / seconds:.1f}",
                    f"{same_loop / seconds:.2f}",
                    f"{plain_loop / seconds:.2f}",
                    f"{cpu / n * 1000:.1f}",
                    f"{same.extra['loop_cpu'] / cpu:.2f}",
                    f"{run.tree_rss_mb:.0f}",
                    f"{run.largest_rss_mb:.0f}",
                    run.procs,
                    clean,
                ]
            )
        )
    print(
        f"\nbare loops as whole processes (with imports and reading the corpus): pipeline settings "
        f"{same.wall:.1f} s, plain {plain.wall:.1f} s; full pipeline / bare process: "
        f"{same.wall / full.wall:.2f}x and {plain.wall / full.wall:.2f}x"
    )
    single_files(args, best, plain_loop, with_datatrove)
    if args.skip_ablations:
        return
    startup = best[f"pipeline, full, {FIXED_COST_PAGES} pages (start-up cost)"]
    per_page_wall = (full.wall - startup.wall) / (n - FIXED_COST_PAGES)
    per_page_cpu = (full.cpu - startup.cpu) / (n - FIXED_COST_PAGES)
    print(
        f"full pipeline on {FIXED_COST_PAGES} pages: {startup.wall:.1f} s wall, {startup.cpu:.1f} s CPU "
        f"(start-up, graph, finalize: {startup.wall / full.wall:.0%} of the full run's wall). Marginal cost "
        f"per page beyond that: {per_page_wall * 1000:.1f} ms wall ({1 / per_page_wall:.1f} pages/s, "
        f"{same_loop / n / per_page_wall:.2f}x the bare loop), {per_page_cpu * 1000:.1f} ms CPU "
        f"({same.extra['loop_cpu'] / n / per_page_cpu:.2f}x the bare loop's CPU efficiency)"
    )
    print(
        f"full pipeline stats: {json.dumps(full.extra['filtered_by_reason'])}, errors {full.extra['errors']}"
    )

    print("\n## Cost of each optional stage (full run vs the run with the stage off)\n")
    print(_row(["stage off", "wall saved", "wall saved % of full", "CPU saved", "CPU saved % of full"]))
    print(_row(["---"] * 5))
    for name in ABLATIONS:
        off = best[f"pipeline, {name}"]
        print(
            _row(
                [
                    name,
                    f"{full.wall - off.wall:+.1f} s",
                    f"{(full.wall - off.wall) / full.wall * 100:+.1f}%",
                    f"{full.cpu - off.cpu:+.1f} s",
                    f"{(full.cpu - off.cpu) / full.cpu * 100:+.1f}%",
                ]
            )
        )

    prof = best["pure functions profile (1 process)"].extra
    print(
        f"\n## Time per stage: pure functions in one process, {prof['pages']} pages "
        f"({prof['clean']} clean), perf_counter and process_time per call\n"
    )
    print(_row(["stage", "wall s", "ms/page", "% of loop wall", "CPU s", "% of loop CPU"]))
    print(_row(["---"] * 6))
    for stage, wall in prof["wall"].items():
        cpu = prof["cpu"][stage]
        print(
            _row(
                [
                    stage,
                    f"{wall:.2f}",
                    f"{wall / prof['pages'] * 1000:.2f}",
                    f"{wall / prof['loop_seconds'] * 100:.1f}%",
                    f"{cpu:.2f}",
                    f"{cpu / prof['loop_cpu'] * 100:.1f}%",
                ]
            )
        )
    print(_row(["whole loop", f"{prof['loop_seconds']:.2f}", "", "100%", f"{prof['loop_cpu']:.2f}", "100%"]))

    chain_wall = sum(prof["wall"][stage] for stage in prof["chain"])
    chain_cpu = sum(prof["cpu"][stage] for stage in prof["chain"])
    extraction_cpu = prof["cpu"]["  parse HTML (parse_html)"] + prof["cpu"]["  trafilatura.bare_extraction"]
    in_memory = best["pipeline, in_memory (1 process)"]
    print("\n## Beyond extraction\n")
    print(
        f"pure chain (read line, extract_document, tag_language, apply_text_rules): "
        f"{chain_wall:.1f} s wall, {chain_cpu:.1f} s CPU"
    )
    print(
        f"in_memory (one process), whole CLI process: {in_memory.wall:.1f} s wall, {in_memory.cpu:.1f} s CPU"
        f" -> {in_memory.wall / chain_wall:.2f}x the pure chain's wall, "
        f"{in_memory.cpu / chain_cpu:.2f}x its CPU"
    )
    print(
        f"extraction proper (parse_html + trafilatura.bare_extraction) CPU: {extraction_cpu:.1f} s; "
        f"share of everything else in CPU: pure chain {1 - extraction_cpu / chain_cpu:.1%}, "
        f"in_memory run {1 - extraction_cpu / in_memory.cpu:.1%}, "
        f"full multi_processing run {1 - extraction_cpu / full.cpu:.1%}"
    )
    if with_datatrove and f"datatrove, {args.workers} workers" in best:
        datatrove = best[f"datatrove, {args.workers} workers"]
        print(
            f"\nfull pipeline vs datatrove (both {args.workers} workers): "
            f"{datatrove.wall / full.wall:.2f}x datatrove's pages/s, "
            f"{datatrove.cpu / full.cpu:.2f}x its CPU efficiency (datatrove CPU / pipeline CPU)"
        )


def single_files(args, best: dict[str, Measured], plain_loop: float, with_datatrove: bool) -> None:
    """One file split over the workers, and datatrove as its users run it, side by side."""
    n, workers = args.pages, args.workers
    full, one_jsonl, one_warc = best["pipeline, full (CLI defaults)"], best[SINGLE_JSONL], best[SINGLE_WARC]
    dt_files = best.get(f"datatrove, Trafilatura() defaults, {workers} workers")
    dt_one = best.get(f"datatrove, Trafilatura() defaults, {workers} workers, one JSONL file")
    print(
        f"\n## One big file, and datatrove as its users run it ({n} pages, {workers} workers; "
        "ratio = pages/s over pages/s)\n"
    )
    print(
        _row(
            [
                "input",
                "boilerstrip pages/s",
                "CPU ms/page",
                "x bare (plain)",
                "datatrove pages/s",
                "datatrove CPU ms/page",
                "boilerstrip x datatrove",
            ]
        )
    )
    print(_row(["---"] * 7))
    n_files = len(list(Path(args.corpus_dir).glob("*.jsonl.gz"))) if getattr(args, "corpus_dir", None) else ""
    rows = [
        (f"{n_files} .jsonl.gz files", full, dt_files),
        ("one uncompressed JSONL file", one_jsonl, dt_one),
        ("one .warc.gz, a gzip member per record", one_warc, None),
    ]
    for name, run, dt in rows:
        print(
            _row(
                [
                    name,
                    f"{n / run.wall:.1f}",
                    f"{run.cpu / n * 1000:.1f}",
                    f"{plain_loop / run.wall:.2f}",
                    f"{n / dt.wall:.1f}" if dt else "—",
                    f"{dt.cpu / n * 1000:.1f}" if dt else "—",
                    f"{dt.wall / run.wall:.2f}" if dt else "—",
                ]
            )
        )
    print(
        f"\ntargets: one JSONL file {plain_loop / one_jsonl.wall:.2f}x the bare plain loop (target 1.8x), "
        f"one .warc.gz {plain_loop / one_warc.wall:.2f}x (target 1.7x)"
        + (
            f", {n_files} files {dt_files.wall / full.wall:.2f}x datatrove's Trafilatura() (target 1.3x)"
            if dt_files
            else ""
        )
    )
    if args.quality:
        print(
            "wcxb-dev article F1 (its article pages, word F1, length filter off): "
            + ", ".join(f"{tool} {score:.3f}" for tool, score in args.quality.items())
        )
    for label, run in (("one JSONL file", one_jsonl), ("one .warc.gz", one_warc)):
        extra = run.extra
        print(
            f"{label}: read {extra['read']}, clean {extra['clean']}, filtered {extra['filtered']}, "
            f"errors {extra['errors']}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="DirectRunner and datatrove worker processes")
    parser.add_argument("--repeat", type=int, default=1, help="rounds over all runs; the fastest is shown")
    parser.add_argument("--skip-datatrove", action="store_true")
    parser.add_argument(
        "--skip-ablations",
        action="store_true",
        help="only the bare loops, the full pipeline on the shards and on one file, and datatrove",
    )
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    parser.add_argument(
        "--wcxb", type=Path, default=DEFAULT_WCXB, help="for the article F1 beside the speeds"
    )
    parser.add_argument("--skip-quality", action="store_true", help="no wcxb-dev article F1")
    parser.add_argument("--tmp", help="parent of the temp dir (default: the system's)")
    # Internal: what one measured subprocess runs.
    parser.add_argument(
        "--worker",
        choices=(
            "bare-same",
            "bare-plain",
            "profile",
            "datatrove",
            "datatrove-defaults",
            "datatrove-check",
            "make-corpus",
            "single-files",
            "single-jsonl",
            "wcxb-corpus",
        ),
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "bare-same":
        result = bare_loop(args.corpus, SAME_SETTINGS)
    elif args.worker == "bare-plain":
        result = bare_loop(args.corpus, PLAIN_SETTINGS)
    elif args.worker == "profile":
        result = profile(args.corpus)
    elif args.worker == "datatrove-check":
        result = datatrove_usable()
    elif args.worker == "make-corpus":
        result = {"pages": make_corpus(args.corpus, args.pages, args.aeb)}
    elif args.worker == "datatrove":
        result = datatrove_run(args.corpus, args.out, args.workers, timeout=30.0)
    elif args.worker == "datatrove-defaults":
        result = datatrove_run(args.corpus, args.out, args.workers, timeout=1.0, defaults=True)
    elif args.worker in ("single-files", "single-jsonl"):
        result = make_single_files(args.corpus, args.out, warc=args.worker == "single-files")
    elif args.worker == "wcxb-corpus":
        result = make_wcxb_articles(args.corpus, args.out)
    else:
        if not (args.aeb / "html").is_dir():
            print(f"AEB pages not found at {args.aeb}", file=sys.stderr)
            return 2
        return drive(args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
