"""Claims intake: an envelope read record by record (xml130), the valid records stored in one transaction, the
others refused with every reason and kept with the submission. A record already received is replaced by the new
version (the earlier one kept as ClaimVersion) unless it is settled. An envelope of which nothing can be taken is
answered with EnvelopeRejected and leaves nothing behind."""

from __future__ import annotations

import hashlib

import polars as pl
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.core import audit
from ansinh.core.bulk import bulk_insert, next_id, reset_sequence, update_from_frame
from ansinh.health import claim_store
from ansinh.health.models import Claim, ClaimDetail, ClaimLine, Facility, RefusedRecord, Submission
from ansinh.health.xml130 import Batch, EnvelopeRejected, Limits, Refusal, read_envelope
from ansinh.policy.services import params_on


def limits_in_force() -> Limits:
    return Limits.from_value(params_on(timezone.localdate()).raw("health.claims.limits"))


def _facility(batch: Batch, sender) -> Facility:
    facility = Facility.objects.filter(code=batch.facility_code).first()
    if facility is None:
        raise EnvelopeRejected(
            [Refusal("", "GIAMDINHHS", "MACSKCB", _("unknown facility %(code)s") % {"code": batch.facility_code})]
        )
    if getattr(sender, "role", "") == "facility" and sender.org_code != facility.code:
        raise EnvelopeRejected(
            [
                Refusal(
                    "",
                    "GIAMDINHHS",
                    "MACSKCB",
                    _("your account sends for %(mine)s, not %(code)s")
                    % {"mine": sender.org_code, "code": facility.code},
                )
            ]
        )
    return facility


def _earlier(facility: Facility, batch: Batch) -> dict[str, Claim]:
    """The claims already received under the MA_LKs of this envelope; settled ones refuse their record."""
    keys = [batch.keys[rec] for rec in batch.accepted()]
    found = {
        c.ma_lk: c
        for c in Claim.objects.filter(facility=facility, ma_lk__in=claim_store.listed(keys)).only(
            "id", "ma_lk", "version", "settled_at", "review", "submission_id"
        )
    }
    for rec in batch.accepted():
        claim = found.get(batch.keys[rec])
        if claim is not None and (claim.settled_at or claim.review == Claim.Review.REVIEWED):
            when = (
                claim.settled_at or claim.reviews.order_by("-decided_at").values_list("decided_at", flat=True).first()
            )
            batch.errors.append(
                Refusal(
                    claim.ma_lk,
                    "XML1",
                    "MA_LK",
                    _("this record was settled on %(day)s and can no longer be replaced")
                    % {"day": timezone.localtime(when).strftime("%d/%m/%Y") if when else "—"},
                    None,
                    rec,
                )
            )
    return {
        key: claim for key, claim in found.items() if not (claim.settled_at or claim.review == Claim.Review.REVIEWED)
    }


def receive(data: bytes, sender, channel: str = "api", limits: Limits | None = None) -> Submission:
    """Check an envelope sent by `sender` (a facility user: org_code = facility code) and store its valid records.
    The Submission lists what was stored (claims, replaced) and refused (RefusedRecord)."""
    digest = hashlib.sha256(data).hexdigest()
    if Submission.objects.filter(sha256=digest).exists():
        raise EnvelopeRejected([Refusal("", "GIAMDINHHS", "", _("this envelope was already received"))])
    params = params_on(timezone.localdate())
    batch = read_envelope(
        data,
        limits or Limits.from_value(params.raw("health.claims.limits")),
        params.int("health.claims.totals_tolerance"),
    )
    if not batch.accepted():
        raise EnvelopeRejected(batch.errors)
    facility = _facility(batch, sender)
    earlier = _earlier(facility, batch)
    accepted = batch.accepted()
    if not accepted:
        raise EnvelopeRejected(batch.errors)
    return _store(batch, accepted, facility, earlier, sender, channel, digest)


def _refusals(batch: Batch, submission: Submission) -> list[RefusedRecord]:
    return [
        RefusedRecord(
            submission=submission,
            position=rec,
            ma_lk=(batch.keys.get(rec, "") or next((e.ma_lk for e in errors if e.ma_lk), ""))[:100],
            errors=[{k: v for k, v in e.as_dict().items() if k != "record"} for e in errors],
        )
        for rec, errors in sorted(batch.refused().items(), key=lambda item: item[0] or 0)
    ]


@transaction.atomic
def _store(
    batch: Batch, accepted: list[int], facility: Facility, earlier: dict[str, Claim], sender, channel: str, digest: str
) -> Submission:
    replaced = {batch.keys[rec]: earlier[batch.keys[rec]] for rec in accepted if batch.keys[rec] in earlier}
    submission = Submission.objects.create(
        facility=facility,
        prepared_on=batch.prepared_on,
        submitted_by=sender if getattr(sender, "pk", None) else None,
        channel=channel,
        sha256=digest,
        claims=len(accepted),
        records=batch.records,
        replaced=len(replaced),
        refused=batch.records - len(accepted),
    )
    RefusedRecord.objects.bulk_create(_refusals(batch, submission))
    claim_store.keep_versions(list(replaced.values()))
    ids = claim_store.ids_for(accepted, batch.keys, replaced, next_id(Claim))
    claims = claim_store.claim_frame(batch, accepted, ids, replaced, submission, facility)
    new = claims.filter(~pl.col("ma_lk").is_in(list(replaced)))
    bulk_insert(Claim, claim_store.CLAIM_COLUMNS, new)
    if replaced:
        update_from_frame(
            Claim,
            [c for c in claim_store.CLAIM_COLUMNS if c != "id"],
            claims.filter(pl.col("ma_lk").is_in(list(replaced))),
        )
    lines = claim_store.line_frame(batch, ids)
    if lines.height:
        bulk_insert(ClaimLine, claim_store.LINE_COLUMNS, lines)
    details = claim_store.detail_frame(batch, ids)
    if details.height:
        bulk_insert(ClaimDetail, ["claim_id", "table", "position", "fields"], details)
    reset_sequence(Claim)
    audit.record_batch(
        "health.submission",
        submission.pk,
        f"{facility.code}: {submission.records} records, {submission.claims} stored "
        f"({submission.replaced} replacing an earlier version), {submission.refused} refused ({channel})",
    )
    return submission
