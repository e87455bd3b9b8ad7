"""The Ministry of Health claims standard (QĐ 130/QĐ-BYT as amended by QĐ 4750/QĐ-BYT): reading and writing
the GIAMDINHHS envelope and checking its XML1 (visit), XML2 (drugs) and XML3 (services and supplies) tables.
Pure: bytes and plain values in and out, no ORM."""
from ansinh.health.xml130.build import envelope  # noqa: F401
from ansinh.health.xml130.read import ClaimError, EnvelopeRejected, read_envelope  # noqa: F401
