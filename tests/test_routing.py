"""The Beam stage shape: outcomes routed by type, counters, expected errors, the time limit."""

from __future__ import annotations

import functools
import time

import apache_beam as beam
import pytest
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from boilerstrip.transforms import counters
from boilerstrip.transforms.counters import NAMESPACE
from boilerstrip.transforms.record import Document, Failure, Rejected, Removal

from boilerstrip.transforms.routing import ApplyStep  # isort: skip

DOCS = [Document(id=str(i), source="s", text="x" * i) for i in range(5)]


def step(doc: Document):
    """Even ids pass with one removal, 1 is rejected, 3 raises a ValueError, 4 is slow."""
    if doc.id == "1":
        return Rejected(doc.id, doc.source, doc.url, "too-short")
    if doc.id == "3":
        raise ValueError("bad page")
    if doc.id == "4":
        time.sleep(3)
    return doc, [Removal(doc.id, "demo-rule", "line")]


def counter_values(result) -> dict[str, int]:
    found = result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))["counters"]
    return {c.key.metric.name: c.committed for c in found}


def test_outcomes_are_routed_and_counted():
    with TestPipeline() as p:
        out = p | beam.Create(DOCS) | ApplyStep(step, "demo", (ValueError,), timeout=1.0, audit=True)
        assert_that(out.docs | beam.Map(lambda d: d.id), equal_to(["0", "2"]), label="docs")
        assert_that(out.filtered, equal_to([Rejected("1", "s", "", "too-short")]), label="filtered")
        assert_that(
            out.errors,
            equal_to(
                [
                    Failure("3", "s", "demo", "ValueError: bad page"),
                    Failure("4", "s", "demo", "timeout: took longer than 1 s"),
                ]
            ),
            label="errors",
        )
        assert_that(out.removed | beam.Map(lambda r: r.id), equal_to(["0", "2"]), label="removed")
        assert_that(
            out.rule_counts | beam.CombinePerKey(sum), equal_to([("demo-rule", 2)]), label="rule_counts"
        )
    counts = counter_values(p.result)
    assert counts["filtered:too-short"] == 1
    assert counts["error:demo:ValueError"] == 1
    assert counts["error:demo:timeout"] == 1
    assert counts["lines-removed:demo-rule"] == 2


@pytest.mark.parametrize("timeout", [None, 5.0])
def test_counters_a_step_increments_are_kept_with_and_without_the_time_limit(timeout):
    """Under a time limit the step runs in a helper thread, which Beam gives no metrics container."""

    def counting(doc):
        counters.inc("demo-counted")
        return doc, []

    with TestPipeline() as p:
        _ = p | beam.Create(DOCS[:3]) | ApplyStep(counting, "demo", (ValueError,), timeout=timeout)
    assert counter_values(p.result)["demo-counted"] == 3


def test_the_extraction_step_counts_pages_that_needed_the_fallback():
    """A page whose fast-path text is a few words gets trafilatura's fallback."""
    from boilerstrip.pipeline.config import Config
    from boilerstrip.transforms.extract import extract_document

    prose = "</p><p>".join(f"Sentence {i} of a long article about the harbour's boats." for i in range(40))
    pages = [
        Document(
            id="short", source="s", html="<html><body><div><p>Only a few words.</p></div></body></html>"
        ),
        Document(id="long", source="s", html=f"<html><body><article><p>{prose}</p></article></body></html>"),
    ]
    with TestPipeline() as p:
        _ = (
            p
            | beam.Create(pages)
            | ApplyStep(
                functools.partial(extract_document, config=Config()), "extract", (ValueError,), timeout=30.0
            )
        )
    assert counter_values(p.result)["extract:fallback"] == 1


def test_the_extraction_step_counts_unwrapped_boxes_shown_panels_and_unmarked_disclosures():
    """The changes to a page's tree reach the run's counters (and so stats.json's `extraction`)."""
    from boilerstrip.pipeline.config import Config
    from boilerstrip.transforms.extract import extract_document

    prose = "</p><p>".join(f"Sentence {i} of a long article about the harbour's boats." for i in range(40))
    popup = f"<html><body><aside class='popup'><p>Join us.</p><article><p>{prose}</p></article></body></html>"
    panel = (
        f"<html><body><article><p>{prose}</p><button aria-controls='more'>More</button>"
        "<div id='more' hidden><p>The ferry also stops at the island twice a day.</p></div>"
        "</article></body></html>"
    )
    faq = (
        f"<html><body><article><p>{prose}</p><details class='expandable'><summary>Ferry?</summary>"
        "<p>Twice a day.</p></details></article></body></html>"
    )
    pages = [
        Document(id="popup", source="s", html=popup),
        Document(id="panel", source="s", html=panel),
        Document(id="faq", source="s", html=faq),
    ]
    with TestPipeline() as p:
        _ = (
            p
            | beam.Create(pages)
            | ApplyStep(
                functools.partial(extract_document, config=Config()), "extract", (ValueError,), timeout=30.0
            )
        )
    counts = counter_values(p.result)
    assert counts["extract:unwrapped"] == 1
    assert counts["extract:panels-shown"] == 1
    assert counts["extract:disclosures-unmarked"] == 1


def test_without_audit_removals_are_only_counted():
    with TestPipeline() as p:
        out = p | beam.Create(DOCS[:3]) | ApplyStep(step, "demo", (ValueError,))
        assert_that(out.removed, equal_to([]), label="removed")
        assert_that(
            out.rule_counts | beam.CombinePerKey(sum), equal_to([("demo-rule", 2)]), label="rule_counts"
        )


def test_unexpected_exception_fails_the_run():
    def buggy(doc):
        raise KeyError("our bug")

    try:
        with TestPipeline() as p:
            _ = p | beam.Create(DOCS[:1]) | ApplyStep(buggy, "demo", (ValueError,))
    except Exception as exc:  # Beam wraps the worker's exception
        assert "our bug" in str(exc)
    else:
        raise AssertionError("a bug in a step must fail the pipeline")


def test_progress_line_every_interval():
    import io

    from boilerstrip.transforms.counters import Progress

    now = [0.0]
    out = io.StringIO()
    progress = Progress(interval=30, clock=lambda: now[0], out=out)
    for name in ("read", "read", "clean", "filtered:too-short", "error:read:bad-json"):
        progress.add(name, 1)
    assert out.getvalue() == ""
    now[0] = 31.0
    progress.add("read", 1)
    line = out.getvalue().strip()
    assert line.endswith("read 3, clean 1, filtered 1, errors 1, 0.1 pages/s")
    progress.add("read", 1)
    assert out.getvalue().count("\n") == 1, "at most one line per interval"


def test_no_progress_line_when_nothing_was_read():
    import io

    from boilerstrip.transforms.counters import Progress

    now = [0.0]
    out = io.StringIO()
    progress = Progress(interval=30, clock=lambda: now[0], out=out)
    now[0] = 31.0
    progress.add("extract:fallback", 1)  # the pure functions called outside a pipeline run
    assert out.getvalue() == ""
