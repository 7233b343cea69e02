"""After a successful run: move shards into place, then write manifest.json and stats.json.

Shards are written to a temp dir inside the output; nothing appears under `clean/` until the
whole pipeline has finished, and `manifest.json` is written last, so its presence marks a
complete output.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections import Counter

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from boilerstrip.pipeline.io import KINDS, encode_shard, shard_name

_SHARD = re.compile(r"part-(\d{5})-of-(\d{5})\.")


def _read_json(path: str):
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as stream:
        return json.loads(stream.read())


def _write(path: str, data: bytes) -> None:
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
        out.write(data)


def _list(pattern: str) -> list[str]:
    return sorted(m.path for m in FileSystems.match([pattern])[0].metadata_list)


def finalize(output_dir: str, temp_dir: str, output_format: str, written_kinds: tuple[str, ...]) -> dict:
    """Moves shards, fills shards that got no records with empty files; returns the stats."""
    metas = [_read_json(path) for path in _list(posixpath.join(temp_dir, "meta", "*-0*.json"))]
    read_count = _read_json(posixpath.join(temp_dir, "meta", "read.json"))
    manifest, totals, tallies = [], Counter(), {kind: Counter() for kind in KINDS}
    by_kind = {kind: [m for m in metas if m["kind"] == kind] for kind in written_kinds}
    for kind, kind_metas in by_kind.items():
        num_shards = int(_SHARD.search(kind_metas[0]["file"]).group(2)) if kind_metas else 1
        present = {int(_SHARD.search(m["file"]).group(1)): m for m in kind_metas}
        kind_dir = posixpath.join(output_dir, kind)
        if not FileSystems.exists(kind_dir):
            FileSystems.mkdirs(kind_dir)
        for index in range(num_shards):
            final = shard_name(kind_dir, index, num_shards, output_format)
            if index in present:
                meta = present[index]
                FileSystems.rename([posixpath.join(temp_dir, kind, meta["file"])], [final])
                tallies[kind].update(meta["tally"])
            else:
                data = encode_shard(kind, [], output_format)
                _write(final, data)
                meta = {"records": 0, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            totals[kind] += meta["records"]
            manifest.append(
                {
                    "kind": kind,
                    "path": f"{kind}/{posixpath.basename(final)}",
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
    }
    stats["removed_by_rule"] = dict(
        sorted(_read_json(posixpath.join(temp_dir, "meta", "removed-by-rule.json")).items())
    )
    _write(
        posixpath.join(output_dir, "manifest.json"),
        json.dumps({"format": output_format, "shards": manifest}, indent=2).encode(),
    )
    FileSystems.delete([temp_dir])
    return stats
