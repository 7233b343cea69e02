"""Shared fixtures: no network, and the shared AEB data when it is present."""

from __future__ import annotations

import gzip
import json
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
AEB = SHARED / "data" / "aeb"
EXAMPLES = SHARED / "examples"
SAMPLE = REPO / "examples" / "sample"

_real_connect = socket.socket.connect


def _loopback_only(self, address):
    """Beam's multi-process runner talks gRPC on localhost; anything else is a test bug."""
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("localhost", "127.0.0.1", "::1", "0.0.0.0", "[::1]"):
        if not host.startswith("/"):
            raise RuntimeError(f"tests must not use the network (tried {address!r})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@pytest.fixture(scope="session")
def aeb():
    """(id → html bytes, id → ground-truth text) of the AEB pages; skips without ../shared."""
    if not (AEB / "ground-truth.json").exists():
        pytest.skip(f"AEB benchmark data not found at {AEB} (it lives in ../shared, outside the repo)")
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        p.name.split(".")[0]: gzip.decompress(p.read_bytes())
        for p in sorted((AEB / "html").glob("*.html.gz"))
    }
    return pages, {k: v["articleBody"] for k, v in truth.items()}


@pytest.fixture(scope="session")
def scraped_example():
    """(raw scraped text path, expected clean text) of the shared seed example."""
    raw = EXAMPLES / "scraped-article.txt"
    if not raw.exists():
        pytest.skip(f"seed example not found at {raw} (it lives in ../shared, outside the repo)")
    return raw, (EXAMPLES / "scraped-article.clean.txt").read_text(encoding="utf-8")
