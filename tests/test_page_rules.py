"""Page rules: boilerplate blocks go before extraction; the article and inline mentions stay."""

from __future__ import annotations

import pytest
from trafilatura.utils import load_html

from boilerstrip.transforms.page_rules import (
    PageRules,
    drop_boilerplate_elements,
    load_page_rules,
    name_words,
)

RULES = PageRules(load_page_rules())
ARTICLE = " ".join(f"Sentence {i} of the article about the harbour and its ferries." for i in range(40))


def page(extra: str, article_class: str = "story-body") -> str:
    return (
        f"<html><body><div class='{article_class}'><p>{ARTICLE}</p>"
        f"<p>The council said in its <span class='article-newsletter-mention'>newsletter</span> that"
        f" work starts soon.</p>{extra}</div></body></html>"
    )


@pytest.mark.parametrize(
    "markup, rule",
    [
        (
            "<div class='Newsletter-container'><p>Get the day's big stories in your inbox.</p></div>",
            "newsletter-box",
        ),
        ("<section class='cookie-banner'><p>We use cookies.</p></section>", "consent-banner"),
        ("<ul class='share-buttons'><li><a href='#'>Facebook</a></li></ul>", "share-bar"),
        ("<div id='ad-slot-top'><p>Advertisement</p></div>", "ad-slot"),
        (
            "<div class='related-posts'><ul><li><a href='/x'>Another story</a></li></ul></div>",
            "related-links",
        ),
        ("<div class='video-player'><p>Islanders queue for the ferry</p></div>", "video-player"),
        ("<aside aria-label='Related stories'><a href='/y'>More</a></aside>", "related-links"),
    ],
)
def test_boilerplate_blocks_are_dropped(markup, rule):
    tree = load_html(page(markup))
    removed = drop_boilerplate_elements(tree, RULES)
    assert [r for r, _ in removed] == [rule]
    text = " ".join(tree.itertext())
    assert "Sentence 39 of the article" in text


def test_inline_mention_and_article_container_survive():
    tree = load_html(page("", article_class="entry-content entry-content-read-more"))
    assert drop_boilerplate_elements(tree, RULES) == []
    text = " ".join(" ".join(tree.itertext()).split())
    assert "said in its newsletter that work starts soon" in text


def test_block_holding_much_prose_is_never_dropped():
    tree = load_html(f"<html><body><div class='promo'><p>{ARTICLE}</p></div><p>x</p></body></html>")
    assert drop_boilerplate_elements(tree, RULES) == []


def test_tail_text_after_a_dropped_element_is_kept():
    tree = load_html(page("<div class='share'>Share</div>Closing words of the article."))
    drop_boilerplate_elements(tree, RULES)
    assert "Closing words of the article." in " ".join(tree.itertext())


def test_name_words_split_case_and_separators():
    assert {"newsletter", "state", "sent", "statesent"} <= name_words("Newsletter-stateSent")
    assert "signup" in name_words("sign-up_box") and "readmore" in name_words("read-more")
    assert "ad" not in name_words("masthead load-more")
    assert {"ad", "slot", "adslot"} <= name_words("adSlot")  # real camelCase is not a hash


@pytest.mark.parametrize(
    "names",
    [
        "block-dbb23a91-bb24-4ad4-b3e1-1bf0633f9b9d",  # a generated id: 'ad' in '4ad4'
        "id-PFk9dDFpTo0qJgx9vRfcqXxunAc",  # 'dfp' in a hash
        "what-share-of-adolescents-report-receiving",  # a heading's slug
        "block-iBmA-dB",  # CSS-in-JS hashes: 'a' + 'd' joined would make 'ad'
    ],
)
def test_generated_names_give_no_rule_words(names):
    assert name_words(names) <= {"id", "block"}


@pytest.mark.parametrize("names", ["hide-read-more-ad", "no-ads", "has-related", "without-share-bar", "_"])
def test_modifier_names_give_no_rule_words(names):
    assert name_words(names) == set()


def test_a_grid_whose_modifier_names_an_ad_stays_and_the_ad_in_it_goes():
    cards = "".join(f"<div class='card'><a href='/{i}'>Story {i}</a></div>" for i in range(3))
    tree = load_html(page(f"<div class='grid hide-read-more-ad'>{cards}<div class='ad'>Ad</div></div>"))
    assert drop_boilerplate_elements(tree, RULES) == [("ad-slot", "Ad")]
    assert "Story 2" in " ".join(tree.itertext())


def test_a_heading_whose_slug_holds_a_rule_word_stays():
    tree = load_html(page("<h2 class='share-of-votes'>Share of votes by region</h2><p>Text.</p>"))
    assert drop_boilerplate_elements(tree, RULES) == []


def test_nested_boilerplate_is_dropped_and_reported_once():
    tree = load_html(page("<div class='related-posts'><div class='share'>Share</div><p>More</p></div>"))
    assert drop_boilerplate_elements(tree, RULES) == [("related-links", "Share More")]


def test_block_of_links_is_dropped_though_its_text_passes_the_prose_limit():
    links = "".join(f"<li><a href='/{i}'>Story {i}</a></li>" for i in range(130))
    tree = load_html(page(f"<ul class='related-posts'>{links}</ul>"))
    assert [rule for rule, _ in drop_boilerplate_elements(tree, RULES)] == ["related-links"]
