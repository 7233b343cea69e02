"""Language tagging with langdetect: seeded, so the same text always gets the same answer."""

from __future__ import annotations

import dataclasses
import threading

try:  # langdetect-rs: a Rust port with bit-identical results, ~20-50x faster (tests/test_language_engines.py)
    from langdetect_rs import PROFILES_DIRECTORY, DetectorFactory, LangDetectException

    ENGINE = "langdetect-rs"
except ImportError:  # pragma: no cover - platforms without its wheel use the reference implementation
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    ENGINE = "langdetect"

from boilerstrip.pipeline.config import LanguageConfig
from boilerstrip.transforms.record import Document, Rejected

_factory: DetectorFactory | None = None
_factory_lock = threading.Lock()


def _detector_factory(seed: int) -> DetectorFactory:
    """One profile set per process, loaded once even when several threads ask at the same time."""
    global _factory
    with _factory_lock:
        if _factory is None:
            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            _factory = factory
        _factory.set_seed(seed)
        return _factory


# Languages this likely also get their rule packs applied: pages mix languages in boilerplate.
_CANDIDATE_PROBABILITY = 0.2


def detect_languages(text: str, settings: LanguageConfig) -> list[tuple[str, float]]:
    """[(language code, probability), ...] best first, of the first `sample_chars` characters.

    Each call builds its own detector whose random generator is reseeded per text, so results
    depend neither on record order nor on threads sharing the factory.
    """
    detector = _detector_factory(settings.seed).create()
    detector.append(text[: settings.sample_chars])
    try:
        found = detector.get_probabilities()
    except LangDetectException:
        return []
    return [(item.lang, round(item.prob, 4)) for item in found]


def detect_language(text: str, settings: LanguageConfig) -> tuple[str, float]:
    """(language code, probability) of the most likely language; ("", 0.0) if unknown."""
    found = detect_languages(text, settings)
    return found[0] if found else ("", 0.0)


def tag_language(doc: Document, settings: LanguageConfig) -> Document | Rejected:
    """Set `language`/`language_score`; reason `language` when the config rules the document out."""
    found = detect_languages(doc.text or "", settings)
    language, score = found[0] if found else ("", 0.0)
    candidates = tuple(code for code, probability in found if probability >= _CANDIDATE_PROBABILITY)
    doc = dataclasses.replace(doc, language=language, language_score=score, language_candidates=candidates)
    if settings.languages and language not in settings.languages:
        return Rejected(doc.id, doc.source, doc.url, "language")
    if score < settings.min_language_score:
        return Rejected(doc.id, doc.source, doc.url, "language")
    return doc
