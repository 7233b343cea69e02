"""Main-text extraction with trafilatura."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura import metadata as trafilatura_metadata
from trafilatura.baseline import html2txt
from trafilatura.settings import Document as TrafilaturaDocument
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS, is_dubious_html

from boilerstrip.pipeline.config import Config, ExtractionConfig
from boilerstrip.transforms import counters
from boilerstrip.transforms.forum_posts import thread_posts
from boilerstrip.transforms.normalize import normalize_field, normalize_text
from boilerstrip.transforms.page_rules import drop_boilerplate_elements, link_text_length, page_rules_for
from boilerstrip.transforms.page_sections import (
    HEADINGS,
    SERVICE_TEXT_UNDER_SECTIONS,
    TEXT_UNDER_SECTIONS,
    missing_sections,
)
from boilerstrip.transforms.page_type import (
    ARTICLE,
    DOCUMENTATION,
    FORUM,
    OTHER,
    PRODUCT,
    SERVICE,
    missing_product_descriptions,
    page_type_of,
)
from boilerstrip.transforms.record import Document, Rejected, Removal
from boilerstrip.transforms.repeated_items import missing_items
from boilerstrip.transforms.text_rules import comparable, ends_like_sentence
from boilerstrip.transforms.tree_repairs import (
    show_disclosed_panels,
    unmark_disclosures,
    unwrap_page_wrappers,
    visible_length,
)

_LATEST_DATE = "2099-12-31"
# libxml2's HTML parser silently stops adding children below this depth.
PARSER_MAX_DEPTH = 255


class PageTooDeep(ValueError):
    """The page nests elements so deep that the parser dropped part of it."""

    kind = "too-deep"


def nesting_depth(tree) -> int:
    """Deepest element nesting of `tree`; checked only for pages that yielded no text."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


# trafilatura's parser settings with lxml's C-level element classes. lxml.html's own parser calls a
# Python lookup method for every element proxy it creates (1.3 million calls over 750 AEB copies,
# 0.4 ms a page); trafilatura needs none of the form and input subclasses that lookup picks.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
# The characters of trafilatura's INVALID_XML_CHARS, which libxml2 refuses.
_INVALID_XML_CHARS = tuple(chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF))


def _parse(html: str | bytes) -> HtmlElement | None:
    try:
        return lxml.html.fromstring(html, parser=_PARSER)
    except Exception:  # noqa: BLE001 - lxml raises several types for input it cannot take
        return None


def parse_html(html: str) -> HtmlElement | None:
    """The tree trafilatura's `load_html` builds from a decoded page, built in less time.

    Same repairs and checks in the same order (tests/test_extract_language.py compares the two
    trees on real and broken pages), with two shortcuts: the parser above, and the regex pass
    over the whole page that deletes characters libxml2 refuses runs only when one is there (a
    substring search per character finds out in a third of the time; AEB pages have none).
    """
    beginning = html[:50].lower()
    if any(char in html for char in _INVALID_XML_CHARS):
        html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:  # libxml2 trips over a doctype with a slash in it
        first_line, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first_line, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:  # a self-closing <html/> empties the tree
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    tree = _parse(html)
    if tree is None or len(tree) < 1:
        # A str with an XML encoding declaration, or a parse that found nothing: try the bytes.
        tree = _parse(html.encode("utf8", "surrogatepass"))
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str
    date: str
    author: str
    url: str
    headings: tuple[str, ...] = ()


def page_metadata(tree: HtmlElement) -> dict[str, str]:
    """Title, canonical url, author and date from the page's head and markup.

    trafilatura's full metadata pass (`with_metadata=True`) costs about as much as the text
    extraction itself, mostly in author and category heuristics and a deep date search; the
    meta tags, <title>/<h1>, the canonical link and htmldate's quick search find what we keep
    for a fraction of that (measured on the AEB pages: about 6 ms against 1 ms a page).
    """
    meta = trafilatura_metadata.examine_meta(tree)
    try:
        # A fixed upper bound: htmldate's default is today, which would make output depend on
        # the day of the run.
        date = find_date(tree, extensive_search=False, original_date=True, max_date=_LATEST_DATE) or ""
    except (ValueError, TypeError, OverflowError):
        date = ""
    return {
        "title": meta.title or trafilatura_metadata.extract_title(tree) or "",
        "url": meta.url or trafilatura_metadata.extract_url(tree) or "",
        "author": meta.author or "",
        "date": date,
    }


# The fast path's text is taken as complete unless it is this short, or this small a share of the
# page's visible text: then trafilatura's fallback extractors run. Chosen on all three dev sets
# (benchmarks/quality.py): on wcxb-dev the fallback runs on 16% of pages and gains more than
# running it on all of them, since on the rest it is as likely to pick a worse candidate.
FALLBACK_BELOW_CHARS = 500
FALLBACK_BELOW_PAGE_SHARE = 0.2
# ... or when it lost this many subheadings over paragraphs it kept (h2/h3 of at most
# SUBHEADING_MAX_CHARS, the paragraph of SUBHEADING_PARAGRAPH_WORDS words or more, found in the
# fast text by its first SUBHEADING_PARAGRAPH_PREFIX characters). One such heading fired on
# product and documentation pages whose fast text was right; two kept those and every gain.
FALLBACK_DROPPED_SUBHEADINGS = 2
SUBHEADING_MAX_CHARS = 200
SUBHEADING_PARAGRAPH_WORDS = 20
SUBHEADING_PARAGRAPH_PREFIX = 80
SUBHEADING_SECTION_SIBLINGS = 4
# A fast text of at least this many lines, nearly all of one to three words, is a menu the fast
# path took for the content (a portal's navigation tree), whatever its length.
MENU_MIN_LINES = 20
MENU_SHORT_LINE_SHARE = 0.9
# A fast text of this many characters without a line break is one block: the fast path found the
# content but not its paragraphs (its last resort, trafilatura's baseline, joins the text of the
# page's JSON-LD articleBody or <article> into one line). The fallback runs for the
# lines, and is taken when it keeps at least ONE_BLOCK_FALLBACK_SHARE of the block's characters.
ONE_BLOCK_MIN_CHARS = 2000
ONE_BLOCK_FALLBACK_SHARE = 0.5


def _menu_shaped(text: str) -> bool:
    if text.count("\n") + 1 < MENU_MIN_LINES:
        return False  # too few lines to be a menu: most pages stop here, before any splitting
    lines = [line for line in text.split("\n") if line.strip()]
    # maxsplit: a line of four words or more is not short, however long it goes on.
    short = sum(len(line.split(maxsplit=3)) <= 3 for line in lines)
    return len(lines) >= MENU_MIN_LINES and short >= MENU_SHORT_LINE_SHARE * len(lines)


def _one_block(text: str) -> bool:
    """A long text without a line break: the fast path's last resort (trafilatura's baseline)."""
    return len(text) >= ONE_BLOCK_MIN_CHARS and "\n" not in text


# A paragraph of a sentence or more (SENTENCE_WORDS words) that the text kept vouches for the
# subheading over it; two such paragraphs, or a kept heading and such a paragraph, vouch for a list
# between them that is mostly not link text (the article's own steps, criteria, features).
SENTENCE_WORDS = 8
LIST_MAX_LINK_SHARE = 0.5


def lost_subheadings(
    text: str, tree: HtmlElement, min_words: int = SUBHEADING_PARAGRAPH_WORDS
) -> Iterator[tuple[str, str]]:
    """(heading, the start of its section's first paragraph of `min_words` or more) for each
    `<h2>`/`<h3>` missing from `text` although that paragraph is in it.

    trafilatura sometimes keeps an article's paragraphs and loses its structure (subheadings, and
    the lists between them; a teaser's linked headline) while its length still looks complete; a
    kept paragraph under a lost heading shows it, where a lost sidebar heading has no kept
    paragraph under it.
    """
    for heading in tree.iter("h2", "h3"):
        title = " ".join(heading.text_content().split())
        if not title or len(title) > SUBHEADING_MAX_CHARS or title in text:
            continue  # checked first: most headings are in the text, and walking their section costs more
        paragraph = _first_long_paragraph(heading, min_words)
        if paragraph is not None:
            start = " ".join(paragraph)[:SUBHEADING_PARAGRAPH_PREFIX]
            if start in text:
                yield title, start


def with_lost_subheadings(text: str, tree: HtmlElement) -> tuple[str, set[str]]:
    """`text` with each lost subheading (`lost_subheadings`, over a paragraph of a sentence or more)
    put back as the line before the line its paragraph starts in, and the set of those put back."""
    lines, restored = text.split("\n"), set()
    for title, start in lost_subheadings(text, tree, SENTENCE_WORDS):
        at = next((index for index, line in enumerate(lines) if start in line), None)
        if at is not None:
            lines.insert(at, title)
            restored.add(title)
    return "\n".join(lines), restored


def _prose_start(element: HtmlElement | None) -> str | None:
    """The start of `element` if it is a `<p>` of SENTENCE_WORDS words or more, else None."""
    if element is None or element.tag != "p":
        return None
    words = element.text_content().split()
    return " ".join(words)[:SUBHEADING_PARAGRAPH_PREFIX] if len(words) >= SENTENCE_WORDS else None


def _kept_start(element: HtmlElement | None, text: str) -> str | None:
    """How `text` shows that it kept `element`: the start of a paragraph of a sentence or more, or
    a heading's title; None when it is neither, or `text` lacks it."""
    if element is not None and element.tag in ("h2", "h3", "h4"):
        title = " ".join(element.text_content().split())
        return title if title and title in text else None
    start = _prose_start(element)
    return start if start is not None and start in text else None


def with_lost_lists(text: str, tree: HtmlElement) -> tuple[str, int]:
    """`text` with each list it lost between two blocks it kept (paragraphs of a sentence or more,
    or headings) put back after the first of them, one `- item` line per item, as trafilatura
    writes lists; and how many went back.

    A gallery (a list holding images) is skipped: its items are captions. A list with any item
    already in the text (compared as words only) is not lost.
    """
    lines, words, restored = text.split("\n"), None, 0
    for found in tree.iter("ul", "ol"):
        before, after = _kept_start(found.getprevious(), text), _kept_start(found.getnext(), text)
        if before is None or after is None:
            continue
        if next(found.iter("img", "figure", "picture"), None) is not None:
            continue
        items = [" ".join(item.text_content().split()) for item in found.iterchildren("li")]
        items = [item for item in items if item]
        if not items or link_text_length(found) > LIST_MAX_LINK_SHARE * sum(map(len, items)):
            continue
        words = comparable(text) if words is None else words  # uncached: a whole page's text
        if any(comparable(item) in words for item in items):
            continue
        at = next((index for index, line in enumerate(lines) if before in line), None)
        if at is not None:
            lines[at + 1 : at + 1] = [f"- {item}" for item in items]
            restored += 1
    return "\n".join(lines), restored


def _first_long_paragraph(
    heading: HtmlElement, min_words: int = SUBHEADING_PARAGRAPH_WORDS
) -> list[str] | None:
    """The words of the first `<p>` of `min_words` or more in the heading's section
    (its next SUBHEADING_SECTION_SIBLINGS siblings, up to the next heading): a short line such as
    a tagline or a "Features:" label often sits between a heading and its prose."""
    sibling = heading.getnext()
    for _ in range(SUBHEADING_SECTION_SIBLINGS):
        if sibling is None or sibling.tag in HEADINGS:
            return None
        if sibling.tag == "p":
            words = sibling.text_content().split()
            if len(words) >= min_words:
                return words
        sibling = sibling.getnext()
    return None


def needs_fallback(text: str, tree: HtmlElement, page_chars: int | None = None) -> bool:
    """True when the fast path's `text` looks like it missed much of the page's content or its structure.

    `page_chars` is the body's visible length if the caller measured it already (before the page
    rules, which only take text away, so it still bounds what is left from above).
    """
    if len(text) < FALLBACK_BELOW_CHARS or _menu_shaped(text) or _one_block(text):
        return True
    if sum(1 for _ in lost_subheadings(text, tree)) >= FALLBACK_DROPPED_SUBHEADINGS:
        return True
    # A cheap bound first: the body's text without its scripts and styles is (but for spacing) never
    # shorter than the visible text trafilatura measures, so most pages never pay for measuring
    # that (on the 2,151 dev pages the bound decided 1,793, each as the measure would have).
    if page_chars is None:
        body = tree.find("body")
        page_chars = visible_length(body) if body is not None else None
    if page_chars is not None and len(text) >= FALLBACK_BELOW_PAGE_SHARE * page_chars:
        return False
    return len(text) < FALLBACK_BELOW_PAGE_SHARE * len(html2txt(tree))


# Kinds whose content is prose (or posts): their repeated blocks are teasers and comments.
_TEXT_PAGES = (ARTICLE, FORUM, DOCUMENTATION)


def _in_sections(page_type: str, date: str) -> bool:
    """Service pages, and pages of no known kind without a date (a dated one is a post or a story)."""
    return page_type == SERVICE or (page_type == OTHER and not date)


def extract_main_text(
    tree: HtmlElement,
    url: str,
    settings: ExtractionConfig,
    page_type: str = OTHER,
    page_chars: int | None = None,
) -> Extracted | None:
    """trafilatura's main text and the page's metadata, or None when it finds no article.

    Forum posts are the content of a forum page: its text is the posts its schema.org markup
    holds (transforms/forum_posts.py), and then trafilatura does not run, or where it has none
    trafilatura's text with comment extraction asked for; a product page gets the description
    its structured data gives when the text lacks it; other pages get the cards of a category or
    result grid that trafilatura dropped (transforms/repeated_items.py), and a service page (or an
    undated page of no known kind) whose text is under half of its sections gets those sections
    (transforms/page_sections.py). Then a subheading the text lost over a paragraph it kept, and
    a list it lost between two blocks it kept, go back in (`with_lost_subheadings`,
    `with_lost_lists`). `page_chars` is the body's visible length where the caller
    measured it (see `needs_fallback`).
    `deduplicate` stays off: trafilatura's cache is process-global, so with it on the output would
    depend on record order and on which worker saw which page.
    """
    metadata = page_metadata(tree)
    posts = thread_posts(tree) if page_type == FORUM else []
    if posts:  # what the members wrote, without the signatures and stamps around it
        counters.inc("extract:forum-posts")
        text, headings = "\n".join(posts), set()
    else:
        url = url or metadata["url"] or None
        document = _trafilatura_document(tree, url, settings, page_type, page_chars)
        if document is None or not document.text:
            return None
        text = _with_missing_parts(tree, document, settings, page_type, metadata["date"])
        text, restored = with_lost_subheadings(text, tree)
        text, lists = with_lost_lists(text, tree)
        if lists:
            counters.inc("extract:lists")
        if restored:
            counters.inc("extract:subheadings")
        headings = {normalize_field("".join(el.itertext())) for el in document.body.iter("head")}
        headings |= {normalize_field(title) for title in restored}
        headings |= _bold_paragraphs(tree)
    return Extracted(
        text=normalize_text(text),
        title=normalize_field(metadata["title"]),
        date=normalize_field(metadata["date"]),
        author=normalize_field(metadata["author"]),
        url=normalize_field(metadata["url"]),
        headings=tuple(sorted(headings - {""})),
    )


def _bold_paragraphs(tree: HtmlElement) -> set[str]:
    """Paragraphs that are all bold (`<p><strong>Broader implications</strong></p>`): the subheadings
    of many editors, which trafilatura's text gives as plain lines, so that rules can tell them from
    captions as they do its headings."""
    found = set()
    for paragraph in tree.iter("p"):
        if len(paragraph) != 1 or (paragraph.text and not paragraph.text.isspace()):
            continue
        bold = paragraph[0]
        if bold.tag in ("strong", "b") and not (bold.tail and not bold.tail.isspace()):
            line = normalize_field(bold.text_content())
            if not ends_like_sentence(line):  # a bold lead sentence is prose, not a heading
                found.add(line)
    return found


def _trafilatura_document(
    tree: HtmlElement, url: str | None, settings: ExtractionConfig, page_type: str, page_chars: int | None
) -> TrafilaturaDocument | None:
    """trafilatura's fast path, and its fallback where `settings` and the fast text ask for it."""
    if settings.repairs and unmark_disclosures(tree):
        counters.inc("extract:disclosures-unmarked")
    options = dict(
        url=url,
        favor_precision=settings.favor_precision,
        favor_recall=settings.favor_recall,
        include_comments=_with_comments(settings, page_type),
        include_tables=settings.include_tables,
        deduplicate=False,
    )
    document = trafilatura.bare_extraction(tree, fast=settings.fallback != "always", **options)
    fast_text = document.text if document else ""
    if settings.fallback == "auto" and needs_fallback(fast_text, tree, page_chars):
        counters.inc("extract:fallback")
        full = trafilatura.bare_extraction(tree, fast=False, **options)
        if full is not None and fallback_taken(fast_text, full.text):
            document = full
    return document


def fallback_taken(fast_text: str, full_text: str) -> bool:
    """The fallback's text replaces the fast one, except where the fast text is one block: that
    holds the content without its lines, and a fallback that kept far less of it went elsewhere."""
    return not _one_block(fast_text) or len(full_text or "") >= ONE_BLOCK_FALLBACK_SHARE * len(fast_text)


def _with_comments(settings: ExtractionConfig, page_type: str) -> bool:
    """Comments are asked for, and joined to the text, where the config says so and on forum pages."""
    return settings.include_comments or page_type == FORUM


def _with_missing_parts(
    tree: HtmlElement, document: TrafilaturaDocument, settings: ExtractionConfig, page_type: str, date: str
) -> str:
    """The document's text (and comments, where asked for) with what trafilatura leaves out of a
    page of this kind put back."""
    text = document.text
    if _with_comments(settings, page_type) and document.comments:
        text = f"{text}\n{document.comments}"
    if page_type == PRODUCT:  # shops often keep the description in a tab or only in JSON-LD
        text = "\n".join((text, *missing_product_descriptions(tree, text)))
    elif settings.page_types and page_type not in _TEXT_PAGES:  # cards trafilatura took for navigation
        items = missing_items(tree, text)
        if items:
            counters.inc("extract:repeated-items")
            text = "\n".join((text, *items))
    if settings.page_types and _in_sections(page_type, date):
        share = SERVICE_TEXT_UNDER_SECTIONS if page_type == SERVICE else TEXT_UNDER_SECTIONS
        sections = missing_sections(tree, text, share)
        if sections:
            counters.inc("extract:sections")
            text = "\n".join(sections)
    return text


# Page rules a kind of page does without. A product page's related products: trafilatura leaves
# them out by itself (on wcxb-dev, 71 such removals changed one page's text), and taking them out
# first shrinks the page that trafilatura's recall escalation measures its text against, so on
# that one page it kept a third of the description (0.55 -> 0.87 word F1 without the rule).
PAGE_RULES_OFF_BY_KIND = {PRODUCT: ("related-links",)}


def _page_rules_off(config: Config, page_type: str) -> tuple[str, ...]:
    return config.rules.disabled + PAGE_RULES_OFF_BY_KIND.get(page_type, ())


def extract_document(doc: Document, config: Config) -> tuple[Document | Rejected, list[Removal]]:
    """Fill `text` (and title, date, author, url when missing) of a page record.

    Page rules run on the parsed tree first, so trafilatura never sees the elements they drop.
    """
    if doc.html is None:
        return dataclasses.replace(
            doc, text=normalize_text(doc.text or ""), title=normalize_field(doc.title)
        ), []
    tree = parse_html(doc.html)
    if tree is None:
        return Rejected(doc.id, doc.source, doc.url, "no-main-text"), []
    # The body's visible text, measured once for the repairs and the fallback gate.
    page_chars = None
    if config.extraction.repairs or config.extraction.fallback == "auto":
        body = tree.find("body")
        page_chars = visible_length(body) if body is not None else None
    if config.extraction.repairs:
        if unwrap_page_wrappers(tree, page_chars):
            counters.inc("extract:unwrapped")
        if show_disclosed_panels(tree):
            counters.inc("extract:panels-shown")
    # Before the page rules, which may drop an element that carries the evidence.
    page_type = page_type_of(tree) if config.extraction.page_types else OTHER
    dropped = []
    if config.rules.page_rules:
        dropped = drop_boilerplate_elements(tree, page_rules_for(_page_rules_off(config, page_type)))
    removals = [Removal(doc.id, rule, text) for rule, text in dropped]
    found = extract_main_text(tree, doc.url, config.extraction, page_type, page_chars)
    if found is None or not found.text:
        if nesting_depth(tree) >= PARSER_MAX_DEPTH:
            raise PageTooDeep(
                f"elements nest deeper than the parser keeps ({PARSER_MAX_DEPTH}); text below is lost"
            )
        return Rejected(doc.id, doc.source, doc.url, "no-main-text"), removals
    text = found.text[: config.limits.max_output_chars]
    return dataclasses.replace(
        doc,
        html=None,
        text=text,
        title=doc.title or found.title,
        date=doc.date or found.date,
        author=doc.author or found.author,
        url=doc.url or found.url,
        headings=found.headings,
        from_html=True,
        page_type=page_type,
    ), removals
