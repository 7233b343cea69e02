"""The cards of a category or results page, found in markup and added where trafilatura dropped them."""

from __future__ import annotations

from boilerstrip.pipeline.config import Config, ExtractionConfig
from boilerstrip.transforms.extract import extract_document, parse_html
from boilerstrip.transforms.record import Document
from boilerstrip.transforms.repeated_items import missing_items, repeated_items, visible_text

NAMES = ("Oak desk", "Pine shelf", "Walnut stool", "Birch bench", "Maple table", "Elm chair")


def _cards(names=NAMES, cls="card", extra="") -> str:
    return "".join(
        f'<li class="{cls} item-{i}"><a href="/p/{i}">{name} solid wood</a>'
        f" <span>$ {99 + i}.00</span>{extra}</li>"
        for i, name in enumerate(names)
    )


def _shop(grid: str, banner: str = "Free shipping on orders over $50.") -> str:
    return (
        f"<html><head><title>Tables</title></head><body><header><p>{banner}</p></header>"
        f'<h1>Tables</h1><ul class="grid">{grid}</ul>'
        "<footer><p>Copyright the shop. All rights reserved.</p></footer></body></html>"
    )


def test_the_largest_group_of_card_siblings_is_found_in_page_order():
    items = repeated_items(parse_html(_shop(_cards())))
    assert items == [f"{name} solid wood $ {99 + i}.00" for i, name in enumerate(NAMES)]


def test_per_item_class_names_with_digits_do_not_split_the_group():
    # Each card carries its own `item-N` class; the cards are still one group.
    assert len(repeated_items(parse_html(_shop(_cards())))) == len(NAMES)


def test_menus_sections_and_navigation_are_not_cards():
    menu = "".join(f'<li class="m"><a href="/{n}">{n}</a></li>' for n in NAMES)  # one word a link
    assert repeated_items(parse_html(_shop(menu))) == []
    long_text = " ".join(["word"] * 80)
    sections = _cards(extra=f"<p>{long_text}</p>")  # a page section each, not a card
    assert repeated_items(parse_html(_shop(sections))) == []
    unlinked = "".join(f'<li class="c">{n} solid wood, $ 99.00</li>' for n in NAMES)
    assert repeated_items(parse_html(_shop(unlinked))) == []
    in_nav = f'<html><body><nav><ul class="grid">{_cards()}</ul></nav><p>Text.</p></body></html>'
    assert repeated_items(parse_html(in_nav)) == []
    assert repeated_items(parse_html(_shop(_cards(NAMES[:3])))) == []  # too few to be a grid


def test_an_archive_of_month_counts_is_not_cards_but_a_review_count_a_card_is():
    months = " ".join(f'<a href="/m/{m}">{m} ({10 + m})</a>' for m in range(1, 13))
    archive = "".join(f'<div class="year">{2015 + y} {months}</div>' for y in range(5))
    assert repeated_items(parse_html(_shop(archive))) == []
    rated = _cards(extra=" <span>Rated 4.5 (128)</span>")
    assert len(repeated_items(parse_html(_shop(rated)))) == len(NAMES)


def test_visible_text_leaves_out_scripts_and_styles():
    tree = parse_html(
        "<html><body><div><p>Oak <b>desk</b></p><script>var x = 1;</script>"
        "<style>p{}</style> $99</div></body></html>"
    )
    assert visible_text(tree.find(".//div")) == "Oak desk $99"


def test_cards_are_added_only_when_they_dwarf_the_extracted_text():
    tree = parse_html(_shop(_cards()))
    assert missing_items(tree, "Free shipping.") == repeated_items(tree)
    long_text = " ".join(["Prose about wood and tables."] * 20)
    assert missing_items(tree, long_text) == []


def test_a_category_page_keeps_its_cards_and_an_article_does_not_gain_teasers():
    # Cards that are one link each: trafilatura's fast path reads the grid as navigation.
    linked = "".join(
        f'<li class="card"><a href="/p/{i}"><span>{name} solid wood</span>'
        f" <span>$ {99 + i}.00</span></a></li>"
        for i, name in enumerate(NAMES * 3)
    )
    banner = (
        "Free shipping on all orders over fifty dollars, every day of the year,"
        " to every address in the country."
    )
    shop = Document(id="s", source="x", html=_shop(linked, banner))
    fast_only = Config(extraction=ExtractionConfig(fallback="never"))
    extracted, _ = extract_document(shop, fast_only)
    assert extracted.text.startswith(banner)
    assert "Walnut stool solid wood $ 101.00" in extracted.text
    # With page kinds off every page is extracted alike, without this step.
    plain = Config(extraction=ExtractionConfig(fallback="never", page_types=False))
    assert "Walnut stool solid wood $ 101.00" not in extract_document(shop, plain)[0].text
    story = " ".join(f"Sentence {i} tells the story of the carpenter and his shop." for i in range(40))
    article = _shop(_cards()).replace(
        "<h1>Tables</h1>",
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
        f"<h1>Tables</h1><article><p>{story}</p></article>",
    )
    extracted, _ = extract_document(Document(id="a", source="x", html=article), Config())
    assert extracted.page_type == "article"
    assert "Walnut stool" not in extracted.text
