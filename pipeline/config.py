"""Run configuration: one typed tree, loaded from YAML and checked before any work starts."""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the bad key."""


@dataclass(frozen=True)
class ExtractionConfig:
    """trafilatura settings; defaults chosen by `benchmarks/quality.py` on all its sets at once.

    `fallback`: trafilatura's fallback extractors (readability, jusText) cost about half again the
    fast path; `auto` runs them only on pages whose fast result looks incomplete.
    `page_types`: recognise the kind of page and extract each kind the way its content lives.
    `repairs`: before extraction, undo markup that would make trafilatura discard content (a box
    that swallowed the page, a panel hidden until its control opens it, a `<details>` class such as
    "expandable"; transforms/tree_repairs.py).
    """

    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    include_comments: bool = False
    fallback: Literal["auto", "always", "never"] = "auto"
    page_types: bool = True
    repairs: bool = True


@dataclass(frozen=True)
class LanguageConfig:
    """langdetect on the first `sample_chars` characters; full text costs ~3x for the same answer."""

    sample_chars: int = 2000
    seed: int = 0
    # Empty means every language is kept.
    languages: tuple[str, ...] = ()
    min_language_score: float = 0.0


@dataclass(frozen=True)
class FilterConfig:
    """Documents shorter than either bound go to `filtered` with reason `too-short`."""

    min_chars: int = 200
    min_words: int = 30


@dataclass(frozen=True)
class LimitConfig:
    """Caps that keep one hostile record from stalling or exhausting a worker."""

    max_record_bytes: int = 10_000_000
    max_output_chars: int = 1_000_000
    # Seconds one page may spend in parsing, page rules and extraction; 0 means no limit.
    extract_timeout_seconds: float = 30.0


@dataclass(frozen=True)
class InputConfig:
    """How input files are cut into byte ranges that workers read in parallel (README: Inputs)."""

    # Target size of one range of an uncompressed JSONL or WARC file, or of a `.warc.gz` with one
    # gzip member per record; ranges start at record starts, so a file never has more than records.
    split_bytes: int = 32_000_000


@dataclass(frozen=True)
class OutputConfig:
    """Shard sizing when `--num-shards` is not given: shards hold about this many bytes of text.

    `run_bytes` bounds a worker's memory: it sorts at most this many bytes of documents before
    writing them to a temp run file (see pipeline/runs.py).
    """

    target_shard_bytes: int = 256_000_000
    max_records_per_shard: int = 200_000
    run_bytes: int = 4_000_000


@dataclass(frozen=True)
class RulesConfig:
    """Boilerplate rules before extraction (page elements) and after it (lines of text).

    `packs` adds YAML rule files to the built-in ones; `disabled` switches rules off by name.
    """

    page_rules: bool = True
    text_rules: bool = True
    packs: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteTemplateConfig:
    """Per-site removal of lines a site repeats on many of its pages, and exact-duplicate removal."""

    enabled: bool = True
    min_site_docs: int = 3
    min_site_fraction: float = 0.3
    min_site_pages: int = 4
    max_lines_per_site: int = 50_000
    drop_duplicates: bool = True


@dataclass(frozen=True)
class Config:
    extraction: ExtractionConfig = field(default_factory=ExtractionConfig)
    language: LanguageConfig = field(default_factory=LanguageConfig)
    filters: FilterConfig = field(default_factory=FilterConfig)
    limits: LimitConfig = field(default_factory=LimitConfig)
    input: InputConfig = field(default_factory=InputConfig)
    output: OutputConfig = field(default_factory=OutputConfig)
    rules: RulesConfig = field(default_factory=RulesConfig)
    site_templates: SiteTemplateConfig = field(default_factory=SiteTemplateConfig)


def load_config(path: str | Path | None) -> Config:
    """Defaults overlaid with the YAML file at `path` (or plain defaults when None)."""
    if path is None:
        return Config()
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if raw is None:
        return Config()
    return build(Config, raw, f"{path}")


def build(cls: type, raw: Any, where: str, prefix: str = "") -> Any:
    """Make dataclass `cls` from a mapping, naming the first unknown or mistyped key."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: '{prefix.rstrip('.') or 'top level'}' must be a mapping")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    values = {}
    for key, value in raw.items():
        dotted = f"{prefix}{key}"
        if key not in names:
            raise ConfigError(f"{where}: unknown key '{dotted}' (known: {', '.join(sorted(names))})")
        values[key] = _coerce(hints[key], value, where, dotted)
    return cls(**values)


def _coerce(hint: Any, value: Any, where: str, dotted: str) -> Any:
    if dataclasses.is_dataclass(hint):
        return build(hint, value, where, dotted + ".")
    origin = typing.get_origin(hint)
    if origin is Literal:
        if value not in typing.get_args(hint):
            choices = ", ".join(map(str, typing.get_args(hint)))
            raise ConfigError(f"{where}: '{dotted}' must be one of {choices}, got {value!r}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: '{dotted}' must be a list")
        (item,) = {a for a in typing.get_args(hint) if a is not Ellipsis}
        return tuple(_coerce(item, v, where, f"{dotted}[{i}]") for i, v in enumerate(value))
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        (hint,) = [a for a in options if a is not type(None)]
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is bool and not isinstance(value, bool):
        raise ConfigError(f"{where}: '{dotted}' must be true or false, got {value!r}")
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{where}: '{dotted}' must be an integer, got {value!r}")
    if not isinstance(value, hint):
        raise ConfigError(f"{where}: '{dotted}' must be {hint.__name__}, got {value!r}")
    if hint in (int, float) and value < 0:
        raise ConfigError(f"{where}: '{dotted}' must not be negative, got {value!r}")
    return value


def as_dict(config: Config) -> dict:
    """Plain-data view, for stats.json and for logging what a run used."""
    return dataclasses.asdict(config)
