"""Properties of the cleaning functions on generated documents and pages (hypothesis).

Text rules must never raise, only ever drop whole lines (what stays is a subsequence of what came
in, and kept plus removed is exactly the input), be idempotent, and keep the text valid UTF-8.
`normalize_text` must give UTF-8-safe text without control characters, idempotently. Page rules
must never raise, never drop an element holding more than 30% of the page's text, never drop the
article containers or inline elements, and keep the text that follows a dropped element.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from trafilatura.utils import load_html

from boilerstrip.pipeline.config import RulesConfig
from boilerstrip.transforms.normalize import normalize_text
from boilerstrip.transforms.page_rules import drop_boilerplate_elements, page_rules_for
from boilerstrip.transforms.record import Document
from boilerstrip.transforms.text_rules import apply_text_rules, clean_lines, text_rules_for

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULES_CONFIG = RulesConfig()
RULES = text_rules_for(RULES_CONFIG)
PAGE_RULES = page_rules_for(RULES_CONFIG.disabled)
LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pl", "pt")

# Real boilerplate, one or more per language pack, so the phrase rules actually fire.
BOILERPLATE = (
    "We use your sign-up to provide content in ways you've consented to and to improve our "
    "understanding of you. You can unsubscribe at any time. More info",
    "Sign up for our free Morning Briefing newsletter",
    "Source: Read Full Article",
    "READ MORE: Council approves new harbour wall",
    "Related: The 15 Weirdest Galaxies in Our Universe",
    "ADVERTISEMENT",
    "Share this article",
    "Follow us on Twitter",
    "Photo: Jane Doe/Agency",
    "Copyright 2019 Harbour News. All rights reserved.",
    "(Reporting by Jane Doe; Editing by John Roe)",
    "CLICK HERE TO GET THE NEWS APP",
    "Updated 12:04, 3 March 2021",
    '[button link="https://example.com"]Send us your review[/button]',
    "Anzeige",
    "Lesen Sie auch: Neue Buslinie",
    "Sie können sich jederzeit wieder abmelden.",
    "Lire aussi : le marché des producteurs",
    "Publicité",
    "Suivez-nous sur Facebook",
    "Lee también: la sequía en los embalses",
    "Publicidad",
    "Leggi anche: i treni regionali",
    "Condividi su Facebook",
    "Lees ook: de dijkversterking",
    "Advertentie",
    "Leia também: turismo em Lisboa",
    "Publicidade",
    "12 comentários",
)
# Article-like prose that must normally survive, including near misses of the phrase rules.
SENTENCES = (
    "The council voted on Tuesday to extend the harbour wall by forty metres, officials said.",
    "Work will begin in the spring and should take about eighteen months to finish, they added.",
    "The council said in its newsletter that work on the seafront would start in the autumn.",
    "We will not let them take the last ferry away from this island, she said.",
    "Der Gemeinderat hat am Dienstag beschlossen, die Buslinie zum Hafen im Winter einzustellen.",
    "Le conseil municipal a voté mardi la création de nouvelles pistes cyclables dans le centre.",
    "La sequía ha dejado los embalses de la región por debajo del treinta por ciento este verano.",
    "La vendemmia è iniziata con due settimane di anticipo a causa del caldo di agosto scorso.",
    "De dijkversterking langs de rivier moet volgens het waterschap in drie jaar klaar zijn.",
    "O turismo em Lisboa bateu recordes no verão, segundo os números publicados pela câmara.",
    "What inspired you to start cooking for others?",
)
CAPTIONS = (
    "Islanders Queue For The Last Evening Ferry",
    "Ferry timetable cut to four sailings a day",
    "What happens next",
    "Neue Buslinie Zum Hafen Eingestellt",
    "Les Pistes Cyclables Du Centre-Ville",
)
WORDS = ("harbour", "ferry", "council", "Hafen", "marché", "embalse", "treno", "dijk", "Lisboa", "the", "a")

generated_line = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(" ".join),
    st.tuples(st.sampled_from(SENTENCES), st.text(max_size=10)).map("".join),
)
any_line = st.one_of(
    st.sampled_from(BOILERPLATE),
    st.sampled_from(SENTENCES),
    st.sampled_from(CAPTIONS),
    generated_line,
)


@st.composite
def documents(draw) -> Document:
    """A document as the pipeline hands it to the text rules: normalized text, title, languages."""
    lines = draw(st.lists(any_line, max_size=14))
    # Repeats matter to the repeated-line rule: copy a few lines to other places.
    for _ in range(draw(st.integers(0, 3)) if lines else 0):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(lines)))
    text = normalize_text(draw(st.sampled_from(("\n", "\n\n"))).join(lines))
    present = [line for line in text.split("\n") if line.strip()]
    title_source = st.one_of(st.just(""), st.sampled_from(CAPTIONS), generated_line)
    if present:
        title_source = st.one_of(title_source, st.sampled_from(present))
    title = " ".join(normalize_text(draw(title_source)).split())
    headings = draw(st.frozensets(st.sampled_from(present), max_size=3)) if present else frozenset()
    language = draw(st.sampled_from(LANGUAGES))
    candidates = tuple(draw(st.lists(st.sampled_from(LANGUAGES), max_size=3, unique=True)))
    return Document(
        id="doc",
        source="generated",
        text=text,
        title=title,
        language=language,
        language_candidates=(language, *candidates),
        headings=tuple(sorted(headings)),
        from_html=draw(st.booleans()),
    )


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(any(line == candidate for candidate in remaining) for line in part)


@SETTINGS
@given(documents())
def test_text_rules_only_drop_whole_lines_in_order(doc):
    cleaned, removals = apply_text_rules(doc, RULES_CONFIG)
    before, after = _lines(doc.text), _lines(cleaned.text)
    assert _is_subsequence(after, before)
    assert Counter(after) + Counter(r.text for r in removals) == Counter(before)
    assert all(r.id == doc.id for r in removals)
    cleaned.text.encode("utf-8")


@SETTINGS
@given(documents())
def test_text_rules_are_idempotent(doc):
    cleaned, _ = apply_text_rules(doc, RULES_CONFIG)
    again, removals = apply_text_rules(cleaned, RULES_CONFIG)
    assert removals == []
    assert again.text == cleaned.text


@SETTINGS
@given(documents())
def test_clean_lines_partitions_its_input(doc):
    lines = _lines(doc.text)
    languages = (doc.language, *doc.language_candidates)
    kept, removed = clean_lines(lines, languages, doc.title, frozenset(doc.headings), RULES, doc.from_html)
    removed_lines = [line for _, line in removed]
    assert _is_subsequence(kept, lines)
    assert _is_subsequence(removed_lines, lines)
    assert Counter(kept) + Counter(removed_lines) == Counter(lines)


raw_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec=None, categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Mn", "Ll"))),
    st.lists(
        st.sampled_from(("\r\n", "\r", "\n", "\t", " ", "\u00a0", "\u200b", "\ud800", "e", "\u0301"))
    ).map("".join),
)


@SETTINGS
@given(raw_text)
def test_normalize_text_gives_clean_utf8_idempotently(text):
    normal = normalize_text(text)
    normal.encode("utf-8")
    assert all(c == "\n" for c in normal if unicodedata.category(c) == "Cc"), repr(normal)
    assert normalize_text(normal) == normal
    assert "\n\n\n" not in normal and normal == normal.strip()


# Page generation: block and inline elements named with rule words and with neutral names, and
# text of every size (link lists long enough to be a large share of a short page).
RULE_NAMES = (
    "newsletter",
    "Newsletter-container",
    "share-buttons",
    "ad-slot-top",
    "related-posts",
    "cookie-banner",
    "video-player",
    "author-bio",
    "entry-content-read-more",
    "promo",
    "sponsored",
)
NEUTRAL_NAMES = ("story-body", "article-body", "content", "post", "col", "text", "main-column")
_XML_SPACE = re.compile(r"[ \t\r\n]+")
LABELS = ("Related stories", "Advertisement", "Share", "Main content", "cookie consent")
TAGS = ("div", "section", "aside", "ul", "li", "p", "span", "a", "h2", "nav", "footer", "figure", "em")
PROTECTED = ("article", "main")
page_text = st.one_of(
    st.just(""),
    st.sampled_from(SENTENCES + CAPTIONS + BOILERPLATE),
    st.tuples(st.sampled_from(SENTENCES), st.integers(2, 12)).map(lambda pair: " ".join([pair[0]] * pair[1])),
)


def _attributes(draw) -> str:
    attributes = []
    for name in ("class", "id"):
        if draw(st.booleans()):
            value = " ".join(
                draw(st.lists(st.sampled_from(RULE_NAMES + NEUTRAL_NAMES), min_size=1, max_size=2))
            )
            attributes.append(f'{name}="{value}"')
    if draw(st.integers(0, 5)) == 0:
        attributes.append(f'aria-label="{draw(st.sampled_from(LABELS))}"')
    if draw(st.integers(0, 7)) == 0:
        attributes.append('role="complementary"')
    return "".join(f" {a}" for a in attributes)


@st.composite
def elements(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS + PROTECTED if depth else TAGS + PROTECTED + PROTECTED))
    children = []
    if depth < 3:
        children = draw(st.lists(elements(depth + 1), max_size=4 if depth < 2 else 2))
    inner = draw(page_text) + "".join(children)
    return f"<{tag}{_attributes(draw)}>{inner}</{tag}>{draw(page_text)}"


pages = st.lists(elements(), min_size=1, max_size=5).map(
    lambda parts: f"<html><head><title>t</title></head><body>{''.join(parts)}</body></html>"
)


def _text_length(element) -> int:
    """An element's text as a reader sees it: runs of whitespace collapsed, ends stripped."""
    return len(_XML_SPACE.sub(" ", "".join(element.itertext())).strip())


def _visible_chars(element) -> int:
    return sum(not c.isspace() for c in "".join(element.itertext()))


@SETTINGS
@given(pages)
def test_page_rules_never_drop_the_article(html):
    tree = load_html(html)
    if tree is None:
        return
    body = tree.find("body")
    page = body if body is not None else tree
    everything = [e for e in tree.iter() if isinstance(e.tag, str)]
    total = _text_length(page)
    sizes = {id(e): (_text_length(e), _visible_chars(e)) for e in everything}
    visible_before = _visible_chars(page)

    removed = drop_boilerplate_elements(tree, PAGE_RULES)

    dropped = [e for e in everything if e is not tree and e.getparent() is None]
    for element in dropped:
        share = sizes[id(element)][0] / total if total else 0.0
        assert share <= 0.3, f"dropped <{element.tag} {dict(element.attrib)}> holding {share:.0%} of the text"
        assert element.tag not in ("html", "body", "article", "main")
        assert not any(True for _ in element.iterdescendants("article", "main"))
        assert element.tag not in ("span", "a", "em"), "only block elements are dropped"
    assert len(removed) == sum(1 for e in dropped if sizes[id(e)][1])
    # Text after a dropped element (its tail) stays on the page; only the element's own text goes.
    assert _visible_chars(page) == visible_before - sum(sizes[id(e)][1] for e in dropped)
