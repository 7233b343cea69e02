"""Site templates: the pure functions by table, then the Beam stages (FindSiteTemplates and
WriteCleanShards) on small collections and on the generated corpus of benchmarks/site_corpus.py."""

from __future__ import annotations

import dataclasses
import gzip
import importlib.util
import json
import sys
from pathlib import Path
from typing import NamedTuple

import apache_beam as beam
import pytest
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.testing import test_pipeline
from apache_beam.testing.util import assert_that, equal_to

from boilerstrip.pipeline.clean_shards import WriteCleanShards
from boilerstrip.pipeline.config import Config, FilterConfig, OutputConfig, SiteTemplateConfig
from boilerstrip.transforms.record import Document, Rejected, Removal
from boilerstrip.transforms.site_templates import (
    Candidate,
    FindSiteTemplates,
    line_hash,
    normalise_line,
    page_line_hashes,
    pick_duplicates,
    site_of,
    strip_template_lines,
    takes_part,
    templates_for_site,
)

REPO = Path(__file__).resolve().parent.parent
DEFAULTS = SiteTemplateConfig()


def _load_site_corpus():
    spec = importlib.util.spec_from_file_location("site_corpus", REPO / "benchmarks" / "site_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("site_corpus", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "line, normalised",
    [
        ("Updated 12:04", "updated 0 0"),
        ("UPDATED 9.31 ", "updated 0 0"),
        ("  Sign up   for our NEWSLETTER!  ", "sign up for our newsletter"),
        ("Source: Read Full Article »", "source read full article"),
        ("Mis à jour à 09h31", "mis à jour à 0h0"),
        ("Straße", "strasse"),
        ("ｆｕｌｌ－ｗｉｄｔｈ", "full width"),
        ("* * *", ""),
        ("", ""),
        # ASCII lines take a bytes fast path: controls, underscores and digit runs as elsewhere.
        ("Price_USD\t1,000.00\x7f(incl. VAT)", "price usd 0 0 0 incl vat"),
        ("Room 101 and 2001", "room 0 and 0"),
        ("Мы обновили 12.04 — «Новости»", "мы обновили 0 0 новости"),
        ("Score 😀 ２０２４ 𝟙𝟚", "score 0 0"),
    ],
)
def test_normalise_line(line, normalised):
    assert normalise_line(line) == normalised


def test_line_hash_is_a_stable_signed_64_bit_int():
    value = line_hash("updated 0 0")
    assert -(2**63) <= value < 2**63
    assert value == line_hash("updated 0 0") != line_hash("updated 0")


def test_page_line_hashes_are_distinct_sorted_and_skip_empty_lines():
    hashes = page_line_hashes("Updated 12:04\n\n---\nBody text.\nUpdated 09:31")
    assert hashes == tuple(sorted({line_hash("updated 0 0"), line_hash("body text")}))
    assert page_line_hashes(None) == ()


def test_lines_without_a_word_are_never_template():
    # Every price folds to "0 0": a shop's prices would otherwise meet as one line on every page.
    assert page_line_hashes("$19.95\n$4.99\n12.03.2024\nIn stock") == (line_hash("in stock"),)


@pytest.mark.parametrize(
    "url, site",
    [
        ("https://www.bbc.co.uk/news/article-1", "bbc.co.uk"),
        ("https://m.Example.COM:443/x?y=1", "example.com"),
        ("//cdn.example.org/a.html", "example.org"),
        # Private suffixes count: two blogs on one host are two sites.
        ("http://alpine-notes.blogspot.com/2024/01/a.html", "alpine-notes.blogspot.com"),
        ("http://192.0.2.7/page", "192.0.2.7"),
        ("https://münchen.de/x", "münchen.de"),
        # Suffixes the public-suffix list does not know fall back to the host without www.
        ("http://localhost:8000/x", "localhost"),
        ("https://www.shop.example/a", "shop.example"),
        ("http://WIKI.corp.test/page", "wiki.corp.test"),
        ("http://intranet/handbook", "intranet"),
        ("https://news.brandnewgtld/x", "news.brandnewgtld"),
        ("http://[bad/x", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_site_of(url, site):
    assert site_of(url) == site


def _settings(**changes) -> SiteTemplateConfig:
    return dataclasses.replace(DEFAULTS, **changes)


@pytest.mark.parametrize(
    "counts, n_pages, settings, expected",
    [
        # 3 of 10 pages meets both min_site_docs=3 and 30%.
        ([(1, 3), (2, 2), (3, 10)], 10, DEFAULTS, {1, 3}),
        # A quote on 3 of 40 pages is far below 30%.
        ([(1, 3), (2, 12), (3, 40)], 40, DEFAULTS, {2, 3}),
        # Sites smaller than min_site_pages are left alone.
        ([(1, 3)], 3, DEFAULTS, set()),
        # A line on a single page is never template, whatever the settings say.
        ([(1, 1), (2, 2)], 4, _settings(min_site_docs=1, min_site_fraction=0.0), {2}),
        # The cap keeps the most frequent lines, ties broken by the smaller hash.
        ([(9, 5), (4, 5), (7, 8), (5, 6)], 10, _settings(max_lines_per_site=3), {7, 5, 4}),
        ([(9, 5)], 10, _settings(max_lines_per_site=0), set()),
    ],
)
def test_templates_for_site(counts, n_pages, settings, expected):
    assert templates_for_site(iter(counts), n_pages, settings) == frozenset(expected)


def test_templates_for_site_does_not_depend_on_input_order():
    counts = [(h, 5 + h % 3) for h in range(-50, 50)]
    settings = _settings(max_lines_per_site=10)
    assert templates_for_site(counts, 10, settings) == templates_for_site(reversed(counts), 10, settings)


def _doc(doc_id: str, text: str | None, url: str = "https://www.example.com/a") -> Document:
    return Document(doc_id, "test", url, text=text)


def _template(*lines: str) -> frozenset[int]:
    return frozenset(line_hash(normalise_line(line)) for line in lines)


@pytest.mark.parametrize(
    "text, template, cleaned, removed",
    [
        (
            "Updated 12:04\nThe article.\nSign up for our newsletter!\nMore article.",
            ("Updated 09:31", "sign up for our newsletter"),
            "The article.\nMore article.",
            ["Updated 12:04", "Sign up for our newsletter!"],
        ),
        # The article sentence that mentions the newsletter survives: only whole lines match.
        (
            "We read the newsletter every day.\nSign up for our newsletter!",
            ("Sign up for our newsletter!",),
            "We read the newsletter every day.",
            ["Sign up for our newsletter!"],
        ),
        # Blank lines left around a removed line collapse to one.
        ("First.\n\nAdvertisement\n\nSecond.", ("Advertisement",), "First.\n\nSecond.", ["Advertisement"]),
        ("Only article.", ("Advertisement",), "Only article.", []),
        ("Advertisement", (), "Advertisement", []),
    ],
)
def test_strip_template_lines(text, template, cleaned, removed):
    doc = _doc("a", text)
    result, removals = strip_template_lines(doc, _template(*template))
    assert result.text == cleaned
    assert removals == [Removal("a", "site-template", line) for line in removed]
    assert dataclasses.replace(result, text=text) == doc
    if not removed:
        assert result is doc


def test_strip_template_lines_leaves_documents_without_text():
    doc = _doc("a", None)
    assert strip_template_lines(doc, _template("x")) == (doc, [])


def test_pick_duplicates_keeps_the_smallest_id_whatever_the_order():
    candidates = [Candidate(i, "src", "u", i.encode(), 0) for i in ("c", "a", "b")]
    for ordering in (candidates, candidates[::-1], candidates[1:] + candidates[:1]):
        assert sorted(c.id for c in pick_duplicates(ordering)) == ["b", "c"]


def test_pick_duplicates_leaves_copies_of_the_kept_record_to_the_merge():
    kept = Candidate("a", "src", "u", b"k", 0)
    other = Candidate("b", "src", "u", b"j", 1)
    assert pick_duplicates([kept, other, kept]) == [other]
    assert pick_duplicates([]) == []


# --- the Beam stages: FindSiteTemplates, then WriteCleanShards applies them ------------------------


def _site_pages(n: int, host: str = "www.example.com") -> list[Document]:
    """n pages of one site: a unique article line each, a stamp and a newsletter prompt on all."""
    return [
        _doc(
            f"p{i}",
            f"Updated {i:02d}:{i * 7 % 60:02d}\nArticle number {chr(97 + i) * 3} says something new.\n"
            "Sign up for our newsletter!",
            f"https://{host}/{i}",
        )
        for i in range(n)
    ]


class _Stage(NamedTuple):
    pipeline: beam.Pipeline
    outputs: object  # CleanShardOutputs
    out_dir: Path

    def run(self):
        result = self.pipeline.run()
        result.wait_until_finish()
        return result

    def clean(self) -> dict[str, str]:
        """id → text of every clean record the shards hold."""
        rows = [
            json.loads(line)
            for shard in sorted((self.out_dir / "clean").glob("*.jsonl.gz"))
            for line in gzip.decompress(shard.read_bytes()).decode().splitlines()
        ]
        return {row["id"]: row["text"] for row in rows}


def _run(docs, tmp_path, settings=DEFAULTS) -> _Stage:
    """The template and clean-shard stages on `docs`, with no length filter."""
    config = Config(site_templates=settings, filters=FilterConfig(min_chars=0, min_words=0))
    p = test_pipeline.TestPipeline()
    created = p | beam.Create(docs)
    templates = created | FindSiteTemplates(settings)
    outputs = (created, templates) | WriteCleanShards(config, str(tmp_path), "jsonl", None, audit=True)
    # The stage leaves the Flatten of its filtered collections to its caller (pipeline/build.py).
    outputs = outputs._replace(filtered=outputs.filtered | "FlattenFiltered" >> beam.Flatten())
    return _Stage(p, outputs, tmp_path)


def _texts(docs) -> dict[str, str]:
    return {doc.id: doc.text or "" for doc in docs}


def test_stage_removes_site_template_lines_and_reports_them(tmp_path):
    docs = _site_pages(5)
    stage = _run(docs, tmp_path)
    removed = [
        Removal(doc.id, "site-template", line)
        for doc in docs
        for line in (doc.text.split("\n")[0], "Sign up for our newsletter!")
    ]
    assert_that(stage.outputs.removed, equal_to(removed), label="Removed")
    assert_that(stage.outputs.filtered, equal_to([]), label="Filtered")
    stage.run()
    assert stage.clean() == {
        doc.id: f"Article number {chr(97 + i) * 3} says something new." for i, doc in enumerate(docs)
    }


def test_stage_learns_templates_of_hosts_outside_the_public_suffix_list(tmp_path):
    docs = _site_pages(5, host="www.news.example")
    stage = _run(docs, tmp_path)
    stage.run()
    assert stage.clean() == {
        doc.id: f"Article number {chr(97 + i) * 3} says something new." for i, doc in enumerate(docs)
    }


def test_stage_leaves_small_sites_unsited_documents_and_other_sites_alone(tmp_path):
    small = _site_pages(3, host="small.example.net")
    unsited = [dataclasses.replace(doc, url="") for doc in _site_pages(8)[3:]]
    stage = _run(small + unsited, tmp_path)
    assert_that(stage.outputs.removed, equal_to([]), label="Removed")
    stage.run()
    assert stage.clean() == _texts(small + unsited)


def test_takes_part_leaves_out_product_and_documentation_pages():
    assert takes_part(_doc("a", "text"))
    assert takes_part(dataclasses.replace(_doc("a", "text"), page_type="collection"))
    assert not takes_part(dataclasses.replace(_doc("p", "text"), page_type="product"))
    assert not takes_part(dataclasses.replace(_doc("d", "text"), page_type="documentation"))


def test_stage_keeps_the_shared_labels_of_product_pages(tmp_path):
    """A shop's product pages repeat their field labels; they neither teach nor lose the template."""
    articles = _site_pages(5)
    products = [
        dataclasses.replace(doc, id=f"prod{doc.id}", page_type="product", url=f"{doc.url}/item")
        for doc in _site_pages(5)
    ]
    stage = _run(articles + products, tmp_path)
    stage.run()
    clean = stage.clean()
    assert {doc.id: clean[doc.id] for doc in products} == _texts(products)
    assert all("Sign up for our newsletter!" not in clean[doc.id] for doc in articles)


def test_stage_learns_each_site_apart(tmp_path):
    """The newsletter prompt is template on the big site; on the small one it stays."""
    big = _site_pages(6)
    small = [dataclasses.replace(doc, id=f"s{doc.id}") for doc in _site_pages(3, host="other.org")]
    stage = _run(big + small, tmp_path)
    stage.run()
    prompt_kept = {doc_id: "Sign up for our newsletter!" in text for doc_id, text in stage.clean().items()}
    assert prompt_kept == {doc.id: False for doc in big} | {doc.id: True for doc in small}


def test_stage_counts_a_page_crawled_twice_once(tmp_path):
    """Three copies of one article on a 5-page site would make its lines look like template."""
    article = "A long article line.\nAnother article line."
    docs = [_doc(f"copy{i}", article, f"https://example.com/a?ref={i}") for i in range(3)]
    docs += [_doc(f"other{i}", f"Other article {chr(97 + i)}.", f"https://example.com/{i}") for i in range(3)]
    stage = _run(docs, tmp_path)
    assert_that(
        stage.outputs.filtered,
        equal_to([Rejected(d.id, d.source, d.url, "duplicate") for d in docs[1:3]]),
        label="Filtered",
    )
    assert_that(stage.outputs.removed, equal_to([]), label="Removed")
    stage.run()
    assert stage.clean() == _texts(docs[:1] + docs[3:])


def test_stage_drops_duplicates_after_cleaning_keeping_the_smallest_id(tmp_path):
    docs = _site_pages(5)
    # Same article as p1 under a later id, with a different stamp: identical once cleaned.
    twin = dataclasses.replace(docs[1], id="p9", text="Updated 23:59\n" + docs[1].text.split("\n", 1)[1])
    stage = _run(docs + [twin], tmp_path)
    assert_that(
        stage.outputs.filtered,
        equal_to([Rejected("p9", twin.source, twin.url, "duplicate")]),
        label="Filtered",
    )
    stage.run()
    assert sorted(stage.clean()) == [d.id for d in docs]


def test_stage_never_calls_empty_texts_duplicates(tmp_path):
    docs = [_doc("a", ""), _doc("b", ""), _doc("c", None)]
    stage = _run(docs, tmp_path)
    assert_that(stage.outputs.filtered, equal_to([]), label="Filtered")
    stage.run()
    assert stage.clean() == _texts(docs)


def test_stage_keeps_one_copy_of_an_id_and_drops_the_rest(tmp_path):
    """The same record read twice, and an id reused for another text: one record per id stays."""
    docs = _site_pages(5)
    reused = dataclasses.replace(docs[2], text="A different article under a reused id.")
    stage = _run(docs + [docs[0], reused], tmp_path)
    assert_that(
        stage.outputs.filtered | beam.Map(lambda r: (r.id, r.reason)),
        equal_to([("p0", "duplicate-id"), ("p2", "duplicate-id")]),
        label="Filtered",
    )
    stage.run()
    assert sorted(stage.clean()) == [d.id for d in docs]


@pytest.mark.parametrize("drop_duplicates", [True, False])
def test_disabled_stage_passes_documents_through(drop_duplicates, tmp_path):
    docs = _site_pages(5)
    twin = dataclasses.replace(docs[0], id="p9")
    stage = _run(docs + [twin], tmp_path, _settings(enabled=False, drop_duplicates=drop_duplicates))
    kept = docs if drop_duplicates else docs + [twin]
    assert_that(stage.outputs.removed, equal_to([]), label="Removed")
    dropped = [Rejected("p9", twin.source, twin.url, "duplicate")] if drop_duplicates else []
    assert_that(stage.outputs.filtered, equal_to(dropped), label="Filtered")
    stage.run()
    assert stage.clean() == _texts(kept)


@pytest.mark.parametrize("run_bytes", [1, 32_000_000])
def test_stage_on_generated_sites_removes_planted_boilerplate_and_keeps_articles(run_bytes, tmp_path):
    """Also with one run file per document: the merge, not the run size, decides the output."""
    site_corpus = _load_site_corpus()
    for seed in (0, 1):
        corpus = site_corpus.make_corpus(seed)
        out_dir = tmp_path / f"seed{seed}"
        config = Config(
            site_templates=DEFAULTS,
            filters=FilterConfig(min_chars=0, min_words=0),
            output=OutputConfig(run_bytes=run_bytes),
        )
        p = test_pipeline.TestPipeline()
        docs = p | beam.Create([doc for doc, _, _ in corpus])
        templates = docs | FindSiteTemplates(DEFAULTS)
        (docs, templates) | WriteCleanShards(config, str(out_dir), "jsonl", 3)
        p.run().wait_until_finish()
        score = site_corpus.score(corpus, _Stage(p, None, out_dir).clean())
        assert score.removed_share >= 0.95 and not score.article_lost and not score.docs_dropped, (
            f"seed {seed}: {score}"
        )


def test_generated_corpus_is_deterministic_and_has_its_traps():
    site_corpus = _load_site_corpus()
    corpus = site_corpus.make_corpus(0)
    assert [(d, b, a) for d, b, a in corpus] == site_corpus.make_corpus(0)
    assert [d.text for d, _, _ in corpus] != [d.text for d, _, _ in site_corpus.make_corpus(1)]
    quote_pages = [d for d, _, a in corpus if site_corpus.QUOTES["de"] in a]
    assert len(quote_pages) == 3
    assert len({site_of(d.url) for d in quote_pages}) == 1
    assert len({d.id for d, _, _ in corpus}) == len(corpus)


def test_stage_counts_sites_with_a_template_and_duplicates(tmp_path):
    docs = _site_pages(5) + [dataclasses.replace(_site_pages(5)[0], id="p9")]
    result = _run(docs, tmp_path).run()
    counts = {
        metric.key.metric.name: metric.committed
        for metric in result.metrics().query(MetricsFilter().with_namespace("boilerstrip"))["counters"]
    }
    assert counts["site-templates:sites"] == 1
    assert counts["site-templates:lines"] == 2
    assert counts["filtered:duplicate"] == 1
