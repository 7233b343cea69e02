"""Drop documents too short to be worth training on."""

from __future__ import annotations

from boilerstrip.pipeline.config import FilterConfig
from boilerstrip.transforms.record import Document, Rejected


def drop_short(doc: Document, settings: FilterConfig) -> Document | Rejected:
    """Reason `too-short` when the text has fewer characters or words than configured."""
    text = doc.text or ""
    if len(text) < settings.min_chars or len(text.split()) < settings.min_words:
        return Rejected(doc.id, doc.source, doc.url, "too-short")
    return doc
