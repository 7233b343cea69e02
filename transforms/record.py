"""The records that flow through the graph: one document type and the two ways a record leaves."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """A page or text on its way to clean text.

    `html` holds the decoded page until extraction and is None after it; records that arrive
    as text (`.txt` files, JSONL `text` fields) have `text` set from the start and skip extraction.
    """

    id: str
    source: str
    url: str = ""
    html: str | None = None
    text: str | None = None
    title: str = ""
    date: str = ""
    author: str = ""
    language: str = ""
    language_score: float = 0.0
    # Lines extraction marked as headings; rules use them to tell a subheading from a caption.
    headings: tuple[str, ...] = ()
    # Every language langdetect found likely (the first is `language`); their rule packs apply.
    language_candidates: tuple[str, ...] = ()
    # True when the text was extracted from HTML here (so its structure was seen), False for
    # records that arrived as plain text.
    from_html: bool = False
    # The kind of page (transforms/page_type.py) for pages extracted here; "" for text records.
    page_type: str = ""

    def output_row(self) -> dict:
        """The clean-output record, in the column order of the output schema."""
        text = self.text or ""
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "text": text,
            "language": self.language,
            "language_score": self.language_score,
            "page_type": self.page_type,
            "source": self.source,
            "date": self.date,
            "author": self.author,
            "chars": len(text),
            "words": len(text.split()),
        }


@dataclass(frozen=True)
class Rejected:
    """A record that was read fine but is not wanted: too short, wrong language, no text."""

    id: str
    source: str
    url: str
    reason: str

    def output_row(self) -> dict:
        return {"id": self.id, "url": self.url, "source": self.source, "reason": self.reason}


def error_kind(stage: str, error: str) -> str:
    """The counter name of an error: stage plus the error's first word (`read:bad-json`)."""
    return f"{stage}:{error.split(':', 1)[0]}"


@dataclass(frozen=True)
class Failure:
    """A record some stage could not process; `error` says why in one line."""

    id: str
    source: str
    stage: str
    error: str

    @property
    def kind(self) -> str:
        return error_kind(self.stage, self.error)

    def output_row(self) -> dict:
        return {"id": self.id, "source": self.source, "stage": self.stage, "error": self.error}


@dataclass(frozen=True)
class Removal:
    """A line or page element a rule took out of a document, kept for the audit output."""

    id: str
    rule: str
    text: str

    def output_row(self) -> dict:
        return {"id": self.id, "rule": self.rule, "text": self.text}
