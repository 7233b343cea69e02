"""langdetect-rs must give exactly langdetect's answers, so switching engines changes no output."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

langdetect_rs = pytest.importorskip("langdetect_rs", reason="langdetect-rs has no wheel for this platform")
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory  # noqa: E402

from boilerstrip.transforms.decode import decode_page  # noqa: E402


def _probabilities(factory_class, profiles, texts):
    factory = factory_class()
    factory.load_profile(profiles)
    factory.set_seed(0)
    results = []
    for text in texts:
        detector = factory.create()
        detector.append(text[:2000])
        try:
            results.append([(x.lang, round(x.prob, 6)) for x in detector.get_probabilities()])
        except Exception as exc:  # both must fail on the same texts, with the same message
            results.append(str(exc))
    return results


def test_same_languages_and_probabilities(aeb):
    pages, truth = aeb
    texts = list(truth.values())
    sample_pages = sorted((SAMPLE / "html").glob("*.html"))
    texts += [decode_page(p.read_bytes()) for p in sample_pages]
    texts += ["", "12345", "Der Hafen wird erweitert.", "日本語の記事です。"]
    reference = _probabilities(DetectorFactory, PROFILES_DIRECTORY, texts)
    fast = _probabilities(langdetect_rs.DetectorFactory, langdetect_rs.PROFILES_DIRECTORY, texts)
    assert fast == reference
