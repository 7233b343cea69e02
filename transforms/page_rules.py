"""Page rules: drop boilerplate elements from the HTML tree before trafilatura sees it.

Rules come from `configs/page_rules.yaml`: words that, found in an element's class or id names
(or its role / aria-label), mark it as a newsletter box, share bar, ad slot, related list, ...
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import yaml
from lxml import etree

from boilerstrip.pipeline.config import ConfigError

# Only containers are dropped; inline elements inside a paragraph never are, so a span with a
# class such as `article-newsletter-mention` cannot take a sentence with it.
# Headings are not among them: a heading holds no boilerplate box, and its class or id is often a
# slug of its own words ("what-share-of-adolescents").
_BLOCK_TAGS = frozenset(
    "div section aside form ul ol li nav figure footer header iframe table dl p center".split()
)
_PROTECTED_TAGS = frozenset(("html", "body", "article", "main"))
_NAME_NOISE = str.maketrans("", "", "-_")
# An element holding more than this share of the page's text, or this much text outside links,
# is (part of) the article, whatever its name: "entry-content-read-more" wraps whole stories.
_MAX_TEXT_SHARE = 0.3
_MAX_PROSE_CHARS = 800
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_AUDIT_CHARS = 300


@dataclass(frozen=True)
class PageRule:
    name: str
    note: str
    words: frozenset[str]
    aria: tuple[str, ...] = ()


def name_words(value: str) -> set[str]:
    """Words of class/id names: `Newsletter-stateSent share_bar` → {newsletter, state, sent, share, bar}.

    Joined forms are added too (`sign-up` → `signup`, `read-more` → `readmore`) so a rule word
    matches however a site spells the name. Generated names say nothing about their element and
    are skipped: parts with a digit in them (hashes such as `block-dbb23a91-4ad4`, where `ad`
    would match) and slugs of a heading's words (`what-share-of-adolescents-report`); so are
    modifier names (`hide-read-more-ad`, `no-ads`), which say what the element is not.
    """
    words: set[str] = set()
    for name in value.split():
        pieces = [piece for piece in _NAME_PIECES.split(name) if piece]
        if len(pieces) > _MAX_NAME_PIECES or (pieces and pieces[0].lower() in _MODIFIERS):
            continue
        parts = [p.lower() for piece in pieces if not _generated(piece) for p in _NAME_WORDS.findall(piece)]
        words.update(parts)
        words.update(a + b for a, b in zip(parts, parts[1:], strict=False))
    return words


def _generated(piece: str) -> bool:
    """A piece of a class name that a tool generated: it holds a digit (`dbb23a91`), or it mixes
    case with single letters between (`iBmA`, `dB`, `fGiLaV`: CSS-in-JS hashes), where joining
    the letters would make words such as `ad` out of nothing. Real camelCase (`adSlot`) has none."""
    if any(char.isdigit() for char in piece):
        return True
    return (
        piece != piece.lower()
        and piece != piece.upper()
        and any(len(part) == 1 for part in _NAME_WORDS.findall(piece))
    )


_NAME_PIECES = re.compile(r"[-_]+")
# A name that starts with one of these says what its element lacks or hides, not what it is:
# `hide-read-more-ad` on a news grid, `no-ads`, `has-related`, `without-sidebar`.
_MODIFIERS = frozenset(("no", "non", "not", "hide", "without", "has", "with"))
# A class or id of more words than this is a slug of text, not a name.
_MAX_NAME_PIECES = 5


def load_page_rules(path: Path | None = None) -> tuple[PageRule, ...]:
    """The built-in page rules, or those of `path`; ConfigError names the file and rule."""
    path = path or Path(str(resources.files("boilerstrip.configs") / "page_rules.yaml"))
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read page rules: {exc}") from exc
    rules = []
    for index, entry in enumerate((raw or {}).get("rules") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ConfigError(f"{path}: page rule {index} needs a 'name'")
        unknown = set(entry) - {"name", "note", "words", "aria"}
        if unknown:
            raise ConfigError(f"{path}: page rule '{entry['name']}': unknown key(s) {sorted(unknown)}")
        if not entry.get("note") or not entry.get("words"):
            raise ConfigError(f"{path}: page rule '{entry['name']}' needs a 'note' and 'words'")
        words = frozenset(w.lower() for w in entry["words"])
        rules.append(
            PageRule(entry["name"], entry["note"], words, tuple(a.lower() for a in entry.get("aria", [])))
        )
    return tuple(rules)


class PageRules:
    """A rule set compiled for matching: a quick substring screen, then the exact word match.

    A rule word among an element's name words is always a substring of its lowercased names with
    '-' and '_' removed, so names the screen rejects cannot match; class strings repeat across
    a site's pages ("row", "col-4"), so exact answers are cached per names string.
    """

    def __init__(self, rules: tuple[PageRule, ...]):
        self.rules = rules
        words = sorted({re.escape(w) for rule in rules for w in rule.words}, key=len, reverse=True)
        self._screen = re.compile("|".join(words)) if words else None
        self._by_names: dict[str, str | None] = {}

    def rule_for(self, element) -> str | None:
        """Name of the first rule whose words appear in the element's names or labels."""
        names = f"{element.get('class', '')} {element.get('id', '')}"
        rule = self._by_names.get(names, "")
        if rule == "":
            if len(self._by_names) > 100_000:  # bounded memory over a long run
                self._by_names.clear()
            rule = self._by_names[names] = self._match_names(names)
        if rule:
            return rule
        label = element.get("aria-label") or element.get("role")
        if label:
            label = f"{element.get('role', '')} {element.get('aria-label', '')}".lower()
            for candidate in self.rules:
                if any(a in label for a in candidate.aria):
                    return candidate.name
        return None

    def _match_names(self, names: str) -> str | None:
        if self._screen is None or not self._screen.search(names.lower().translate(_NAME_NOISE)):
            return None
        words = name_words(names)
        for rule in self.rules:
            if words & rule.words:
                return rule.name
        return None


@lru_cache(maxsize=8)
def page_rules_for(disabled: tuple[str, ...]) -> PageRules:
    """The built-in rules minus `disabled`, compiled once per process."""
    return PageRules(tuple(rule for rule in load_page_rules() if rule.name not in disabled))


def text_length(element) -> int:
    """Characters of an element's text with whitespace runs as one space (scripts included)."""
    return int(_TEXT_LENGTH(element))


_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")


def link_text_length(element) -> int:
    """Characters of the text inside the element's links, measured as `text_length` measures."""
    return sum(text_length(link) for link in element.iterdescendants("a"))


def _holds_article(element, page_length: Callable[[], int]) -> bool:
    """True when `element` is (part of) the article; `page_length` is only called when the answer needs it."""
    if element.tag in _PROTECTED_TAGS or next(element.iterdescendants("article", "main"), None) is not None:
        return True
    text = text_length(element)
    # Prose outside links can only pass the limit if the whole text does, so most boilerplate
    # (short) never pays for measuring its links.
    if text > _MAX_PROSE_CHARS:
        if text - link_text_length(element) > _MAX_PROSE_CHARS:
            return True
    return text > 0 and text > _MAX_TEXT_SHARE * page_length()


def drop_boilerplate_elements(tree, rules: PageRules) -> list[tuple[str, str]]:
    """Removes matching block elements from `tree` in place; returns [(rule, element text), ...].

    The tail text after a dropped element belongs to its parent and is kept.
    """
    if tree is None or not rules.rules:
        return []

    @cache
    def page_length() -> int:
        body = tree.find("body")
        return text_length(body if body is not None else tree)

    candidates = []
    for element in tree.iter(*_BLOCK_TAGS):
        if not (
            element.get("class") or element.get("id") or element.get("role") or element.get("aria-label")
        ):
            continue
        rule = rules.rule_for(element)
        if not rule:
            continue
        # An element inside one already dropped goes with it. Candidates come in document order,
        # so the only one that can contain this element is the last.
        if candidates and candidates[-1][0] in element.iterancestors():
            continue
        if not _holds_article(element, page_length):
            candidates.append((element, rule))
    removed = []
    for element, rule in candidates:
        text = " ".join(" ".join(element.itertext()).split())
        if text:
            removed.append((rule, text[:_AUDIT_CHARS]))
        parent = element.getparent()
        if parent is None:
            continue
        if element.tail:
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)
    return removed
