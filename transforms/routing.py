"""One Beam stage shape for every per-document step: a pure function, its result routed by type."""

from __future__ import annotations

from collections.abc import Callable

import apache_beam as beam

from boilerstrip.transforms import counters
from boilerstrip.transforms.record import Document, Failure, Rejected, Removal

# A step returns the document (changed or not) or a rejection; a cleaning step also returns
# what it removed, as (result, removals).
StepResult = Document | Rejected | tuple[Document | Rejected, list[Removal]]
Step = Callable[[Document], StepResult]


class _RouteFn(beam.DoFn):
    def __init__(self, step: Step, stage: str, expected: tuple[type[BaseException], ...]):
        self._step = step
        self._stage = stage
        self._expected = expected

    def process(self, doc: Document):
        try:
            result = self._step(doc)
        except self._expected as exc:
            failure = Failure(doc.id, doc.source, self._stage, f"{type(exc).__name__}: {exc}"[:500])
            counters.inc(f"error:{failure.kind}")
            yield beam.pvalue.TaggedOutput("errors", failure)
            return
        if isinstance(result, tuple):
            result, removals = result
            for removal in removals:
                counters.inc(f"lines-removed:{removal.rule}")
                yield beam.pvalue.TaggedOutput("removed", removal)
        if isinstance(result, Rejected):
            counters.inc(f"filtered:{result.reason}")
            yield beam.pvalue.TaggedOutput("filtered", result)
        else:
            yield result


class ApplyStep(beam.PTransform):
    """Documents → (docs, filtered, errors, removed).

    `expected` lists the exceptions the step's library raises on bad input; they become error
    records for that document. Any other exception is a bug in our code and fails the run.
    """

    def __init__(self, step: Step, stage: str, expected: tuple[type[BaseException], ...] = ()):
        super().__init__()
        self._step = step
        self._stage = stage
        self._expected = expected

    def expand(self, docs):
        return docs | beam.ParDo(_RouteFn(self._step, self._stage, self._expected)).with_outputs(
            "filtered", "errors", "removed", main="docs"
        )
