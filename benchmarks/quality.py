"""Extraction quality on the AEB pages: plain trafilatura against the boilerstrip pipeline.

    python benchmarks/quality.py [--aeb ../shared/data/aeb] [--settings] [--worst N] [--site-templates]

Runs the pipeline's own pure functions in the pipeline's order (page rules and extraction, language,
text rules) on each page and scores the text with the AEB metric (benchmarks/aeb_metric.py).
`--settings` also scores every combination of the trafilatura switches, to pick the defaults.
`--site-templates` runs the real `boilerstrip` command on the pages with the site-template stage
on and off (it needs a corpus, not one page at a time) and scores both.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent))
from aeb_metric import page_counts, page_precision_recall, score  # noqa: E402

from boilerstrip.pipeline.config import Config, ExtractionConfig  # noqa: E402
from boilerstrip.transforms.decode import decode_page  # noqa: E402
from boilerstrip.transforms.extract import extract_document  # noqa: E402
from boilerstrip.transforms.language import tag_language  # noqa: E402
from boilerstrip.transforms.record import Document, Rejected  # noqa: E402
from boilerstrip.transforms.text_rules import apply_text_rules  # noqa: E402

DEFAULT_AEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "aeb"


def load_aeb(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        p.name.split(".")[0]: decode_page(gzip.decompress(p.read_bytes()))
        for p in sorted((folder / "html").glob("*.html.gz"))
    }
    return pages, {k: v["articleBody"] for k, v in truth.items()}


def pipeline_text(page_id: str, html: str, config: Config) -> tuple[str, Counter]:
    """The clean text the pipeline would write for this page, and the removals by rule."""
    doc, removals = extract_document(Document(id=page_id, source="aeb", html=html), config)
    removed = Counter(r.rule for r in removals)
    if isinstance(doc, Rejected):
        return "", removed
    doc = tag_language(doc, config.language)
    doc, removals = apply_text_rules(doc, config.rules)
    removed.update(r.rule for r in removals)
    return doc.text or "", removed


def run_pipeline(pages: dict[str, str], config: Config) -> tuple[dict[str, str], Counter, float]:
    started = time.perf_counter()
    texts, removed = {}, Counter()
    for page_id, html in pages.items():
        texts[page_id], page_removed = pipeline_text(page_id, html, config)
        removed.update(page_removed)
    return texts, removed, time.perf_counter() - started


def plain_trafilatura(pages: dict[str, str]) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    texts = {k: trafilatura.extract(html, include_comments=False) or "" for k, html in pages.items()}
    return texts, time.perf_counter() - started


def _fmt(scores: tuple[float, float, float]) -> str:
    return f"F1 {scores[0]:.4f}  P {scores[1]:.4f}  R {scores[2]:.4f}"


def recall_losses(
    before: dict[str, str], after: dict[str, str], truth: dict[str, str]
) -> list[tuple[str, float]]:
    """Pages where `after` has lower recall than `before`, with the drop."""
    losses = []
    for page_id in truth:
        _, r_before = page_precision_recall(page_counts(truth[page_id], before.get(page_id)))
        _, r_after = page_precision_recall(page_counts(truth[page_id], after.get(page_id)))
        if r_before is not None and (r_after or 0.0) < r_before - 1e-9:
            losses.append((page_id, r_before - (r_after or 0.0)))
    return sorted(losses, key=lambda item: -item[1])


def cli_texts(folder: Path, config_yaml: str) -> dict[str, str]:
    """Clean texts by id from a real `boilerstrip run` over the AEB pages (in one process)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.yaml"
        config.write_text(config_yaml)
        output = Path(tmp) / "out"
        command = [
            str(Path(sys.executable).with_name("boilerstrip")),
            "run",
            "--input",
            f"{folder}/html/*.html.gz",
        ]
        command += ["--output", str(output), "--config", str(config), "--direct_running_mode=in_memory"]
        subprocess.run(command, check=True, capture_output=True)
        texts = {}
        for shard in sorted((output / "clean").glob("*.jsonl.gz")):
            with gzip.open(shard, "rt", encoding="utf-8") as lines:
                texts.update((row["id"], row["text"]) for row in map(json.loads, lines))
        return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    parser.add_argument("--settings", action="store_true", help="score every trafilatura setting combination")
    parser.add_argument(
        "--worst", type=int, default=0, help="list the N pages whose recall the rules lowered most"
    )
    parser.add_argument(
        "--site-templates", action="store_true", help="score the real CLI with the site stage on and off"
    )
    args = parser.parse_args(argv)
    if not (args.aeb / "ground-truth.json").exists():
        print(f"AEB data not found at {args.aeb}", file=sys.stderr)
        return 2
    pages, truth = load_aeb(args.aeb)
    print(f"{len(pages)} AEB pages\n")

    plain, plain_seconds = plain_trafilatura(pages)
    config = Config()
    no_rules = dataclasses.replace(
        config, rules=dataclasses.replace(config.rules, page_rules=False, text_rules=False)
    )
    extracted, _, extracted_seconds = run_pipeline(pages, no_rules)
    cleaned, removed, cleaned_seconds = run_pipeline(pages, config)

    print(f"{'trafilatura.extract(include_comments=False)':48s} {_fmt(score(plain, truth))}  time 1.00")
    print(
        f"{'boilerstrip extraction settings, no rules':48s} {_fmt(score(extracted, truth))}  "
        f"time {extracted_seconds / plain_seconds:.2f}"
    )
    print(
        f"{'boilerstrip pipeline (defaults)':48s} {_fmt(score(cleaned, truth))}  "
        f"time {cleaned_seconds / plain_seconds:.2f}"
    )
    losses = recall_losses(extracted, cleaned, truth)
    print(f"\npages where the rules lowered recall: {len(losses)} of {len(truth)}")
    for page_id, drop in losses[: args.worst]:
        print(f"  {page_id[:16]}  recall -{drop:.4f}")
    print("\nlines removed by rule (all pages):")
    for rule, count in removed.most_common():
        print(f"  {rule:24s} {count}")

    if args.site_templates:
        print("\nreal CLI over the pages (site templates need the whole corpus):")
        off = "site_templates:\n  enabled: false\n  drop_duplicates: false\n"
        for label, config_yaml in (
            ("site templates + duplicates on", ""),
            ("site templates + duplicates off", off),
        ):
            print(f"  {label:46s} {_fmt(score(cli_texts(args.aeb, config_yaml), truth))}")

    if args.settings:
        print("\nextraction settings (rules on) : F1 / P / R")
        switches = ("favor_precision", "favor_recall", "include_tables", "fast")
        for values in itertools.product((False, True), repeat=len(switches)):
            if values[0] and values[1]:
                continue  # trafilatura gives recall priority when both are set
            extraction = ExtractionConfig(**dict(zip(switches, values, strict=True)))
            texts, _, _ = run_pipeline(pages, dataclasses.replace(config, extraction=extraction))
            label = " ".join(f"{name}={int(v)}" for name, v in zip(switches, values, strict=True))
            print(f"  {label:62s} {_fmt(score(texts, truth))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
