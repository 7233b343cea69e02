"""After a successful run: move shards into place, then write stats.json, samples.json and
manifest.json.

Shards are written to a temp dir inside the output; nothing appears under `clean/` until the
whole pipeline has finished, each kind's directory appears in one rename (on local disks), and
`manifest.json` is written last, so its presence marks a complete output.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import re
from collections import Counter

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from boilerstrip.pipeline.io import KINDS, ShardWriter, shard_name

SAMPLES = "samples.json"
TEMPLATES = "site-templates.json.gz"
# What the pipeline learned besides the shards (`transforms/run_profile.py`), in the temp meta dir.
PROFILE = "profile.json"
_SHARD = re.compile(r"part-(\d{5})-of-(\d{5})\.")


def _read_json(path: str):
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as stream:
        return json.loads(stream.read())


def _write(path: str, data: bytes) -> None:
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
        out.write(data)


def _list(pattern: str) -> list[str]:
    return sorted(m.path for m in FileSystems.match([pattern])[0].metadata_list)


def _move_dir(source: str, target: str) -> None:
    """One rename for a local directory, so a kind's shards appear all at once or not at all.

    Object stores have no directory rename; there the files move one by one, and the manifest,
    written last, is what marks the output complete.
    """
    if "://" not in source:
        os.replace(source, target)
        return
    files = _list(posixpath.join(source, "*"))
    FileSystems.rename(files, [posixpath.join(target, posixpath.basename(f)) for f in files])


def finalize(
    output_dir: str, temp_dir: str, output_format: str, written_kinds: tuple[str, ...], extra_stats: dict
) -> dict:
    """Completes the output of a successful pipeline run and returns its stats.

    Every step that can leave half a result happens inside the temp dir: shards that got no
    records are filled with empty files there. Then each kind's directory is moved into place
    in one rename, `stats.json` is written (with the report's figures from `meta/profile.json`),
    `samples.json` (the report's few examples per rule, reason and error kind), and
    `manifest.json` last. The learned site templates are saved as `site-templates.json.gz`
    (for `boilerstrip inspect --templates-from`).
    """
    metas = [_read_json(path) for path in _list(posixpath.join(temp_dir, "meta", "*-0*.json"))]
    profile = _read_json(posixpath.join(temp_dir, "meta", PROFILE))
    read_count = profile["read"]
    manifest, totals, tallies = [], Counter(), {kind: Counter() for kind in KINDS}
    for kind in written_kinds:
        kind_metas = [m for m in metas if m["kind"] == kind]
        num_shards = int(_SHARD.search(kind_metas[0]["file"]).group(2)) if kind_metas else 1
        present = {int(_SHARD.search(m["file"]).group(1)): m for m in kind_metas}
        staged = posixpath.join(temp_dir, kind)
        for index in range(num_shards):
            path = shard_name(staged, index, num_shards, output_format)
            if index in present:
                meta = present[index]
                tallies[kind].update(meta["tally"])
            else:
                meta = ShardWriter(kind, path, output_format).close()
            totals[kind] += meta["records"]
            manifest.append(
                {
                    "kind": kind,
                    "path": f"{kind}/{posixpath.basename(path)}",
                    "records": meta["records"],
                    "bytes": meta["bytes"],
                    "sha256": meta["sha256"],
                }
            )
    stats = {
        "read": read_count,
        "clean": totals["clean"],
        "filtered": totals["filtered"],
        "errors": totals["errors"],
        "accounted": read_count == totals["clean"] + totals["filtered"] + totals["errors"],
        "filtered_by_reason": dict(sorted(tallies["filtered"].items())),
        "errors_by_kind": dict(sorted(tallies["errors"].items())),
        "languages": dict(sorted(tallies["clean"].items(), key=lambda kv: (-kv[1], kv[0]))),
        "removed_by_rule": profile["removed_by_rule"],
        "clean_chars": sum(profile["figures"]["chars_by_language"].values()),
        **profile["figures"],
        **extra_stats,
    }
    for kind in written_kinds:
        _move_dir(posixpath.join(temp_dir, kind), posixpath.join(output_dir, kind))
    templates = json.dumps(profile["templates"], separators=(",", ":")).encode()
    _write(posixpath.join(output_dir, TEMPLATES), gzip.compress(templates, mtime=0))
    _write(posixpath.join(output_dir, "stats.json"), json.dumps(stats, indent=2, ensure_ascii=False).encode())
    samples = json.dumps(profile["samples"], indent=1, ensure_ascii=False).encode("utf-8", "replace")
    _write(posixpath.join(output_dir, SAMPLES), samples)
    _write(
        posixpath.join(output_dir, "manifest.json"),
        json.dumps({"format": output_format, "shards": manifest}, indent=2).encode(),
    )
    FileSystems.delete([temp_dir])
    return stats
