import dataclasses

import pytest
import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from boilerstrip.pipeline.config import Config, ExtractionConfig, LanguageConfig
from boilerstrip.transforms.decode import decode_page
from boilerstrip.transforms.extract import (
    FALLBACK_BELOW_CHARS,
    extract_document,
    extract_main_text,
    fallback_taken,
    needs_fallback,
    parse_html,
    with_lost_lists,
    with_lost_subheadings,
)
from boilerstrip.transforms.language import detect_language, tag_language
from boilerstrip.transforms.normalize import normalize_text
from boilerstrip.transforms.record import Document, Rejected
from boilerstrip.transforms.tree_repairs import show_disclosed_panels, unwrap_page_wrappers, visible_length

ARTICLE = " ".join(
    f"Paragraph {i} tells the reader about the harbour, the ferries and the weather this week."
    for i in range(12)
)
PAGE = f"""<html><head><title>Harbour news</title>
<link rel="canonical" href="https://harbour.example/news/1"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Harbour news</h1><p>{ARTICLE}</p></article></body></html>"""


def test_extract_main_text_finds_article_title_and_canonical_url():
    found = extract_main_text(load_html(PAGE), "", ExtractionConfig())
    assert "Paragraph 11 tells the reader" in found.text
    assert "Home" not in found.text
    assert found.title == "Harbour news"
    assert found.url == "https://harbour.example/news/1"


def test_an_faq_in_details_elements_is_kept_whatever_their_class():
    answer = "The plate shows proportions by volume, not by calories, so the vegetables fill half of it."
    faq = (
        '<h2>Your questions answered</h2><details class="expandable border-left">'
        f"<summary>Are the sections sized by calories?</summary><p>{answer}</p></details>"
    )
    page = PAGE.replace("</p></article>", f"</p>{faq}</article>")
    fast = ExtractionConfig(fallback="never")
    # trafilatura alone drops the disclosure for the "expand" in its class ...
    assert answer not in (trafilatura.extract(page, fast=True, include_tables=True) or "")
    # ... the page's own markup says it is content; the repairs switch turns that repair off too.
    assert answer in extract_main_text(load_html(page), "", fast).text
    assert answer not in extract_main_text(load_html(page), "", dataclasses.replace(fast, repairs=False)).text


@pytest.mark.parametrize("fallback, fast", [("always", False), ("never", True)])
def test_extract_matches_plain_trafilatura_text(aeb, fallback, fast):
    """Our wrapper must not change what trafilatura extracts with the same settings."""
    pages, _ = aeb
    settings = ExtractionConfig(fallback=fallback, page_types=False)
    for page_id in sorted(pages)[:15]:
        html = decode_page(pages[page_id])
        ours = extract_main_text(load_html(html), "", settings)
        theirs = trafilatura.extract(
            html, include_comments=False, deduplicate=False, fast=fast, with_metadata=False
        )
        assert (ours.text if ours else None) == (normalize_text(theirs) if theirs else None), page_id


def test_auto_fallback_keeps_the_fast_text_unless_it_looks_incomplete(aeb):
    pages, _ = aeb
    for page_id in sorted(pages)[:15]:
        html = decode_page(pages[page_id])
        fast = trafilatura.extract(html, include_comments=False, deduplicate=False, fast=True) or ""
        full = trafilatura.extract(html, include_comments=False, deduplicate=False, fast=False) or ""
        ours = extract_main_text(load_html(html), "", ExtractionConfig(page_types=False))
        expected = full if needs_fallback(fast, load_html(html)) and fallback_taken(fast, full) else fast
        assert (ours.text if ours else "") == normalize_text(expected), page_id


def test_needs_fallback_when_the_text_is_short_or_a_small_share_of_the_page():
    # In lines, as the fast path gives a page's paragraphs (one long line is a case of its own, below).
    prose = "\n".join(["Every sentence of the long page carries real words about the harbour."] * 40)
    page = load_html(f"<html><body><div><p>{prose}</p></div><div><p>{prose}</p></div></body></html>")
    assert needs_fallback("A few words.", page)
    assert needs_fallback(prose[: len(prose) // 4], page)  # an eighth of what the page shows
    assert not needs_fallback(prose, page)
    assert not needs_fallback(
        prose[:FALLBACK_BELOW_CHARS], load_html(f"<html><body><p>{prose[:900]}</p></body></html>")
    )


def test_needs_fallback_decides_the_same_from_the_length_measured_before_the_page_rules():
    # extract_document measures the body once, before the page rules take a sidebar out: a longer
    # page than trafilatura then sees, so the gate measures that page itself where the bound is not enough.
    prose = "\n".join(["Every sentence of the long page carries real words about the harbour."] * 40)
    sidebar = "<div class='sidebar'>" + "<p>Our partners and their offers this week.</p>" * 80 + "</div>"
    before = visible_length(load_html(f"<html><body><p>{prose}</p>{sidebar}</body></html>").find("body"))
    after = load_html(f"<html><body><p>{prose}</p></body></html>")
    assert before > 2 * visible_length(after.find("body"))
    for text in ("A few words.", prose[: len(prose) // 6], prose[: len(prose) // 3], prose):
        assert needs_fallback(text, after, before) == needs_fallback(text, after)
    assert needs_fallback(prose[: len(prose) // 6], after, before)


def test_needs_fallback_when_the_fast_text_kept_paragraphs_but_lost_their_subheadings():
    titles = [f"Step {i}: water the seedlings" for i in range(3)]
    sentences = [f"Step {i} says how often young plants want water in week one." for i in range(3)]
    paragraphs = [" ".join([sentence] * 3) for sentence in sentences]
    body = "".join(f"<h2>{title}</h2><p>{para}</p>" for title, para in zip(titles, paragraphs, strict=True))
    aside = "<aside><h2>Popular now</h2></aside>"
    page = load_html(f"<html><body><article>{body}</article>{aside}</body></html>")
    with_headings = "\n".join(f"{title}\n{para}" for title, para in zip(titles, paragraphs, strict=True))
    assert not needs_fallback(with_headings, page)
    assert needs_fallback("\n".join(paragraphs), page)  # three kept paragraphs, none of their headings
    assert not needs_fallback(with_headings.replace(titles[0] + "\n", ""), page)  # one lost is not enough
    # Headings over paragraphs the fast text did not keep (a teaser box) do not count.
    teaser = " ".join(["A teaser for another story on the site, with words enough to look like prose."] * 2)
    teasers = "".join(f"<h3>Also read {i}</h3><p>{teaser}</p>" for i in range(3))
    page = load_html(f"<html><body><article>{body}</article><div>{teasers}</div></body></html>")
    assert not needs_fallback(with_headings, page)


def test_lost_subheadings_go_back_as_the_line_before_their_paragraph():
    titles = [f"Step {i}: water the seedlings" for i in range(3)]
    sentences = [f"Step {i} says how often young plants want water in week one." for i in range(3)]
    paragraphs = [" ".join([sentence] * 3) for sentence in sentences]
    body = "".join(f"<h2>{title}</h2><p>{para}</p>" for title, para in zip(titles, paragraphs, strict=True))
    teaser = " ".join(["A teaser for another story on the site, with words enough to look like prose."] * 2)
    teasers = "".join(f"<h3>Also read {i}</h3><p>{teaser} {i}</p>" for i in range(3))
    page = load_html(f"<html><body><article>{body}</article><div>{teasers}</div></body></html>")
    with_headings = "\n".join(f"{title}\n{para}" for title, para in zip(titles, paragraphs, strict=True))
    text, restored = with_lost_subheadings("Seedling guide\n" + "\n".join(paragraphs), page)
    assert text == "Seedling guide\n" + with_headings
    assert restored == set(titles)  # not the teasers' headings: their paragraphs are not in the text
    assert with_lost_subheadings(with_headings, page) == (with_headings, set())
    # One sentence under a heading vouches for it here ...
    short = "Step 3 is to keep the tray somewhere warm and bright."
    page = load_html(
        f"<html><body><article>{body}<h2>Step 3: keep them warm</h2><p>{short}</p></article></body></html>"
    )
    text, restored = with_lost_subheadings(f"{with_headings}\n{short}", page)
    assert text.endswith("Step 3: keep them warm\n" + short) and restored == {"Step 3: keep them warm"}
    # ... though not for running the fallback: one long section's heading lost is not enough.
    lost_one = with_headings.replace(titles[0] + "\n", "")
    assert not needs_fallback(f"{lost_one}\n{short}", page)


def test_a_list_lost_between_two_kept_paragraphs_goes_back_after_the_first():
    first = "Before you plant anything, check these three things in the garden this spring."
    second = "With those checked, the seedlings can go in the ground at the end of April."
    steps = ["The soil is moist", "The last frost has passed", "The bed gets six hours of sun"]
    listed = "".join(f"<li>{step}</li>" for step in steps)
    page = load_html(
        f"<html><body><article><p>{first}</p><ul>{listed}</ul><p>{second}</p></article></body></html>"
    )
    text, restored = with_lost_lists(f"Garden guide\n{first}\n{second}", page)
    assert text == "\n".join(["Garden guide", first, *(f"- {step}" for step in steps), second])
    assert restored == 1
    # After a heading the text kept, as after a paragraph.
    headed = load_html(
        f"<html><body><article><h2>Checks</h2><ul>{listed}</ul><p>{second}</p></article></body></html>"
    )
    assert with_lost_lists(f"Checks\n{second}", headed)[0] == "\n".join(
        ["Checks", *(f"- {step}" for step in steps), second]
    )
    # Kept already, spaced or punctuated otherwise: not put back twice.
    kept = f"{first}\nThe soil is moist. The last frost has passed.\n{second}"
    assert with_lost_lists(kept, page) == (kept, 0)
    # Not between two kept paragraphs: not the text's list.
    assert with_lost_lists(f"Garden guide\n{first}", page) == (f"Garden guide\n{first}", 0)
    # A menu (mostly link text) and a gallery (its items are captions) stay out.
    menu = "".join(f"<li><a href='/{i}'>{step}</a></li>" for i, step in enumerate(steps))
    gallery = "".join(
        f"<li><figure><img src='{i}.jpg'/><figcaption>{step}</figcaption></figure></li>"
        for i, step in enumerate(steps)
    )
    for other in (menu, gallery):
        page = load_html(
            f"<html><body><article><p>{first}</p><ul>{other}</ul><p>{second}</p></article></body></html>"
        )
        assert with_lost_lists(f"{first}\n{second}", page) == (f"{first}\n{second}", 0)


def test_a_lost_subheading_counts_with_a_tagline_between_it_and_its_prose():
    sentences = [
        f"Tool {i} keeps the books of a freelancer tidy with invoices and reminders." for i in range(3)
    ]
    paragraphs = [" ".join([sentence] * 4) for sentence in sentences]
    sections = "".join(
        f"<h2>{i}. Tool {i}</h2><p><em>The reliable one</em></p><p>{para}</p>"
        for i, para in enumerate(paragraphs)
    )
    page = load_html(f"<html><body><article>{sections}</article></body></html>")
    with_headings = "\n".join(f"{i}. Tool {i}\nThe reliable one\n{para}" for i, para in enumerate(paragraphs))
    assert not needs_fallback(with_headings, page)
    assert needs_fallback("\n".join(paragraphs), page)
    # A heading followed by another heading before any prose opens no section of its own.
    stacked = "".join(
        f"<h2>{i}. Tool {i}</h2><h3>Intro</h3><p>{para}</p>" for i, para in enumerate(paragraphs)
    )
    with_subheads = "\n".join(f"Intro\n{para}" for para in paragraphs)
    assert not needs_fallback(
        with_subheads, load_html(f"<html><body><article>{stacked}</article></body></html>")
    )


def test_a_fast_text_of_one_long_block_asks_for_the_fallback_and_keeps_it_only_if_it_holds_most():
    sentences = [
        f"The council voted on item {i} to extend the harbour wall by forty metres." for i in range(40)
    ]
    block, lines = " ".join(sentences), "\n".join(sentences)
    page = load_html(
        f"<html><body><article>{''.join(f'<p>{s}</p>' for s in sentences)}</article></body></html>"
    )
    assert needs_fallback(block, page)  # the whole page's text, but as one line
    assert not needs_fallback(lines, page)
    assert fallback_taken(block, lines)  # the same content, now in lines
    assert not fallback_taken(block, lines[: len(lines) // 5])  # a fifth of it: the fallback went elsewhere
    assert fallback_taken("A short fast text.", "Anything the fallback found instead.")


def test_an_all_bold_paragraph_is_a_heading_and_a_bold_lead_sentence_is_not():
    paragraphs = "".join(
        f"<p>Week {i} of the harbour works moved the wall {i * 5} metres out to sea, the crews said.</p>"
        f"<p><strong>What week {i} changed</strong></p>"
        for i in range(1, 7)
    )
    lead = "<p><b>The harbour wall is finished at last.</b></p>"
    page = load_html(f"<html><body><article>{lead}{paragraphs}</article></body></html>")
    found = extract_main_text(page, "", ExtractionConfig())
    assert {f"What week {i} changed" for i in range(1, 7)} <= set(found.headings)
    assert "The harbour wall is finished at last." not in found.headings


def test_a_product_page_keeps_its_related_products_for_trafilatura_and_an_article_does_not():
    description = " ".join(
        f"The boot's sole number {i} grips wet rock and keeps its shape." for i in range(12)
    )
    related = '<div class="related-products"><h2>Related products</h2><p>Trail shoe, $89</p></div>'
    product = '<script type="application/ld+json">{"@type": "Product", "name": "Boot"}</script>'
    removed_rules = {}
    for kind, head in (("product", product), ("article", "")):
        html = f"<html><head>{head}</head><body><main><p>{description}</p>{related}</main></body></html>"
        result, removals = extract_document(Document(id=kind, source="s", html=html), Config())
        assert result.page_type == (kind if kind == "product" else "other")
        removed_rules[kind] = {removal.rule for removal in removals}
    assert "related-links" not in removed_rules["product"]
    assert "related-links" in removed_rules["article"]


# A newsletter popup whose <aside> the page never closes: the parser puts the story inside it.
UNCLOSED_POPUP = f"""<html><head><title>Harbour news</title></head><body>
<aside class="popup-overlay"><div class="popup-inner"><p>Join our list for weekly news.</p></div>
<header><a href="/">Home</a></header><article><h1>Harbour news</h1><p>{ARTICLE}</p></article>
</body></html>"""


def test_an_aside_that_swallowed_the_page_is_unwrapped_and_its_story_extracted():
    # Plain trafilatura discards the aside, and the story with it.
    assert trafilatura.extract(UNCLOSED_POPUP) is None
    tree = parse_html(UNCLOSED_POPUP)
    assert tree.find(".//article").getparent().tag == "aside"
    result, _ = extract_document(Document(id="p", source="s", html=UNCLOSED_POPUP), Config())
    assert "Paragraph 11 tells the reader about the harbour" in result.text
    # With the repairs off, the page goes the way plain trafilatura takes it.
    unrepaired = Config(extraction=ExtractionConfig(repairs=False))
    result, _ = extract_document(Document(id="p", source="s", html=UNCLOSED_POPUP), unrepaired)
    assert isinstance(result, Rejected) and result.reason == "no-main-text"


@pytest.mark.parametrize("tag", ["aside", "footer", "nav"])
def test_only_a_box_holding_nearly_all_the_page_text_loses_its_tag(tag):
    # A sidebar whose script is longer than the story: scripts are not the page's text.
    script = f"<script>var x = '{'y' * 3000}';</script>"
    sidebar = f'<{tag} class="sidebar">{script}<p>Most read: the ferry timetable changes.</p></{tag}>'
    tree = parse_html(f"<html><body><article><p>{ARTICLE}</p></article>{sidebar}</body></html>")
    assert unwrap_page_wrappers(tree) == 0
    assert tree.find(f".//{tag}") is not None
    # The same box round the whole story (a script inside does not count as its text).
    wrapped = f"<{tag}>{script}<h1>Harbour news</h1><p>{ARTICLE}</p></{tag}>"
    tree = parse_html(f"<html><body>{wrapped}<p>Footer line.</p></body></html>")
    assert unwrap_page_wrappers(tree) == 1
    assert tree.find(f".//{tag}") is None
    assert "Paragraph 11 tells" in tree.find("body").text_content()
    # A box with most of the text but not the page's heading, main or article: a big footer or
    # menu under a page of a few lines, which stays what it is.
    tree = parse_html(f"<html><body><h1>Sign in</h1><{tag}><p>{ARTICLE}</p></{tag}></body></html>")
    assert unwrap_page_wrappers(tree) == 0


FAQ_ANSWER = "Each ferry carries up to forty bicycles, and a bicycle ticket costs two euros on board."
# An FAQ answer hidden until its button opens it, and a hidden menu its toggle opens.
FAQ_PAGE = PAGE.replace(
    "</p></article>",
    '</p><h2><button aria-controls="faq-1" aria-expanded="false">Can I bring a bicycle?</button></h2>'
    f'<div id="faq-1" role="region" style="display: none;"><p>{FAQ_ANSWER}</p></div></article>',
).replace(
    "<body>",
    '<body><button aria-controls="menu" aria-expanded="false">Menu</button><div id="menu" hidden><ul>'
    + "".join(f'<li><a href="/{i}">Route {i}</a></li>' for i in range(8))
    + "</ul></div>",
)


def test_a_panel_its_own_control_opens_is_shown_and_a_hidden_menu_is_not():
    # trafilatura drops every hidden element, the answer with it.
    assert FAQ_ANSWER not in trafilatura.extract(FAQ_PAGE, include_tables=True)
    tree = parse_html(FAQ_PAGE)
    assert show_disclosed_panels(tree) == 1
    assert tree.get_element_by_id("menu").get("hidden") is not None  # mostly links: a menu, left hidden
    assert "display" not in tree.get_element_by_id("faq-1").get("style")
    result, _ = extract_document(Document(id="p", source="s", html=FAQ_PAGE), Config())
    assert FAQ_ANSWER in result.text
    assert "Route 3" not in result.text
    # A class that hides the panel goes too; the panel's other classes stay.
    by_class = FAQ_PAGE.replace('role="region" style="display: none;"', 'class="panel is-hidden"')
    tree = parse_html(by_class)
    assert show_disclosed_panels(tree) == 1
    assert tree.get_element_by_id("faq-1").get("class") == "panel"
    assert FAQ_ANSWER in extract_document(Document(id="p", source="s", html=by_class), Config())[0].text


@pytest.mark.parametrize(
    "box",
    [
        "<header>{}</header>",  # a search drawer or mega menu in the page's header
        '<div class="cookie-consent-dialog">{}</div>',  # a consent dialog's tab about cookie categories
        '<div role="dialog" aria-modal="true">{}</div>',  # a modal: a cart, a country picker, terms
    ],
)
def test_a_panel_in_a_header_consent_box_or_modal_stays_hidden_prose_or_not(box):
    panel = '<button aria-controls="box-panel">More</button><div id="box-panel" hidden><p>{}</p></div>'
    prose = "These settings keep the site working, and you can change them on this page at any time."
    tree = parse_html(FAQ_PAGE.replace("<body>", "<body>" + box.format(panel.format(prose))))
    assert show_disclosed_panels(tree) == 1  # the FAQ answer only
    assert tree.get_element_by_id("box-panel").get("hidden") is not None


def test_needs_fallback_when_the_fast_text_is_a_menu():
    menu_page = "".join(f"<li><a href='/{i}'>Council office {i}</a></li>" for i in range(400))
    page = load_html(f"<html><body><ul>{menu_page}</ul><p>A short story.</p></body></html>")
    menu = "\n".join(f"Council office {i}" for i in range(400))
    assert needs_fallback(menu, page)
    mixed = "\n".join(f"Council office {i}\nThe office at number {i} opens at nine." for i in range(40))
    assert not needs_fallback(mixed, load_html(f"<html><body><p>{mixed}</p></body></html>"))


def _same_tree(ours, theirs) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return etree.tostring(ours, encoding="unicode") == etree.tostring(theirs, encoding="unicode")


BROKEN_PAGES = [
    "",
    "   ",
    "just some text, no markup",
    "<p>one fragment</p>",
    "<div><p>two</p><p>blocks</p></div>",
    f"<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'http://www.w3.org/TR/xhtml1/DTD/x.dtd'/>\n{PAGE}",
    "<?xml version='1.0' encoding='utf-8'?>\n" + PAGE,
    "<html/>\n<head><title>t</title></head><body><p>" + ARTICLE + "</p></body>",
    PAGE.replace("harbour", "har\x00bo\x0bur\ufffe"),
    PAGE.replace("ferries", "f\ud800erries"),  # a lone surrogate, as a lenient decoder can leave
    "<html><body>" + "<div>" * 300 + "deep" + "</div>" * 300 + "</body></html>",
]


@pytest.mark.parametrize("html", BROKEN_PAGES, ids=range(len(BROKEN_PAGES)))
def test_parse_html_builds_the_tree_trafilatura_builds_on_odd_input(html):
    assert _same_tree(parse_html(html), load_html(html))


def test_parse_html_builds_the_tree_trafilatura_builds_on_real_pages(aeb):
    pages, _ = aeb
    for page_id in sorted(pages):
        html = decode_page(pages[page_id])
        assert _same_tree(parse_html(html), load_html(html)), page_id


def test_page_without_article_is_rejected():
    doc = Document(id="x", source="s", html="<html><body><script>var a=1;</script></body></html>")
    result, removals = extract_document(doc, Config())
    assert result == Rejected("x", "s", "", "no-main-text") and removals == []


def test_text_records_skip_extraction_but_are_normalised():
    doc = Document(id="t", source="s", text="Line\x00 one \r\n\r\n\r\n\r\nLine two")
    assert extract_document(doc, Config())[0].text == "Line one\n\nLine two"


def test_language_is_deterministic_and_sampled():
    settings = LanguageConfig()
    german = "Der Hafen der Stadt wird im nächsten Jahr erweitert, sagte der Bürgermeister am Montag. " * 5
    results = {detect_language(german, settings) for _ in range(5)}
    assert len(results) == 1
    assert results.pop()[0] == "de"
    assert detect_language("", settings) == ("", 0.0)
    assert detect_language("12345 67890", settings) == ("", 0.0)


def test_language_filter():
    doc = Document(
        id="d", source="s", text="Le port de la ville sera agrandi l'année prochaine, a dit le maire. " * 4
    )
    kept = tag_language(doc, LanguageConfig(languages=("fr",)))
    assert kept.language == "fr" and kept.language_score > 0.9
    assert tag_language(doc, LanguageConfig(languages=("en",))) == Rejected("d", "s", "", "language")
    assert tag_language(doc, LanguageConfig(min_language_score=1.01)).reason == "language"


def test_normalize_text_removes_controls_and_surrogates():
    assert normalize_text("a\ud800b\x07c\u00a0 d\n\n\n\ne") == "abc d\n\ne"


def test_decode_page_honours_declaration_and_guesses_without_one():
    cp1252 = '<meta charset="windows-1252"><p>Café “quoted” – naïve</p>'.encode("cp1252")
    assert "Café “quoted” – naïve" in decode_page(cp1252)
    latin1 = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Grüße</p>'.encode(
        "latin-1"
    )
    assert "Grüße" in decode_page(latin1)
    sjis = (
        "<html><head><meta charset=Shift_JIS></head><body><p>" + "日本語の記事です。" * 20 + "</p>"
    ).encode("shift_jis")
    assert "日本語の記事です。" in decode_page(sjis)
    undeclared = ("<html><body><p>" + "東京の天気は晴れです。" * 30 + "</p>").encode("shift_jis")
    assert "東京の天気は晴れです。" in decode_page(undeclared)
    assert decode_page("<p>naïve</p>".encode()) == "<p>naïve</p>"
    assert decode_page(b'<meta charset="utf-8"><p>\xe9t\xe9</p>')  # lies about its charset: no crash
