"""A forum thread's posts, read from the schema.org markup forum software writes around each one."""

from __future__ import annotations

import json

from boilerstrip.pipeline.config import Config
from boilerstrip.transforms.extract import extract_document, parse_html
from boilerstrip.transforms.forum_posts import thread_posts
from boilerstrip.transforms.record import Document

OPENER = "Has anyone fitted the new rear rack to a 2019 frame? The bolts look a size too short to me."
REPLIES = (
    "I did it last spring. The rack ships with two sets of bolts, use the longer pair.",
    "Same here, though I had to add a spacer on the left side to clear the brake.",
    "Thanks both, the longer bolts were hiding under the foam in the box.",
)
SIGNATURE = "Riding since 1994 - three bikes in the shed and counting"


def _reply(text: str) -> str:
    return (
        '<article itemscope itemtype="https://schema.org/Comment">'
        '<div class="userstamp"><span itemprop="author">rider42</span> Joined: Mar 2011 Posts: 1,204</div>'
        f'<div itemprop="text"><p>{text}</p>'
        '<blockquote itemprop="text">quoted earlier post</blockquote></div>'
        f'<div class="signature">{SIGNATURE}</div><a href="#reply">Reply</a></article>'
    )


def _thread(replies=REPLIES, scripts: tuple[str, ...] | None = None) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": "Rear rack",
        "text": OPENER,
    }
    head = "".join(
        f'<script type="application/ld+json">{script}</script>' for script in (scripts or (json.dumps(ld),))
    )
    return (
        f"<html><head>{head}</head><body>"
        f"<nav><a href='/'>Forums</a></nav><h1>Rear rack</h1><article><p>{OPENER}</p>"
        f'<div class="signature">{SIGNATURE}</div></article>'
        f"{''.join(_reply(text) for text in replies)}<footer>Forum software by someone</footer></body></html>"
    )


def test_the_posts_come_in_page_order_with_the_opener_from_json_ld_and_no_stamps():
    posts = thread_posts(parse_html(_thread()))
    assert posts[0] == OPENER
    assert [post.split(" quoted")[0] for post in posts[1:]] == list(REPLIES)
    assert not any(SIGNATURE in post or "Joined:" in post for post in posts)


def test_a_thread_with_a_single_marked_post_is_left_to_trafilatura():
    assert thread_posts(parse_html(_thread(replies=REPLIES[:1]))) == []
    assert thread_posts(parse_html("<html><body><p>No markup at all here.</p></body></html>")) == []


def test_a_q_and_a_page_keeps_question_and_answers_but_not_the_comments_under_them():
    def item(kind: str, text: str) -> str:
        return f'<div itemscope itemtype="https://schema.org/{kind}"><div itemprop="text">{text}</div></div>'

    page = (
        '<html><body><div itemscope itemtype="https://schema.org/QAPage">'
        + item("Question", "Why does my sourdough starter smell of nail polish remover?")
        + item("Comment", "What flour are you feeding it with?")
        + item("Answer", "It is hungry: the acetone smell means it needs feeding more often.")
        + item("Answer", "Move it somewhere cooler and feed it twice a day for a week.")
        + "</div></body></html>"
    )
    posts = thread_posts(parse_html(page))
    assert posts == [
        "Why does my sourdough starter smell of nail polish remover?",
        "It is hungry: the acetone smell means it needs feeding more often.",
        "Move it somewhere cooler and feed it twice a day for a week.",
    ]


def test_a_forum_page_is_extracted_as_its_posts():
    doc, _ = extract_document(Document(id="t", source="x", html=_thread()), Config())
    assert doc.page_type == "forum"
    assert doc.text.startswith(OPENER)
    assert all(reply in doc.text for reply in REPLIES)
    assert SIGNATURE not in doc.text and "Joined:" not in doc.text


def test_a_forum_page_with_marked_posts_never_runs_trafilatura(monkeypatch):
    """The posts replace trafilatura's text, so it is not computed (a thread costs it 4x an article)."""

    def no_trafilatura(*args, **kwargs):
        raise AssertionError("trafilatura ran on a page whose posts are in its markup")

    monkeypatch.setattr("boilerstrip.transforms.extract.trafilatura.bare_extraction", no_trafilatura)
    doc, _ = extract_document(Document(id="t", source="x", html=_thread()), Config())
    assert doc.text.startswith(OPENER) and all(reply in doc.text for reply in REPLIES)
    assert doc.title == "Rear rack"  # metadata still comes from the page


def test_broken_or_odd_json_ld_is_skipped():
    scripts = (
        "{not json",
        '"just a string"',
        '[{"@type": ["DiscussionForumPosting", "Article"], "text": {"nested": "not a string"}}]',
        '{"@type": 5, "articleBody": null}',
    )
    posts = thread_posts(parse_html(_thread(scripts=scripts)))
    assert [post.split(" quoted")[0] for post in posts] == list(REPLIES)  # no opener found, no error
