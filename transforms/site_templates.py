"""Per-site template lines and exact duplicates.

A site repeats its navigation, newsletter prompts, trailers and disclaimers on most of its pages;
its articles it writes once. Counting, per site, how many distinct pages carry each normalised
line separates the two without any phrase list. The pure functions come first; the Beam stage
`FindSiteTemplates` at the bottom finds each site's template, and pipeline/clean_shards.py
strips it from the documents and drops exact duplicates.
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import math
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

import apache_beam as beam
import tldextract

from boilerstrip.pipeline.config import SiteTemplateConfig
from boilerstrip.transforms import counters
from boilerstrip.transforms.page_type import DOCUMENTATION, PRODUCT
from boilerstrip.transforms.record import Document, Removal

RULE = "site-template"
DUPLICATE = "duplicate"

# --- normalising and hashing lines ---------------------------------------------------------------


class _FoldTable(dict):
    """str.translate table built on demand: letters and marks stay, numbers become 0, rest a space."""

    def __missing__(self, code: int) -> str:
        category = unicodedata.category(chr(code))[0]
        folded = chr(code) if category in "LM" else "0" if category == "N" else " "
        self[code] = folded
        return folded


_FOLD = _FoldTable()
_ZERO_RUNS = re.compile("0+")
# The fold of the ASCII characters (uppercase letters lowered too) as a bytes table: bytes.translate
# does an ASCII line in one table pass, without str.translate's per-character lookups.
_ASCII_FOLD = bytes(ord(_FOLD[ord(chr(code).lower())]) for code in range(128)) + bytes(128)
_ASCII_ZERO_RUNS = re.compile(b"0+")


def normalise_line(line: str) -> str:
    """The form in which a site's repeats meet: "Updated 12:04" and "UPDATED 9.31" → "updated 0 0".

    NFKC and casefold, every number run becomes one 0, punctuation and symbols become spaces.
    """
    if line.isascii():  # most lines: NFKC changes nothing and casefold is lower
        folded = line.encode("ascii").translate(_ASCII_FOLD)
        if b"00" in folded:
            folded = _ASCII_ZERO_RUNS.sub(b"0", folded)
        return b" ".join(folded.split()).decode("ascii")
    folded = unicodedata.normalize("NFKC", line).casefold().translate(_FOLD)
    if "00" in folded:
        folded = _ZERO_RUNS.sub("0", folded)
    return " ".join(folded.split())


def line_hash(normalised: str) -> int:
    """A signed 64-bit hash, so only 8 bytes per line cross the shuffle and Beam's int coder fits."""
    digest = hashlib.blake2b(normalised.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def page_line_hashes(text: str | None) -> tuple[int, ...]:
    """The sorted distinct hashes of a text's lines; lines without a word after normalising are skipped."""
    # Each distinct line is hashed once; a line repeated within the page costs one set lookup.
    distinct = {normalise_line(line) for line in (text or "").split("\n")}
    return tuple(sorted({line_hash(normalised) for normalised in distinct if _can_be_template(normalised)}))


def _can_be_template(normalised: str) -> bool:
    """Only a line with a word can be template: every price or date line folds to the same "0 0"."""
    return any(word != "0" for word in normalised.split())


def text_digest(text: str) -> bytes:
    """128 bits identify a document's text for exact-duplicate grouping without shuffling it as a key."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


# --- sites ---------------------------------------------------------------------------------------

_extractor: tldextract.TLDExtract | None = None


def _tld_extractor() -> tldextract.TLDExtract:
    # Built once per worker process, on first use: the bundled suffix-list snapshot and no cache
    # directory, so workers never download or write anything. Private suffixes (blogspot.com,
    # github.io) count, so each blog on a shared host is its own site with its own template.
    global _extractor
    if _extractor is None:
        _extractor = tldextract.TLDExtract(
            suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
        )
    return _extractor


def site_of(url: str) -> str | None:
    """The site a page belongs to: its registrable domain (`www.bbc.co.uk/x` → `bbc.co.uk`).

    An IP host counts as is. A host whose suffix the bundled public-suffix list does not know
    (`.example`, `.test`, an intranet name, a gTLD newer than the snapshot) falls back to the
    host name without `www.`, so its template is still learned. None only without a host.
    """
    if not url:
        return None
    parts = _tld_extractor()(url)
    site = parts.top_domain_under_public_suffix or parts.ipv4 or parts.ipv6
    if not site:
        host = _host_of(url)
        site = host[4:] if host.startswith("www.") and len(host) > 4 else host
    return site.lower() if site else None


_HOST_NAME = re.compile(r"[\w-]+(\.[\w-]+)*")


def _host_of(url: str) -> str:
    """The host name of `url`, or "" when it has none that is a valid name."""
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").rstrip(".")
    except ValueError:  # an unbalanced IPv6 bracket
        return ""
    return host if _HOST_NAME.fullmatch(host) else ""


# Kinds whose pages share their structure by design: a shop's field labels ("Condition:", "Memory:
# 16 GB RAM") and a manual's section headings and code lines ("Examples", "</div>") are on every page
# of the site and are its content. On wcxb-dev, templates cost these two kinds more F1 than they
# gained (benchmarks/quality.py), so their pages neither teach nor lose a site's template.
OWN_STRUCTURE_KINDS = frozenset((PRODUCT, DOCUMENTATION))


def takes_part(doc: Document) -> bool:
    """Whether `doc` counts towards its site's template and has the template stripped."""
    return doc.page_type not in OWN_STRUCTURE_KINDS


# --- choosing and removing template lines --------------------------------------------------------


def min_template_pages(n_pages: int, settings: SiteTemplateConfig) -> int:
    """How many distinct pages of a site a line needs to be template; a line on one page never is."""
    by_fraction = math.ceil(settings.min_site_fraction * n_pages - 1e-9)
    return max(2, settings.min_site_docs, by_fraction)


def templates_for_site(
    counts: Iterable[tuple[int, int]], n_pages: int, settings: SiteTemplateConfig
) -> frozenset[int]:
    """Line hashes that are the site's template, from (line hash, pages it is on) pairs.

    At most `max_lines_per_site`, the most frequent first and ties by hash, so the choice does not
    depend on input order; `counts` is consumed as a stream and only that many pairs are held.
    """
    if n_pages < settings.min_site_pages or settings.max_lines_per_site == 0:
        return frozenset()
    needed = min_template_pages(n_pages, settings)
    frequent = ((count, line) for line, count in counts if count >= needed)
    top = heapq.nsmallest(settings.max_lines_per_site, frequent, key=lambda pair: (-pair[0], pair[1]))
    return frozenset(line for _, line in top)


_BLANK_RUNS = re.compile(r"\n{3,}")


def strip_template_lines(doc: Document, template_hashes: frozenset[int]) -> tuple[Document, list[Removal]]:
    """`doc` without the lines whose normalised hash is in `template_hashes`, and what went, in order."""
    if not template_hashes or not doc.text:
        return doc, []
    kept, removals = [], []
    for line in doc.text.split("\n"):
        normalised = normalise_line(line)
        if normalised and line_hash(normalised) in template_hashes:
            removals.append(Removal(doc.id, RULE, line.strip()))
        else:
            kept.append(line)
    if not removals:
        return doc, []
    # Removing a line between two blank lines would leave a run that normalize_text never makes.
    text = _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip()
    return dataclasses.replace(doc, text=text), removals


class Candidate(NamedTuple):
    """A document that shares its clean text with another: who it is, and where the merge finds it."""

    id: str
    source: str
    url: str
    key: bytes  # names the document's run line (`runs.line_key`)
    shard: int


def pick_duplicates(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Of documents with identical text, all but the smallest id (source and url break ties).

    A record read twice (same key as the kept one) is not returned: the merge sees its copies
    side by side and keeps one, the rest being `duplicate-id`.
    """
    ordered = sorted(candidates)
    if not ordered:
        return []
    kept = ordered[0]
    return [candidate for candidate in ordered[1:] if candidate.key != kept.key]


# --- the Beam stage ------------------------------------------------------------------------------


def _key_by_site(doc: Document):
    site = site_of(doc.url)
    if site is not None and takes_part(doc):
        yield site, doc


def _packed(hashes) -> bytes:
    return array("q", hashes).tobytes()


def _unpacked(packed: bytes) -> array:
    hashes = array("q")
    hashes.frombytes(packed)
    return hashes


def _page_lines(site_doc: tuple[str, Document]):
    site, doc = site_doc
    hashes = page_line_hashes(doc.text)
    # Keyed by the page's set of normalised lines, so a page crawled twice (or two pages that
    # differ only in a timestamp) counts once and cannot make its own article look like template.
    # The hashes travel packed, 8 bytes each: local runners hold shuffled data in memory.
    return (site, text_digest(repr(hashes))), _packed(hashes)


# A site's line hashes are counted in this many slices (by hash), so a site with millions of
# pages is counted by several workers, each holding one slice's counts.
SITE_SLICES = 16


def _slices(page):
    (site, _), packed = page
    slices: dict[int, list[int]] = {}
    for line in _unpacked(packed):
        slices.setdefault(line % SITE_SLICES, []).append(line)
    for index, lines in slices.items():
        yield (site, index), _packed(lines)


def _repeated_lines(slice_pages, needed: int):
    """(site, slice) and its pages' packed hashes → (site, ("line", (hash, pages))) when repeated."""
    (site, _), pages = slice_pages
    counts = Counter()
    for packed in pages:
        counts.update(_unpacked(packed))
    for line, count in counts.items():
        if count >= needed:
            yield site, ("line", (line, count))


def _tagged(values, tag: str):
    return (value for value_tag, value in values if value_tag == tag)


def _choose_templates(site_values, settings: SiteTemplateConfig):
    site, values = site_values
    # Read twice (GroupByKey results are re-iterable and runners page big groups in lazily): the
    # page count first, then the repeated lines as a stream, so a big site is never held whole.
    n_pages = sum(_tagged(values, "pages"))
    templates = templates_for_site(_tagged(values, "line"), n_pages, settings)
    if templates:
        counters.inc("site-templates:sites")
        counters.inc("site-templates:lines", len(templates))
        yield site, tuple(sorted(templates))


class FindSiteTemplates(beam.PTransform):
    """Documents → (site, sorted template line hashes), one element per site that has a template.

    Only packed line hashes cross the shuffles (one value per distinct page and slice of the site's
    hashes); the documents themselves stay where they are. `strip_template_lines` applies the result.
    """

    def __init__(self, settings: SiteTemplateConfig):
        super().__init__()
        self._settings = settings

    def expand(self, docs):
        settings = self._settings
        if not settings.enabled:
            return docs.pipeline | "NoTemplates" >> beam.Create([])
        distinct_pages = (
            docs
            | "KeyBySite" >> beam.FlatMap(_key_by_site)
            | "HashPageLines" >> beam.Map(_page_lines)
            # Identical values per key, so min only picks one; it lifts into a pre-shuffle combine.
            | "OnePerDistinctPage" >> beam.CombinePerKey(min)
        )
        pages_per_site = (
            distinct_pages
            | "OnePerSite" >> beam.Map(lambda page: (page[0][0], 1))
            | "CountSitePages" >> beam.CombinePerKey(sum)
            | "TagPageCount" >> beam.Map(lambda site_pages: (site_pages[0], ("pages", site_pages[1])))
        )
        repeated_lines = (
            distinct_pages
            | "SliceLineHashes" >> beam.FlatMap(_slices)
            | "GroupSiteSlices" >> beam.GroupByKey()
            # Most lines are on one page; only repeated ones go on to the per-site choice.
            | "CountRepeatedLines" >> beam.FlatMap(_repeated_lines, max(2, settings.min_site_docs))
        )
        return (
            (pages_per_site, repeated_lines)
            | "PagesAndLines" >> beam.Flatten()
            | "GroupLinesBySite" >> beam.GroupByKey()
            | "ChooseTemplateLines" >> beam.FlatMap(_choose_templates, settings)
        )
