"""A patient's history as a card check shows it: visits (claims received, and check-ins of visits not yet claimed)
and the checks made at facilities. Read-only queries over claims and check-ins; nothing here writes."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ansinh.health.models import CheckIn, Claim, Diagnosis, EligibilityCheck


def visits(person_id: int, since: dt.date, limit: int) -> list[dict]:
    """Visits from `since`, newest first: the claims, then admissions announced by check-in and not yet claimed."""
    # a moment, not `admitted__date`: a cast per row would keep the (person, admitted) index from being used
    start = timezone.make_aware(dt.datetime.combine(since, dt.time()))
    claims = list(Claim.objects.filter(person_id=person_id, admitted__gte=start).order_by("-admitted")
                  .values("id", "ma_lk", "facility__code", "facility__name", "admitted", "discharged", "diagnosis", "patient_kind")[:limit])
    names = dict(Diagnosis.objects.filter(code__in={c["diagnosis"] for c in claims}).values_list("code", "name_vi"))
    rows = [{"record": str(c["id"]), "facility_code": c["facility__code"], "facility_name": c["facility__name"],
             "admitted": c["admitted"], "discharged": c["discharged"],
             "diagnosis": " - ".join(part for part in (c["diagnosis"], names.get(c["diagnosis"], "")) if part),
             "patient_kind": c["patient_kind"]} for c in claims]
    claimed = {(c["facility__code"], c["ma_lk"]) for c in claims}
    open_visits = (CheckIn.objects.filter(person_id=person_id, admitted__gte=start).order_by("-admitted", "stt")
                   .values("ma_lk", "facility__code", "facility__name", "admitted", "patient_kind")[:limit])
    for visit in open_visits:
        key = (visit["facility__code"], visit["ma_lk"])
        if key not in claimed:
            claimed.add(key)
            rows.append({"record": "", "facility_code": key[0], "facility_name": visit["facility__name"], "admitted": visit["admitted"],
                         "discharged": None, "diagnosis": "", "patient_kind": visit["patient_kind"]})
    return sorted(rows, key=lambda r: r["admitted"], reverse=True)[:limit]


def checks(person_id: int, limit: int) -> list[dict]:
    """The last checks of this person's card at any facility, newest first (who checked, when, and the result)."""
    rows = (EligibilityCheck.objects.filter(person_id=person_id).order_by("-at", "-id")
            .values("at", "facility_code", "result_code", "user__username", "user__gateway_account__username")[:limit])
    return [{"at": r["at"], "facility_code": r["facility_code"],
             "account": r["user__gateway_account__username"] or r["user__username"] or r["facility_code"],
             "result_code": r["result_code"]} for r in rows]
