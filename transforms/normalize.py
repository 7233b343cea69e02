"""Character-level hygiene so every output is valid UTF-8 and valid JSON, whatever came in."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline, plus lone surrogates (which cannot be encoded as UTF-8).
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Runs of spaces become one " " in two steps: every other space character becomes " ", then runs
# of " " shrink to one. Matching one character, or a literal prefix, lets `re` skip ahead fast; one
# pattern for whole runs of any space would match (and rewrite) every gap between two words.
_OTHER_SPACES = re.compile("[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_SPACE_RUNS = re.compile("  +")
_BLANK_RUNS = re.compile("\n\n\n+")


def normalize_text(text: str) -> str:
    """NFC, no control characters, one space between words, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNWANTED.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_RUNS.sub(" ", _OTHER_SPACES.sub(" ", text))
    lines = (line.strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def normalize_field(value: object, limit: int = 2000) -> str:
    """Metadata fields (title, author, url) as one clean line of bounded length."""
    if not isinstance(value, str):
        return ""
    return " ".join(normalize_text(value).split())[:limit]
