"""A service page's sections, read from its markup when trafilatura kept only one or two of them."""

from __future__ import annotations

from boilerstrip.pipeline.config import Config, ExtractionConfig
from boilerstrip.transforms.extract import extract_document, parse_html
from boilerstrip.transforms.page_sections import SERVICE_TEXT_UNDER_SECTIONS, missing_sections, section_lines
from boilerstrip.transforms.record import Document

SERVICES = ("Roof repair", "Gutter cleaning", "Chimney sweeping", "Solar panel fitting", "Attic insulation")
HERO = (
    "We are a family business that has kept the roofs of the valley dry for three generations,"
    " and we answer the phone ourselves. "
) * 2


def _offer(name: str) -> str:
    return f"Our crew handles {name.lower()} for homes in the valley, quoted the same day."


def _page(head: str = '<script type="application/ld+json">{"@type": "Service"}</script>') -> str:
    # Sections in page-builder widgets, which trafilatura's fast path reads as boilerplate.
    sections = "".join(
        f'<section class="elementor-widget"><h3>{name} for your home</h3>'
        f'<div class="copy"><span>{_offer(name)}</span></div>'
        f'<a class="btn" href="/{i}">Learn more</a></section>'
        for i, name in enumerate(SERVICES)
    )
    return (
        f"<html><head><title>Roofing services</title>{head}</head><body>"
        "<nav><p>Home, about us and every one of our services</p></nav>"
        '<div class="menu"><a href="/">Home page</a> <a href="/about">About the firm</a></div>'
        f"<main><article><h1>Roofing services</h1><p>{HERO}</p></article>{sections}</main>"
        "<footer><p>Copyright the roofers. All rights reserved.</p></footer></body></html>"
    )


def test_section_lines_read_main_one_line_a_block_without_links_labels_or_chrome():
    lines = section_lines(parse_html(_page()))
    assert lines[:2] == ["Roofing services", HERO.strip()]  # a heading, however short, heads its section
    assert f"{SERVICES[1]} for your home" in lines and _offer(SERVICES[1]) in lines
    assert "Learn more" not in lines  # two words and a link: a button, not a heading
    assert not any("Copyright" in line or "every one of our services" in line for line in lines)


def test_section_lines_fall_back_to_the_body_and_drop_link_lines():
    html = (
        "<html><body><div><a href='/a'>All of our services listed</a> and more</div>"
        "<div><p>Quotes are free and come within a day.</p></div></body></html>"
    )
    assert section_lines(parse_html(html)) == ["Quotes are free and come within a day."]


def test_sections_replace_the_text_only_when_it_holds_under_the_share_of_them():
    tree = parse_html(_page())
    lines = section_lines(tree)
    assert missing_sections(tree, HERO) == lines
    assert missing_sections(tree, "\n".join(lines)) == []
    # A text with about 60% of the section characters: enough under the default half, not under
    # the share a service page gets.
    most = "x" * int(0.6 * sum(map(len, lines)))
    assert missing_sections(tree, most) == []
    assert missing_sections(tree, most, SERVICE_TEXT_UNDER_SECTIONS) == lines


def test_a_service_page_gets_its_sections_and_a_dated_story_does_not():
    service = Document(id="s", source="x", html=_page())
    extracted, _ = extract_document(service, Config())
    assert extracted.page_type == "service"
    assert all(_offer(name) in extracted.text for name in SERVICES)
    # With page kinds off, trafilatura's own text: the hero paragraph only.
    plain, _ = extract_document(service, Config(extraction=ExtractionConfig(page_types=False)))
    assert _offer(SERVICES[0]) not in plain.text
    # A page of no known kind counts as a post or a story when it has a date.
    dated = '<meta property="article:published_time" content="2024-05-01">'
    story = Document(id="d", source="x", html=_page(dated))
    extracted, _ = extract_document(story, Config())
    assert extracted.page_type == "other" and extracted.date == "2024-05-01"
    assert _offer(SERVICES[0]) not in extracted.text
    undated = Document(id="u", source="x", html=_page(""))
    assert _offer(SERVICES[0]) in extract_document(undated, Config())[0].text


def test_a_one_word_heading_stays_and_a_two_word_label_goes():
    html = (
        "<html><body><main><h2>Mission</h2><p>We keep every roof in the valley dry.</p>"
        "<div>Call now</div><h3><a href='/team'>Team</a></h3></main></body></html>"
    )
    # "Call now" is a label; a heading that is all link text is a menu entry like any other.
    assert section_lines(parse_html(html)) == ["Mission", "We keep every roof in the valley dry."]
