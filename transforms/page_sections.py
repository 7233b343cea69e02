"""The text of a service or landing page, which sits in many short sections rather than one article.

trafilatura looks for the one block of prose a page is about. A company's service page, a product
tool's home page or a course page has none: its content is a run of sections, each a heading
and a paragraph or a list, and trafilatura returns one or two of them. `section_lines` reads the
page's `<main>` (or its body) instead, one line per block, leaving out what is not content
anywhere: navigation, header, footer, asides, forms and controls, lines that are mostly link
text (menus outside a <nav>), and lines of one or two words (labels, buttons, "by") unless they
are a heading.
`missing_sections` gives those lines when the extracted text holds less than a share of their
characters: 0.7 on a page marked up as a service, where sections are the content, and 0.5 on an
undated page of no known kind, which is as often a listing. Chosen on all three dev sets at once
(benchmarks/quality.py).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from boilerstrip.transforms.page_rules import text_length
from boilerstrip.transforms.repeated_items import OUTSIDE_CONTENT

# Elements that start a line of their own when rendered.
_BLOCKS = frozenset(
    (
        "address",
        "article",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    )
)
MIN_LINE_WORDS = 3
# A heading heads its section however short it is ("Mission", "Pricing"); other short lines are
# labels and buttons.
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# A line whose characters are more than this share link text is a menu or a list of links.
MAX_LINK_SHARE = 0.5
# The sections replace the extracted text when it holds less than this share of their characters.
SERVICE_TEXT_UNDER_SECTIONS = 0.7
TEXT_UNDER_SECTIONS = 0.5


class _Line:
    __slots__ = ("parts", "chars", "link_chars", "heading")

    def __init__(self):
        self.parts: list[str] = []
        self.chars = 0
        self.link_chars = 0
        self.heading = False


def _content_root(tree: HtmlElement) -> HtmlElement | None:
    main = tree.find(".//main")
    return main if main is not None else tree.find("body")


def section_lines(tree: HtmlElement) -> list[str]:
    """The page's content lines, one per block, outside navigation and chrome (see the module doc)."""
    root = _content_root(tree)
    if root is None:
        return []
    lines = [_Line()]

    def add(text: str | None, in_link: bool) -> None:
        if text:
            line = lines[-1]
            line.parts.append(text)
            chars = len(text.strip())
            line.chars += chars
            line.link_chars += chars if in_link else 0

    def walk(element: HtmlElement, in_link: bool) -> None:
        in_link = in_link or element.tag == "a"
        block = element.tag in _BLOCKS
        if block and lines[-1].parts:
            lines.append(_Line())
        if element.tag in HEADINGS:
            lines[-1].heading = True
        add(element.text, in_link)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in OUTSIDE_CONTENT:
                walk(child, in_link)
            add(child.tail, in_link)
        if block and lines[-1].parts:
            lines.append(_Line())

    walk(root, False)
    kept = []
    for line in lines:
        text = " ".join("".join(line.parts).split())
        short = len(text.split()) < (1 if line.heading else MIN_LINE_WORDS)
        if short or line.link_chars > MAX_LINK_SHARE * line.chars:
            continue
        kept.append(text)
    return kept


def missing_sections(tree: HtmlElement, text: str, share: float = TEXT_UNDER_SECTIONS) -> list[str]:
    """The page's section lines when `text` holds less than `share` of their characters."""
    root = _content_root(tree)
    if root is None or len(text) >= share * text_length(root):
        return []  # the root's whole text bounds what its section lines can hold
    lines = section_lines(tree)
    return lines if len(text) < share * sum(map(len, lines)) else []
