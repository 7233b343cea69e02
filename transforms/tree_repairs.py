"""Repairs to a parsed page before trafilatura reads it: content that markup accidents or on-demand
widgets would make trafilatura discard.

trafilatura drops whole every `<aside>`, `<footer>` and `<nav>`, every hidden element, and every
block whose class says it expands. These rules are right for a sidebar, a closed menu or a
"read more" teaser, and wrong for a story that a popup the page never closed swallowed, or for
the answers of an accordion or an FAQ. These functions change the tree in place,
and each says how many elements it changed, for the run's counters.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree
from lxml.html import HtmlElement

from boilerstrip.transforms.page_rules import PageRules, link_text_length, load_page_rules, text_length

_INVISIBLE_TAGS = ("script", "style", "noscript", "template")
_INVISIBLE_HOLDERS = ("noscript", "template")  # the invisible elements that hold elements


def visible_length(element: HtmlElement) -> int:
    """Characters of the element's text outside scripts, styles, noscript and templates, each
    counted once (a style inside a noscript is part of the noscript's text already)."""
    hidden = 0
    for inner in element.iter(*_INVISIBLE_TAGS):
        if next(inner.iterancestors(*_INVISIBLE_HOLDERS), None) is None:
            hidden += text_length(inner)
    return text_length(element) - hidden


# Elements trafilatura discards whole, wherever they are. One that holds this share of the body's
# visible text and the page's main content (its `<main>`, an `<article>` or the `<h1>`) is not a
# sidebar, a footer or a menu: it is a box the page never closed (a newsletter popup, a sidebar div
# left open) that the parser made the parent of everything after it, or a wrapper named for where
# it sits (an `<aside class="announcement-banner">` round the `<main>`). A big footer under a page
# of a few lines holds no such landmark, and stays a footer.
_WRAPPER_TAGS = ("aside", "footer", "nav")
_CONTENT_LANDMARKS = ("main", "article", "h1")
WRAPPER_MIN_SHARE = 0.9


def unwrap_page_wrappers(tree: HtmlElement, page_chars: int | None = None) -> int:
    """Drop the tag (not the content) of every aside, footer or nav that holds nearly all the page's
    text and its main content, so trafilatura judges that content like any other instead of
    discarding the page with the box; returns how many were unwrapped. `page_chars` is the body's
    `visible_length` where the caller has it."""
    body = tree.find("body")
    if body is None:
        return 0
    wrappers, page = [], page_chars
    for element in body.iter(*_WRAPPER_TAGS):
        if page is None:
            page = visible_length(body)
        # text_length counts scripts too, so it bounds the visible text from above: most boxes stop here.
        if page > 0 and text_length(element) >= WRAPPER_MIN_SHARE * page:
            hidden = next(element.iterancestors(*_INVISIBLE_HOLDERS), None) is not None
            holds_content = next(element.iterdescendants(*_CONTENT_LANDMARKS), None) is not None
            if not hidden and holds_content and visible_length(element) >= WRAPPER_MIN_SHARE * page:
                wrappers.append(element)
    for element in wrappers:
        element.drop_tag()
    return len(wrappers)


# A panel that a tab, accordion or "show more" control opens (`aria-controls` names its id) and that
# the page hides until then (`display:none`, `aria-hidden`, `hidden`) is content shown on demand;
# trafilatura drops every hidden element. A panel mostly of links is a menu, and stays hidden; so
# does one in a cookie or consent dialog (its tabs describe cookie categories in prose).
PANEL_MAX_LINK_SHARE = 0.5
_CONTROLLED = etree.XPath("//*[@aria-controls]")
# Elements with an id that are hidden the ways trafilatura reads (`display:none` in any case and
# spacing, `aria-hidden="true"`, the `hidden` attribute, a class `hidden`, `hide` or `is-hidden`),
# found in one pass in C.
_HIDING_CLASSES = ("hidden", "hide", "is-hidden")
_HIDING_CLASS_TESTS = "".join(
    f" or contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in _HIDING_CLASSES
)
_HIDDEN_WITH_ID = etree.XPath(
    "//*[@id][@hidden or @aria-hidden='true' or contains(translate(@style, "
    f"'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'), 'display:none'){_HIDING_CLASS_TESTS}]"
)
_DIALOG_ROLES = ("dialog", "alertdialog")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*;?", re.IGNORECASE)


@cache
def _consent_rule() -> PageRules:
    """The page rule that names cookie and consent boxes (configs/page_rules.yaml), on its own."""
    return PageRules(tuple(rule for rule in load_page_rules() if rule.name == "consent-banner"))


def _in_consent_box(panel: HtmlElement) -> bool:
    rules = _consent_rule()
    return any(rules.rule_for(element) for element in (panel, *panel.iterancestors()))


def _in_dialog(panel: HtmlElement) -> bool:
    """A modal or drawer (a cart, a country picker, a terms box) is interface, whatever it holds."""
    return any(
        element.tag == "dialog" or element.get("role") in _DIALOG_ROLES or element.get("aria-modal") == "true"
        for element in (panel, *panel.iterancestors())
    )


def show_disclosed_panels(tree: HtmlElement) -> int:
    """Unhide the hidden panels that the page's own controls open, unless they are menus; returns how many."""
    controls = _CONTROLLED(tree)
    if not controls:
        return 0
    wanted = {name for control in controls for name in control.get("aria-controls").split()}
    shown = 0
    for panel in _HIDDEN_WITH_ID(tree):
        if panel.get("id") not in wanted or next(panel.iterancestors("nav", "header"), None) is not None:
            continue
        text = text_length(panel)
        if (
            text == 0
            or link_text_length(panel) > PANEL_MAX_LINK_SHARE * text
            or _in_dialog(panel)
            or _in_consent_box(panel)
        ):
            continue
        if panel.get("style"):
            panel.set("style", _DISPLAY_NONE.sub("", panel.get("style")))
        if panel.get("class"):
            shown_classes = [name for name in panel.get("class").split() if name not in _HIDING_CLASSES]
            panel.set("class", " ".join(shown_classes))
        panel.attrib.pop("aria-hidden", None)
        panel.attrib.pop("hidden", None)
        shown += 1
    return shown


def unmark_disclosures(tree: HtmlElement) -> int:
    """Drop the class of every `<details>`: the answers of an FAQ or a transcript the page shows on
    demand are content by their markup, but trafilatura discards any block whose class holds a
    token such as "expand" ("expandable", "expander"), and with it the whole disclosure. Runs
    after the page rules, which may still read the class; returns how many lost one."""
    unmarked = 0
    for disclosure in tree.iter("details"):
        unmarked += disclosure.attrib.pop("class", None) is not None
    return unmarked
