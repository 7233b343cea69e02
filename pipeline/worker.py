"""Beam's SDK worker process for local multi-process runs, minus its start-up noise.

`python -m boilerstrip.pipeline.worker` is what the local runner starts for each worker unless
`--verbose` is given (then Beam's own `apache_beam.runners.worker.sdk_worker_main` runs). It
logs warnings to stderr like Beam's worker does, without the messages in `quiet.BEAM_NOISE`.
"""

from __future__ import annotations

import logging
import os
import sys

from boilerstrip.pipeline.quiet import DropBeamNoise

COMMAND_MODULE = "boilerstrip.pipeline.worker"


def main() -> None:
    # A handler on the root logger before Beam is imported: Beam's first warning would otherwise
    # install logging's default one, which prints everything, noise included.
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.addFilter(DropBeamNoise())
    handler.setFormatter(logging.Formatter(logging.BASIC_FORMAT))
    logging.getLogger().addHandler(handler)
    from apache_beam.runners.worker import sdk_worker_main

    sdk_worker_main.main(sys.argv)
    # The harness has finished and closed its log channel: every output file is closed and the
    # runner has what it asked for. What is left is the interpreter freeing Beam's, gRPC's and
    # trafilatura's objects, which the runner would wait for; skip only that, as cli.entry does.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
