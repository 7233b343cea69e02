"""Apache Beam's start-up messages that a user cannot act on, kept off the terminal without --verbose.

Beam logs them on every local run: `apitools not found` once per process (importing its GCP
filesystem without the GCP extra), and from each worker process `No semi_persistent_directory
found` (it has no staged session, which local workers never have) and `Discarding unparseable
args` (a DirectRunner flag the worker does not know). Only these exact messages are dropped;
every other warning, ours or Beam's, still shows. Importing this module installs the filter on the
root logger (`quiet_root_logger`), so the CLI imports it before Beam.
"""

from __future__ import annotations

import logging

BEAM_NOISE = (
    "apitools not found",
    "No semi_persistent_directory found",
    "Discarding unparseable args",
    "Logging handler created",
)


def is_beam_noise(record: logging.LogRecord) -> bool:
    return record.getMessage().startswith(BEAM_NOISE)


class DropBeamNoise(logging.Filter):
    """A logging filter that drops `BEAM_NOISE` and lets everything else through."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not is_beam_noise(record)


def quiet_root_logger() -> None:
    """Drops Beam's noise logged on the root logger, such as the warning it logs while imported.

    Installed before the first Beam import: a filter on the root logger sees only records logged
    on the root logger itself, so nothing of the caller's own loggers is touched.
    """
    root = logging.getLogger()
    if not any(isinstance(f, DropBeamNoise) for f in root.filters):
        root.addFilter(DropBeamNoise())


quiet_root_logger()
