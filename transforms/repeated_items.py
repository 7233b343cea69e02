"""The repeated cards of a category, search-result or listing page: its content, which trafilatura drops.

On a shop's category page or a list of results the content is a grid of short sibling blocks
of the same markup (a product name and price, a result title and date), mostly link text.
trafilatura's scoring reads them as navigation and returns the page's banners and footer instead.
`repeated_items` finds the largest such group of siblings outside the page's navigation,
header, footer and forms: at least `MIN_ITEMS` siblings with the same tag and class whose text
averages a card's length, most of them holding a link. Chosen on all three dev sets at once
(benchmarks/quality.py).
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml.html import HtmlElement

from boilerstrip.transforms.page_rules import text_length

# Where navigation, chrome and controls live: a group inside one of these is never content.
OUTSIDE_CONTENT = frozenset(
    (
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "select",
        "button",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
    )
)
_NO_TEXT = frozenset(("script", "style", "noscript", "template", "svg"))
_WORD = re.compile(r"\w+")
MIN_ITEMS = 4
# Words per card: fewer is a menu of bare links, more is a page section, not a card.
CARD_WORDS = (4, 60)
# Share of the siblings that hold a link: cards link to what they show.
MIN_LINKED_SHARE = 0.5
# Siblings holding this many counts in brackets each ("March (161) April (140)") are an archive
# or a tag cloud, not cards; a product card has one review count at most.
MAX_COUNTS_PER_ITEM = 2
_COUNT = re.compile(r"\(\d[\d.,]*\)")
# The cards replace nothing: they are added to the extracted text when they hold this many times
# its characters, which on the dev sets picks pages whose text is a banner or a footer.
ITEMS_OVER_TEXT = 3


def visible_text(element: HtmlElement) -> str:
    """The element's text with whitespace runs as one space, without scripts, styles or SVG."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _NO_TEXT:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join(" ".join(parts).split())


def _markup(element: HtmlElement) -> tuple[str, str]:
    """Tag and class, without class names carrying digits (generated ids, per-item numbers)."""
    classes = (element.get("class") or "").split()
    return element.tag, " ".join(sorted(c for c in classes if not any(ch.isdigit() for ch in c))[:3])


def _holds_link(element: HtmlElement) -> bool:
    return element.tag == "a" or next(element.iterdescendants("a"), None) is not None


def repeated_items(tree: HtmlElement) -> list[str]:
    """The texts of the page's largest group of card-like siblings, in page order; [] when none."""
    body = tree.find("body")
    if body is None:
        return []
    best: list[str] = []
    best_words = 0
    low, high = CARD_WORDS
    stack = [body]
    while stack:
        element = stack.pop()
        children = [c for c in element if isinstance(c.tag, str) and c.tag not in OUTSIDE_CONTENT]
        stack.extend(children)
        if len(children) < MIN_ITEMS:
            continue
        groups: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
        for child in children:
            groups[_markup(child)].append(child)
        for members in groups.values():
            if len(members) < MIN_ITEMS:
                continue
            if sum(map(_holds_link, members)) < MIN_LINKED_SHARE * len(members):
                continue
            texts = [visible_text(member) for member in members]
            if sum(len(_COUNT.findall(text)) for text in texts) >= MAX_COUNTS_PER_ITEM * len(texts):
                continue
            words = [len(_WORD.findall(text)) for text in texts]
            cards = [text for text, count in zip(texts, words, strict=True) if count]
            total = sum(words)
            if len(cards) >= MIN_ITEMS and low <= total / len(cards) <= high and total > best_words:
                best, best_words = cards, total
    return best


def missing_items(tree: HtmlElement, text: str) -> list[str]:
    """The page's cards when they hold `ITEMS_OVER_TEXT` times the characters of `text`, else []."""
    body = tree.find("body")
    if body is None or text_length(body) < ITEMS_OVER_TEXT * len(text):
        return []  # the body's whole text, scripts included, bounds what its cards can hold
    items = repeated_items(tree)
    return items if sum(map(len, items)) >= ITEMS_OVER_TEXT * len(text) else []
