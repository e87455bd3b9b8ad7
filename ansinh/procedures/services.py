"""The public use cases of services: other apps call these, and only these; they are this app's public contract."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.utils import timezone, translation

from ansinh.core.periods import Period
from ansinh.core.roles import Role
from ansinh.procedures.integrations import portal
from ansinh.procedures.models import Dossier, FilingChannel, ResultDelivery, State
from ansinh.procedures.workflow import move, record_delivery, submit  # noqa: F401 — the app's public API, re-exported

OPEN_STATES = (State.RECEIVED, State.IN_PROGRESS, State.INFO_REQUESTED)


def _row(dossier: Dossier, today: dt.date) -> dict:
    return {
        "receipt_code": dossier.receipt_code,
        "procedure": dossier.procedure.name,
        "procedure_title": dossier.procedure.title,
        "state": dossier.state,
        "received_on": dossier.received_on,
        "due_on": dossier.due_on,
        "overdue": dossier.is_overdue(today),
    }


def dossiers_for(person=None, employer=None) -> list[dict]:
    """A person's dossiers (filed by them or by their employer for them) or a unit's dossiers, newest first."""
    if person is None and employer is None:
        return []
    query = Dossier.objects.select_related("procedure")
    query = query.filter(person=person) if person is not None else query.filter(employer=employer)
    today = timezone.localdate()
    return [_row(d, today) for d in query.order_by("-received_on", "-id")]


def dossier_status(receipt_code: str, cccd: str) -> dict | None:
    """The public look-up: the receipt code with the applicant's CCCD (or the unit's tax code). No login."""
    code, key = (receipt_code or "").strip().upper(), (cccd or "").strip()
    if not code or not key:
        return None
    dossier = (
        Dossier.objects.select_related("procedure")
        .filter(receipt_code=code)
        .filter(Q(person__cccd=key) | Q(employer__tax_code=key))
        .first()
    )
    if dossier is None:
        return None
    row = _row(dossier, timezone.localdate())
    row.update(
        {
            "procedure_en": dossier.procedure.name_en,
            "finished_on": dossier.finished_on,
            "delivery": dossier.delivery,
            "tracking_ref": dossier.tracking_ref,
            "delivered_on": dossier.delivered_on,
            "note": dossier.decision_note if dossier.state in (State.INFO_REQUESTED, State.REFUSED) else "",
        }
    )
    return row


def dossier_kpis(period: str) -> list[dict]:
    """Per commune for one month: received, received electronically, decided, decided on time, returned by
    post (of those decided), and overdue (decided late in the month, or still open past due at its end)."""
    month = Period.parse(period)
    first, last = month.first_day, month.last_day
    in_month = Q(received_on__range=(first, last))
    finished = Q(finished_on__range=(first, last))
    late_at_end = Q(received_on__lte=last, due_on__lt=last) & (Q(finished_on__isnull=True) | Q(finished_on__gt=last))
    rows = (
        Dossier.objects.filter(in_month | finished | late_at_end)
        .values(commune_code=F("commune__code"), area_code=F("commune__area__code"))
        .annotate(
            received=Count("id", filter=in_month),
            electronic=Count("id", filter=in_month & Q(channel=FilingChannel.ONLINE)),
            finished=Count("id", filter=finished),
            by_post=Count("id", filter=finished & Q(delivery=ResultDelivery.POST)),
            on_time=Count("id", filter=finished & Q(finished_on__lte=F("due_on"))),
            overdue=Count("id", filter=(finished & Q(finished_on__gt=F("due_on"))) | late_at_end),
        )
        .order_by("area_code", "commune_code")
    )
    keys = ("area_code", "commune_code", "received", "electronic", "by_post", "finished", "on_time", "overdue")
    return [{k: r[k] for k in keys} for r in rows]


def queue_for(user, today: dt.date | None = None, overdue_only: bool = False):
    """Open dossiers this staff member's role acts on next, the most urgent first."""
    query = Dossier.objects.filter(state__in=OPEN_STATES).select_related("procedure", "person", "employer", "commune")
    if not user.is_superuser:
        mine = Q(procedure__handling_role=user.role, state=State.IN_PROGRESS)
        if user.role == Role.SERVICE_DESK:
            mine |= Q(state__in=(State.RECEIVED, State.INFO_REQUESTED))
        query = query.filter(mine)
    if overdue_only:
        query = query.filter(due_on__lt=today or timezone.localdate()).exclude(state=State.INFO_REQUESTED)
    return query.order_by("due_on", "id")


def awaiting_delivery():
    return (
        Dossier.objects.filter(state__in=(State.APPROVED, State.REFUSED), delivered_on__isnull=True)
        .exclude(delivery=ResultDelivery.ONLINE)
        .select_related("procedure", "person", "employer")
        .order_by("finished_on", "id")
    )


def report_question_to_portal(**question) -> None:
    """Queue an answered question for the national portal (DongBoHoiDap); see integrations.portal."""
    with translation.override("vi"):
        portal.report_question(**{k: str(v) if k == "field" else v for k, v in question.items()})


def report_rating_to_portal(**rating) -> None:
    """Queue a rating for the national portal (DongBoDanhGia)."""
    portal.report_rating(**rating)
