"""Messages to the applicant at each step, by e-mail and SMS through ansinh.core.notify."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from ansinh.core.notify import Message, notify

MESSAGES = {
    "received": gettext_noop("Dossier %(code)s (%(procedure)s) was received. Result due by %(due)s."),
    "in_progress": gettext_noop("Dossier %(code)s is being processed."),
    "info_requested": gettext_noop("Dossier %(code)s needs more information: %(note)s"),
    "approved": gettext_noop("Dossier %(code)s was approved."),
    "refused": gettext_noop("Dossier %(code)s was refused: %(note)s"),
    "delivered_post": gettext_noop("The result of dossier %(code)s was sent by post, tracking number %(tracking)s."),
    "delivered_counter": gettext_noop("The result of dossier %(code)s was handed over at the counter."),
    "post_delivered": gettext_noop("The post delivered the result of dossier %(code)s."),
    "post_failed": gettext_noop(
        "The post could not deliver the result of dossier %(code)s (%(tracking)s). "
        "The agency will contact you to send it again."
    ),
}


def contact_of(dossier) -> tuple[str, str]:
    person, employer = dossier.person, dossier.employer
    email = dossier.contact_email or (employer.email if employer else "") or (person.email if person else "")
    phone = dossier.contact_phone or (employer.phone if employer else "") or (person.phone if person else "")
    return email, phone


def tell_applicant(dossier, event: str) -> None:
    """SMS and e-mail to the contact given, and a copy in the inbox of the person the dossier is about."""
    email, phone = contact_of(dossier)
    account = dossier.person.user if dossier.person and dossier.person.user_id else None
    if not (email or phone or account):
        return
    values = {
        "code": dossier.receipt_code,
        "procedure": dossier.procedure.name,
        "due": f"{dossier.due_on:%d/%m/%Y}",
        "note": dossier.decision_note,
        "tracking": dossier.tracking_ref,
    }
    message = Message(
        "dossier",
        gettext_noop("Dossier %(code)s"),
        MESSAGES[event],
        values,
        link=reverse("services:dossier", args=[dossier.receipt_code]),
    )
    with translation.override("vi"):  # citizens get Vietnamese messages
        notify(email=email, phone=phone, message=message, user=account)
