"""Text rules: what each removes, and the article lines near them that must survive."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from boilerstrip.pipeline.config import ConfigError, RulesConfig
from boilerstrip.transforms.record import Document
from boilerstrip.transforms.text_rules import (
    apply_text_rules,
    clean_lines,
    ends_like_sentence,
    load_pack,
    text_rules_for,
)

RULES = text_rules_for(RulesConfig())
PARAGRAPH = "The council voted on Tuesday to extend the harbour wall by forty metres, officials said."
OTHER = "Work will begin in the spring and should take about eighteen months to finish, they added."


def removed_by(line: str, language: str = "en") -> str | None:
    """The rule that removes `line` when it stands alone between two article paragraphs."""
    _, removed = clean_lines([PARAGRAPH, line, OTHER], [language], "", frozenset(), RULES)
    return removed[0][0] if removed else None


@pytest.mark.parametrize(
    "line, rule",
    [
        (
            "We use your sign-up to provide content in ways you've consented to and to improve our "
            "understanding of you. You can unsubscribe at any time. More info",
            "consent-line",
        ),
        ("Sign up for our free Morning Briefing newsletter", "newsletter-prompt"),
        ("Get the best stories delivered straight to your inbox", "newsletter-prompt"),
        ("Source: Read Full Article", "read-full-article"),
        ("READ MORE: Council approves new harbour wall", "read-more-teaser"),
        ("Related: The 15 Weirdest Galaxies in Our Universe", "read-more-teaser"),
        ("Plague outbreak in China sparks panic [WARNING]", "read-more-teaser"),
        ("ADVERTISEMENT", "advertisement-label"),
        ("Share this article", "share-prompt"),
        ("Follow us on Twitter", "share-prompt"),
        ("Photo: Jane Doe/Agency", "image-credit"),
        ("Copyright 2019 Harbour News. All rights reserved.", "copyright-line"),
        ("(Reporting by Jane Doe; Editing by John Roe)", "reporting-credit"),
        ("If you buy something through this post, we may get a share of the sale.", "affiliate-disclosure"),
        ("CLICK HERE TO GET THE NEWS APP", "click-here-prompt"),
        ("Have a tip? Jane Doe may be reached at jdoe@example.com.", "contact-line"),
        ("This copy is for your personal, non-commercial use only.", "legal-notice"),
        ("Updated 12:04, 3 March 2021", "dateline"),
        ('[button link="https://example.com"]Send us your review[/button]', "markup-residue"),
        ("Anzeige", "advertisement-label"),
        ("Quelle: Ganzen Artikel lesen", "read-full-article"),
    ],
)
def test_boilerplate_line_is_removed_by_its_rule(line, rule):
    language = "de" if rule in ("read-full-article",) and line.startswith("Quelle") else "en"
    if line == "Anzeige":
        language = "de"
    assert removed_by(line, language) == rule


@pytest.mark.parametrize(
    "line",
    [
        "The council said in its newsletter that the harbour wall would be finished next year.",
        "Residents can sign up for guided tours of the building site at the town hall, officials said.",
        "She said she would read more about the proposals before deciding how to vote.",
        "The advertisement campaign cost the council more than two million pounds last year.",
        "Follow the river path north and you reach the old harbour after ten minutes.",
        "He said the photo was taken minutes before the wall collapsed.",
        "Fake council emails that land in your inbox ask for bank details, police warned.",
        "Share the road with cyclists, the council urged drivers.",
        "We are not going anywhere, this is our island and we will fight for the boat",
        "What happens next",
        "What happens next?",
        "The table of contents of the report lists forty chapters on the harbour's history.",
        "Contact us at the harbour office if the ferry is late, the council said.",
    ],
)
def test_article_lines_that_look_close_survive(line):
    assert removed_by(line) is None


@pytest.mark.parametrize(
    "line, language, rule",
    [
        ("Lea más: Tribunal condena a cuatro años de prisión al excontralor", "es", "read-more-teaser"),
        ("VEA TAMBIÉN: Estrella de la educación no brilla en Panamá Oeste", "es", "read-more-teaser"),
        ("¡Mira lo que tiene nuestro canal de YouTube!", "es", "share-prompt"),
        ("Temas", "es", "legal-notice"),
        ("Czytaj też: Wyścig zbrojeń ruszył z kopyta", "pl", "read-more-teaser"),
        ("Dowiedz się więcej: Kto jak głosował ws. unijnych funduszy?", "pl", "read-more-teaser"),
        ("Auch lesen: Diese drei Sternzeichen verschenken ihr Herz", "de", "read-more-teaser"),
        ("Das Thema könnte dich auch interessieren:", "de", "read-more-teaser"),
        ("Empfohlene Beiträge", "de", "read-more-teaser"),
        ("Kategorien", "de", "legal-notice"),
        ("Zum Newsletter anmelden", "de", "newsletter-prompt"),
        ("Anzeige, enthält Affiliate Links", "de", "affiliate-disclosure"),
        ("Pour lire la suite", "fr", "subscription-pitch"),
        ("Crédits photos : Bestimage", "fr", "image-credit"),
        ("Titelbild: Fachy Marín on Unsplash", "de", "image-credit"),
        ("Copyright: Gisele Wender", "de", "copyright-line"),
        ("Subscribe now to our eNATION edition for the full story.", "en", "subscription-pitch"),
        (
            "If you're seeing this message but you're already a subscriber, you can log in for access.",
            "en",
            "subscription-pitch",
        ),
        ("For the latest stories download the Harbour News apps for iOS and Android.", "en", "app-prompt"),
        ("Submit your letter to the editor via this form.", "en", "contact-line"),
        ("We want to hear what you think about this article.", "en", "share-prompt"),
        ("Skip to main content", "en", "interface-label"),
        ("Sort and Filter", "en", "interface-label"),
        ("Join Date: Aug 2008", "en", "interface-label"),
        ("You are not logged in.", "en", "interface-label"),
        ("- 6 min read", "en", "interface-label"),
        ("Table of Contents", "en", "interface-label"),
        ("Related posts:", "en", "interface-label"),
        ("People who viewed this item also viewed", "en", "interface-label"),
        ("Get in touch", "en", "interface-label"),
        ("Create an account or sign in to comment", "en", "interface-label"),
        ("Back to blog", "en", "interface-label"),
        ("Join Our Newsletter", "en", "newsletter-prompt"),
        ("This website uses affiliate links.", "en", "affiliate-disclosure"),
        ("Passwort vergessen?", "de", "interface-label"),
        ("In den Warenkorb", "de", "interface-label"),
        ("Ajouter au panier", "fr", "interface-label"),
        ("Iniciar sesión", "es", "interface-label"),
        ("Sie sind aktuell nicht eingeloggt.", "de", "forum-notice"),
        (
            'Um den Tipp "Tomaten schneiden" kommentieren zu können, müssen Sie eingeloggt sein.',
            "de",
            "forum-notice",
        ),
        ("Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)", "de", "forum-notice"),
        ("Do you want to hear about our campaigns? Sign up here", "en", "newsletter-prompt"),
    ],
)
def test_labels_and_prompts_in_each_language_go(line, language, rule):
    assert removed_by(line, language) == rule


@pytest.mark.parametrize(
    "line, language",
    [
        ("Lea el informe completo antes de votar, pidió la diputada a sus colegas del congreso.", "es"),
        ("Czytaj więcej książek, radzi nauczycielka swoim uczniom w każdej klasie.", "pl"),
        (
            "Keine Kommentare gab es am Abend vom Ministerium, das die Zahlen erst am Montag vorlegen will.",
            "de",
        ),
        ("Wer im Forum schreiben will, muss sich vorher anmelden, sagte der Betreiber.", "de"),
        ("Die Kategorien der Jury waren in diesem Jahr neu geordnet worden, sagte der Sprecher.", "de"),
        ("Wer sich zum Newsletter anmelden will, findet das Formular auf der Seite der Stadt.", "de"),
        ("Pour lire la carte, il faut d'abord comprendre les symboles utilisés par les marins.", "fr"),
        ("The editor said the letter had been submitted by a reader from the harbour district.", "en"),
        ("Sign in to your bank only from a device you trust, the regulator advised.", "en"),
        ("Learn more about the river by walking its banks.", "en"),
        ("Customer reviews of the new ferry were mixed, the operator admitted on Friday.", "en"),
        ("Sie können sich im Rathaus anmelden, sagte die Bürgermeisterin am Montag.", "de"),
    ],
)
def test_sentences_near_those_labels_survive(line, language):
    assert removed_by(line, language) is None


def test_caption_between_paragraphs_goes_but_subheading_and_short_lines_stay():
    caption = "Elon Musk says there is 'no direct evidence' for alien life"
    closing = "The operator will publish a revised timetable on its website next week, it said."
    lines = [PARAGRAPH, caption, OTHER, "What happens next", closing]
    kept, removed = clean_lines(lines, ["en"], "", frozenset(), RULES)
    assert removed == [("caption-line", caption)]
    # The same line tagged as a heading by extraction is a subheading and stays.
    kept, removed = clean_lines(lines, ["en"], "", frozenset({caption}), RULES)
    assert removed == []


@pytest.mark.parametrize(
    "entry",
    [
        "Lisbon Tech Summit: November 9-12 In Portugal",
        "Cisco Live | May 31 To June 4 In Las Vegas",
        "1. Fixed Dual Platform Converters",
        "Harbour Knitwear – Fair Wool Jumpers Made In Europe",
        "» Check Out Our Guide To Ferry Timetables",
    ],
)
def test_list_entries_between_paragraphs_are_not_captions(entry):
    _, removed = clean_lines([PARAGRAPH, entry, OTHER], ["en"], "", frozenset(), RULES, from_html=True)
    assert removed == []


def test_in_html_text_only_title_case_lines_count_as_captions():
    sentence_case = "This has freed up money for the move to Real Madrid in the summer"
    title_case = "Islanders Queue For The Last Evening Ferry"
    for line, expected in ((sentence_case, []), (title_case, [("caption-line", title_case)])):
        _, removed = clean_lines([PARAGRAPH, line, OTHER], ["en"], "", frozenset(), RULES, from_html=True)
        assert removed == expected


def test_a_run_of_caption_shaped_lines_is_a_table_and_stays_but_a_lone_caption_still_goes():
    # A schedule's rows before the text: each looks like a caption, but three or more in a row
    # are a table or list. Without the run test, each pass took the first row and exposed the next.
    rows = [f"September {day} Noon To One Room 217 Carrie Menke, Ph.D" for day in (10, 17, 24)]
    caption = "Islanders Queue For The Last Evening Ferry"
    doc = Document(id="d", source="s", text="\n".join(["Schedule", *rows, PARAGRAPH, OTHER]), from_html=True)
    cleaned, removals = apply_text_rules(doc, RulesConfig())
    assert cleaned.text == doc.text and removals == []
    # Two rows are not a run: the second caption under the first still goes.
    second = caption.replace("Last", "First")
    doc = dataclasses.replace(doc, text="\n".join([caption, second, PARAGRAPH, OTHER]))
    cleaned, removals = apply_text_rules(doc, RulesConfig())
    assert cleaned.text == "\n".join([PARAGRAPH, OTHER])
    assert [r.rule for r in removals] == ["caption-line", "caption-line"]


def test_headline_repeated_at_top_goes_even_with_site_name():
    title = "Ferry timetable cut to four sailings a day"
    lines = ["Ferry timetable cut to four sailings a day | Daily Harbor", PARAGRAPH, OTHER]
    kept, removed = clean_lines(lines, ["en"], title, frozenset(), RULES)
    assert removed == [("title-line", lines[0])]
    assert kept == [PARAGRAPH, OTHER]


def test_headline_heading_goes_but_a_standfirst_heading_stays():
    title = "Ferry timetable cut to four sailings a day - Daily Harbor"
    headline = "Four sailings a day: the ferry timetable is cut"
    standfirst = "The ferry timetable was cut twice this year, and islanders say four sailings are not enough"
    for first, expected in ((headline, [("title-line", headline)]), (standfirst, [])):
        _, removed = clean_lines([first, PARAGRAPH, OTHER], ["en"], title, frozenset({first}), RULES)
        assert removed == expected


def test_lead_sentence_reusing_title_words_stays():
    title = "James Van Der Beek eliminated from Dancing with the Stars"
    lead = "James Van Der Beek has been eliminated from Dancing with the Stars."
    _, removed = clean_lines([lead, PARAGRAPH], ["en"], title, frozenset(), RULES)
    assert removed == []


def test_repeated_caption_goes_everywhere_and_pull_quote_keeps_first():
    caption = "Islanders Queue For The Last Evening Ferry"
    quote = "We will not let them take the last ferry away from this island, she said."
    lines = [caption, PARAGRAPH, quote, OTHER, caption, PARAGRAPH + " Again.", quote, OTHER + " More."]
    kept, removed = clean_lines(lines, ["en"], "", frozenset(), RULES)
    assert [r for r in removed if r[0] == "repeated-line"] == [
        ("repeated-line", caption),
        ("repeated-line", caption),
        ("repeated-line", quote),
    ]
    assert kept.count(quote) == 1


def test_refrain_repeated_many_times_is_kept():
    question = "What inspired you to start cooking for others?"
    lines = []
    for guest in range(4):
        lines += [question, f"Guest number {guest} answered at length about family recipes and markets."]
    kept, removed = clean_lines(lines, ["en"], "", frozenset(), RULES)
    assert removed == []


@pytest.mark.parametrize(
    "language, prompt, sentence",
    [
        ("nl", "Deel dit artikel", "Deel van de bewoners wil dat de dijk hoger wordt, zei de wethouder."),
        ("de", "Artikel teilen", "Teilen sich die Gemeinden die Kosten, wird der Bau billiger, sagte sie."),
        ("fr", "Partager sur Facebook", "Partager les frais entre communes reste difficile, selon le maire."),
    ],
)
def test_share_prompts_go_but_sentences_starting_with_the_word_stay(language, prompt, sentence):
    assert removed_by(prompt, language) == "share-prompt"
    assert removed_by(sentence, language) is None


def test_packs_of_every_likely_language_apply():
    _, removed = clean_lines(
        [PARAGRAPH, "Lesen Sie auch: Neue Buslinie", OTHER], ["en", "de"], "", frozenset(), RULES
    )
    assert removed == [("read-more-teaser", "Lesen Sie auch: Neue Buslinie")]


def test_apply_text_rules_keeps_paragraph_layout_and_reports_removals():
    doc = Document(id="d", source="s", language="en", text=f"{PARAGRAPH}\n\nADVERTISEMENT\n\n{OTHER}")
    cleaned, removals = apply_text_rules(doc, RulesConfig())
    assert cleaned.text == f"{PARAGRAPH}\n\n{OTHER}"
    assert [(r.id, r.rule, r.text) for r in removals] == [("d", "advertisement-label", "ADVERTISEMENT")]


def test_rules_can_be_switched_off_by_name():
    doc = Document(id="d", source="s", language="en", text=f"{PARAGRAPH}\nADVERTISEMENT\n{OTHER}")
    cleaned, removals = apply_text_rules(doc, RulesConfig(disabled=("advertisement-label",)))
    assert removals == [] and cleaned == doc
    assert apply_text_rules(doc, RulesConfig(text_rules=False)) == (doc, [])


def _house_promo_pack(tmp_path, pattern: str) -> RulesConfig:
    """Settings with a user pack of one rule, `house-promo`, matching `pattern`."""
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "language: any\nrules:\n  - name: house-promo\n    note: our own promo line\n"
        f"    patterns: ['{pattern}']\n"
    )
    return RulesConfig(packs=(str(pack),))


def test_user_pack_adds_a_rule(tmp_path):
    settings = _house_promo_pack(tmp_path, "^visit our shop\\b")
    doc = Document(id="d", source="s", language="fr", text=f"{PARAGRAPH}\nVisit our shop today\n{OTHER}")
    cleaned, removals = apply_text_rules(doc, settings)
    assert [r.rule for r in removals] == ["house-promo"]


def test_pack_patterns_with_groups_match_like_any_other(tmp_path):
    """Rules match without capturing; numbered and named groups must still work as plain groups."""
    settings = _house_promo_pack(tmp_path, "^(?P<verb>visit|see) (our|the) (?:shop|store)\\b")
    text = f"{PARAGRAPH}\nSee the store today\n{OTHER}\nWe visit our shop often, she said of the harbour."
    cleaned, removals = apply_text_rules(Document(id="d", source="s", language="en", text=text), settings)
    assert [(r.rule, r.text) for r in removals] == [("house-promo", "See the store today")]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("It rained.", True),
        ("Did it rain?  ", True),
        ("He said: \u201cIt rained.\u201d", True),
        ("(Reuters)\t", True),
        ("It rained\u2026", True),
        ("雨が降った。", True),
        ("It rained,", False),
        ("Watch: the harbour wall", False),
        ("", False),
        ("   ", False),
    ],
)
def test_ends_like_sentence(line, expected):
    assert ends_like_sentence(line) is expected


@pytest.mark.parametrize(
    "body, message",
    [
        ("rules: []\n", "needs a 'language' key"),
        ("language: en\nrules:\n  - name: x\n    patterns: ['a']\n", "needs a 'note'"),
        ("language: en\nrules:\n  - name: x\n    note: y\n    patterns: ['(a)\\1']\n", "invalid RE2 pattern"),
        ("language: en\nrules:\n  - name: x\n    note: y\n    patterns: []\n", "non-empty list"),
        (
            "language: en\nrules:\n  - name: x\n    note: y\n    patterns: ['a']\n    max_word: 3\n",
            "unknown key",
        ),
        # RE2's \\b is ASCII-only: next to an accented letter it silently never fires.
        ("language: fr\nrules:\n  - name: x\n    note: y\n    patterns: ['en illimité\\b']\n", "non-ASCII"),
        ("language: fr\nrules:\n  - name: x\n    note: y\n    patterns: ['\\bétape']\n", "non-ASCII"),
        (
            "language: fr\nrules:\n  - name: x\n    note: y\n    patterns: ['(suite|illimité)\\b']\n",
            "non-ASCII",
        ),
        ("language: de\nrules:\n  - name: x\n    note: y\n    patterns: ['\\b(?:über|mehr)']\n", "non-ASCII"),
    ],
)
def test_bad_pack_is_refused_with_file_and_rule(tmp_path, body, message):
    pack = tmp_path / "bad.yaml"
    pack.write_text(body)
    with pytest.raises(ConfigError) as err:
        load_pack(pack)
    assert message in str(err.value) and str(pack) in str(err.value)


def test_catastrophic_pattern_runs_in_linear_time():
    """RE2 has no backtracking: the classic (a+)+$ on a long non-matching line returns at once."""
    pack_rules = dataclasses.replace(RulesConfig())
    rules = text_rules_for(pack_rules)
    from boilerstrip.transforms.text_rules import _compile

    regex = _compile("(a+)+$", "test")
    assert regex.search("a" * 50_000 + "!") is None
    assert rules is text_rules_for(RulesConfig()), "compiled once per process and reused"


def _section(label: str, paragraphs: int) -> list[str]:
    """A subheading and distinct paragraphs of about 90 characters each."""
    sentence = "the harbour board met again and heard from residents at length."
    body = [f"{label} paragraph {n}: {sentence}" for n in range(paragraphs)]
    return [f"{label} Section", *body]


def test_page_laid_out_twice_keeps_its_first_copy():
    copy = _section("Main", 25)  # about 2,300 characters
    lines = [PARAGRAPH, *copy, *copy, OTHER]
    kept, removed = clean_lines(lines, ["en"], "", frozenset(), RULES)
    assert kept == [PARAGRAPH, *copy, OTHER]
    assert removed == [("repeated-block", line) for line in copy]


def test_third_copy_goes_too_and_cleaning_again_changes_nothing():
    copy = _section("Main", 25)
    doc = Document("d", "s", text="\n".join([*copy, OTHER, *copy, *copy]), from_html=True)
    cleaned, removals = apply_text_rules(doc, RulesConfig())
    assert cleaned.text.split("\n") == [*copy, OTHER]
    assert len(removals) == 2 * len(copy)
    assert apply_text_rules(cleaned, RulesConfig()) == (cleaned, [])


@pytest.mark.parametrize(
    "lines",
    [
        # A short repeated stretch (a day of a meal plan repeating another's) is content.
        [*_section("Day", 12), OTHER, *_section("Day", 12)],
        # Long, but broken up: no run of lines repeats in the same order.
        [*_section("A", 25), *reversed(_section("A", 25))],
    ],
)
def test_short_or_reordered_repeats_are_not_blocks(lines):
    _, removed = clean_lines(lines, ["en"], "", frozenset(), RULES)
    assert [r for r in removed if r[0] == "repeated-block"] == []


def test_repeated_block_can_be_switched_off():
    copy = _section("Main", 25)
    rules = text_rules_for(RulesConfig(disabled=("repeated-block",)))
    _, removed = clean_lines([*copy, *copy], ["en"], "", frozenset(), rules)
    assert [r for r in removed if r[0] == "repeated-block"] == []


@pytest.mark.parametrize(
    "line, language",
    [
        ("Harbourshop uses cookies to improve site functionality and personalise ads.", "en"),
        ("By continuing to browse this site you agree to our use of cookies.", "en"),
        ("Necessary cookies are needed for the site to work and cannot be switched off.", "en"),
        ("These cookies let us count visits so we can measure how the site performs.", "en"),
        ("This content is hidden because of your cookie preferences.", "en"),
        ("Accept all cookies", "en"),
        ("We value your privacy. We and our partners store information on your device.", "en"),
        ("Wir verwenden Cookies, um unsere Seite für Sie nutzerfreundlicher zu machen.", "de"),
        ("Alle Cookies akzeptieren", "de"),
        ("Nous utilisons des cookies pour mesurer l'audience de ce site.", "fr"),
        ("Este sitio web utiliza cookies para mejorar su experiencia.", "es"),
        ("Questo sito utilizza cookie tecnici e di profilazione.", "it"),
        ("Deze website gebruikt cookies om het gebruik te analyseren.", "nl"),
        ("Ta strona używa plików cookies w celach statystycznych.", "pl"),
        ("Este site utiliza cookies para melhorar a navegação.", "pt"),
    ],
)
def test_cookie_banners_go_in_each_language(line, language):
    assert removed_by(line, language) == "cookie-notice"


@pytest.mark.parametrize(
    "line, language",
    [
        ("Roll the dough into balls and set them on a cookie sheet ten centimetres apart.", "en"),
        ("Flask signs the session cookie, so a user can read its contents but not change them.", "en"),
        ("The analytics tool uses no cookies, so the site needs no consent banner.", "en"),
        ("Session-level state such as cookies is kept across requests.", "en"),
        ("Zum Kaffee gab es Cookies aus der Bäckerei am Markt, erzählte die Wirtin.", "de"),
    ],
)
def test_sentences_about_cookies_survive(line, language):
    assert removed_by(line, language) is None


@pytest.mark.parametrize(
    "line",
    [
        "Click here to read the Harbour News ePaper",
        "GET HARBOUR NEWS ON THE GO BY CLICKING HERE",
        "Twelve issues for £11.99 delivered to your door. Click here for more information.",
    ],
)
def test_click_here_calls_to_action_go(line):
    assert removed_by(line) == "click-here-prompt"


@pytest.mark.parametrize(
    "line",
    [
        "The project I am sharing is a concrete planter I built. You can click here for the full tutorial.",
        "Enter a message in the Click here to reply field at the bottom of the phone.",
    ],
)
def test_lines_that_only_mention_click_here_survive(line):
    assert removed_by(line) is None


def test_a_list_of_links_labelled_click_here_survives():
    sections = [f"Section {n} - Click Here" for n in range(1, 5)]
    kept, removed = clean_lines([PARAGRAPH, *sections, OTHER], ["en"], "", frozenset(), RULES)
    assert kept == [PARAGRAPH, *sections, OTHER] and removed == []


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Sign up for a new account in our community. It's easy!", "forum-notice"),
        ("Already have an account? Sign in here.", "forum-notice"),
        ("You need to be a member in order to leave a comment", "forum-notice"),
        ("Returns & exchanges accepted within 30 days", "shop-notice"),
        ("Ships from: Portugal", "shop-notice"),
        ("Estimated delivery Wed, Apr 22 - Fri, May 15", "shop-notice"),
        ("Found a lower price? Let us know. We can't match every price reported.", "shop-notice"),
        ("Added to your cart! Complete the set?", "shop-notice"),
        ("$130 Add to cart", "shop-notice"),
    ],
)
def test_forum_and_shop_software_notices_go(line, rule):
    assert removed_by(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "I had to sign up for a new account after the forum moved, and my old posts were gone.",
        "The shop accepted my return within a week, and the refund came two days later.",
        "This topic was automatically closed 30 days after the last reply. New replies are not allowed.",
        "Delivery took three weeks because the parcel ships from a warehouse in another country.",
    ],
)
def test_posts_and_descriptions_that_mention_accounts_or_delivery_survive(line):
    assert removed_by(line) is None


def test_an_ascii_boundary_beside_ascii_letters_is_accepted(tmp_path):
    pack = tmp_path / "ok.yaml"
    patterns = [r"\bvous abonner\b", r"abonné(\W|$)", r"\b(lire|voir) la suite\b"]
    pack.write_text(
        yaml.safe_dump({"language": "fr", "rules": [{"name": "x", "note": "y", "patterns": patterns}]})
    )
    assert load_pack(pack).rules[0].patterns == tuple(patterns)


@pytest.mark.parametrize("line", ["Terça-feira, 3 de março de 2022", "Segunda-feira, 3 de maio de 2022"])
def test_portuguese_datelines_with_accented_words_go(line):
    assert removed_by(line, "pt") == "dateline"


TAGS = ", ".join(
    ["harbour", "ferries", "council", "weather", "fishing", "tourism", "boats", "wall", "tides", "port"]
)


def test_a_tag_list_goes():
    assert removed_by(TAGS) == "tag-list"
    assert removed_by(f"Users browsing this forum: {TAGS}") == "tag-list"


@pytest.mark.parametrize(
    "line",
    [
        f"| Harbour topics | {TAGS} |",  # a table row
        f"- Benefits: {TAGS}",  # a list item
        "[(0, 0), (1, 1), (2, 4), (3, 9), (4, 16), (5, 25), (6, 36), (7, 49), (8, 64)]",  # code output
        "# " + ", ".join(f"step({n})" for n in range(12)),  # a code comment
    ],
)
def test_table_rows_list_items_and_code_with_commas_survive(line):
    assert removed_by(line) is None


@pytest.mark.parametrize("line", ["image: postgres:18", "image: nginx:1.14.2"])
def test_a_container_image_line_in_a_manifest_is_not_a_credit(line):
    assert removed_by(line) is None


@pytest.mark.parametrize(
    "line, language",
    # de and es count the line's words against max_words 2, so their code line is one word long.
    [("tags = {", "en"), ("categories = ['news', 'sport']", "en"), ("tags={", "de"), ("tags={", "es")],
)
def test_code_assigning_tags_is_not_a_tag_list_label(line, language):
    assert removed_by(line, language) is None


@pytest.mark.parametrize("line, language", [("Tags:", "en"), ("- Kategorien", "de"), ("Temas", "es")])
def test_a_tag_list_label_alone_is_removed(line, language):
    assert removed_by(line, language) == "legal-notice"


def test_a_bare_email_address_is_a_contact_line_but_a_unit_file_setting_is_not():
    assert removed_by("jdoe@example.com") == "contact-line"
    assert removed_by("OnFailure=failure-notification@%n.service") is None
