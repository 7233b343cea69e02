"""The posts of a forum thread or Q&A page, read from the schema.org markup the forum software writes.

trafilatura, even asked for comments, takes a thread's opening post plus whatever replies its
scoring keeps, together with the signatures, member stamps and reply buttons around them. Most
forum software marks each post up as a schema.org item (`Comment`, `Answer`, `Question`,
`DiscussionForumPosting`) whose `itemprop="text"` element holds just what the member wrote.
`thread_posts` reads those, in page order. Where the opening post is only in the page's JSON-LD
(as on XenForo boards, whose replies are microdata `Comment`s), it comes first. On a Q&A page the
question and answers are the content and the comments under them are not. On the dev sets,
replacing the text of every forum page with its posts did better than adding the posts trafilatura
missed or doing either only where its text held less than the posts (benchmarks/quality.py).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from boilerstrip.transforms.page_type import json_ld_objects, plain_text
from boilerstrip.transforms.repeated_items import visible_text

_POST_TYPES = frozenset(("question", "answer", "comment", "discussionforumposting", "socialmediaposting"))
_BODY_PROPS = ("text", "articleBody")
# A thread needs this many posts found in its markup before they replace the extracted text.
MIN_POSTS = 2
_WORD = re.compile(r"\w+")


def _type_name(itemtype: str) -> str:
    return itemtype.strip().rstrip("/").rsplit("/", 1)[-1].lower()


def _scope_type(element: HtmlElement) -> str:
    """The schema.org type of the item `element` belongs to (its own or its nearest ancestor's)."""
    if element.get("itemscope") is None:
        element = next((a for a in element.iterancestors() if a.get("itemscope") is not None), None)
        if element is None:
            return ""
    return _type_name(element.get("itemtype") or "")


def microdata_posts(tree: HtmlElement) -> list[tuple[str, str]]:
    """(type, text) of each post body marked up with microdata, outermost bodies only."""
    posts: list[tuple[str, str]] = []
    last = None
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.get("itemprop") not in _BODY_PROPS:
            continue
        if last is not None and last in element.iterancestors():
            continue  # a quote of another post inside this one
        kind = _scope_type(element)
        if kind in _POST_TYPES:
            text = visible_text(element)
            if text:
                posts.append((kind, text))
                last = element
    return posts


def json_ld_posts(tree: HtmlElement):
    """(type, text) of each post body in the page's JSON-LD, in document order, read lazily: the
    caller that wants the first post parses no further."""
    for value, kinds in json_ld_objects(tree):
        kind = next((k for k in kinds if k in _POST_TYPES), None)
        body = value.get("text") or value.get("articleBody")
        text = plain_text(body) if kind and isinstance(body, str) else ""
        if text:
            yield kind, text


def _opening(text: str) -> str:
    return " ".join(_WORD.findall(text.lower())[:12])


def thread_posts(tree: HtmlElement) -> list[str]:
    """The thread's post texts in page order, or [] when its markup shows fewer than `MIN_POSTS`."""
    posts = microdata_posts(tree)
    if len(posts) < MIN_POSTS:
        return []
    seen = {_opening(text) for _, text in posts}
    opener = next(json_ld_posts(tree), None)
    if opener and _opening(opener[1]) not in seen:
        posts.insert(0, opener)
    if any(kind == "answer" for kind, _ in posts):
        posts = [post for post in posts if post[0] != "comment"]
    return [text for _, text in posts]
