"""Put what the rules removed back in place, for `boilerstrip inspect`.

The cleaning functions return the text they kept and the removals by rule, not positions.
Text rules and site templates only ever drop whole lines, so the kept lines are a subsequence of
the lines they were given; lining the two up marks every dropped line in place. Page elements
are dropped before extraction, so they are placed by where their text occurs in the page's own
text, among the extracted lines placed the same way.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import NamedTuple

PAGE = "page element"
LINE = "line"
# Enough of a line or element to find it in the page's text without matching by accident.
_PROBE_CHARS = 60


class Item(NamedTuple):
    """One line of the inspected page: kept (`rule` None) or removed by `rule` at `stage`."""

    text: str
    rule: str | None = None
    stage: str = LINE


def text_lines(text: str) -> list[str]:
    """The lines the text rules see: non-blank lines, in order."""
    return [line for line in text.split("\n") if line.strip()]


def mark_removed_lines(
    items: list[Item], kept: list[str], removals: list[tuple[str, str]], stage: str = LINE
):
    """Items after a step that kept the lines `kept` and removed `removals` ([(rule, line)]).

    Items already removed stay as they are; of the kept ones, those not in `kept` (lined up in
    order) get the rule that removed a line with their text.
    """
    rules_for: dict[str, deque] = defaultdict(deque)
    for rule, line in removals:
        rules_for[line.strip()].append(rule)
    marked, position = [], 0
    for item in items:
        if item.rule is not None:
            marked.append(item)
        elif position < len(kept) and item.text.strip() == kept[position].strip():
            marked.append(item)
            position += 1
        else:
            rules = rules_for.get(item.text.strip())
            marked.append(Item(item.text, rules.popleft() if rules else "unknown", stage))
    return marked


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _positions(page_text: str, texts: list[str]) -> list[int]:
    """Where each text occurs in `page_text`, searching forward; a text not found stays with the last."""
    positions, cursor = [], 0
    for text in texts:
        probe = _squeezed(text)[:_PROBE_CHARS]
        found = page_text.find(probe, cursor) if probe else -1
        if found >= 0:
            cursor = found
        positions.append(cursor)
    return positions


def place_page_elements(page_text: str, items: list[Item], elements: list[tuple[str, str]]) -> list[Item]:
    """`items` (the extracted lines) with the page elements ([(rule, text)], in document order)
    inserted where their text stands in `page_text`, the page's whitespace-squeezed text."""
    if not elements:
        return list(items)
    page_text = _squeezed(page_text)
    line_at = _positions(page_text, [item.text for item in items])
    element_at = _positions(page_text, [text for _, text in elements])
    placed, next_element = [], 0
    for item, position in zip(items, line_at, strict=True):
        while next_element < len(elements) and element_at[next_element] < position:
            rule, text = elements[next_element]
            placed.append(Item(text, rule, PAGE))
            next_element += 1
        placed.append(item)
    placed += [Item(text, rule, PAGE) for rule, text in elements[next_element:]]
    return placed
