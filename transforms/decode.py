"""Bytes to text for pages whose charset is declared, guessed, or wrong."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# A declaration must sit near the top of the page; looking further invites false hits in text.
_DECLARATION_WINDOW = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Browsers decode pages labelled latin-1/ascii as windows-1252 (WHATWG encoding standard).
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "x-sjis": "shift_jis",
}


def declared_charset(data: bytes, header_charset: str | None = None) -> str | None:
    """The charset a BOM, the transport header or a <meta> tag names, if Python knows it."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    candidates = [header_charset] if header_charset else []
    match = _META_CHARSET.search(data[:_DECLARATION_WINDOW])
    if match:
        candidates.append(match.group(1).decode("ascii").lower())
    for label in candidates:
        label = _LABEL_ALIASES.get(label.lower(), label.lower())
        try:
            return codecs.lookup(label).name
        except LookupError:
            continue
    return None


def decode_page(data: bytes, header_charset: str | None = None) -> str:
    """Decode by declaration, then strict UTF-8, then a statistical guess; never raises.

    A declaration that fails to decode the bytes is ignored (pages often lie about it).
    """
    declared = declared_charset(data, header_charset)
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError:
                continue
    best = from_bytes(data[:200_000]).best()
    if best is not None:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")
