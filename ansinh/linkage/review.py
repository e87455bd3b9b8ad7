"""The review queue's decisions: accept or reject proposed corrections one by one, all of a finding's,
or in bulk above a probability; choose among an ambiguous record's candidates. Each decision is one
transaction; accepting twice changes nothing the second time."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.geo.models import Commune
from ansinh.linkage import rules
from ansinh.linkage.models import Candidate, Correction, Finding, Outcome
from ansinh.registry.models import Person

_PERSON_FIELD = {
    "cccd": "cccd",
    "full_name": "full_name",
    "birth_date": "birth_date",
    "sex": "sex",
    "commune_code": "commune",
}


def _current(person: Person, field: str) -> str:
    if field == "commune_code":
        return person.commune.code
    if field == "birth_date":
        return person.birth_date.isoformat()
    return getattr(person, field) or ""


def _assign(person: Person, field: str, value: str) -> None:
    if field == "commune_code":
        person.commune = Commune.objects.get(code=value)
    elif field == "birth_date":
        person.birth_date = dt.date.fromisoformat(value)
    else:
        setattr(person, field, value)


def _check_cccd_free(person: Person, cccd: str) -> None:
    holder = Person.objects.filter(cccd=cccd).exclude(pk=person.pk).first()
    if holder is not None:
        raise DomainError.one(
            "cccd",
            _("CCCD %(cccd)s is already recorded for SI number %(si)s; settle that record first.")
            % {"cccd": holder.masked_cccd, "si": holder.si_number},
            "cccd_taken",
        )


def _refresh_status(finding: Finding) -> None:
    statuses = set(finding.corrections.values_list("status", flat=True))
    if statuses and Correction.Status.PROPOSED not in statuses:
        finding.status = Finding.Status.RESOLVED if Correction.Status.ACCEPTED in statuses else Finding.Status.DISMISSED
        finding.save(update_fields=["status"])


def _decide(correction: Correction, status: str, by_user) -> None:
    correction.status = status
    correction.decided_by = by_user if getattr(by_user, "pk", None) else None
    correction.decided_at = timezone.now()
    correction.save(update_fields=["status", "decided_by", "decided_at"])


def accept(correction_id: int, by_user=None) -> Correction:
    with transaction.atomic(), _actor(by_user):
        correction = (
            Correction.objects.select_for_update().select_related("finding__person__commune").get(pk=correction_id)
        )
        if correction.status == Correction.Status.ACCEPTED:
            return correction
        if correction.status == Correction.Status.REJECTED:
            raise DomainError.one(
                "status", _("This correction was rejected; it cannot be accepted."), "already_decided"
            )
        person = correction.finding.person
        current = _current(person, correction.field)
        if current not in (correction.old_value, correction.new_value):
            raise DomainError.one(
                correction.field,
                _("The registry changed since the reconciliation (now %(value)s); run it again.") % {"value": current},
                "stale",
            )
        if current != correction.new_value:
            if correction.field == "cccd":
                _check_cccd_free(person, correction.new_value)
            _assign(person, correction.field, correction.new_value)
            person.save(update_fields=[_PERSON_FIELD[correction.field]])  # audited by the change signal
        _decide(correction, Correction.Status.ACCEPTED, by_user)
        _refresh_status(correction.finding)
        return correction


def reject(correction_id: int, by_user=None) -> Correction:
    with transaction.atomic(), _actor(by_user):
        correction = Correction.objects.select_for_update().select_related("finding").get(pk=correction_id)
        if correction.status == Correction.Status.PROPOSED:
            _decide(correction, Correction.Status.REJECTED, by_user)
            _refresh_status(correction.finding)
        return correction


def accept_finding(finding_id: int, by_user=None) -> int:
    """Accept every proposed correction of one finding; returns how many were accepted now."""
    ids = list(
        Correction.objects.filter(finding_id=finding_id, status=Correction.Status.PROPOSED).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for pk in ids:
            accept(pk, by_user)
    return len(ids)


def accept_above(run, min_probability: float, by_user=None) -> dict:
    """Accept the proposed corrections of every open match at or above `min_probability`, finding by
    finding; a finding that cannot be applied (a CCCD held by another record, a stale value) is left open
    and counted. One batch audit event names the run, the threshold and the counts."""
    findings = list(
        Finding.objects.filter(
            run=run, outcome=Outcome.MATCH, status=Finding.Status.OPEN, match_probability__gte=min_probability
        ).values_list("pk", flat=True)
    )
    done, skipped = 0, 0
    with _actor(by_user):
        for pk in findings:
            try:
                done += accept_finding(pk, by_user) and 1
            except DomainError:
                skipped += 1
        audit.record_batch(
            "linkage.reconciliationrun",
            run.pk,
            f"bulk acceptance at ≥ {min_probability:.2%}",
            {"findings_accepted": done, "findings_skipped": skipped, "min_probability": min_probability},
        )
    return {"accepted": done, "skipped": skipped}


def choose_candidate(finding_id: int, candidate_id: int, by_user=None) -> Finding:
    """An officer says which of an ambiguous (or not found) record's candidates is the person: the
    corrections towards that candidate are proposed, to be accepted like any other."""
    with transaction.atomic(), _actor(by_user):
        finding = Finding.objects.select_for_update().select_related("person__commune").get(pk=finding_id)
        candidate = Candidate.objects.get(pk=candidate_id, finding=finding)
        if finding.status != Finding.Status.OPEN or finding.outcome == Outcome.MATCH:
            raise DomainError.one(
                "finding", _("Only an open ambiguous or not-found record can be matched by hand."), "not_open"
            )
        registry = {f: _current(finding.person, f) for f in rules.CORRECTABLE_FIELDS}
        extract = {f: getattr(candidate, f) for f in rules.CORRECTABLE_FIELDS}
        for field, (old, new) in rules.corrections(registry, extract).items():
            Correction.objects.create(finding=finding, candidate=candidate, field=field, old_value=old, new_value=new)
        finding.outcome, finding.method = Outcome.MATCH, "officer"
        finding.match_probability = candidate.match_probability
        finding.save(update_fields=["outcome", "method", "match_probability"])
        _refresh_status(finding)
        if not finding.corrections.exists():
            finding.status = Finding.Status.RESOLVED
            finding.save(update_fields=["status"])
        return finding


def dismiss(finding_id: int, by_user=None) -> Finding:
    """Close a finding without changing the registry (e.g. the person is not in the extract)."""
    with transaction.atomic(), _actor(by_user):
        finding = Finding.objects.select_for_update().get(pk=finding_id)
        for correction in finding.corrections.filter(status=Correction.Status.PROPOSED):
            _decide(correction, Correction.Status.REJECTED, by_user)
        finding.status = Finding.Status.DISMISSED
        finding.save(update_fields=["status"])
        return finding


def _actor(by_user):
    """Act as `by_user` unless a request or command already named who acts (and from where)."""
    if by_user is not None and audit.current_actor().user is None:
        return audit.acting_as(by_user)
    return contextlib.nullcontext()
