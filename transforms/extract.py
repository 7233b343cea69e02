"""Main-text extraction with trafilatura."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from boilerstrip.pipeline.config import Config, ExtractionConfig
from boilerstrip.transforms.normalize import normalize_field, normalize_text
from boilerstrip.transforms.page_rules import drop_boilerplate_elements, page_rules_for
from boilerstrip.transforms.record import Document, Rejected, Removal

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


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str
    date: str
    author: str
    url: str
    headings: tuple[str, ...] = ()


def extract_main_text(html: str | HtmlElement, url: str, settings: ExtractionConfig) -> Extracted | None:
    """trafilatura's main text and metadata, or None when it finds no article.

    `deduplicate` stays off: trafilatura's cache is process-global, so with it on the output
    would depend on record order and on which worker saw which page.
    """
    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        fast=settings.fast,
        favor_precision=settings.favor_precision,
        favor_recall=settings.favor_recall,
        include_comments=settings.include_comments,
        include_tables=settings.include_tables,
        deduplicate=False,
        with_metadata=True,
    )
    if document is None or not document.text:
        return None
    text = document.text
    if settings.include_comments and document.comments:
        text = f"{text}\n{document.comments}"
    return Extracted(
        text=normalize_text(text),
        title=normalize_field(document.title),
        date=normalize_field(document.date),
        author=normalize_field(document.author),
        url=normalize_field(document.url),
        headings=tuple(
            sorted({normalize_field("".join(el.itertext())) for el in document.body.iter("head")} - {""})
        ),
    )


def extract_document(doc: Document, config: Config) -> tuple[Document | Rejected, list[Removal]]:
    """Fill `text` (and title, date, author, url when missing) of a page record.

    Page rules run on the parsed tree first, so trafilatura never sees the elements they drop.
    """
    if doc.html is None:
        return dataclasses.replace(
            doc, text=normalize_text(doc.text or ""), title=normalize_field(doc.title)
        ), []
    tree = load_html(doc.html)
    if tree is None:
        return Rejected(doc.id, doc.source, doc.url, "no-main-text"), []
    dropped = []
    if config.rules.page_rules:
        dropped = drop_boilerplate_elements(tree, page_rules_for(config.rules.disabled))
    removals = [Removal(doc.id, rule, text) for rule, text in dropped]
    found = extract_main_text(tree, doc.url, config.extraction)
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
    ), removals
