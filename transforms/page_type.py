"""What kind of page this is, from evidence that holds across sites: schema.org types, OpenGraph, markup.

The kinds follow WCXB's page types: article, forum, product, collection, listing, documentation,
service, and `other` when nothing says. Structured data is asked first (JSON-LD `@type`, microdata
`itemtype`), then the page's shape (code blocks make documentation, many product items a
collection), then its `og:type`. No site's own names are looked at.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import orjson
from lxml import etree

ARTICLE, FORUM, PRODUCT, COLLECTION, LISTING, DOCUMENTATION, SERVICE, OTHER = (
    "article",
    "forum",
    "product",
    "collection",
    "listing",
    "documentation",
    "service",
    "other",
)
PAGE_TYPES = (ARTICLE, FORUM, PRODUCT, COLLECTION, LISTING, DOCUMENTATION, SERVICE, OTHER)

# schema.org types naming the page's main content, by kind. Types that any page may carry
# (WebPage, WebSite, Organization, BreadcrumbList) say nothing and are absent.
_SCHEMA_KINDS = {
    FORUM: ("DiscussionForumPosting", "QAPage", "SocialMediaPosting"),
    PRODUCT: ("Product", "ProductGroup", "IndividualProduct", "ProductModel", "Offer", "AggregateOffer"),
    DOCUMENTATION: ("TechArticle", "APIReference", "SoftwareSourceCode"),
    COLLECTION: ("CollectionPage", "OfferCatalog", "SearchResultsPage"),
    LISTING: ("ItemList",),
    SERVICE: (
        "Service",
        "FAQPage",
        "LocalBusiness",
        "ProfessionalService",
        "Course",
        "EducationalOccupationalProgram",
    ),
    ARTICLE: (
        "Article",
        "NewsArticle",
        "BlogPosting",
        "Blog",
        "Report",
        "ScholarlyArticle",
        "OpinionNewsArticle",
        "AnalysisNewsArticle",
        "ReportageNewsArticle",
        "LiveBlogPosting",
        "Recipe",
        "HowTo",
        "Review",
    ),
}
_KIND_OF_SCHEMA = {name.lower(): kind for kind, names in _SCHEMA_KINDS.items() for name in names}
# When a page carries several, the most specific wins: a forum thread is also an Article to some
# plugins, a product page lists Offers and an ItemList of related products.
_PRIORITY = (FORUM, DOCUMENTATION, PRODUCT, COLLECTION, ARTICLE, SERVICE, LISTING)
_OG_KINDS = {"article": ARTICLE, "product": PRODUCT, "product.item": PRODUCT, "og:product": PRODUCT}

_LD_SCRIPTS = etree.XPath('//script[@type="application/ld+json"]/text()')
_ITEMTYPES = etree.XPath("//@itemtype")
_OG_TYPE = etree.XPath('//meta[@property="og:type"]/@content')
_CODE_BLOCKS = etree.XPath("count(//pre)")
_LD_TYPE = re.compile(rb'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_QUOTED = re.compile(rb'"([^"]+)"')
_SCHEMA_NAME = re.compile(r"schema\.org/(\w+)", re.IGNORECASE)

# Shapes: this many code blocks make a page documentation; this many Product items a collection.
_MIN_CODE_BLOCKS = 3
_MIN_COLLECTION_PRODUCTS = 4


def schema_types(tree) -> list[str]:
    """schema.org type names declared in JSON-LD and microdata, in document order."""
    names = []
    for script in _LD_SCRIPTS(tree):
        for match in _LD_TYPE.finditer(script.encode("utf-8", "replace")):
            names += [q.decode("utf-8", "replace") for q in _QUOTED.findall(match.group(1))]
    for itemtype in _ITEMTYPES(tree):
        names += _SCHEMA_NAME.findall(itemtype)
    return [name.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for name in names]


def _kind_from_schema(tree) -> str | None:
    kinds = Counter(_KIND_OF_SCHEMA.get(name.lower()) for name in schema_types(tree))
    kinds.pop(None, None)
    if kinds[PRODUCT] >= _MIN_COLLECTION_PRODUCTS:  # many products on one page: a category page
        return COLLECTION
    return next((kind for kind in _PRIORITY if kinds[kind]), None)


def page_type_of(tree) -> str:
    """The page's kind (one of PAGE_TYPES) from its structured data, OpenGraph type and shape."""
    kind = _kind_from_schema(tree)
    og = _kinds_from_og(tree)
    if kind == COLLECTION and PRODUCT in og:  # one product, with the related products' offers
        return PRODUCT
    if kind in (FORUM, DOCUMENTATION, PRODUCT, COLLECTION):
        return kind
    if _CODE_BLOCKS(tree) >= _MIN_CODE_BLOCKS:
        return DOCUMENTATION
    if kind is not None:
        return kind
    if og:
        return sorted(og)[0]
    return OTHER


def _kinds_from_og(tree) -> set[str]:
    """Kinds named by `og:type`, also in a site's own namespace (`shop_sharing:product`)."""
    values = (value.strip().lower() for value in _OG_TYPE(tree))
    return {_OG_KINDS.get(value) or _OG_KINDS.get(value.rsplit(":", 1)[-1]) for value in values} - {None}


_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")
# A structured description is only added when it has this many words and the text holds under
# half of them: then the page shows it somewhere trafilatura does not look (a tab, a script).
_MIN_DESCRIPTION_WORDS = 10
_MAX_SHARED_WORDS = 0.5


def json_ld(tree):
    """The page's JSON-LD blocks, parsed; a block that is not valid JSON is skipped."""
    for script in _LD_SCRIPTS(tree):
        try:
            yield orjson.loads(script.encode("utf-8", "replace"))
        except orjson.JSONDecodeError:
            continue


def _objects(value):
    """Every object in a parsed JSON-LD value, each before the objects it holds, in document order."""
    if isinstance(value, list):
        for item in value:
            yield from _objects(item)
    elif isinstance(value, dict):
        yield value
        for item in value.values():
            if isinstance(item, dict | list):
                yield from _objects(item)


def json_ld_objects(tree):
    """(object, its @type names lowercased) for every object of the page's JSON-LD, in document
    order, read lazily: a caller that wants the first match parses no further."""
    for data in json_ld(tree):
        for value in _objects(data):
            kinds = value.get("@type")
            yield value, [str(kind).lower() for kind in (kinds if isinstance(kinds, list) else [kinds])]


def plain_text(value: str) -> str:
    """A structured-data string as text: entities decoded, tags dropped, whitespace runs as one space."""
    return " ".join(_TAG.sub(" ", html.unescape(value)).split())


def missing_product_descriptions(tree, text: str) -> list[str]:
    """Product descriptions from JSON-LD that the extracted `text` mostly lacks, in page order."""
    have = set(_WORD.findall(text.lower()))
    found = []
    for value, kinds in json_ld_objects(tree):
        raw = value.get("description")
        if isinstance(raw, str) and any(_KIND_OF_SCHEMA.get(kind) == PRODUCT for kind in kinds):
            description = plain_text(raw)
            words = _WORD.findall(description.lower())
            shared = sum(word in have for word in words)
            if len(words) >= _MIN_DESCRIPTION_WORDS and shared < _MAX_SHARED_WORDS * len(words):
                found.append(description)
    return list(dict.fromkeys(found))
