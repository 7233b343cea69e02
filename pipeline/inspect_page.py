"""`boilerstrip inspect PAGE`: one page through the per-document chain, every removal shown in place.

The chain is the pipeline's own functions in the pipeline's order: `extract_document` (page
rules, then trafilatura), `tag_language`, `apply_text_rules`, optionally the site templates an
earlier run learned (`--templates-from DIR`), then the length filter. Nothing here decides what
is removed; `transforms/annotate.py` only puts the removals back where they stood.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from html import escape
from pathlib import Path
from typing import NamedTuple

from boilerstrip.pipeline import readers
from boilerstrip.pipeline.build import EXTRACTION_ERRORS
from boilerstrip.pipeline.config import Config
from boilerstrip.pipeline.finalize import TEMPLATES
from boilerstrip.transforms.annotate import (
    LINE,
    PAGE,
    Item,
    mark_removed_lines,
    place_page_elements,
    text_lines,
)
from boilerstrip.transforms.extract import extract_document, parse_html
from boilerstrip.transforms.language import tag_language
from boilerstrip.transforms.length_filter import drop_short
from boilerstrip.transforms.record import Document, Failure, Rejected
from boilerstrip.transforms.site_templates import site_of, strip_template_lines, takes_part
from boilerstrip.transforms.text_rules import apply_text_rules

SITE_TEMPLATE = "site template"


class Inspection(NamedTuple):
    """What the chain did to one page: its lines in order, and where the record ends up."""

    doc: Document
    items: list[Item]
    outcome: str  # "clean", "filtered: <reason>" or "error: <error>"


def read_page(path: str, line: int | None, max_bytes: int) -> Document | Rejected | Failure:
    """The record the pipeline's reader makes of `path` (for JSONL, of its `line`-th line; for
    WARC, of its `line`-th response record; from 1, and 1 when not given)."""

    def open_file(name):
        return open(name, "rb")

    fmt = readers.format_of(path)
    if fmt == "warc":
        number = line or 1
        for index, outcome in enumerate(readers.read_warc_file(path, open_file, max_bytes), start=1):
            if index == number:
                return outcome
        raise ValueError(f"{path} has fewer than {number} records")
    if fmt == "jsonl" or line is not None:
        number = line or 1
        with open_file(path) as raw:
            stream = gzip.open(raw) if path.lower().endswith(".gz") else raw
            for index, data in enumerate(stream, start=1):
                if index == number:
                    return readers.read_jsonl_line(path, data.rstrip(b"\r\n"), max_bytes) or Rejected(
                        f"{path}#{number}", path, "", "empty"
                    )
        raise ValueError(f"{path} has fewer than {number} lines")
    read = readers.read_text_file if fmt == "text" else readers.read_html_file
    return next(iter(read(path, open_file, max_bytes)))


def load_templates(output_dir: str) -> dict[str, frozenset[int]]:
    """The site templates an earlier run saved (site → line hashes); empty when it saved none."""
    path = Path(output_dir) / TEMPLATES
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return {site: frozenset(hashes) for site, hashes in json.load(stream).items()}


def inspect_document(doc: Document, config: Config, templates: dict[str, frozenset[int]] | None = None):
    """Runs `doc` through the per-document chain and returns the `Inspection`."""
    page_text = ""
    if doc.html is not None:
        tree = parse_html(doc.html)
        page_text = " ".join(tree.itertext()) if tree is not None else ""
    try:
        extracted, page_removals = extract_document(doc, config)
    except EXTRACTION_ERRORS as exc:
        return Inspection(doc, [], f"error: extract: {getattr(exc, 'kind', type(exc).__name__)}: {exc}")
    elements = [(removal.rule, removal.text) for removal in page_removals]
    if isinstance(extracted, Rejected):
        return Inspection(doc, place_page_elements(page_text, [], elements), f"filtered: {extracted.reason}")
    items = place_page_elements(
        page_text, [Item(line) for line in text_lines(extracted.text or "")], elements
    )
    tagged = tag_language(extracted, config.language)
    if isinstance(tagged, Rejected):
        return Inspection(extracted, items, f"filtered: {tagged.reason}")
    cleaned, removals = apply_text_rules(tagged, config.rules)
    items = mark_removed_lines(items, text_lines(cleaned.text or ""), [(r.rule, r.text) for r in removals])
    site_lines = (templates or {}).get(site_of(cleaned.url) or "")
    if site_lines and takes_part(cleaned):
        cleaned, removals = strip_template_lines(cleaned, site_lines)
        kept = text_lines(cleaned.text or "")
        items = mark_removed_lines(items, kept, [(r.rule, r.text) for r in removals], SITE_TEMPLATE)
    verdict = drop_short(cleaned, config.filters)
    outcome = f"filtered: {verdict.reason}" if isinstance(verdict, Rejected) else "clean"
    return Inspection(cleaned, items, outcome)


def inspect_page(
    path: str, config: Config, url: str | None = None, line: int | None = None, templates: dict | None = None
) -> Inspection:
    record = read_page(path, line, config.limits.max_record_bytes)
    if isinstance(record, Failure):
        return Inspection(Document(record.id, record.source), [], f"error: {record.kind}: {record.error}")
    if isinstance(record, Rejected):
        return Inspection(Document(record.id, record.source, record.url), [], f"filtered: {record.reason}")
    if url:
        record = dataclasses.replace(record, url=url)
    return inspect_document(record, config, templates)


_COLOURS = {"rule": "\x1b[1;33m", "removed": "\x1b[31m", "meta": "\x1b[2m", "end": "\x1b[0m"}


def _summary(inspection: Inspection) -> str:
    if not inspection.items:
        return inspection.outcome
    kept = [item for item in inspection.items if item.rule is None]
    by_stage: dict[str, int] = {}
    for item in inspection.items:
        if item.rule is not None:
            by_stage[item.stage] = by_stage.get(item.stage, 0) + 1
    removed = ", ".join(f"{count} {stage}{'s' if count != 1 else ''}" for stage, count in by_stage.items())
    chars = (
        len(inspection.doc.text or "") if inspection.outcome == "clean" else sum(len(i.text) for i in kept)
    )
    return f"{inspection.outcome}: {len(kept)} lines kept ({chars:,} characters); removed: {removed or 'nothing'}"


def as_text(inspection: Inspection, colour: bool = False) -> str:
    """The page as lines: `  kept` and `- [rule] removed` (page elements say so), then a summary."""

    def paint(kind: str, text: str) -> str:
        return f"{_COLOURS[kind]}{text}{_COLOURS['end']}" if colour else text

    doc = inspection.doc
    header = f"# {doc.id}"
    for name, value in (("url", doc.url), ("language", doc.language), ("title", doc.title)):
        if value:
            header += f" · {name} {value}"
    out = [paint("meta", header)]
    for item in inspection.items:
        if item.rule is None:
            out.append(f"  {item.text}")
            continue
        label = item.rule if item.stage == LINE else f"{item.rule}, {item.stage}"
        out.append(f"{paint('removed', '-')} {paint('rule', f'[{label}]')} {paint('removed', item.text)}")
    out.append(paint("meta", f"# {_summary(inspection)}"))
    return "\n".join(out) + "\n"


_PAGE_STYLE = """
body{font:14px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2430}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #d6dae0}h1{font-size:17px;margin:0}
.columns{display:grid;grid-template-columns:1fr 1fr;gap:16px;padding:16px 20px}
.column{background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:10px 14px}h2{font-size:14px;margin:0 0 8px}
p{margin:0 0 8px}.removed{background:#fdecea;color:#8a1c13;text-decoration:line-through;text-decoration-color:#d9a3a0}
.rule{display:inline-block;font:600 11px ui-monospace,monospace;background:#f4c542;color:#2b2100;border-radius:3px;
padding:0 4px;margin-right:6px;text-decoration:none}.page{background:#fff4e0}.muted{color:#6b7380}
"""


def as_html(inspection: Inspection) -> str:
    """The same as a side-by-side page: every line with its removals marked, and the clean text."""
    doc = inspection.doc
    marked = []
    for item in inspection.items:
        if item.rule is None:
            marked.append(f"<p>{escape(item.text)}</p>")
        else:
            css = "removed page" if item.stage == PAGE else "removed"
            label = item.rule if item.stage == LINE else f"{item.rule} · {item.stage}"
            marked.append(
                f'<p class="{css}" data-rule="{escape(item.rule)}"><span class="rule">{escape(label)}</span>'
                f"{escape(item.text)}</p>"
            )
    clean = [f"<p>{escape(item.text)}</p>" for item in inspection.items if item.rule is None]
    details = " · ".join(escape(v) for v in (doc.url, doc.language, doc.title) if v)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>boilerstrip inspect {escape(doc.id)}</title><style>{_PAGE_STYLE}</style></head><body>"
        f'<header><h1>{escape(doc.id)}</h1><div class="muted">{details}</div>'
        f"<div>{escape(_summary(inspection))}</div></header>"
        '<div class="columns"><div class="column"><h2>what the rules removed, in place</h2>'
        f"{''.join(marked)}</div>"
        f'<div class="column"><h2>clean text</h2>{"".join(clean)}</div></div></body></html>\n'
    )


def command(args) -> int:
    """`boilerstrip inspect` with parsed `args`: prints the page, writes `--html` when asked.

    Exit status 0 when the page ends clean or filtered, 1 when it ends as an error record, 2 when
    the file cannot be read at all.
    """
    import sys

    from boilerstrip.pipeline.config import load_config

    config = load_config(args.config)
    templates = load_templates(args.templates_from) if args.templates_from else None
    if args.templates_from and not templates:
        print(
            f"boilerstrip: note: {args.templates_from} holds no {TEMPLATES}; no site templates applied",
            file=sys.stderr,
        )
    if not Path(args.page).is_file():
        print(f"boilerstrip: error: no such file: {args.page}", file=sys.stderr)
        return 2
    try:
        inspection = inspect_page(args.page, config, args.url, args.line, templates)
    except (OSError, ValueError) as exc:
        print(f"boilerstrip: error: cannot read {args.page}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(as_text(inspection, colour=sys.stdout.isatty()))
    if args.html:
        Path(args.html).write_text(as_html(inspection), encoding="utf-8", errors="replace")
        print(f"html: {args.html}")
    return 1 if inspection.outcome.startswith("error:") else 0
