"""`DIR/report.html`: one offline page that shows what a run did, from stats.json and samples.json.

Plots are inline SVG drawn here (no plotting library to install or import, no script); every
string from the input is escaped. The page depends only on the two files and the manifest, so
the same run gives the same page, apart from the wall time and pages per second it prints.
Counts carry `data-stat` attributes and bars `data-label`/`data-value`, which is what the
browser test reads back.
"""

from __future__ import annotations

import json
import math
import posixpath
from html import escape

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from boilerstrip.pipeline.finalize import SAMPLES

REPORT = "report.html"
_BAR_COLOURS = {
    "lines": "#3b6ea8",
    "chars": "#d08a2e",
    "docs": "#3b6ea8",
    "extracted": "#b9c6d6",
    "clean": "#3b6ea8",
}
_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d6dae0;padding-bottom:4px}
h3{font-size:14px;margin:16px 0 6px}
.conservation{font-size:20px;background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:12px 16px;margin:12px 0}
.ok{color:#1d7a3a;font-weight:600}.bad{color:#b3261e;font-weight:600}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
.card{background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:12px 14px;overflow:auto}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eceef1;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.example{color:#4a5260;max-width:640px;overflow-wrap:anywhere}
.muted{color:#6b7380}pre{background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:10px;overflow:auto;font-size:12px}
svg.plot{max-width:100%;height:auto}svg.plot text{font:11px system-ui,sans-serif;fill:#1d2430}svg.plot .axis{stroke:#9aa3ad;stroke-width:1}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
"""


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def _stat(name: str, value) -> str:
    return f'<span data-stat="{escape(name)}">{escape(_number(value))}</span>'


def bar_chart(name: str, items: list[tuple[str, int]], series: str = "docs", width: int = 440) -> str:
    """Horizontal bars, one per (label, value), as an inline SVG; empty text when no items."""
    if not items:
        return '<p class="muted">none</p>'
    row, label_width, value_width = 18, 170, 70
    bar_space = width - label_width - value_width
    top = max(value for _, value in items) or 1
    parts = [
        f'<svg class="plot" data-plot="{escape(name)}" role="img" viewBox="0 0 {width} {row * len(items) + 4}" '
        f'width="{width}" height="{row * len(items) + 4}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (label, value) in enumerate(items):
        y = index * row + 2
        length = max(1.0, bar_space * value / top) if value else 0.0
        shown = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 12}" text-anchor="end">{escape(shown)}<title>{escape(label)}'
            f"</title></text>"
            f'<rect class="bar" data-label="{escape(label)}" data-value="{value}" x="{label_width}" y="{y + 2}" '
            f'width="{length:.1f}" height="{row - 5}" fill="{_BAR_COLOURS[series]}"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 12}">{escape(_number(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram(name: str, edges: list[int], series: dict[str, list[int]], width: int = 1000) -> str:
    """Documents per length bin, one bar group per bin (a log scale of characters), inline SVG."""
    used = [i for i in range(len(edges)) if any(counts[i] for counts in series.values())]
    if not used:
        return '<p class="muted">no documents</p>'
    # At least a few empty bins either side, so a narrow corpus still reads as a distribution.
    first, last = max(0, used[0] - 4), min(len(edges) - 1, used[-1] + 4)
    bins = list(range(first, last + 1))
    height, left, bottom, top_pad = 220, 50, 34, 10
    plot_width = width - left - 10
    step = plot_width / len(bins)
    bar = step / (len(series) + 0.5)
    top = max(counts[i] for counts in series.values() for i in bins) or 1
    scale = (height - bottom - top_pad) / top
    parts = [
        f'<svg class="plot" data-plot="{escape(name)}" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}"/>',
        f'<line class="axis" x1="{left}" y1="{top_pad}" x2="{left}" y2="{height - bottom}"/>',
    ]
    for tick in sorted({0, top // 2, top}):
        y = height - bottom - tick * scale
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:,}</text>')
    for position, index in enumerate(bins):
        x = left + position * step
        for offset, (label, counts) in enumerate(series.items()):
            value = counts[index]
            bar_height = value * scale
            parts.append(
                f'<rect class="bar" data-label="{escape(label)}:{edges[index]}" data-value="{value}" '
                f'x="{x + bar * (offset + 0.25):.1f}" y="{height - bottom - bar_height:.1f}" width="{bar:.1f}" '
                f'height="{bar_height:.1f}" fill="{_BAR_COLOURS[label]}"><title>{escape(label)}: {value:,} '
                f"documents of {edges[index]:,}+ characters</title></rect>"
            )
        edge = edges[index]
        if len(bins) <= 16 or edge in (0, 1) or math.log10(edge).is_integer():
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{_short(edge)}</text>'
            )
    parts.append(
        f'<text x="{left + plot_width / 2:.0f}" y="{height - 2}" text-anchor="middle">'
        "characters per document (log scale)</text></svg>"
    )
    return "".join(parts)


def _short(chars: int) -> str:
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if chars >= size:
            return f"{chars / size:.3g}{suffix}"
    return str(chars)


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(
        f'<th class="num">{h}</th>' if i in numeric else f"<th>{h}</th>" for i, h in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cut(text: str, chars: int = 160) -> str:
    return (
        escape(text)
        if len(text) <= chars
        else f'<span title="{escape(text)}">{escape(text[: chars - 1])}…</span>'
    )


def _examples(entries: list[dict], fields: tuple[str, ...], shown: int = 3) -> str:
    lines = []
    for entry in entries[:shown]:
        parts = " · ".join(_cut(str(entry.get(f, ""))) for f in fields if entry.get(f))
        lines.append(f'<div class="example"><code>{escape(entry["id"])}</code> {parts}</div>')
    return "".join(lines) or '<span class="muted">—</span>'


def _outcome_section(title: str, plot: str, counts: dict, samples: dict, fields: tuple[str, ...]) -> str:
    items = _largest_first(counts)
    rows = [
        [f"<code>{escape(k)}</code>", _stat(f"{plot}:{k}", v), _examples(samples.get(k, []), fields)]
        for k, v in items
    ]
    table = _table(["", "records", "examples (id · source · detail)"], rows, {1}) if rows else ""
    return f'<div class="card"><h3>{title}</h3>{bar_chart(plot, items)}{table}</div>'


def render(stats: dict, samples: dict, removed_shards: list[str]) -> str:
    """The report page for a run's stats, examples and (with --audit) removed/ shard paths."""
    ok = stats["accounted"]
    status = '<span class="ok">[ok]</span>' if ok else '<span class="bad">[MISMATCH]</span>'
    wall = stats.get("wall_seconds") or 0
    rate = stats["read"] / wall if wall else 0.0
    inputs = ", ".join(f"<code>{escape(i)}</code>" for i in stats.get("inputs", []))
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may load from anywhere: the page is its own world.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        f"<title>boilerstrip report</title><style>{_STYLE}</style></head><body><main>",
        f'<h1>boilerstrip run report</h1><div class="muted">inputs: {inputs}</div>',
        f'<div class="conservation" data-conservation="{str(ok).lower()}">read {_stat("read", stats["read"])} = '
        f"clean {_stat('clean', stats['clean'])} + filtered {_stat('filtered', stats['filtered'])} + "
        f"errors {_stat('errors', stats['errors'])} {status}</div>",
        '<div class="muted">',
        f'wall time <span data-run="wall_seconds">{wall:.2f} s</span> · '
        f'<span data-run="pages_per_second">{rate:,.1f}</span> pages/s · runner '
        f"<code>{escape(stats.get('runner', 'unknown'))}</code> · clean text "
        f"{_stat('clean_chars', stats.get('clean_chars', 0))} characters</div>",
    ]
    out.append('<h2>Filtered and errors</h2><div class="grid">')
    out.append(
        _outcome_section(
            "Filtered, by reason",
            "filtered_by_reason",
            stats["filtered_by_reason"],
            samples.get("filtered", {}),
            ("source", "url"),
        )
    )
    out.append(
        _outcome_section(
            "Errors, by kind",
            "errors_by_kind",
            stats["errors_by_kind"],
            samples.get("errors", {}),
            ("source", "error"),
        )
    )
    out.append("</div>")
    out.append(_removed_section(stats))
    out.append(_languages_section(stats))
    out.append(_lengths_section(stats))
    out.append(_sites_section(stats))
    out.append(_removed_examples_section(stats, samples.get("removed", {}), removed_shards))
    config = json.dumps(stats.get("config", {}), indent=2, ensure_ascii=False)
    out.append(f"<h2>Config</h2><pre>{escape(config)}</pre>")
    out.append("</main></body></html>\n")
    return "\n".join(out)


def _removed_section(stats: dict) -> str:
    note = (
        '<p class="muted">Page elements count the text kept for the audit, at most 300 characters each.</p>'
    )
    return "<h2>Removed, by rule</h2>" + _chart_pair(
        ("lines or page elements", "removed_by_rule", stats["removed_by_rule"], "lines"),
        ("characters", "chars_removed_by_rule", stats.get("chars_removed_by_rule", {}), "chars"),
        note,
    )


def _largest_first(counts: dict) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _chart_card(title: str, plot: str, counts: dict, unit: str, note: str = "") -> str:
    return f'<div class="card"><h3>{title}</h3>{bar_chart(plot, _largest_first(counts), unit)}{note}</div>'


def _chart_pair(left: tuple, right: tuple, note: str = "") -> str:
    """Two bar charts side by side, each `(title, plot id, counts, unit)`, largest first."""
    return f'<div class="grid">{_chart_card(*left)}{_chart_card(*right, note)}</div>'


def _removed_examples_section(stats: dict, samples: dict, removed_shards: list[str]) -> str:
    chars = stats.get("chars_removed_by_rule", {})
    by_lines = _largest_first(stats["removed_by_rule"])
    rows = [
        [
            f"<code>{escape(rule)}</code>",
            _stat(f"removed_by_rule:{rule}", count),
            escape(_number(chars.get(rule, 0))),
            _examples(samples.get(rule, []), ("text",)),
        ]
        for rule, count in by_lines
    ]
    out = ["<h2>Removed examples, by rule</h2>"]
    if rows:
        out.append(
            '<div class="card"><p class="muted">A fixed sample, kept on every run: of each rule, the removals with the smallest hash.</p>'
        )
        out.append(_table(["rule", "removed", "characters", "examples (document id · text)"], rows, {1, 2}))
        out.append("</div>")
    if removed_shards:
        links = " ".join(
            f'<a href="{escape(path)}"><code>{escape(path)}</code></a>' for path in removed_shards
        )
        out.append(f"<p>Every removal (<code>--audit</code>): {links}</p>")
    else:
        out.append(
            '<p class="muted">Run with <code>--audit</code> to write every removal to <code>removed/</code>.</p>'
        )
    return "".join(out)


def _languages_section(stats: dict) -> str:
    out = "<h2>Clean documents, by language</h2>" + _chart_pair(
        ("documents", "languages", stats["languages"], "docs"),
        ("characters", "chars_by_language", stats.get("chars_by_language", {}), "chars"),
    )
    page_types = stats.get("page_types")
    if page_types:
        # Either {type: count} or {type: {"docs": n, "chars": n}}, whichever the run wrote.
        def part(key):
            return {
                k: v.get(key, 0) if isinstance(v, dict) else (v if key == "docs" else 0)
                for k, v in page_types.items()
            }

        out += "<h2>Clean documents, by page type</h2>" + _chart_pair(
            ("documents", "page_types", part("docs"), "docs"),
            ("characters", "chars_by_page_type", part("chars"), "chars"),
        )
    return out


def _lengths_section(stats: dict) -> str:
    lengths = stats.get("length_histogram")
    if not lengths:
        return ""
    series = {"extracted": lengths["extracted"], "clean": lengths["clean"]}
    legend = (
        f'<div class="legend muted"><span style="background:{_BAR_COLOURS["extracted"]}"></span>after extraction '
        f"({sum(series['extracted']):,} documents, before text rules and templates)"
        f'<span style="background:{_BAR_COLOURS["clean"]}"></span>clean, as written '
        f"({sum(series['clean']):,} documents)</div>"
    )
    return (
        "<h2>Characters per document</h2>"
        f'<div class="card">{histogram("length_histogram", lengths["edges"], series)}{legend}</div>'
    )


def _sites_section(stats: dict) -> str:
    sites = stats.get("template_lines_by_site", {})
    total = stats.get("sites_with_template_lines", len(sites))
    items = _largest_first(sites)
    note = f'<p class="muted">{len(items)} of {total:,} sites with template lines shown.</p>' if items else ""
    return (
        "<h2>Sites that lost the most template lines</h2>"
        f'<div class="card">{bar_chart("template_lines_by_site", items, "lines")}{note}</div>'
    )


def _read_json(path: str):
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as stream:
        return json.loads(stream.read())


def write_report(output_dir: str) -> str:
    """Renders `output_dir/report.html` from the run's stats.json, samples.json and manifest.json."""
    stats = _read_json(posixpath.join(output_dir, "stats.json"))
    samples_path = posixpath.join(output_dir, SAMPLES)
    samples = _read_json(samples_path) if FileSystems.exists(samples_path) else {}
    manifest_path = posixpath.join(output_dir, "manifest.json")
    removed = []
    if FileSystems.exists(manifest_path):
        manifest = _read_json(manifest_path)
        removed = [shard["path"] for shard in manifest["shards"] if shard["kind"] == "removed"]
    page = render(stats, samples, removed)
    path = posixpath.join(output_dir, REPORT)
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
        out.write(page.encode("utf-8", "replace"))
    return path
