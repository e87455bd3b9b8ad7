"""Health insurance: reference data, coverage and eligibility checks, claims and their assessment."""

from ansinh.health.models.cards import FormerCard  # noqa: F401 — the app's models, kept in one module per topic
from ansinh.health.models.claims import (  # noqa: F401 — the app's models, kept in one module per topic
    Claim,
    ClaimAssessmentRun,
    ClaimDetail,
    ClaimLine,
    ClaimReview,
    ClaimVersion,
    Finding,
    Outcome,
    RefusedRecord,
    Submission,
)
from ansinh.health.models.coverage import CardStop, Coverage, CoverageRun, EligibilityCheck, ListMembership, MemberCount  # noqa: F401 — the app's models, kept in one module per topic
from ansinh.health.models.gateway import CheckIn, GatewayAccount, GatewayReceipt, GatewayToken, Receptionist  # noqa: F401 — the app's models, kept in one module per topic
from ansinh.health.models.reference import CatalogueItem, Diagnosis, Facility, HIGroup  # noqa: F401 — the app's models, kept in one module per topic
