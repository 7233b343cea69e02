"""One Beam stage shape for every per-document step: a pure function, its result routed by type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as StepTimeout

import apache_beam as beam
from apache_beam.transforms.window import GlobalWindows

from boilerstrip.transforms import counters
from boilerstrip.transforms.record import Document, Failure, Rejected, Removal
from boilerstrip.transforms.run_profile import RemovalProfile

# A step returns the document (changed or not) or a rejection; a cleaning step also returns
# what it removed, as (result, removals).
StepResult = Document | Rejected | tuple[Document | Rejected, list[Removal]]
Step = Callable[[Document], StepResult]


def route_outcome(outcome: Document | Rejected | Failure):
    """A document to the main output, a rejection to `filtered`, a failure to `errors`, counted."""
    if isinstance(outcome, Rejected):
        counters.inc(f"filtered:{outcome.reason}")
        yield beam.pvalue.TaggedOutput("filtered", outcome)
    elif isinstance(outcome, Failure):
        counters.inc(f"error:{outcome.kind}")
        yield beam.pvalue.TaggedOutput("errors", outcome)
    else:
        yield outcome


class RemovalTally:
    """What a DoFn does with the lines it removes: counted per rule and emitted once per bundle as
    (rule, count) on `rule_counts`; the `Removal` records themselves go to `removed` only for an
    audit. A page loses a dozen lines or so; sending each through the graph just to be counted
    cost more than the rules that found them. Their characters and a few examples per rule go
    to `profile` once per bundle too (`run_profile.py`), for the report.
    """

    def __init__(self, audit: bool):
        self._audit = audit
        self._counts: Counter = Counter()
        self._profile = RemovalProfile()

    def add(self, removals: list[Removal]):
        for removal in removals:
            self._counts[removal.rule] += 1
            self._profile.add(removal)
            if self._audit:
                yield beam.pvalue.TaggedOutput("removed", removal)

    def flush(self):
        """For finish_bundle: the bundle's (rule, count) pairs, its profile pairs, and its counters."""
        for rule, count in sorted(self._counts.items()):
            counters.inc(f"lines-removed:{rule}", count)
            yield beam.pvalue.TaggedOutput("rule_counts", GlobalWindows.windowed_value((rule, count)))
        self._counts.clear()
        yield from self._profile.flush()


class _RouteFn(beam.DoFn):
    def __init__(
        self,
        step: Step,
        stage: str,
        expected: tuple[type[BaseException], ...],
        timeout: float | None,
        audit: bool,
    ):
        self._step = step
        self._stage = stage
        self._expected = expected
        self._timeout = timeout
        self._audit = audit
        self._executor: ThreadPoolExecutor | None = None

    def start_bundle(self):
        self._removals = RemovalTally(self._audit)

    def finish_bundle(self):
        yield from self._removals.flush()

    def setup(self):
        if self._timeout:
            self._executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix=f"boilerstrip-{self._stage}"
            )

    def teardown(self):
        if self._executor is not None:
            self._executor.shutdown(wait=False)

    def _run(self, doc: Document) -> StepResult:
        """The step, under the time limit when there is one.

        Python cannot stop a running thread, so a step that times out keeps its thread until it
        returns; the DoFn moves on with a fresh one, and the record becomes a `timeout` error.
        """
        if self._executor is None:
            return self._step(doc)
        future = self._executor.submit(counters.captured, self._step, doc)
        try:
            result, increments = future.result(timeout=self._timeout)
        except StepTimeout:
            self._executor.shutdown(wait=False)
            self._executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix=f"boilerstrip-{self._stage}"
            )
            raise
        for name, n in increments:
            counters.inc(name, n)
        return result

    def process(self, doc: Document):
        try:
            result = self._run(doc)
        except StepTimeout:
            yield from route_outcome(self._failure(doc, f"timeout: took longer than {self._timeout:g} s"))
            return
        except self._expected as exc:
            # Our own exceptions carry a short `kind`; a library's is named by its class.
            yield from route_outcome(self._failure(doc, f"{getattr(exc, 'kind', type(exc).__name__)}: {exc}"))
            return
        if isinstance(result, tuple):
            result, removals = result
            yield from self._removals.add(removals)
        yield from route_outcome(result)

    def _failure(self, doc: Document, error: str) -> Failure:
        return Failure(doc.id, doc.source, self._stage, error[:500])


class ApplyStep(beam.PTransform):
    """Documents → (docs, filtered, errors, removed, rule_counts, profile).

    `expected` lists the exceptions the step's library raises on bad input; they become error
    records for that document. Any other exception is a bug in our code and fails the run.
    With `timeout` (seconds), a document the step has not finished by then becomes an error
    with `error: timeout: ...`. `removed` holds the step's `Removal`s only with `audit`;
    `rule_counts` always holds (rule, lines removed) pairs, one per rule and bundle, and
    `profile` the report's pairs for the removals (`run_profile.py`).
    """

    def __init__(
        self,
        step: Step,
        stage: str,
        expected: tuple[type[BaseException], ...] = (),
        timeout: float | None = None,
        audit: bool = False,
    ):
        super().__init__()
        self._step = step
        self._stage = stage
        self._expected = expected
        self._timeout = timeout
        self._audit = audit

    def expand(self, docs):
        route = _RouteFn(self._step, self._stage, self._expected, self._timeout, self._audit)
        return docs | beam.ParDo(route).with_outputs(
            "filtered", "errors", "removed", "rule_counts", "profile", main="docs"
        )
