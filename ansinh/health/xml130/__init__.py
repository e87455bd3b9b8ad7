"""The Ministry of Health claims standard (QĐ 130/QĐ-BYT as amended by QĐ 4750/QĐ-BYT): the GIAMDINHHS envelope read
record by record against the published field rules (data/*.csv), and written as hospital software writes it.
Pure: bytes and frames in and out, no ORM."""

from ansinh.health.xml130.build import envelope  # noqa: F401 — the package's public API, re-exported
from ansinh.health.xml130.read import Batch, read_envelope  # noqa: F401 — the package's public API, re-exported
from ansinh.health.xml130.structure import EnvelopeRejected, Limits, Refusal  # noqa: F401 — the package's public API, re-exported
