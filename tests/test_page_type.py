"""Page kinds from structured data, shape and OpenGraph; the kind reaches the clean record."""

from __future__ import annotations

import json

import pytest

from boilerstrip.pipeline.config import Config, ExtractionConfig
from boilerstrip.transforms.extract import extract_document, parse_html
from boilerstrip.transforms.page_type import PAGE_TYPES, page_type_of, schema_types
from boilerstrip.transforms.record import Document

PROSE = " ".join(f"Sentence {i} of the page says something about boats and the sea." for i in range(30))


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>t</title>{head}</head><body>{body}<p>{PROSE}</p></body></html>"


def _ld(value) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


PRODUCT = {"@context": "https://schema.org", "@type": "Product", "name": "Boot", "offers": {"@type": "Offer"}}


@pytest.mark.parametrize(
    "html, kind",
    [
        (_page(_ld({"@type": "NewsArticle", "headline": "x"})), "article"),
        (_page(_ld({"@graph": [{"@type": "WebPage"}, {"@type": ["BlogPosting"]}]})), "article"),
        (_page(_ld({"@type": "DiscussionForumPosting", "author": {"@type": "Person"}})), "forum"),
        (_page(_ld({"@type": "QAPage", "mainEntity": {"@type": "Question"}})), "forum"),
        (_page(_ld(PRODUCT)), "product"),
        (_page(_ld({"@type": "ItemList", "itemListElement": [PRODUCT] * 6})), "collection"),
        (_page(_ld({"@type": "CollectionPage"})), "collection"),
        (_page(_ld({"@type": "FAQPage", "mainEntity": [{"@type": "Question"}]})), "service"),
        (_page(_ld({"@type": "TechArticle"})), "documentation"),
        (_page(body="<pre>a = 1</pre><pre>b = 2</pre><pre>c = 3</pre>"), "documentation"),
        (_page('<meta property="og:type" content="article">'), "article"),
        (_page('<meta property="og:type" content="product">'), "product"),
        (_page('<meta property="og:type" content="shop_sharing:product">'), "product"),
        # A product page whose related products' offers look like a category page's.
        (
            _page(_ld([PRODUCT] * 5) + '<meta property="og:type" content="product">'),
            "product",
        ),
        (
            _page(body='<div itemscope itemtype="https://schema.org/Product"><span>Boot</span></div>'),
            "product",
        ),
        # Types any page may carry say nothing.
        (_page(_ld({"@type": ["WebSite", "Organization", "BreadcrumbList"]})), "other"),
        (_page('<meta property="og:type" content="website">'), "other"),
        (_page(), "other"),
        # Broken JSON-LD is read for its @type all the same.
        (_page('<script type="application/ld+json">{"@type": "Product", "name": </script>'), "product"),
    ],
)
def test_page_type_of(html, kind):
    assert page_type_of(parse_html(html)) == kind
    assert kind in PAGE_TYPES


def test_prose_that_mentions_a_type_is_not_evidence():
    html = _page(body='<p>Our "Product" range and "@type" of forum.</p>')
    assert schema_types(parse_html(html)) == []


def test_the_page_type_column_is_written_and_can_be_switched_off():
    doc = Document(id="p", source="s", html=_page(_ld(PRODUCT)))
    extracted, _ = extract_document(doc, Config())
    assert extracted.page_type == "product"
    assert extracted.output_row()["page_type"] == "product"
    off = Config(extraction=ExtractionConfig(page_types=False))
    assert extract_document(doc, off)[0].page_type == "other"


def test_text_records_have_no_page_type():
    doc, _ = extract_document(Document(id="t", source="s", text=PROSE), Config())
    assert doc.page_type == ""


def test_a_product_description_only_in_structured_data_joins_the_text():
    description = (
        "Soft merino wool runner with a cushioned sole, machine washable and made to last for years."
    )
    product = {**PRODUCT, "description": f"<p>{description}</p>"}
    doc = Document(id="p", source="s", html=_page(_ld(product)))
    extracted, _ = extract_document(doc, Config())
    assert extracted.text.endswith(description)
    # Already on the page: not added twice.
    shown = Document(id="q", source="s", html=_page(_ld(product), f"<p>{description}</p>"))
    assert extract_document(shown, Config())[0].text.count("merino") == 1


def test_broken_structured_data_adds_nothing():
    broken = '<script type="application/ld+json">{"@type": "Product", "description": </script>'
    doc = Document(id="p", source="s", html=_page(broken))
    assert (
        extract_document(doc, Config())[0].text
        == extract_document(doc, Config(extraction=ExtractionConfig(page_types=False)))[0].text
    )
