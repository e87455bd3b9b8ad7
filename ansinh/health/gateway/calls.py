"""Every gateway call in the audit log: which account and facility, from where, which service, the result, and for a
card check the receptionist's name and CCCD (masked) and the patient concerned."""

from __future__ import annotations

from ansinh.core import audit
from ansinh.core.ids import mask_cccd


def actor(request, session=None) -> audit.Actor:
    """The gateway account's machine user, labelled with the account's username."""
    base = audit.actor_from_request(request)
    if session is None:
        return base
    return audit.Actor(user=session.user, label=session.username, ip=base.ip, path=base.path)


def record(
    request,
    session,
    action: str,
    service: str,
    result: str,
    summary: str = "",
    object_type: str = "health.gateway",
    object_id="",
    receptionist: tuple[str, str] | None = None,
    **details,
) -> None:
    changes = {"service": service, "result": result, **details}
    if session is not None:
        changes["facility"] = session.facility_code
    if receptionist is not None:
        name, cccd = receptionist
        changes["receptionist"] = {"name": name, "cccd": mask_cccd(cccd) if len(cccd) == 12 else "…"}
        summary = f"{summary} by {name or '?'} ({changes['receptionist']['cccd']})"
    audit.record(
        action, object_type, object_id, f"{service} {result}: {summary}".strip(), changes, actor=actor(request, session)
    )
